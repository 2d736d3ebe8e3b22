"""The API's read-only view of the warehouse's marts (DuckDB or PostgreSQL), one build at a time.

Every request reads through one `Snapshot`, which holds one complete build from its first query
to its last while `dental build` makes the next one (DESIGN.md, "Serving"; `warehouse.versions`):

- DuckDB: the warehouse path is a pointer to the current version of the file. A snapshot leases
  the version the pointer leads to when the request starts, from one read-only connection per
  version; when the pointer moves, new requests open the new version and the old connection is
  closed once its last request has finished.
- PostgreSQL: a snapshot is one read-only transaction that holds an advisory lock (shared) which
  the build's swap of `marts` takes exclusively: a swap waits for the requests reading the old
  marts, and requests that start during the swap wait for it (milliseconds).

A warehouse that is missing, not yet built or unreachable raises `WarehouseUnavailableError`
(the API answers 503), never a driver error.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dental_analytics.warehouse.query import duckdb_placeholders
from dental_analytics.warehouse.url import Target
from dental_analytics.warehouse.versions import MARTS_LOCK

if TYPE_CHECKING:
    import duckdb
    import psycopg
    from psycopg_pool import ConnectionPool

log = logging.getLogger(__name__)

_BUILD_SQL = "select build_id, as_of_date, built_at from marts.mart_build"
_NOT_BUILT = "the warehouse has not been built yet: run `dental build`"


class WarehouseUnavailableError(Exception):
    """The marts cannot be read: not built yet, missing, or the server is down."""


@dataclass(frozen=True)
class BuildInfo:
    """The build the marts were made by (`marts.mart_build`)."""

    build_id: str
    as_of: dt.date
    built_at: dt.datetime | None


class Snapshot:
    """One request's reads, all from the same build."""

    def __init__(self, build: BuildInfo | None = None) -> None:
        self._build = build

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one read-only statement with `%s` placeholders; all its rows."""
        try:
            return self._fetch(sql, params)
        except Exception as error:
            raise _unavailable(error) from None

    def build_info(self) -> BuildInfo:
        """The build this snapshot reads; 503 when the warehouse has none."""
        if self._build is None:
            self._build = self._read_build()
        return self._build

    def _read_build(self) -> BuildInfo:
        return _build_info(self.fetch(_BUILD_SQL))

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        raise NotImplementedError


class Warehouse:
    def __init__(self, target: Target) -> None:
        if target.kind not in ("duckdb", "postgresql"):
            raise ValueError(f"{target.display} is not a warehouse")
        self.target = target
        self._lock = threading.Lock()
        self._version: _DuckDBVersion | None = None
        self._pool: ConnectionPool[Any] | None = None

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """The current build, held until the block ends."""
        if self.target.kind == "duckdb":
            version = self._lease_duckdb()
            snapshot = _DuckDBSnapshot(version)
            try:
                yield snapshot
            finally:
                snapshot.close()
                self._release_duckdb(version)
        else:
            with self._postgres_transaction() as conn:
                yield _PostgresSnapshot(conn)

    def close(self) -> None:
        with self._lock:
            if self._version is not None:
                self._version.retired = True
                if self._version.leases == 0:
                    self._version.con.close()
                self._version = None
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    # DuckDB: one read-only connection per version of the file.

    def _lease_duckdb(self) -> _DuckDBVersion:
        path = self.target.path
        assert path is not None
        try:
            stat = path.stat()  # follows the pointer: the current version's identity
        except OSError:
            raise WarehouseUnavailableError(_NOT_BUILT) from None
        with self._lock:
            version = self._version
            if version is None or version.identity != (stat.st_dev, stat.st_ino):
                opened = _DuckDBVersion.open(path)
                if version is not None:
                    version.retired = True
                    if version.leases == 0:
                        version.con.close()
                self._version = version = opened
            version.leases += 1
            return version

    def _release_duckdb(self, version: _DuckDBVersion) -> None:
        with self._lock:
            version.leases -= 1
            if version.retired and version.leases == 0:
                version.con.close()

    # PostgreSQL: a read-only transaction holding the marts lock, shared.

    @contextmanager
    def _postgres_transaction(self) -> Iterator[psycopg.Connection[Any]]:
        import psycopg
        from psycopg_pool import PoolTimeout

        pool = self._pool or self._open_pool()
        try:
            with pool.connection(timeout=10) as conn:
                conn.execute("select pg_advisory_xact_lock_shared(%s)", (MARTS_LOCK,))
                yield conn
        except (psycopg.OperationalError, PoolTimeout):
            log.error("PostgreSQL warehouse unreachable")
            raise WarehouseUnavailableError("the warehouse server cannot be reached") from None

    def _open_pool(self) -> ConnectionPool[Any]:
        from psycopg_pool import ConnectionPool

        from dental_analytics.warehouse.postgres_raw import connect_kwargs

        def configure(conn: psycopg.Connection[Any]) -> None:
            conn.read_only = True

        with self._lock:
            if self._pool is None:
                self._pool = ConnectionPool(
                    "",
                    min_size=1,
                    max_size=8,
                    kwargs=connect_kwargs(self.target, "dental-api"),
                    configure=configure,
                    open=True,
                    name="dental-api",
                )
            return self._pool


class _DuckDBVersion:
    """One version of the DuckDB file, open read-only, with the requests reading it."""

    def __init__(
        self, identity: tuple[int, int], con: duckdb.DuckDBPyConnection, build: BuildInfo | None
    ) -> None:
        self.identity = identity
        self.con = con
        self.build = build
        self.leases = 0
        self.retired = False

    @classmethod
    def open(cls, pointer: Path) -> _DuckDBVersion:
        import duckdb

        real = pointer.resolve()
        try:
            stat = real.stat()
            con = duckdb.connect(str(real), read_only=True)
        except (OSError, duckdb.Error):
            log.error("cannot open the DuckDB warehouse")
            raise WarehouseUnavailableError("the warehouse could not be opened") from None
        try:
            build: BuildInfo | None = _build_info(con.execute(_BUILD_SQL).fetchall())
        except (duckdb.Error, WarehouseUnavailableError):
            build = None  # loaded, not built yet
        log.info("reading %s (build %s)", real, build.build_id if build else "none yet")
        return cls((stat.st_dev, stat.st_ino), con, build)


class _DuckDBSnapshot(Snapshot):
    def __init__(self, version: _DuckDBVersion) -> None:
        super().__init__(version.build)
        self._version = version
        self._cursor: duckdb.DuckDBPyConnection | None = None

    def _read_build(self) -> BuildInfo:
        # The version's build was read when it was opened: a file is built or not for good.
        raise WarehouseUnavailableError(_NOT_BUILT)

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        if self._cursor is None:
            self._cursor = self._version.con.cursor()
        return list(self._cursor.execute(duckdb_placeholders(sql), list(params)).fetchall())

    def close(self) -> None:
        if self._cursor is not None:
            self._cursor.close()


class _PostgresSnapshot(Snapshot):
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        super().__init__()
        self._conn = conn

    def _fetch(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        with self._conn.cursor() as cur:
            cur.execute(sql, tuple(params) if params else None)
            return list(cur.fetchall())


def _unavailable(error: Exception) -> WarehouseUnavailableError:
    if isinstance(error, WarehouseUnavailableError):
        return error
    if _is_missing_relation(error):
        return WarehouseUnavailableError(_NOT_BUILT)
    # The driver's message may quote SQL or values: it goes to the log, not the caller.
    log.error("warehouse query failed: %s", type(error).__name__)
    return WarehouseUnavailableError("the warehouse could not answer")


def _build_info(rows: list[tuple[Any, ...]]) -> BuildInfo:
    if not rows:
        raise WarehouseUnavailableError(_NOT_BUILT)
    build_id, as_of, built_at = rows[0]
    if isinstance(built_at, dt.datetime) and built_at.tzinfo is None:
        built_at = built_at.replace(tzinfo=dt.UTC)  # dbt's run_started_at is UTC
    return BuildInfo(str(build_id), _to_date(as_of), built_at)


def _is_missing_relation(error: Exception) -> bool:
    name = type(error).__name__
    text = str(error).lower()
    return name in {"CatalogException", "UndefinedTable", "InvalidSchemaName"} or (
        "does not exist" in text and ("table" in text or "schema" in text or "relation" in text)
    )


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
