"""A twin of a real OpenDental database on MySQL/MariaDB, for developing the extractor against.

Unlike the raw layer, the twin has OpenDental's own shape: lower-case table names, column names in
OpenDental's case (`PatNum`), MySQL types, NOT NULL with OpenDental's "nothing" defaults, an
auto-increment primary key and one index per other bigint column, InnoDB, utf8. No `_loaded_at`,
no load tracking. MySQL's DDL is not transactional, so a load fills `<table>__loading` tables and
swaps all of them in with one atomic `RENAME TABLE`; if it fails, the old tables are untouched.

A live twin moves on by practice days: `read_state` reads the rows the generator's rules need,
and `apply_changes` writes the change set they return (inserts, updates, deletes) in one
transaction, with every row stamp the change set carries, never the server's clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pymysql

from dental_analytics.errors import DentalError
from dental_analytics.opendental.schema import TABLES, Column, Table
from dental_analytics.synthetic.changes import ChangeSet, row_stamp_columns
from dental_analytics.synthetic.state import STATE_COLUMNS, PracticeState
from dental_analytics.warehouse.raw_layer import conform
from dental_analytics.warehouse.reasons import describe, mysql_reason, without_values
from dental_analytics.warehouse.url import Target

LOADING_SUFFIX = "__loading"
OLD_SUFFIX = "__old"

_CONNECT_TIMEOUT_SECONDS = 10
# Strict, and a 0 in an AUTO_INCREMENT key stays 0 instead of taking the next number.
_SQL_MODE = "STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION"
_CSV_OPTIONS = pacsv.WriteOptions(include_header=False, quoting_style="needed", batch_size=8192)
# ESCAPED BY '': backslashes are data. Strings are always quoted by Arrow's writer and quotes in
# them doubled, which OPTIONALLY ENCLOSED BY reads back; no column is NULL, so no \N is needed.
_LOAD_DATA = (
    "LOAD DATA LOCAL INFILE %s INTO TABLE `{table}` CHARACTER SET utf8mb4"
    " FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' ESCAPED BY ''"
    " LINES TERMINATED BY '\\n' ({columns})"
)
_DEFAULTS = {
    "integer": "0",
    "float": "0",
    "string": "''",
    "date": "'0001-01-01'",
    "timestamp": "'0001-01-01 00:00:00'",
    "time": "'00:00:00'",
}


def twin_table_sql(table: Table, name: str | None = None) -> str:
    """`CREATE TABLE` for `table` as OpenDental declares it, named `name` (default: its own)."""
    lines = [f"  `{c.name}` {c.ddl_type} {_column_options(table, c)}" for c in table.columns]
    lines.append(f"  PRIMARY KEY ({', '.join(f'`{k}`' for k in table.primary_key)})")
    # OpenDental's CRUD generator indexes every bigint column that is not the key.
    lines.extend(
        f"  KEY `{c.name}` (`{c.name}`)"
        for c in table.columns
        if c.base_type == "bigint" and c.name not in table.primary_key
    )
    body = ",\n".join(lines)
    return f"CREATE TABLE `{name or table.name}` (\n{body}\n) ENGINE=InnoDB DEFAULT CHARSET=utf8"


def load_twin(
    target: Target,
    batches: Iterable[Mapping[str, pa.Table]],
    *,
    on_rows: Callable[[str, int], None] | None = None,
) -> dict[str, int]:
    """Replace the twin's tables with the rows of `batches`; return rows written per table.

    Creates the target database if it is missing. Batches are in the raw shape, as for
    `load.load_raw`, and are consumed once as a stream. Either every table is replaced or, on
    failure, none is: the error is raised as one `DentalError` and the old tables stay.
    """
    conn = _connect(target)
    try:
        return _load(conn, target, batches, on_rows)
    finally:
        conn.close()


def _load(
    conn: pymysql.connections.Connection,
    target: Target,
    batches: Iterable[Mapping[str, pa.Table]],
    on_rows: Callable[[str, int], None] | None,
) -> dict[str, int]:
    counts = dict.fromkeys(TABLES, 0)
    loading = {name: name + LOADING_SUFFIX for name in TABLES}
    try:
        with conn.cursor() as cur:
            # Leftovers of a load that was killed before it could clean up.
            _drop(cur, [*loading.values(), *(name + OLD_SUFFIX for name in TABLES)])
            for table in TABLES.values():
                cur.execute(twin_table_sql(table, loading[table.name]))
            with tempfile.TemporaryDirectory(prefix="dental-twin-") as tmp:
                csv_path = Path(tmp) / "batch.csv"
                for batch in batches:
                    for name, arrow in batch.items():
                        table, data = conform(name, arrow)
                        _load_data(cur, table, loading[name], data, csv_path)
                        counts[name] += data.num_rows
                        if on_rows is not None:
                            on_rows(name, data.num_rows)
            _swap_in(cur, target)
    except BaseException as error:
        reason = describe(error)
        with contextlib.suppress(Exception), conn.cursor() as cur:
            _drop(cur, list(loading.values()))
        if not isinstance(error, Exception):
            raise
        raise DentalError(
            f"load into {target.display} failed: {reason}; the previous tables are unchanged"
        ) from error
    # The new tables are in place; a replaced table that cannot be dropped now is dropped as a
    # leftover by the next load, so this load still succeeded.
    with contextlib.suppress(Exception), conn.cursor() as cur:
        _drop(cur, [name + OLD_SUFFIX for name in TABLES])
    return counts


def _column_options(table: Table, column: Column) -> str:
    if column.name in table.primary_key:
        single_integer_key = len(table.primary_key) == 1 and column.kind == "integer"
        return "NOT NULL AUTO_INCREMENT" if single_integer_key else "NOT NULL"
    if column.is_row_timestamp or "TimeStamp" in column.special:
        return "NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP"
    return f"NOT NULL DEFAULT {_DEFAULTS[column.kind]}"


def _connect(target: Target) -> pymysql.connections.Connection:
    """Connect, create the target database if missing, and make it the session's default."""
    where = f"MySQL at {target.host}:{target.port}"
    try:
        conn = pymysql.connect(
            host=target.host,
            port=target.port or 3306,
            user=target.user,
            password=target.password or "",
            charset="utf8mb4",
            local_infile=True,
            autocommit=True,
            connect_timeout=_CONNECT_TIMEOUT_SECONDS,
        )
    except pymysql.MySQLError as error:
        raise DentalError(f"cannot reach {where}: {mysql_reason(error)}") from error
    database = (target.database or "").replace("`", "``")
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE IF NOT EXISTS `{database}` CHARACTER SET utf8")
            cur.execute(f"USE `{database}`")
            cur.execute(
                "SET SESSION sql_mode = %s, time_zone = '+00:00', unique_checks = 0,"
                " foreign_key_checks = 0",
                (_SQL_MODE,),
            )
    except pymysql.MySQLError as error:
        conn.close()
        raise DentalError(
            f"cannot use database {target.database!r} on {where}: {mysql_reason(error)}"
        ) from error
    return conn


