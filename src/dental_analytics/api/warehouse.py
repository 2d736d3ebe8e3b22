"""The API's read-only connection to the warehouse's marts (DuckDB or PostgreSQL).

One `Warehouse` per server: DuckDB keeps one read-only connection and gives each request its own
cursor; PostgreSQL keeps a small pool of autocommit connections. A warehouse that is missing, not
yet built or unreachable raises `WarehouseUnavailableError` (the API answers 503), never a driver error.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dental_analytics.warehouse.query import duckdb_placeholders
from dental_analytics.warehouse.url import Target

if TYPE_CHECKING:
    import duckdb
    from psycopg_pool import ConnectionPool

log = logging.getLogger(__name__)


class WarehouseUnavailableError(Exception):
    """The marts cannot be read: not built yet, missing, or the server is down."""


@dataclass(frozen=True)
class BuildInfo:
    """The build the marts were made by (`marts.mart_build`)."""

    build_id: str
    as_of: dt.date
    built_at: dt.datetime | None


class Warehouse:
    def __init__(self, target: Target) -> None:
        if target.kind not in ("duckdb", "postgresql"):
            raise ValueError(f"{target.display} is not a warehouse")
        self.target = target
        self._lock = threading.Lock()
        self._duckdb: duckdb.DuckDBPyConnection | None = None
        self._pool: ConnectionPool[Any] | None = None

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one read-only statement with `%s` placeholders; all its rows."""
        try:
            if self.target.kind == "duckdb":
                return self._fetch_duckdb(sql, params)
            return self._fetch_postgres(sql, params)
        except WarehouseUnavailableError:
            raise
        except Exception as error:
            if _is_missing_relation(error):
                raise WarehouseUnavailableError(
                    "the warehouse has not been built yet: run `dental build`"
                ) from None
            # The driver's message may quote SQL or values: it goes to the log, not the caller.
            log.error("warehouse query failed: %s", type(error).__name__)
            raise WarehouseUnavailableError("the warehouse could not answer") from None

    def build_info(self) -> BuildInfo:
        rows = self.fetch("select build_id, as_of_date, built_at from marts.mart_build")
        if not rows:
            raise WarehouseUnavailableError(
                "the warehouse has not been built yet: run `dental build`"
            )
        build_id, as_of, built_at = rows[0]
        if isinstance(built_at, dt.datetime) and built_at.tzinfo is None:
            built_at = built_at.replace(tzinfo=dt.UTC)  # dbt's run_started_at is UTC
        return BuildInfo(str(build_id), _to_date(as_of), built_at)

    def close(self) -> None:
        with self._lock:
            if self._duckdb is not None:
                self._duckdb.close()
                self._duckdb = None
            if self._pool is not None:
                self._pool.close()
                self._pool = None

    def _fetch_duckdb(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        import duckdb

        con = self._duckdb
        if con is None:
            with self._lock:
                if self._duckdb is None:
                    path = self.target.path
                    assert path is not None
                    if not path.is_file():
                        raise WarehouseUnavailableError(
                            "the warehouse has not been built yet: run `dental build`"
                        )
                    try:
                        self._duckdb = duckdb.connect(str(path), read_only=True)
                    except duckdb.Error:
                        log.error("cannot open the DuckDB warehouse")
                        raise WarehouseUnavailableError(
                            "the warehouse could not be opened"
                        ) from None
                con = self._duckdb
        cursor = con.cursor()
        try:
            return list(cursor.execute(duckdb_placeholders(sql), list(params)).fetchall())
        finally:
            cursor.close()

    def _fetch_postgres(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        import psycopg
        from psycopg_pool import PoolTimeout

        pool = self._pool or self._open_pool()
        try:
            with pool.connection(timeout=10) as conn, conn.cursor() as cur:
                cur.execute(sql, tuple(params) if params else None)
                return list(cur.fetchall())
        except (psycopg.OperationalError, PoolTimeout):
            log.error("PostgreSQL warehouse unreachable")
            raise WarehouseUnavailableError("the warehouse server cannot be reached") from None

    def _open_pool(self) -> ConnectionPool[Any]:
        from psycopg_pool import ConnectionPool

        from dental_analytics.warehouse.postgres_raw import connect_kwargs

        with self._lock:
            if self._pool is None:
                self._pool = ConnectionPool(
                    "",
                    min_size=1,
                    max_size=8,
                    kwargs={**connect_kwargs(self.target, "dental-api"), "autocommit": True},
                    open=True,
                    name="dental-api",
                )
            return self._pool


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
