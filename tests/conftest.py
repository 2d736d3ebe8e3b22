"""Shared fixtures: scratch databases on the test servers, and small batches for all 57 tables.

The servers default to the development machine's (PostgreSQL on 127.0.0.1:5432 as `postgres`,
MariaDB on 127.0.0.1:3306 as `root`); `DENTAL_TEST_POSTGRES_URL` / `DENTAL_TEST_MYSQL_URL` point
elsewhere. A test that needs an unreachable server is skipped, except under `CI=true`, where a
missing server is a broken pipeline and fails the test.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import replace

import numpy as np
import psycopg
import pyarrow as pa
import pymysql
import pytest

from dental_analytics.opendental.schema import TABLES, Column, Table
from dental_analytics.synthetic.frame import Frame
from dental_analytics.warehouse.url import Target, parse_target

Batch = dict[str, pa.Table]

# Per kind: row 0 holds OpenDental's "nothing here" values, the others ordinary and awkward ones.
_INTEGERS = [0, 1, 7]
_BIGINTS = [0, 42, 2**53 + 1]  # 2**53 + 1 is not a float: catches a detour through doubles
_FLOATS = [0.0, 1.25, -1234.5678]
_DATES = np.array(["0001-01-01", "2024-02-29", "1999-12-31"], dtype="datetime64[D]")
_DATETIMES = np.array(
    ["0001-01-01T00:00:00", "2024-02-29T13:45:10", "2023-12-31T23:59:59.123456"],
    dtype="datetime64[us]",
)
_DURATIONS = np.array([0, 5_400_000_000, -8_100_000_000], dtype="timedelta64[us]")  # 0, 1:30, -2:15
_TRICKY_TEXT = "O'Brien, \"Jr\" \\N é\nNULL"
_STRINGS = ["", "a", _TRICKY_TEXT]
STAMPS = np.array(
    ["2024-01-01T08:00:00", "2024-06-30T12:00:00", "2025-01-15T17:30:05"], dtype="datetime64[us]"
)
LATEST_STAMP = dt.datetime(2025, 1, 15, 17, 30, 5)


def _max_length(column: Column) -> int | None:
    if "(" in column.ddl_type and column.kind == "string":
        return int(column.ddl_type.split("(")[1].split(")")[0])
    return None


def _values(table: Table, column: Column, rows: int, first_key: int) -> object:
    pick = [i % 3 for i in range(rows)]
    if column.name in table.primary_key:
        return np.arange(first_key, first_key + rows, dtype=np.int64)
    if column.kind == "integer":
        pool = _BIGINTS if column.base_type == "bigint" else _INTEGERS
        return np.array([pool[i] for i in pick], dtype=np.int64)
    if column.kind == "float":
        return np.array([_FLOATS[i] for i in pick])
    if column.kind == "date":
        return _DATES[pick]
    if column.kind == "timestamp":
        return _DATETIMES[pick]
    if column.kind == "time":
        return _DURATIONS[pick]
    limit = _max_length(column)
    return pa.array([_STRINGS[i][:limit] for i in pick], pa.string())


def sample_table(name: str, rows: int = 3, first_key: int = 1) -> pa.Table:
    """`rows` rows of table `name` in the raw shape, keys from `first_key`, built with `Frame`."""
    table = TABLES[name]
    frame = Frame(name, rows)
    for column in table.columns:
        if column.is_row_timestamp or "TimeStamp" in column.special:
            continue
        frame[column.name] = _values(table, column, rows, first_key)
    frame.stamp(STAMPS[[i % 3 for i in range(rows)]])
    return frame.to_arrow()


def sample_tables(rows: int = 3, first_key: int = 1) -> Batch:
    """`sample_table(name, rows, first_key)` for each of the 57 tables."""
    return {name: sample_table(name, rows, first_key) for name in TABLES}


def split_batches(rows: int = 3, omit: tuple[str, ...] = ()) -> list[Batch]:
    """`sample_tables(rows)` as two batches (the first row, then the rest), without `omit`."""
    whole = {name: data for name, data in sample_tables(rows).items() if name not in omit}
    return [
        {name: data.slice(0, 1) for name, data in whole.items()},
        {name: data.slice(1) for name, data in whole.items()},
    ]


@pytest.fixture
def make_batches() -> Callable[..., list[Batch]]:
    """`split_batches`, for tests that cannot import from conftest."""
    return split_batches


@pytest.fixture
def make_tables() -> Callable[..., Batch]:
    """`sample_tables`, for tests that cannot import from conftest."""
    return sample_tables


def _unreachable(server: str, error: Exception) -> None:
    message = f"{server} is not reachable: {str(error).splitlines()[0] if str(error) else error}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: the test servers must be up)")
    pytest.skip(message)


def _scratch_name() -> str:
    return f"dental_test_{secrets.token_hex(4)}"


@pytest.fixture(scope="module")
def postgres_target() -> Iterator[Target]:
    """A fresh, empty PostgreSQL database for one test module, dropped afterwards."""
    server = parse_target(
        os.environ.get("DENTAL_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    try:
        admin = psycopg.connect(
            host=server.host,
            port=server.port,
            user=server.user,
            password=server.password,
            dbname=server.database,
            connect_timeout=5,
            autocommit=True,
        )
    except psycopg.Error as error:
        _unreachable(f"PostgreSQL at {server.host}:{server.port}", error)
        raise
    name = _scratch_name()
    with admin:
        admin.execute(f'create database "{name}"')
        try:
            yield replace(server, database=name)
        finally:
            admin.execute(f'drop database if exists "{name}" with (force)')


@pytest.fixture(scope="module")
def postgres_url(postgres_target: Target) -> str:
    """The URL of `postgres_target` (what a user would pass to `--to`)."""
    t = postgres_target
    password = f":{t.password}" if t.password else ""
    return f"postgresql://{t.user}{password}@{t.host}:{t.port}/{t.database}"


@pytest.fixture(scope="module")
def mariadb_target() -> Iterator[Target]:
    """A fresh MariaDB database name for one test module, dropped afterwards (created by use)."""
    server = parse_target(
        os.environ.get("DENTAL_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/mysql")
    )
    try:
        admin = pymysql.connect(
            host=server.host,
            port=server.port or 3306,
            user=server.user,
            password=server.password or "",
            connect_timeout=5,
            autocommit=True,
        )
    except pymysql.MySQLError as error:
        _unreachable(f"MariaDB at {server.host}:{server.port}", error)
        raise
    name = _scratch_name()
    try:
        yield replace(server, database=name)
    finally:
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        admin.close()


@pytest.fixture(scope="module")
def mariadb_url(mariadb_target: Target) -> str:
    """The URL of `mariadb_target`."""
    t = mariadb_target
    password = f":{t.password}" if t.password else ""
    return f"mysql://{t.user}{password}@{t.host}:{t.port}/{t.database}"
