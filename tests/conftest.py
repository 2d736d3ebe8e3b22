"""Shared fixtures: a scratch database per test module on the PostgreSQL and MariaDB servers,
and the PostgreSQL warehouse built once per test run.

The tests run in parallel workers (pytest-xdist): what is built once per run is built by the
first worker that needs it, under a file lock in the run's shared temporary folder, and the
others reuse it; the controller drops it when every worker is done.

The servers default to the development machine's (PostgreSQL on 127.0.0.1:5432 as `postgres`,
MariaDB on 127.0.0.1:3306 as `root`); `DENTAL_TEST_POSTGRES_URL` / `DENTAL_TEST_MYSQL_URL` point
elsewhere. A test that needs an unreachable server is skipped, except under `CI=true`, where a
missing server is a broken pipeline and fails the test.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import psycopg
import pymysql
import pytest
from filelock import FileLock

from dental_analytics.warehouse.url import parse_target

if TYPE_CHECKING:
    from dental_analytics.dbt import BuildSummary
    from dental_analytics.warehouse.url import Target

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


def _postgres_server() -> tuple[Target, psycopg.Connection]:
    """The test PostgreSQL server and an autocommit connection to it (skipped, or failed under
    CI=true, when it cannot be reached)."""
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
    return server, admin


def _postgres_url(server: Target, name: str) -> str:
    return _server_url(
        "postgresql",
        server.user or "postgres",
        server.password,
        server.host or "localhost",
        server.port or 5432,
        name,
    )


@contextmanager
def _postgres_database(template: str | None = None) -> Iterator[str]:
    """A fresh PostgreSQL database `dental_test_<random>` (a copy of the database `template`,
    which no one may be connected to), dropped (with any connections left to it) when the block
    ends."""
    server, admin = _postgres_server()
    name = _scratch_name()
    with admin:
        admin.execute(f'create database "{name}"' + (f' template "{template}"' if template else ""))
        try:
            yield _postgres_url(server, name)
        finally:
            admin.execute(f'drop database if exists "{name}" with (force)')


def _run_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder every worker of this test run shares (the controller's)."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


BUILT_POSTGRES = "built_postgres"  # its folder in the run's folder: its URL, summary and lock
PRISTINE = "_pristine"  # the built warehouse's untouched copy, the template of `postgres_copy`


@contextmanager
def postgres_copy(url: str) -> Iterator[str]:
    """A scratch copy of the built PostgreSQL warehouse at `url` (`built_postgres`), for a test
    that changes it: copied from its pristine twin, which no test connects to (a template must
    have no connections, and the built warehouse has the other workers' API tests)."""
    with _postgres_database(template=parse_target(url).database + PRISTINE) as copy:
        yield copy


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """The URL of a fresh PostgreSQL database for one test module."""
    with _postgres_database() as url:
        yield url


@pytest.fixture(scope="session")
def built_postgres(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, BuildSummary]:
    """A PostgreSQL warehouse of the scale-1 practice, built once per test run (`dental build`'s
    library call), and its build summary: shared by the build test and the API tests. dbt's
    artifacts go to a folder of their own (`summary.artifacts`), so later builds in the run
    cannot overwrite them. Dropped by the controller at the end of the run."""
    folder = _run_folder(tmp_path_factory) / BUILT_POSTGRES
    folder.mkdir(exist_ok=True)
    with FileLock(folder / "lock"):
        if (folder / "summary.pickle").is_file():
            built: tuple[str, BuildSummary] = pickle.loads((folder / "summary.pickle").read_bytes())
            return built
        from dental_analytics.api.builds import record_build
        from dental_analytics.dbt import build
        from dental_analytics.synthetic.generate import generate
        from dental_analytics.warehouse.load import load_raw

        server, admin = _postgres_server()
        name = _scratch_name()
        (folder / "database").write_text(name)
        with admin:
            admin.execute(f'create database "{name}"')
        url = _postgres_url(server, name)
        target = parse_target(url)
        load_raw(target, generate(1, 42, AS_OF), source="test", as_of=AS_OF)
        started = dt.datetime.now(dt.UTC)
        before = os.environ.get("DBT_TARGET_PATH")
        os.environ["DBT_TARGET_PATH"] = str(folder / "target")
        try:
            summary = build(target)
        finally:
            if before is None:
                del os.environ["DBT_TARGET_PATH"]
            else:
                os.environ["DBT_TARGET_PATH"] = before
        record_build(target, summary, started)
        with _postgres_server()[1] as admin:  # the build's own connections, if any are left
            admin.execute(
                "select pg_terminate_backend(pid) from pg_stat_activity where datname = %s", (name,)
            )
            admin.execute(f'create database "{name}{PRISTINE}" template "{name}"')
        (folder / "summary.pickle").write_bytes(pickle.dumps((url, summary)))
        return url, summary


# The run's longest test (three nights of extract, build and docs, several minutes) starts first
# on the second worker. pytest-xdist's worksteal hands each worker a contiguous share of the
# collection, in order, and steals from the end of a share: in its place in the collection it
# started late on the first worker and ran alone at the end of the run.
FIRST_ON_SECOND_WORKER = "tests/integration/test_refresh.py::"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    moved = [item for item in items if item.nodeid.startswith(FIRST_ON_SECOND_WORKER)]
    if workers < 2 or not moved:
        return
    rest = [item for item in items if not item.nodeid.startswith(FIRST_ON_SECOND_WORKER)]
    first_share = len(items) // workers  # what worksteal sends the first worker
    items[:] = rest[:first_share] + moved + rest[first_share:]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """The controller (or a run without workers) drops the built PostgreSQL warehouse."""
    if hasattr(session.config, "workerinput"):
        return
    factory = session.config._tmp_path_factory  # type: ignore[attr-defined]
    name_file = factory.getbasetemp() / BUILT_POSTGRES / "database"
    if not name_file.is_file():
        return
    name = name_file.read_text()
    _server, admin = _postgres_server()
    with admin:
        for database in (name, name + PRISTINE):
            admin.execute(f'drop database if exists "{database}" with (force)')


def mysql(
    target: Target, sql: str, params: tuple[Any, ...] = (), *, mode: str | None = None
) -> list[tuple[Any, ...]]:
    """Run `sql` on the MariaDB database of `target` (UTC session time zone, as the extractor
    reads stamps; `mode` sets the session's sql_mode) and return its rows."""
    conn = pymysql.connect(
        host=target.host,
        port=target.port or 3306,
        user=target.user,
        password=target.password or "",
        database=target.database,
        autocommit=True,
        charset="utf8mb4",
    )
    try:
        with conn.cursor() as cur:
            cur.execute("SET SESSION time_zone = '+00:00'")  # as the extractor reads stamps
            if mode is not None:
                cur.execute("SET SESSION sql_mode = %s", (mode,))
            cur.execute(sql, params or None)
            return list(cur.fetchall())
    finally:
        conn.close()


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
