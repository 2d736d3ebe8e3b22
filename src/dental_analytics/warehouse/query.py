"""Read-only queries against a warehouse (DuckDB or PostgreSQL), the same way on both.

For code that reads what the loaders wrote (the fidelity report, tests): `with connect(target) as
db: db.fetchall("select count(*) from raw.patient where patstatus = %s", (0,))`. Placeholders are
`%s` on every engine (and `%%` a literal `%` when there are parameters), as in psycopg.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from dental_analytics.errors import DentalError
from dental_analytics.warehouse.url import Target

if TYPE_CHECKING:
    # Only for annotations: a reader imports the driver of the engine it reads, no other.
    import duckdb

    from dental_analytics.warehouse.postgres_raw import Connection


class Reader(Protocol):
    """A connection that runs one statement at a time and returns all its rows."""

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run `sql` with `params` bound to its `%s` placeholders; return every row."""
        ...


@contextmanager
def connect(target: Target) -> Iterator[Reader]:
    """Open a reader on `target`, closed when the `with` block ends.

    DuckDB files are opened read-only (so a loader elsewhere is not locked out of its own
    file for longer than the read); a PostgreSQL reader runs in autocommit mode, so it never
    holds a transaction open. Raises `DentalError` if the target cannot be reached, and for
    MySQL targets, which are OpenDental twins rather than warehouses.
    """
    if target.kind == "duckdb":
        from dental_analytics.warehouse.duckdb_raw import connect_duckdb

        con = connect_duckdb(target, read_only=True)
        try:
            yield _DuckDBReader(con)
        finally:
            con.close()
    elif target.kind == "postgresql":
        from dental_analytics.warehouse.postgres_raw import connect_postgres

        conn = connect_postgres(target)
        conn.autocommit = True
        try:
            yield _PostgresReader(conn)
        finally:
            conn.close()
    else:
        raise DentalError(f"{target.display} is not a warehouse: query DuckDB or PostgreSQL")


def duckdb_placeholders(sql: str) -> str:
    """`sql` with psycopg's `%s` placeholders as DuckDB's `?`, and `%%` as a literal `%`."""
    return "%".join(part.replace("%s", "?") for part in sql.split("%%"))


class _DuckDBReader:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self._con = con

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if not params:
            return list(self._con.execute(sql).fetchall())
        return list(self._con.execute(duckdb_placeholders(sql), list(params)).fetchall())


class _PostgresReader:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._conn.cursor() as cur:
            # Without parameters psycopg leaves `%` alone, as DuckDB does.
            cur.execute(sql, tuple(params) if params else None)
            return list(cur.fetchall()) if cur.description is not None else []
