"""Rows as the source writes them (one CSV line each) -> Arrow in the raw layer's shape.

What real OpenDental databases hold and the generator never writes gets a defined outcome here:
- MySQL's zero dates (`0000-00-00`, `0000-00-00 00:00:00`) and impossible dates such as
  `2024-02-30` (possible under ALLOW_INVALID_DATES) become OpenDental's own "no date",
  `0001-01-01`, which staging turns into null; impossible ones are counted in a note.
- NULL, which OpenDental's columns do not allow but old or hand-repaired databases can hold,
  stays null.
- A whole number too large for the raw type (an unsigned bigint above 2^63 - 1, say) stops the
  table with an error naming the column, never the value.
- MySQL `time` (durations, possibly negative or above 24 hours) becomes an Arrow duration.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from dental_analytics.errors import DentalError
from dental_analytics.opendental.schema import Column, Table

NO_DATE = "0001-01-01"
_NO_DATE_VALUE = dt.datetime(1, 1, 1)
_READ_TYPES = {
    "integer": pa.int64(),
    "float": pa.float64(),
    "string": pa.string(),
    "date": pa.string(),
    "timestamp": pa.string(),
    "time": pa.string(),
}
_PARSE = pacsv.ParseOptions(newlines_in_values=True, double_quote=True, escape_char=False)
_COLUMN_NUMBER = re.compile(r"column #(\d+)")


def decode_rows(table: Table, rows: list[bytes], notes: Counter[str] | None = None) -> pa.Table:
    """Decode one batch of `table`'s rows; `notes` counts what was changed on the way, by
    `table.column: what` (never a value). Raises `DentalError` naming the column that cannot
    be read."""
    data = b"\n".join(rows)
    read = pacsv.ReadOptions(
        column_names=[c.raw_name for c in table.columns],
        block_size=max(len(data) + 1, 1 << 20),
        use_threads=False,
    )
    convert = pacsv.ConvertOptions(
        column_types={c.raw_name: _READ_TYPES[c.kind] for c in table.columns},
        strings_can_be_null=True,  # an unquoted empty field is NULL ...
        quoted_strings_can_be_null=False,  # ... and a quoted one the empty string
    )
    try:
        parsed = pacsv.read_csv(io.BytesIO(data), read, _PARSE, convert)
    except pa.ArrowInvalid as error:
        raise _unreadable(table, str(error)) from None
    arrays = [
        _convert(table, column, parsed.column(i), notes) for i, column in enumerate(table.columns)
    ]
    return pa.Table.from_arrays(arrays, names=[c.raw_name for c in table.columns])


def _unreadable(table: Table, message: str) -> DentalError:
    """An error naming the column Arrow could not read; Arrow's message quotes the value."""
    found = _COLUMN_NUMBER.search(message)
    if found and int(found.group(1)) < len(table.columns):
        column = table.columns[int(found.group(1))]
        return DentalError(f"{table.name}.{column.name}: {_cannot_read(column)}")
    return DentalError(f"{table.name}: a row could not be read as {len(table.columns)} columns")


def _cannot_read(column: Column) -> str:
    if column.kind == "integer":
        return "a value is not a whole number that fits a signed 64-bit integer"
    if column.kind == "float":
        return "a value is not a number"
    return "a value cannot be read as text (not valid UTF-8)"


def _convert(
    table: Table, column: Column, values: pa.ChunkedArray, notes: Counter[str] | None
) -> pa.ChunkedArray:
    kind = column.kind
    if kind in ("integer", "float"):
        try:
            return values.cast(column.arrow_type)
        except pa.ArrowInvalid:
            raise DentalError(
                f"{table.name}.{column.name}: a value does not fit {column.raw_sql_type}"
            ) from None
    if kind == "string":
        return values
    if kind == "time":
        return _durations(table, column, values)
    return _dates(table, column, values, notes)


def _dates(
    table: Table, column: Column, values: pa.ChunkedArray, notes: Counter[str] | None
) -> pa.ChunkedArray:
    """Dates and date-times; zero and impossible dates become OpenDental's `0001-01-01`.

    Arrow's parser rolls some impossible dates over (`2023-02-30` -> March 2nd) and rejects
    others, so the year, month and day of each parsed value are compared with its text's.
    """
    is_date = column.kind == "date"
    zero = pc.starts_with(values, "0000-00-00")
    text = pc.if_else(zero, NO_DATE if is_date else f"{NO_DATE} 00:00:00", values)
    try:
        parsed = text.cast(pa.timestamp("us"))
    except pa.ArrowInvalid:
        fmt, width = ("%Y-%m-%d", 10) if is_date else ("%Y-%m-%d %H:%M:%S", 19)
        parsed = pc.strptime(pc.utf8_slice_codeunits(text, 0, width), fmt, "us", error_is_null=True)
    as_written = pc.add(
        pc.add(pc.multiply(pc.year(parsed), 10_000), pc.multiply(pc.month(parsed), 100)),
        pc.day(parsed),
    )
    digits = pc.replace_substring(pc.utf8_slice_codeunits(text, 0, 10), "-", "")
    digits = pc.if_else(pc.utf8_is_digit(digits), digits, "-1")  # text that is no date at all
    same = pc.equal(as_written, pc.cast(digits, pa.int64()))
    impossible = pc.and_(pc.is_valid(text), pc.invert(pc.fill_null(same, False)))
    count = pc.sum(impossible).as_py() or 0
    if count:
        if notes is not None:
            notes[f"{table.name}.{column.name}: impossible dates loaded as {NO_DATE}"] += count
        parsed = pc.if_else(impossible, pa.scalar(_NO_DATE_VALUE, type=parsed.type), parsed)
    return parsed.cast(column.arrow_type)


def _durations(table: Table, column: Column, values: pa.ChunkedArray) -> pa.ChunkedArray:
    """MySQL `time` text (`[-]H:MM:SS[.ffffff]`, hours up to 838) as microseconds."""
    negative = pc.starts_with(values, "-")
    parts = pc.split_pattern(pc.utf8_ltrim(values, "-"), ":")
    try:
        hours = pc.cast(pc.list_element(parts, 0), pa.int64())
        minutes = pc.cast(pc.list_element(parts, 1), pa.int64())
        seconds = pc.cast(pc.list_element(parts, 2), pa.float64())
    except (pa.ArrowInvalid, IndexError):
        raise DentalError(f"{table.name}.{column.name}: a value is not a MySQL time") from None
    whole = pc.add(pc.multiply(hours, 3600), pc.multiply(minutes, 60))
    micros = pc.add(
        pc.multiply(whole, 1_000_000), pc.cast(pc.round(pc.multiply(seconds, 1e6)), pa.int64())
    )
    signed = pc.if_else(negative, pc.negate(micros), micros)
    return signed.cast(pa.duration("us"))
