"""The raw layer on DuckDB: Arrow batches appended in one transaction to a database file.

DuckDB reads Arrow tables in place, so rows go in with `insert ... select` from a registered Arrow
table and no copy through Python. DuckDB's DDL is transactional: `create or replace` inside the
load's transaction replaces a table on commit and leaves it as it was on rollback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import duckdb
import pyarrow as pa

from dental_analytics.errors import DentalError
from dental_analytics.opendental.schema import Table
from dental_analytics.warehouse.load_status import STATUS_COLUMNS, STATUS_TABLE, status_table_sql
from dental_analytics.warehouse.raw_layer import RAW_SCHEMA, raw_table_sql
from dental_analytics.warehouse.reasons import first_line, without_values
from dental_analytics.warehouse.url import Target

_VIEW = "_dental_batch"
# A table's held-back rows are inserted at a row group's worth (DuckDB writes full row groups
# straight to the file), all of them once the held Arrow data passes the budget.
_FLUSH_ROWS = 122_880
_FLUSH_BYTES = 64 * 2**20


def connect_duckdb(target: Target, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the target's database file (created with its directory unless `read_only`).

    Raises `DentalError` when the file cannot be opened: an unwritable directory, a file that
    is not a DuckDB database, another process holding the lock, or (read-only) no file at all.
    """
    path = target.path
    if path is None:
        raise DentalError(f"{target.display} is not a DuckDB target")
    try:
        if read_only:
            if not path.is_file():
                raise DentalError(f"cannot open DuckDB file {path}: it does not exist")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        return duckdb.connect(str(path), read_only=read_only)
    except OSError as error:
        raise DentalError(f"cannot open DuckDB file {path}: {error.strerror or error}") from error
    except duckdb.Error as error:
        raise DentalError(f"cannot open DuckDB file {path}: {first_line(str(error))}") from error


class DuckDBRawSession:
    """One load's transaction on a DuckDB raw layer (see `load.RawSession`)."""

    def __init__(self, target: Target) -> None:
        self._con = connect_duckdb(target)
        # One thread: a parallel insert buffers and merges row groups per statement, which
        # costs more than it saves for tables of a few row groups (measured: scale 1-3 loads
        # 20-30% faster). The checkpoint at commit still compresses the data the same way.
        self._con.execute("set threads = 1")
        self._pending: dict[str, list[pa.Table]] = {}
        self._pending_rows: dict[str, int] = {}
        self._pending_bytes = 0

    def replace_tables(self, tables: Sequence[Table]) -> None:
        """Begin the transaction and replace every table in `tables` with an empty one."""
        with engine_errors("preparing the raw schema"):
            self._con.execute("begin transaction")
            self._con.execute(f"create schema if not exists {RAW_SCHEMA}")
            for table in tables:
                self._con.execute(raw_table_sql(table, or_replace=True))

    def append(self, table: Table, data: pa.Table) -> None:
        """Append `data` (raw columns then `_loaded_at`, in order) to `raw.<table>`.

        Rows are held back until a table has a row group's worth or the held data passes a
        memory budget: binding an insert into a wide table costs milliseconds however few rows
        it carries, so many small batches are cheaper inserted together.
        """
        name = table.name
        self._pending.setdefault(name, []).append(data)
        self._pending_rows[name] = self._pending_rows.get(name, 0) + data.num_rows
        self._pending_bytes += data.nbytes
        if self._pending_rows[name] >= _FLUSH_ROWS:
            self._flush(name)
        elif self._pending_bytes >= _FLUSH_BYTES:
            for pending in list(self._pending):
                self._flush(pending)

    def commit(self, status: pa.Table) -> None:
        """Write the rows still held back and the status rows, then commit the whole load."""
        for name in list(self._pending):
            self._flush(name)
        with engine_errors(f"writing {RAW_SCHEMA}.{STATUS_TABLE}"):
            self._write_status(status)
            self._con.execute("commit")

    def abort(self, status: pa.Table) -> None:
        """Roll the load back, then record its `failed` status rows in a transaction of its own."""
        # Raises if no transaction was open (the failure came before it began): nothing to undo.
        with contextlib.suppress(duckdb.Error):
            self._con.execute("rollback")
        self._pending.clear()
        with engine_errors(f"writing {RAW_SCHEMA}.{STATUS_TABLE}"):
            self._con.execute("begin transaction")
            self._write_status(status)
            self._con.execute("commit")

    def close(self) -> None:
        self._con.close()

    def _flush(self, name: str) -> None:
        parts = self._pending.pop(name)
        self._pending_rows.pop(name)
        data = parts[0] if len(parts) == 1 else pa.concat_tables(parts)
        self._pending_bytes -= sum(p.nbytes for p in parts)
        with engine_errors(f"writing {RAW_SCHEMA}.{name}"):
            insert_arrow(self._con, f"{RAW_SCHEMA}.{name}", None, data)

    def _write_status(self, status: pa.Table) -> None:
        self._con.execute(f"create schema if not exists {RAW_SCHEMA}")
        for statement in status_table_sql():
            self._con.execute(statement)
        insert_arrow(self._con, f"{RAW_SCHEMA}.{STATUS_TABLE}", STATUS_COLUMNS, status)


def insert_arrow(
    con: duckdb.DuckDBPyConnection,
    qualified: str,
    columns: Sequence[str] | None,
    data: pa.Table,
) -> None:
    """Append `data` to table `qualified` (by `columns` when given, else in order), read in place."""
    con.register(_VIEW, data)
    try:
        target_columns = f" ({', '.join(columns)})" if columns else ""
        con.execute(f"insert into {qualified}{target_columns} select * from {_VIEW}")
    finally:
        # After a failed insert the transaction is aborted and unregistering fails as well;
        # that second error must not hide the first (a later register replaces the view).
        with contextlib.suppress(duckdb.Error):
            con.unregister(_VIEW)


@contextmanager
def engine_errors(step: str) -> Iterator[None]:
    """Turn a DuckDB error into a `DentalError` naming the step, with values elided."""
    try:
        yield
    except duckdb.Error as error:
        raise DentalError(f"DuckDB failed {step}: {without_values(str(error))}") from error
