"""Merging rows into the raw layer, table by table: what `dental extract` writes with.

A table's rows from the source are staged in a temporary table, then compared with the raw
table by primary key and by every column, so only what changed is written:
- keys the source no longer has are deleted (from a key-only scan, or from the staged rows when
  the read was complete);
- staged rows that differ from the raw row with their key replace it (counted as updated);
- staged rows with a new key are inserted.
The table's `raw.etl_load_status` row is written in the same transaction, so a run killed at
any moment leaves every table either as it was or fully merged, with its status to match.
The SQL is the same on DuckDB and PostgreSQL; only staging Arrow data differs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from dental_analytics.opendental.schema import TABLES, Table
from dental_analytics.warehouse.load_status import (
    STATUS_COLUMNS,
    STATUS_SKIPPED,
    STATUS_SUCCESS,
    STATUS_TABLE,
    STRATEGY_REPLACE,
    status_rows,
    status_table_sql,
    utc_now,
)
from dental_analytics.warehouse.raw_layer import LOADED_AT, RAW_SCHEMA, raw_table_sql
from dental_analytics.warehouse.url import Target

ROWS = "_extract_rows"
KEYS = "_extract_keys"
_KEYS_PER_FETCH = 1_000


@dataclass(frozen=True)
class Previous:
    """What the last successful extract of a table from the same source left behind."""

    watermark: dt.datetime | None


@dataclass(frozen=True)
class MergeCounts:
    rows_read: int
    inserted: int
    updated: int
    deleted: int
    # Rows the source has under a key neither raw nor the read held: inserted with a stamp
    # older than the watermark (by another tool, or a restore), then read by key.
    found_by_key: int = 0


@dataclass(frozen=True)
class SourceKeys:
    """A key-only scan of the source table, and a way to read the rows of given keys."""

    scan: Callable[[], Iterable[pa.Array]]
    fetch: Callable[[list[int]], Iterable[pa.Table]]


# Given the counts of the merge, the table's status rows (written before the commit).
StatusFor = Callable[[MergeCounts], pa.Table]


class RawWarehouse:
    """One extract's connection to a raw layer: the merge in SQL both engines run. The engine
    subclasses below stage Arrow data and run statements."""

    def prepare(self) -> None:
        """Create the raw schema, every raw table that is missing, and the status table."""
        with self._transaction("preparing the raw schema"):
            self._run(f"create schema if not exists {RAW_SCHEMA}")
            existing = {
                str(name)
                for (name,) in self._query(
                    "select table_name from information_schema.tables where table_schema = 'raw'"
                )
            }
            for table in TABLES.values():
                if table.name not in existing:
                    self._run(raw_table_sql(table))
            for statement in status_table_sql():
                self._run(statement)

    def previous(self, table: Table, source: str) -> Previous | None:
        """The table's last successful extract from `source`, if any."""
        rows = self._query(
            f"select watermark from {RAW_SCHEMA}.{STATUS_TABLE}"
            f" where table_name = '{table.name}' and source = '{_literal(source)}'"
            f" and status = '{STATUS_SUCCESS}' and strategy <> '{STRATEGY_REPLACE}'"
            " order by finished_at desc limit 1"
        )
        return Previous(watermark=rows[0][0]) if rows else None

    def max_key(self, table: Table) -> int | None:
        """The largest primary key in `raw.<table>`."""
        rows = self._query(f"select max({table.key.raw_name}) from {RAW_SCHEMA}.{table.name}")
        return int(rows[0][0]) if rows and rows[0][0] is not None else None

    def merge(
        self,
        table: Table,
        rows: Iterable[pa.Table],
        keys: SourceKeys | None,
        status: StatusFor,
    ) -> MergeCounts:
        """Merge `rows` into `raw.<table>` and write `status`, in one transaction.

        `keys` scans every key the source has; None when `rows` are all the source's rows.
        """
        raw = f"{RAW_SCHEMA}.{table.name}"
        key = table.key.raw_name
        columns = [c.raw_name for c in table.columns]
        with self._transaction(f"merging {raw}"):
            self._run(
                f"create temporary table {ROWS} as select {', '.join(columns)} from {raw} limit 0"
            )
            read = 0
            for batch in rows:
                read += batch.num_rows
                self._stage(ROWS, batch)
            found = 0
            if keys is None:
                key_table, key_column = ROWS, key
            else:
                self._run(f"create temporary table {KEYS} (k bigint)")
                for array in keys.scan():
                    self._stage(KEYS, pa.table({"k": array}))
                key_table, key_column = KEYS, "k"
                missed = [
                    int(k)
                    for (k,) in self._query(
                        f"select k from {KEYS} where not exists (select 1 from {raw} as r"
                        f" where r.{key} = {KEYS}.k) and not exists (select 1 from {ROWS} as s"
                        f" where s.{key} = {KEYS}.k) order by k"
                    )
                ]
                for start in range(0, len(missed), _KEYS_PER_FETCH):
                    for batch in keys.fetch(missed[start : start + _KEYS_PER_FETCH]):
                        found += batch.num_rows
                        self._stage(ROWS, batch)
            deleted = self._run(
                f"delete from {raw} where not exists (select 1 from {key_table} as k"
                f" where k.{key_column} = {table.name}.{key})"
            )
            updated = written = 0
            if read or found:
                differs = " or ".join(f"s.{c} is distinct from {table.name}.{c}" for c in columns)
                updated = self._run(
                    f"delete from {raw} where exists (select 1 from {ROWS} as s"
                    f" where s.{key} = {table.name}.{key} and ({differs}))"
                )
                loaded_at = utc_now().isoformat(sep=" ")
                written = self._run(
                    f"insert into {raw} ({', '.join(columns)}, {LOADED_AT})"
                    f" select {', '.join(f's.{c}' for c in columns)},"
                    f" cast('{loaded_at}' as timestamp)"
                    f" from {ROWS} as s where not exists"
                    f" (select 1 from {raw} as r where r.{key} = s.{key})"
                )
            counts = MergeCounts(read + found, written - updated, updated, deleted, found)
            self._run(f"drop table {ROWS}")
            if keys is not None:
                self._run(f"drop table {KEYS}")
            self._stage(f"{RAW_SCHEMA}.{STATUS_TABLE}", status(counts), STATUS_COLUMNS)
        return counts

    def empty(self, table: Table, status: StatusFor) -> MergeCounts:
        """Delete every row of `raw.<table>` and write `status`, in one transaction."""
        with self._transaction(f"emptying {RAW_SCHEMA}.{table.name}"):
            deleted = self._run(f"delete from {RAW_SCHEMA}.{table.name}")
            counts = MergeCounts(0, 0, 0, deleted)
            self._stage(f"{RAW_SCHEMA}.{STATUS_TABLE}", status(counts), STATUS_COLUMNS)
        return counts

    def record(self, status: pa.Table) -> None:
        """Append status rows (a failed table's) in a transaction of their own."""
        with self._transaction(f"writing {RAW_SCHEMA}.{STATUS_TABLE}"):
            self._stage(f"{RAW_SCHEMA}.{STATUS_TABLE}", status, STATUS_COLUMNS)

    # Engine-specific -------------------------------------------------------------------------

    def _transaction(self, step: str) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _run(self, sql: str) -> int:
        """Run one statement; the number of rows it changed."""
        raise NotImplementedError

    def _query(self, sql: str) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _stage(self, qualified: str, data: pa.Table, columns: tuple[str, ...] = ()) -> None:
        """Append `data` to a table (by `columns` when given, else in order)."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class DuckDBWarehouse(RawWarehouse):
    def __init__(self, target: Target) -> None:
        from dental_analytics.warehouse.duckdb_raw import connect_duckdb

        self._con = connect_duckdb(target)

    @contextlib.contextmanager
    def _transaction(self, step: str) -> Iterator[None]:
        from dental_analytics.warehouse.duckdb_raw import engine_errors

        with engine_errors(step):
            self._con.execute("begin transaction")
            try:
                yield
                self._con.execute("commit")
            except BaseException:
                with contextlib.suppress(Exception):
                    self._con.execute("rollback")
                raise

    def _run(self, sql: str) -> int:
        result = self._con.execute(sql).fetchone()
        return int(result[0]) if result and isinstance(result[0], int) else 0

    def _query(self, sql: str) -> list[tuple[Any, ...]]:
        from dental_analytics.warehouse.duckdb_raw import engine_errors

        with engine_errors("reading the raw layer"):
            return self._con.execute(sql).fetchall()

    def _stage(self, qualified: str, data: pa.Table, columns: tuple[str, ...] = ()) -> None:
        from dental_analytics.warehouse.duckdb_raw import insert_arrow

        if data.num_rows:
            insert_arrow(self._con, qualified, columns or None, data)

    def close(self) -> None:
        self._con.close()


class PostgresWarehouse(RawWarehouse):
    def __init__(self, target: Target) -> None:
        from dental_analytics.warehouse.postgres_raw import connect_postgres

        self._conn = connect_postgres(target)
        self._in_transaction = False

    @contextlib.contextmanager
    def _transaction(self, step: str) -> Iterator[None]:
        from dental_analytics.warehouse.postgres_raw import engine_errors

        with engine_errors(step):
            self._in_transaction = True
            try:
                yield
                self._conn.commit()
            except BaseException:
                with contextlib.suppress(Exception):
                    self._conn.rollback()
                raise
            finally:
                self._in_transaction = False

    def _run(self, sql: str) -> int:
        with self._conn.cursor() as cur:
            cur.execute(sql.encode())
            return max(cur.rowcount, 0)

    def _query(self, sql: str) -> list[tuple[Any, ...]]:
        from dental_analytics.warehouse.postgres_raw import engine_errors

        with engine_errors("reading the raw layer"), self._conn.cursor() as cur:
            cur.execute(sql.encode())
            rows = cur.fetchall()
        if not self._in_transaction:
            self._conn.commit()  # a read on its own leaves no transaction open
        return rows

    def _stage(self, qualified: str, data: pa.Table, columns: tuple[str, ...] = ()) -> None:
        from dental_analytics.warehouse.postgres_raw import copy_arrow

        with self._conn.cursor() as cur:
            copy_arrow(cur, qualified, data, columns=columns or None)

    def close(self) -> None:
        self._conn.close()


def open_warehouse(target: Target) -> RawWarehouse:
    """A warehouse connection for `target` (DuckDB or PostgreSQL)."""
    if target.kind == "postgresql":
        return PostgresWarehouse(target)
    return DuckDBWarehouse(target)


def _literal(text: str) -> str:
    return text.replace("'", "''")


def create_skipped_tables(target: Target, tables: list[Table], *, as_of: dt.date) -> None:
    """Bring the raw layer up to today's shape: the status table's columns, and each of
    `tables` (optional tables the raw layer lacks) created empty with a `skipped` status row."""
    warehouse = open_warehouse(target)
    try:
        warehouse.prepare()
        for table in tables:
            now = utc_now()
            row = {
                "load_id": str(uuid.uuid4()),
                "table_name": table.name,
                "source": "dental build",
                "strategy": "full",
                "rows_read": 0,
                "rows_written": 0,
                "rows_inserted": 0,
                "rows_updated": 0,
                "rows_deleted": 0,
                "as_of_date": as_of,
                "started_at": now,
                "finished_at": now,
                "status": STATUS_SKIPPED,
                "error": f"raw.{table.name} was missing: created empty ({table.when_unused})",
            }
            warehouse.record(status_rows([row]))
    finally:
        warehouse.close()