def _load_data(
    cur: pymysql.cursors.Cursor, table: Table, into: str, data: pa.Table, csv_path: Path
) -> None:
    """Bulk-load `data` into table `into` through a CSV file; any warning fails the load.

    `LOAD DATA LOCAL` cannot stop the client mid-file, so MySQL turns bad values into
    warnings (truncating or zeroing them) instead of errors; a warning here is a bad value.
    """
    if data.num_rows == 0:
        return
    pacsv.write_csv(_as_mysql_text(data), str(csv_path), _CSV_OPTIONS)
    columns = ", ".join(f"`{c.name}`" for c in table.columns)
    try:
        cur.execute(_LOAD_DATA.format(table=into, columns=columns), (str(csv_path),))
        problems = [w for w in cur.connection.show_warnings() if w[0] != "Note"]
    except pymysql.MySQLError as error:
        raise DentalError(f"MySQL failed writing {table.name}: {mysql_reason(error)}") from error
    if problems:
        message = without_values(str(problems[0][2]))
        raise DentalError(
            f"MySQL rejected values in {table.name}: {message} ({len(problems)} warnings)"
        )
    if cur.rowcount != data.num_rows:
        raise DentalError(f"MySQL loaded {cur.rowcount} of {data.num_rows} rows into {table.name}")


def _as_mysql_text(data: pa.Table) -> pa.Table:
    """`data` with timestamps cut to whole seconds and durations as `[-]HH:MM:SS` (MySQL `time`)."""
    arrays = []
    for column in data.columns:
        if pa.types.is_timestamp(column.type):
            column = pc.floor_temporal(column, unit="second").cast(pa.timestamp("s"))
        elif pa.types.is_duration(column.type):
            column = _time_text(column)
        arrays.append(column)
    return pa.Table.from_arrays(arrays, names=data.column_names)


