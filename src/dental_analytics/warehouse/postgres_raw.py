"""The raw layer on PostgreSQL: Arrow batches sent by `COPY ... FROM STDIN`, one transaction.

Arrow's C++ CSV writer turns a batch into COPY's CSV format without a Python loop per row; its
quoting keeps `''` (written `""`) apart from NULL (written as nothing). PostgreSQL's DDL is
transactional, so tables truncated or re-created inside the load's transaction come back as
they were if it rolls back.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from psycopg.copy import QueuedLibpqWriter

from dental_analytics.errors import DentalError
from dental_analytics.opendental.schema import Table
from dental_analytics.warehouse.load_status import STATUS_COLUMNS, STATUS_TABLE, status_table_sql
from dental_analytics.warehouse.raw_layer import LOADED_AT, RAW_SCHEMA, raw_table_sql
from dental_analytics.warehouse.reasons import first_line, without_values
from dental_analytics.warehouse.url import Target

# information_schema.columns.data_type for each raw SQL type, to tell whether a table already
# has the raw shape (then it is truncated, which keeps the dbt views that select from it).
_CATALOG_TYPES = {
    "bigint": "bigint",
    "integer": "integer",
    "smallint": "smallint",
    "double precision": "double precision",
    "date": "date",
    "timestamp": "timestamp without time zone",
    "varchar": "character varying",
    "interval": "interval",
}
_CSV_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="needed", batch_size=8192)
_CHUNK_ROWS = 16_384
_CONNECT_TIMEOUT_SECONDS = 10

Connection = psycopg.Connection[tuple[Any, ...]]


def connect_kwargs(target: Target, application: str) -> dict[str, Any]:
    """What psycopg needs to reach `target`, for one connection or a pool's (`kwargs=`)."""
    return {
        "host": target.host,
        "port": target.port,
        "user": target.user,
        "password": target.password,
        "dbname": target.database,
        "connect_timeout": _CONNECT_TIMEOUT_SECONDS,
        "application_name": application,
        "client_encoding": "utf8",
    }


def connect_postgres(target: Target) -> Connection:
    """Open a connection to the target's database (not in autocommit mode).

    Raises `DentalError("cannot reach PostgreSQL at host:port: <reason>")` when the server is
    down, refuses the credentials or has no such database.
    """
    try:
        return psycopg.connect(**connect_kwargs(target, "dental"))
    except psycopg.Error as error:
        raise DentalError(
            f"cannot reach PostgreSQL at {target.host}:{target.port}: {_connect_reason(error)}"
        ) from error


class PostgresRawSession:
    """One load's transaction on a PostgreSQL raw layer (see `load.RawSession`)."""

    def __init__(self, target: Target) -> None:
        self._target = target
        self._conn = connect_postgres(target)
        self._tables: list[str] = []

    def replace_tables(self, tables: Sequence[Table]) -> None:
        """Begin the transaction and empty every table in `tables` (creating it if needed).

        A table that already has the raw shape is truncated rather than dropped, so the dbt
        staging views over it survive; one with another shape is dropped (with the views over
        it, which `dental build` re-creates) and created anew.
        """
        with engine_errors("preparing the raw schema"), self._conn.cursor() as cur:
            cur.execute(f"create schema if not exists {RAW_SCHEMA}")
            existing = _existing_shapes(cur)
            keep = []
            for table in tables:
                if existing.get(table.name) == _raw_shape(table):
                    keep.append(table)
                    continue
                cur.execute(f"drop table if exists {RAW_SCHEMA}.{table.name} cascade")
                cur.execute(raw_table_sql(table))
            if keep:
                cur.execute("truncate " + ", ".join(f"{RAW_SCHEMA}.{t.name}" for t in keep))
        self._tables = [t.name for t in tables]

    def append(self, table: Table, data: pa.Table) -> None:
        """Append `data` (raw columns then `_loaded_at`, in order) to `raw.<table>`."""
        with engine_errors(f"writing {RAW_SCHEMA}.{table.name}"), self._conn.cursor() as cur:
            copy_arrow(cur, f"{RAW_SCHEMA}.{table.name}", data)

    def commit(self, status: pa.Table) -> None:
        """Gather planner statistics, append the load's status rows and commit the whole load.

        Without statistics on freshly written tables (autovacuum may be off, or not yet run)
        PostgreSQL plans the first dbt build's joins as nested loops over what it takes for
        empty tables.
        """
        with engine_errors("analyzing the raw tables"), self._conn.cursor() as cur:
            for name in self._tables:
                cur.execute(f"analyze {RAW_SCHEMA}.{name}")
        with engine_errors(f"writing {RAW_SCHEMA}.{STATUS_TABLE}"):
            self._write_status(self._conn, status)
            self._conn.commit()

    def abort(self, status: pa.Table) -> None:
        """Roll the load back, then record its `failed` status rows in a transaction of their own.

        If the connection itself was lost, the status rows go through a new one.
        """
        # A broken connection cannot roll back; the server already has.
        with contextlib.suppress(psycopg.Error):
            self._conn.rollback()
        conn = self._conn
        if conn.broken or conn.closed:
            conn = connect_postgres(self._target)
        try:
            with engine_errors(f"writing {RAW_SCHEMA}.{STATUS_TABLE}"):
                self._write_status(conn, status)
                conn.commit()
        finally:
            if conn is not self._conn:
                conn.close()

    def close(self) -> None:
        self._conn.close()

    @staticmethod
    def _write_status(conn: Connection, status: pa.Table) -> None:
        with conn.cursor() as cur:
            cur.execute(f"create schema if not exists {RAW_SCHEMA}")
            for statement in status_table_sql():
                cur.execute(statement)
            copy_arrow(cur, f"{RAW_SCHEMA}.{STATUS_TABLE}", status, columns=STATUS_COLUMNS)


