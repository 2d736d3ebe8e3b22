"""Small batches for every OpenDental table of the schema module, built with `Frame`, for the loader tests.

Every column gets three kinds of rows: OpenDental's "nothing here" values (0, '', 0001-01-01,
0001-01-01 00:00:00, a zero duration), ordinary ones, and awkward ones (quotes, a comma, a
backslash, a newline, non-ASCII text, the words NULL and \\N, 2**53 + 1, microseconds, a negative
duration), cut to each varchar's length so they also fit the MySQL twin.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from dental_analytics.opendental.schema import TABLES, Column, Table
from dental_analytics.synthetic.frame import Frame

Batch = dict[str, pa.Table]

# Per kind: row 0 holds OpenDental's "nothing here" values, the others ordinary and awkward ones.
_INTEGERS = [0, 1, 7]
_BIGINTS = [0, 42, 2**53 + 1]  # 2**53 + 1 is not a float: catches a detour through doubles
_FLOATS = [0.0, 1.25, -1234.5678]
_DATES = np.array(["0001-01-01", "2024-02-29", "1999-12-31"], dtype="datetime64[D]")
_DATETIMES = np.array(
    ["0001-01-01T00:00:00", "2024-02-29T13:45:10", "2023-12-31T23:59:59.123456"],
    dtype="datetime64[us]",
)
_DURATIONS = np.array([0, 5_400_000_000, -8_100_000_000], dtype="timedelta64[us]")  # 0, 1:30, -2:15
_TRICKY_TEXT = 'O\'Brien, "Jr" \\N é\nNULL'
_STRINGS = ["", "a", _TRICKY_TEXT]
STAMPS = np.array(
    ["2024-01-01T08:00:00", "2024-06-30T12:00:00", "2025-01-15T17:30:05"], dtype="datetime64[us]"
)
LATEST_STAMP = dt.datetime(2025, 1, 15, 17, 30, 5)


def _max_length(column: Column) -> int | None:
    if "(" in column.ddl_type and column.kind == "string":
        return int(column.ddl_type.split("(")[1].split(")")[0])
    return None


def _values(table: Table, column: Column, rows: int, first_key: int) -> object:
    pick = [i % 3 for i in range(rows)]
    if column.name in table.primary_key:
        return np.arange(first_key, first_key + rows, dtype=np.int64)
    if column.kind == "integer":
        pool = _BIGINTS if column.base_type == "bigint" else _INTEGERS
        return np.array([pool[i] for i in pick], dtype=np.int64)
    if column.kind == "float":
        return np.array([_FLOATS[i] for i in pick])
    if column.kind == "date":
        return _DATES[pick]
    if column.kind == "timestamp":
        return _DATETIMES[pick]
    if column.kind == "time":
        return _DURATIONS[pick]
    limit = _max_length(column)
    return pa.array([_STRINGS[i][:limit] for i in pick], pa.string())


def sample_table(name: str, rows: int = 3, first_key: int = 1) -> pa.Table:
    """`rows` rows of table `name` in the raw shape, keys from `first_key`, built with `Frame`."""
    table = TABLES[name]
    frame = Frame(name, rows)
    for column in table.columns:
        if column.is_row_timestamp or "TimeStamp" in column.special:
            continue
        frame[column.name] = _values(table, column, rows, first_key)
    frame.stamp(STAMPS[[i % 3 for i in range(rows)]])
    return frame.to_arrow()


def sample_tables(rows: int = 3, first_key: int = 1) -> Batch:
    """`sample_table(name, rows, first_key)` for each OpenDental table."""
    return {name: sample_table(name, rows, first_key) for name in TABLES}


def split_batches(rows: int = 3, omit: tuple[str, ...] = ()) -> list[Batch]:
    """`sample_tables(rows)` as two batches (the first row, then the rest), without `omit`."""
    whole = {name: data for name, data in sample_tables(rows).items() if name not in omit}
    return [
        {name: data.slice(0, 1) for name, data in whole.items()},
        {name: data.slice(1) for name, data in whole.items()},
    ]


def invalid_utf8_strings() -> pa.Array:
    """Three strings, the second holding bytes that are not UTF-8 (Arrow does not check)."""
    data = b"fine" + b"secret \xff\xfe" + b"fine"
    offsets = np.array([0, 4, 13, 17], dtype=np.int32)
    return pa.Array.from_buffers(
        pa.string(), 3, [None, pa.py_buffer(offsets.tobytes()), pa.py_buffer(data)]
    )