def _time_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    micros = pc.cast(column.cast(pa.duration("us")), pa.int64())
    seconds = pc.divide(pc.abs(micros), 1_000_000)  # integer division: whole seconds
    hours = pc.divide(seconds, 3600)
    minutes = pc.divide(pc.subtract(seconds, pc.multiply(hours, 3600)), 60)
    secs = pc.subtract(seconds, pc.add(pc.multiply(hours, 3600), pc.multiply(minutes, 60)))
    sign = pc.if_else(pc.less(micros, 0), "-", "")

    def two_digits(values: pa.ChunkedArray) -> pa.ChunkedArray:
        return pc.utf8_lpad(pc.cast(values, pa.string()), width=2, padding="0")

    return pc.binary_join_element_wise(
        sign, two_digits(hours), ":", two_digits(minutes), ":", two_digits(secs), ""
    )


def _swap_in(cur: pymysql.cursors.Cursor, target: Target) -> None:
    """Put every `__loading` table in its place in one atomic `RENAME TABLE`."""
    cur.execute(
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s",
        (target.database,),
    )
    existing = {row[0] for row in cur.fetchall()}
    renames = []
    for name in TABLES:
        if name in existing:
            renames.append(f"`{name}` TO `{name}{OLD_SUFFIX}`")
        renames.append(f"`{name}{LOADING_SUFFIX}` TO `{name}`")
    cur.execute("RENAME TABLE " + ", ".join(renames))


def _drop(cur: pymysql.cursors.Cursor, names: list[str]) -> None:
    cur.execute("DROP TABLE IF EXISTS " + ", ".join(f"`{n}`" for n in names))


@contextlib.contextmanager
def _reading(target: Target) -> Iterator[pymysql.cursors.Cursor]:
    """A cursor on the twin for reads; a MySQL error becomes one line naming the twin."""
    conn = _connect(target)
    try:
        with conn.cursor() as cur:
            yield cur
    except pymysql.MySQLError as error:
        raise DentalError(
            f"cannot read the twin {target.display}: {mysql_reason(error)}"
        ) from error
    finally:
        conn.close()


def read_state(
    target: Target, columns: Mapping[str, Sequence[str]] = STATE_COLUMNS
) -> PracticeState:
    """The twin's current rows of `columns` (table -> OpenDental column names), in key order,
    as Arrow with the raw layer's names and types, and the next primary key of every table."""
    with _reading(target) as cur:
        tables = {name: _read_table(cur, TABLES[name], cols) for name, cols in columns.items()}
        next_keys = {}
        for table in TABLES.values():
            cur.execute(f"SELECT COALESCE(MAX(`{table.key.name}`), 0) + 1 FROM `{table.name}`")
            next_keys[table.name] = int(cur.fetchone()[0])
    return PracticeState(tables=tables, next_keys=next_keys)


def _read_table(cur: pymysql.cursors.Cursor, table: Table, names: Sequence[str]) -> pa.Table:
    """The columns `names` of every row of `table`, in key order, as Arrow in the raw layer's
    names and types. Each row comes as one line of CSV that the server writes (the extractor's
    way), so the client handles one value per row and Arrow parses the rest."""
    columns = [table.column(n) for n in names]
    line = ", ".join(_csv_field(c) for c in columns)
    cur.execute(f"SELECT CONCAT_WS(',', {line}) FROM `{table.name}` ORDER BY `{table.key.name}`")
    rows = cur.fetchall()
    raw_names = [c.raw_name for c in columns]
    if not rows:
        return pa.Table.from_arrays(
            [pa.array([], type=c.arrow_type) for c in columns], names=raw_names
        )
    data = "\n".join(row[0] for row in rows).encode()
    return pacsv.read_csv(
        io.BytesIO(data),
        pacsv.ReadOptions(
            column_names=raw_names, block_size=max(len(data) + 1, 1 << 20), use_threads=False
        ),
        pacsv.ParseOptions(newlines_in_values=True),
        pacsv.ConvertOptions(
            column_types={c.raw_name: c.arrow_type for c in columns},
            strings_can_be_null=True,  # an unquoted empty field is NULL ...
            quoted_strings_can_be_null=False,  # ... and a quoted one the empty string
        ),
    )


def _csv_field(column: Column) -> str:
    """The server-side expression writing one column as a CSV field: NULL as an empty field,
    text as utf8mb4, quoted, with quotes doubled."""
    name = f"`{column.name}`"
    if column.kind == "string":
        return (
            f"""IFNULL(CONCAT('"', REPLACE(CONVERT({name} USING utf8mb4), '"', '""'), '"'), '')"""
        )
    return f"IFNULL({name}, '')"


