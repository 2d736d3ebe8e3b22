"""`dental extract`: an OpenDental database into the raw layer, table by table, incrementally.

Each table follows its strategy from the schema module (`Table.strategy`):
- `stamp`: rows whose `DateTStamp` / `SecDateTEdit` is at or after the last run's watermark,
  less `STAMP_OVERLAP` for clock skew, edits within one second and transactions that committed
  late; rows read again that did not change are compared and not written;
- `append`: rows with a key above the largest key in the warehouse (logs only grow);
- `full`: every row, compared with the warehouse's.
A table's first extract from a source, and every table under `--full`, reads every row. Every
run then scans the source's keys and deletes from raw what the source no longer has.

A missing core table or column stops the run before anything is written; a missing optional
table (or column of one) leaves that table empty in raw with a `skipped` status row. A table
that fails is recorded `failed` and the others still load; the summary says which and why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pyarrow as pa
import pyarrow.compute as pc

from dental_analytics.errors import DentalError
from dental_analytics.extract.source import MySQLSource, SourceError, SourceOptions
from dental_analytics.opendental.schema import TABLES, Table
from dental_analytics.warehouse import versions
from dental_analytics.warehouse.load_status import (
    STATUS_FAILED,
    STATUS_SKIPPED,
    STATUS_SUCCESS,
    status_rows,
    utc_now,
)
from dental_analytics.warehouse.raw_merge import (
    MergeCounts,
    RawWarehouse,
    SourceKeys,
    open_warehouse,
)
from dental_analytics.warehouse.reasons import describe
from dental_analytics.warehouse.url import Target

STAMP_OVERLAP = dt.timedelta(minutes=15)
OnTable = Callable[["TableResult"], None]


@dataclass(frozen=True)
class TableResult:
    """What one run did to one table (the same figures as its status row)."""

    table: str
    strategy: str
    status: str
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    watermark_before: dt.datetime | None = None
    watermark: dt.datetime | None = None
    seconds: float = 0.0
    error: str | None = None


@dataclass
class ExtractSummary:
    source: str
    target: str
    as_of: dt.date
    tables: list[TableResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Shared by every status row of the run.
    load_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def failed(self) -> list[TableResult]:
        return [t for t in self.tables if t.status == STATUS_FAILED]

    @property
    def ok(self) -> bool:
        return not self.failed

    def total(self, attribute: str) -> int:
        return sum(int(getattr(t, attribute)) for t in self.tables)


def extract(
    source: Target,
    target: Target,
    *,
    as_of: dt.date,
    full: bool = False,
    tables: Sequence[str] | None = None,
    keep_columns: Sequence[str] = (),
    options: SourceOptions | None = None,
    on_table: OnTable | None = None,
) -> ExtractSummary:
    """Bring `target`'s raw tables (all, or `tables`) up to date with the OpenDental `source`.

    Raises `DentalError` before writing anything when the arguments are wrong, either database
    cannot be reached, or the source lacks a core table or column. Otherwise returns what each
    table did; tables that failed are in `summary.failed` and the rest are loaded.
    """
    if source.kind != "mysql":
        raise DentalError(
            f"--from must be a mysql:// URL of an OpenDental database, got {source.display}"
        )
    if target.kind not in ("duckdb", "postgresql"):
        raise DentalError(f"--to must be a DuckDB or PostgreSQL warehouse, got {target.display}")
    selected = _selected_tables(tables)
    keep = _kept_columns(keep_columns)
    reader = MySQLSource(source, options)
    try:
        summary = ExtractSummary(source=reader.name, target=target.display, as_of=as_of)
        found = reader.schema()
        lacking = [
            reason
            for table in selected
            if table.role == "core" and (reason := found.lacks(table.name)) is not None
        ]
        if lacking:
            raise DentalError(
                f"{lacking[0]}{f' (and {len(lacking) - 1} more)' if len(lacking) > 1 else ''}: "
                "the warehouse needs it (an older OpenDental version?); nothing was written"
            )
        for name, columns in found.unknown_columns.items():
            if TABLES[name] in selected:
                summary.warnings.append(
                    f"{name}: source columns not in the schema, ignored: {', '.join(columns)}"
                )
        # On DuckDB a new version of the file, published at the end (failed tables included:
        # each table's load is its own transaction, recorded in raw.etl_load_status).
        with versions.writing(target, keep_failed=True) as version:
            warehouse = open_warehouse(version.target)
            try:
                warehouse.prepare()
                for table in selected:
                    run = _TableRun(table, reader, warehouse, summary, full=full, keep=keep)
                    lacks = found.lacks(table.name)
                    result = run.skip(lacks) if lacks else run.load()
                    summary.tables.append(result)
                    if on_table is not None:
                        on_table(result)
            finally:
                warehouse.close()
    finally:
        reader.close()
    return summary


class _TableRun:
    """One table's extract within a run."""

    def __init__(
        self,
        table: Table,
        reader: MySQLSource,
        warehouse: RawWarehouse,
        summary: ExtractSummary,
        *,
        full: bool,
        keep: frozenset[str],
    ) -> None:
        self.table = table
        self.reader = reader
        self.warehouse = warehouse
        self.summary = summary
        self.full = full
        self.keep = keep
        self.started = utc_now()
        self.clock = time.perf_counter()
        self.notes: Counter[str] = Counter()

    def load(self) -> TableResult:
        table = self.table
        previous = None if self.full else self.warehouse.previous(table, self.reader.name)
        strategy = table.strategy if previous is not None else "full"
        watermark_before = previous.watermark if previous is not None else None
        stamp_from = key_above = None
        if strategy == "stamp" and watermark_before is not None:
            stamp_from = max(watermark_before, dt.datetime.min + STAMP_OVERLAP) - STAMP_OVERLAP
        elif strategy == "stamp":
            strategy = "full"  # no watermark yet (an empty table last time): read everything
        elif strategy == "append":
            key_above = self.warehouse.max_key(table)
        complete = stamp_from is None and key_above is None
        latest: list[dt.datetime] = [watermark_before] if watermark_before else []
        try:
            rows = self._watched(
                self.reader.read_rows(
                    table,
                    stamp_from=stamp_from,
                    key_above=key_above,
                    keep=self.keep,
                    notes=self.notes,
                ),
                latest,
            )
            keys = SourceKeys(
                scan=lambda: self.reader.read_keys(table),
                fetch=lambda chunk: self.reader.read_rows(
                    table, keys=chunk, keep=self.keep, notes=self.notes
                ),
            )
            counts = self.warehouse.merge(
                table,
                rows,
                None if complete else keys,
                lambda c: self._status(
                    self._result(strategy, STATUS_SUCCESS, c, watermark_before, _max(latest))
                ),
            )
        except DentalError as error:
            return self._failed(strategy, watermark_before, error)
        if counts.found_by_key:
            self.summary.warnings.append(
                f"{table.name}: {counts.found_by_key:,} rows had an edit stamp older than the last"
                " run's (written by another tool, or restored); read by their keys"
            )
        for note, count in sorted(self.notes.items()):
            self.summary.warnings.append(f"{note} ({count:,} rows)")
        return self._result(strategy, STATUS_SUCCESS, counts, watermark_before, _max(latest))

    def skip(self, reason: str) -> TableResult:
        """An optional table the source lacks: empty in raw, recorded `skipped`."""
        self.summary.warnings.append(
            f"{self.table.name} skipped: {reason} ({self.table.when_unused})"
        )
        try:
            counts = self.warehouse.empty(
                self.table,
                lambda c: self._status(self._result("full", STATUS_SKIPPED, c, None, None, reason)),
            )
        except DentalError as error:
            return self._failed("full", None, error)
        return self._result("full", STATUS_SKIPPED, counts, None, None, reason)

    def _watched(
        self, batches: Iterable[pa.Table], latest: list[dt.datetime]
    ) -> Iterator[pa.Table]:
        """Pass batches through, keeping the newest row-edit stamp seen in `latest`."""
        stamp = self.table.stamp_column
        for batch in batches:
            if stamp is not None and batch.num_rows:
                newest = pc.max(batch[stamp.raw_name]).as_py()
                if newest is not None:
                    latest.append(newest)
            yield batch

    def _failed(
        self, strategy: str, watermark_before: dt.datetime | None, error: DentalError
    ) -> TableResult:
        reason = describe(error)
        if isinstance(error, SourceError) and not self.reader.is_connected:
            # The next table gets a new connection (and a new snapshot) rather than failing too.
            try:
                self.reader.reconnect()
            except DentalError as again:
                reason += f"; reconnecting failed: {describe(again)}"
        empty = MergeCounts(0, 0, 0, 0)
        result = self._result(strategy, STATUS_FAILED, empty, watermark_before, None, reason)
        try:
            self.warehouse.record(self._status(result))
        except DentalError as again:
            reason += f"; recording the failure failed: {describe(again)}"
            result = dataclasses.replace(result, error=reason)
        return result

    def _status(self, result: TableResult) -> pa.Table:
        """The table's `raw.etl_load_status` row for `result`."""
        return status_rows(
            [
                {
                    "load_id": self.summary.load_id,
                    "table_name": self.table.name,
                    "source": self.summary.source,
                    "strategy": result.strategy,
                    "rows_read": result.rows_read,
                    "rows_written": result.inserted + result.updated,
                    "rows_inserted": result.inserted,
                    "rows_updated": result.updated,
                    "rows_deleted": result.deleted,
                    "watermark_before": result.watermark_before,
                    "watermark": result.watermark,
                    "as_of_date": self.summary.as_of,
                    "started_at": self.started,
                    "finished_at": utc_now(),
                    "status": result.status,
                    "error": result.error,
                }
            ]
        )

    def _result(
        self,
        strategy: str,
        status: str,
        counts: MergeCounts,
        watermark_before: dt.datetime | None,
        watermark: dt.datetime | None,
        error: str | None = None,
    ) -> TableResult:
        return TableResult(
            table=self.table.name,
            strategy=strategy,
            status=status,
            rows_read=counts.rows_read,
            inserted=counts.inserted,
            updated=counts.updated,
            deleted=counts.deleted,
            watermark_before=watermark_before,
            watermark=watermark,
            seconds=time.perf_counter() - self.clock,
            error=error,
        )


def _selected_tables(names: Sequence[str] | None) -> list[Table]:
    if not names:
        return list(TABLES.values())
    unknown = [n for n in names if n.lower() not in TABLES]
    if unknown:
        raise DentalError(
            f"--tables: {', '.join(unknown)} is not one of the {len(TABLES)} OpenDental tables "
            "the warehouse holds"
        )
    return [TABLES[n.lower()] for n in dict.fromkeys(names)]


def _kept_columns(names: Sequence[str]) -> frozenset[str]:
    kept = set()
    for name in names:
        table_name, _, column_name = name.partition(".")
        table = TABLES.get(table_name.lower())
        column = (
            next((c for c in table.columns if c.name.lower() == column_name.lower()), None)
            if table
            else None
        )
        if table is None or column is None or not column.redacted:
            raise DentalError(
                f"--keep-column {name!r} is not a column the extractor leaves out "
                "(see the README's column policy)"
            )
        kept.add(f"{table.name}.{column.name}")
    return frozenset(kept)


def _max(values: list[dt.datetime]) -> dt.datetime | None:
    return max(values) if values else None