def copy_arrow(
    cur: psycopg.Cursor[tuple[Any, ...]],
    qualified: str,
    data: pa.Table,
    *,
    columns: Sequence[str] | None = None,
) -> None:
    if data.num_rows == 0:
        return
    names = ", ".join(columns or data.column_names)
    # The queued writer sends each chunk from a worker thread, so the server parses one chunk
    # while Arrow (which releases the GIL) formats the next.
    writer = QueuedLibpqWriter(cur)
    with cur.copy(f"copy {qualified} ({names}) from stdin (format csv)", writer=writer) as copy:
        for chunk in _csv_chunks(data):
            copy.write(chunk)


def _csv_chunks(data: pa.Table) -> Iterator[bytes]:
    """`data` as COPY CSV in chunks: strings quoted (so `''` is not NULL), durations `<n> us`."""
    arrays = []
    for column in data.columns:
        if pa.types.is_duration(column.type):
            # Arrow writes a duration as a bare number, which PostgreSQL would read as seconds.
            micros = pc.cast(pc.cast(column.cast(pa.duration("us")), pa.int64()), pa.string())
            column = pc.binary_join_element_wise(micros, " us", "")
        arrays.append(column)
    text_ready = pa.Table.from_arrays(arrays, names=data.column_names)
    for batch in text_ready.to_batches(max_chunksize=_CHUNK_ROWS):
        buffer = io.BytesIO()
        pacsv.write_csv(batch, buffer, _CSV_OPTIONS)
        yield buffer.getvalue()


def _existing_shapes(cur: psycopg.Cursor[tuple[Any, ...]]) -> dict[str, list[tuple[str, str]]]:
    cur.execute(
        "select table_name, column_name, data_type from information_schema.columns"
        " where table_schema = %s order by table_name, ordinal_position",
        (RAW_SCHEMA,),
    )
    shapes: dict[str, list[tuple[str, str]]] = {}
    for table_name, column_name, data_type in cur.fetchall():
        shapes.setdefault(table_name, []).append((column_name, data_type))
    return shapes


def _raw_shape(table: Table) -> list[tuple[str, str]]:
    shape = [(c.raw_name, _CATALOG_TYPES[c.raw_sql_type]) for c in table.columns]
    shape.append((LOADED_AT, _CATALOG_TYPES["timestamp"]))
    return shape


def _connect_reason(error: psycopg.Error) -> str:
    """libpq's reason a connection failed, without its 'connection to server at ...' preamble."""
    # With several addresses (localhost: ::1 and 127.0.0.1) libpq lists one failure per line;
    # the last one is the address it tried last.
    lines = [line for line in str(error).splitlines() if "failed:" in line]
    text = lines[-1] if lines else first_line(str(error))
    reason = text.rsplit("failed:", 1)[-1].strip().removeprefix("FATAL:").strip()
    return without_values(reason[:1].lower() + reason[1:]) if reason else "unknown error"


@contextmanager
def engine_errors(step: str) -> Iterator[None]:
    """Turn a psycopg error into a `DentalError` naming the step, with values elided."""
    try:
        yield
    except psycopg.Error as error:
        message = error.diag.message_primary or str(error)
        raise DentalError(f"PostgreSQL failed {step}: {without_values(message)}") from error