def apply_changes(target: Target, changes: ChangeSet) -> dict[str, tuple[int, int, int]]:
    """Write `changes` to the twin in one transaction; return (inserted, updated, deleted) per table.

    Inserts go first, then updates, then deletes. Every value is the change set's own, row stamps
    included: an update that does not set a table's `DateTStamp` / `SecDateTEdit` is refused, so
    the twin's `ON UPDATE CURRENT_TIMESTAMP` never decides one. On any failure nothing is written
    and one `DentalError` is raised.
    """
    counts: dict[str, list[int]] = {}

    def count(name: str, kind: int, n: int) -> None:
        counts.setdefault(name, [0, 0, 0])[kind] += n

    conn = _connect(target)
    try:
        conn.begin()
        with conn.cursor() as cur:
            for name, parts in changes.inserts.items():
                for part in parts:
                    count(name, 0, _insert(cur, *conform(name, part)))
            for name, parts in changes.updates.items():
                for part in parts:
                    count(name, 1, _update(cur, TABLES[name], part))
            for name, keys in changes.deletes.items():
                for key in keys:
                    count(name, 2, _delete(cur, TABLES[name], key))
        conn.commit()
    except BaseException as error:
        with contextlib.suppress(Exception):
            conn.rollback()
        if not isinstance(error, Exception):
            raise
        raise DentalError(
            f"applying changes to {target.display} failed: {describe(error)}; nothing was written"
        ) from error
    finally:
        conn.close()
    return {name: (i, u, d) for name, (i, u, d) in counts.items()}


def _insert(cur: pymysql.cursors.Cursor, table: Table, data: pa.Table) -> int:
    if data.num_rows == 0:
        return 0
    columns = ", ".join(f"`{c.name}`" for c in table.columns)
    marks = ", ".join(["%s"] * len(table.columns))
    cur.executemany(
        f"INSERT INTO `{table.name}` ({columns}) VALUES ({marks})", _rows(_as_mysql_values(data))
    )
    return int(data.num_rows)


def _update(cur: pymysql.cursors.Cursor, table: Table, data: pa.Table) -> int:
    by_raw = {c.raw_name: c for c in table.columns}
    unknown = [n for n in data.column_names if n not in by_raw]
    if unknown:
        raise DentalError(f"{table.name} has no columns {', '.join(unknown)}")
    key, *rest = (by_raw[n] for n in data.column_names)
    if key.name != table.key.name:
        raise DentalError(f"an update of {table.name} must start with its key {table.key.name}")
    unstamped = sorted(set(row_stamp_columns(table)) - {c.name for c in rest})
    if unstamped:
        raise DentalError(
            f"an update of {table.name} must set {', '.join(unstamped)} from the simulated clock"
        )
    assignments = ", ".join(f"`{c.name}` = %s" for c in rest)
    sql = f"UPDATE `{table.name}` SET {assignments} WHERE `{key.name}` = %s"
    updated = 0
    for row in _rows(_as_mysql_values(data)):
        updated += int(cur.execute(sql, (*row[1:], row[0])))
    return updated


def _delete(cur: pymysql.cursors.Cursor, table: Table, keys: pa.Array) -> int:
    deleted = 0
    values = keys.to_pylist()
    for start in range(0, len(values), 1000):
        chunk = values[start : start + 1000]
        marks = ", ".join(["%s"] * len(chunk))
        sql = f"DELETE FROM `{table.name}` WHERE `{table.key.name}` IN ({marks})"
        deleted += int(cur.execute(sql, chunk))
    return deleted


def _as_mysql_values(data: pa.Table) -> pa.Table:
    """`data` with timestamps cut to whole seconds, as the twin stores them."""
    arrays = [
        pc.floor_temporal(c, unit="second") if pa.types.is_timestamp(c.type) else c
        for c in data.columns
    ]
    return pa.Table.from_arrays(arrays, names=data.column_names)


def _rows(data: pa.Table) -> list[tuple[Any, ...]]:
    columns = [c.to_pylist() for c in data.columns]
    return list(zip(*columns, strict=True))


def latest_stamp(target: Target) -> dt.datetime | None:
    """The latest row-edit stamp (`DateTStamp` / `SecDateTEdit`) of any table of the twin: when
    anything was last written to it. None for a twin without rows."""
    with _reading(target) as cur:
        cur.execute(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s",
            (target.database,),
        )
        existing = {row[0] for row in cur.fetchall()}
        latest: list[dt.datetime] = []
        for table in TABLES.values():
            stamp = table.stamp_column
            if stamp is None or table.name not in existing:
                continue
            cur.execute(f"SELECT MAX(`{stamp.name}`) FROM `{table.name}`")
            value = cur.fetchone()[0]
            if isinstance(value, dt.datetime):
                latest.append(value)
    return max(latest, default=None)
