"""Shared fixtures: a scratch database per test module on the PostgreSQL and MariaDB servers.

The servers default to the development machine's (PostgreSQL on 127.0.0.1:5432 as `postgres`,
MariaDB on 127.0.0.1:3306 as `root`); `DENTAL_TEST_POSTGRES_URL` / `DENTAL_TEST_MYSQL_URL` point
elsewhere. A test that needs an unreachable server is skipped, except under `CI=true`, where a
missing server is a broken pipeline and fails the test.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from urllib.parse import quote

import psycopg
import pymysql
import pytest

from dental_analytics.warehouse.url import parse_target

if TYPE_CHECKING:
    from dental_analytics.dbt import BuildSummary

AS_OF = dt.date(2026, 11, 24)  # the as-of date of every generated practice in the tests


def _unreachable(server: str, error: Exception) -> None:
    """Skip the test (fail it under CI=true): `server` could not be reached."""
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    message = f"{server} is not reachable: {reason}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: the test servers must be up)")
    pytest.skip(message)


def _scratch_name() -> str:
    return f"dental_test_{secrets.token_hex(4)}"


def _server_url(kind: str, user: str, password: str | None, host: str, port: int, db: str) -> str:
    secret = f":{quote(password, safe='')}" if password else ""
    host_part = f"[{host}]" if ":" in host else host
    return f"{kind}://{quote(user, safe='')}{secret}@{host_part}:{port}/{db}"


@contextmanager
def _postgres_database(template: str | None = None) -> Iterator[str]:
    """A fresh PostgreSQL database `dental_test_<random>` (a copy of the database `template`,
    whose connections are closed first), dropped (with any connections left to it) when the
    block ends."""
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
        if template:
            admin.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = %s",
                (template,),
            )
        admin.execute(f'create database "{name}"' + (f' template "{template}"' if template else ""))
        try:
            yield _server_url(
                "postgresql",
                server.user or "postgres",
                server.password,
                server.host or "localhost",
                server.port or 5432,
                name,
            )
        finally:
            admin.execute(f'drop database if exists "{name}" with (force)')


@contextmanager
def postgres_copy(url: str) -> Iterator[str]:
    """A scratch copy of the PostgreSQL database at `url` (for a test that changes it)."""
    with _postgres_database(template=parse_target(url).database) as copy:
        yield copy


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """The URL of a fresh PostgreSQL database for one test module."""
    with _postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def built_postgres(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, BuildSummary]]:
    """A PostgreSQL warehouse of the scale-1 practice, built once per test run (`dental build`'s
    library call), and its build summary: shared by the build test and the API tests. dbt's
    artifacts go to a folder of their own (`summary.artifacts`), so later builds in the run
    cannot overwrite them."""
    from dental_analytics.api.builds import record_build
    from dental_analytics.dbt import build
    from dental_analytics.synthetic.generate import generate
    from dental_analytics.warehouse.load import load_raw

    with _postgres_database() as url:
        target = parse_target(url)
        load_raw(target, generate(1, 42, AS_OF), source="test", as_of=AS_OF)
        started = dt.datetime.now(dt.UTC)
        before = os.environ.get("DBT_TARGET_PATH")
        os.environ["DBT_TARGET_PATH"] = str(tmp_path_factory.mktemp("postgres_build"))
        try:
            summary = build(target)
        finally:
            if before is None:
                del os.environ["DBT_TARGET_PATH"]
            else:
                os.environ["DBT_TARGET_PATH"] = before
        record_build(target, summary, started)
        yield url, summary


@pytest.fixture(scope="module")
def mariadb_url() -> Iterator[str]:
    """The URL of a fresh MariaDB database `dental_test_<random>` for one test module.

    The database is dropped when the module is done.
    """
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
        with admin.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8")
        yield _server_url(
            "mysql",
            server.user or "root",
            server.password,
            server.host or "localhost",
            server.port or 3306,
            name,
        )
    finally:
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        admin.close()
