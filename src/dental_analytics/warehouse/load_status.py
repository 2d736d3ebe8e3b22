"""Load tracking: `raw.etl_load_status`, one row per table per load (DESIGN.md, raw layer).

The table is created if missing and only ever appended to, so it keeps the history of every load.
A successful load writes its rows in the same transaction as the data; a failed one writes
`failed` rows (counts and the one-line error, never row data) after rolling the data back.
dbt's `etl` source and `stg_etl_tracking_summary` read it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from dental_analytics.opendental.schema import TABLES, Table
from dental_analytics.warehouse.raw_layer import RAW_SCHEMA

STATUS_TABLE = "etl_load_status"
STATUS_SUCCESS = "success"
STATUS_FAILED = "failed"
# An optional table the source does not have (or lacks a column of): created empty in raw.
STATUS_SKIPPED = "skipped"
STATUSES = (STATUS_SUCCESS, STATUS_FAILED, STATUS_SKIPPED)
# How a load wrote a table: the generator replaces every table; the extractor follows the
# table's strategy (opendental.policy: stamp, append, full), or reads it all on a first or
# `--full` run (full).
STRATEGY_REPLACE = "replace"

# (column, SQL type valid on DuckDB and PostgreSQL, Arrow type), in table order. The columns
# after `error` came with the extractor; `migrate_status_table_sql` adds them to older tables.
_COLUMNS: tuple[tuple[str, str, pa.DataType], ...] = (
    ("load_id", "varchar", pa.string()),
    ("table_name", "varchar", pa.string()),
    ("source", "varchar", pa.string()),
    ("rows_read", "bigint", pa.int64()),
    ("rows_written", "bigint", pa.int64()),
    ("watermark", "timestamp", pa.timestamp("us")),
    ("as_of_date", "date", pa.date32()),
    ("started_at", "timestamp", pa.timestamp("us")),
    ("finished_at", "timestamp", pa.timestamp("us")),
    ("status", "varchar", pa.string()),
    ("error", "varchar", pa.string()),
    ("strategy", "varchar", pa.string()),
    ("watermark_before", "timestamp", pa.timestamp("us")),
    ("rows_inserted", "bigint", pa.int64()),
    ("rows_updated", "bigint", pa.int64()),
    ("rows_deleted", "bigint", pa.int64()),
)
_FIRST_COLUMNS = 11  # the columns every warehouse's table has had from the start
STATUS_COLUMNS: tuple[str, ...] = tuple(name for name, _, _ in _COLUMNS)
STATUS_ARROW_SCHEMA = pa.schema([(name, arrow) for name, _, arrow in _COLUMNS])


def utc_now() -> dt.datetime:
    """Now in UTC as a naive datetime: the raw layer's timestamps carry no zone."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def status_table_sql() -> list[str]:
    """Statements that create `raw.etl_load_status` or bring an older one up to today's columns.

    Valid on DuckDB and PostgreSQL; safe to run before every write (each is `if not exists`).
    """
    body = ",\n  ".join(f"{name} {sql}" for name, sql, _ in _COLUMNS)
    create = f"create table if not exists {RAW_SCHEMA}.{STATUS_TABLE} (\n  {body}\n)"
    return [create, *migrate_status_table_sql()]


def migrate_status_table_sql() -> list[str]:
    """`alter table ... add column if not exists` for each column added since the first version."""
    return [
        f"alter table {RAW_SCHEMA}.{STATUS_TABLE} add column if not exists {name} {sql}"
        for name, sql, _ in _COLUMNS[_FIRST_COLUMNS:]
    ]


def status_rows(rows: list[dict[str, object]]) -> pa.Table:
    """Status rows as Arrow, every column of `STATUS_COLUMNS` present (missing keys are null)."""
    return pa.Table.from_pylist(
        [{name: row.get(name) for name in STATUS_COLUMNS} for row in rows],
        schema=STATUS_ARROW_SCHEMA,
    )


def row_timestamp_columns(table: Table) -> list[str]:
    """The raw names of `table`'s row-timestamp columns (`DateTStamp`, `SecDateTEdit`)."""
    return [c.raw_name for c in table.columns if c.is_row_timestamp or "TimeStamp" in c.special]


@dataclass(frozen=True)
class LoadRun:
    """What every status row of one load shares."""

    load_id: str
    source: str
    as_of: dt.date
    started_at: dt.datetime


class LoadTally:
    """Rows read and the row-timestamp watermark of every table, kept as batches stream past.

    Holds two numbers per table, never the rows, so memory stays flat however large the load.
    """

    def __init__(self) -> None:
        self._rows: dict[str, int] = dict.fromkeys(TABLES, 0)
        self._watermarks: dict[str, dt.datetime | None] = dict.fromkeys(TABLES)
        self._stamp_columns = {name: row_timestamp_columns(t) for name, t in TABLES.items()}

    def add(self, table: Table, data: pa.Table) -> None:
        """Count `data`'s rows against `table` and raise its watermark to their latest stamp."""
        self._rows[table.name] += data.num_rows
        for column in self._stamp_columns[table.name]:
            latest = pc.max(data[column]).as_py()
            current = self._watermarks[table.name]
            if latest is not None and (current is None or latest > current):
                self._watermarks[table.name] = latest

    @property
    def rows(self) -> dict[str, int]:
        """Rows read so far per table, every OpenDental table included."""
        return dict(self._rows)

    def success_rows(self, run: LoadRun, finished_at: dt.datetime) -> pa.Table:
        """One `success` row per table: everything read was written."""
        return self._status_rows(run, finished_at, STATUS_SUCCESS, None)

    def failed_rows(self, run: LoadRun, finished_at: dt.datetime, error: str) -> pa.Table:
        """One `failed` row per table: rows read before the failure, none written."""
        return self._status_rows(run, finished_at, STATUS_FAILED, error)

    def _status_rows(
        self, run: LoadRun, finished_at: dt.datetime, status: str, error: str | None
    ) -> pa.Table:
        names = list(TABLES)
        n = len(names)
        read = [self._rows[name] for name in names]
        succeeded = status == STATUS_SUCCESS
        columns = {
            "load_id": [run.load_id] * n,
            "table_name": names,
            "source": [run.source] * n,
            "rows_read": read,
            "rows_written": read if succeeded else [0] * n,
            # A failed load wrote nothing, so it moved no watermark forward.
            "watermark": [self._watermarks[name] if succeeded else None for name in names],
            "as_of_date": [run.as_of] * n,
            "started_at": [run.started_at] * n,
            "finished_at": [finished_at] * n,
            "status": [status] * n,
            "error": [error] * n,
            "strategy": [STRATEGY_REPLACE] * n,
            "watermark_before": [None] * n,
            # A replace load counts every row it wrote as inserted.
            "rows_inserted": read if succeeded else [0] * n,
            "rows_updated": [0] * n,
            "rows_deleted": [0] * n,
        }
        return pa.Table.from_pydict(columns, schema=STATUS_ARROW_SCHEMA)
