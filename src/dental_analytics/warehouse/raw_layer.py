"""The raw layer's shape (DESIGN.md, "The raw layer contract") and the check batches must pass.

`raw.<table>` has OpenDental's columns lower-cased, typed by `Column.raw_sql_type`, and a
`_loaded_at` timestamp. Every engine module writes that shape; the MySQL twin uses `conform` too,
so a batch is checked the same way whatever it is loaded into.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from dental_analytics.errors import DentalError
from dental_analytics.opendental.schema import TABLES, Table

RAW_SCHEMA = "raw"
LOADED_AT = "_loaded_at"
LOADED_AT_TYPE = pa.timestamp("us")


def raw_table_sql(table: Table, *, or_replace: bool = False) -> str:
    """`create [or replace] table raw.<table> (...)`, valid on DuckDB and PostgreSQL alike."""
    columns = [f"{c.raw_name} {c.raw_sql_type}" for c in table.columns]
    columns.append(f"{LOADED_AT} timestamp")
    body = ",\n  ".join(columns)
    create = "create or replace table" if or_replace else "create table"
    return f"{create} {RAW_SCHEMA}.{table.name} (\n  {body}\n)"


def conform(name: str, data: pa.Table) -> tuple[Table, pa.Table]:
    """Check one batch's table against the raw shape; return its `Table` and the Arrow data.

    The data must have exactly the table's raw column names, in order, and no nulls (OpenDental
    declares every column NOT NULL). Columns of another Arrow type are cast when the cast is
    lossless (say int64 -> int16 for small values). Anything else raises `DentalError`, whose
    message names the table and column but never a value.
    """
    table = TABLES.get(name)
    if table is None:
        raise DentalError(
            f"a batch carries {name!r}, which is not one of the {len(TABLES)} OpenDental tables"
        )
    expected = table.arrow_schema
    names = data.schema.names
    if names != expected.names:
        raise DentalError(f"{name}: {_column_mismatch(names, expected.names)}")
    arrays = []
    cast = False
    for column, field in zip(data.columns, expected, strict=True):
        if column.null_count:
            raise DentalError(
                f"{name}.{field.name}: {column.null_count} null values "
                "(OpenDental columns are NOT NULL)"
            )
        if column.type != field.type:
            try:
                column = column.cast(field.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                # `from None`: Arrow's message quotes the value that failed.
                raise DentalError(
                    f"{name}.{field.name}: cannot convert {column.type} to {field.type}"
                ) from None
            cast = True
        arrays.append(column)
    return table, pa.Table.from_arrays(arrays, schema=expected) if cast else data


def with_loaded_at(data: pa.Table, loaded_at: dt.datetime) -> pa.Table:
    """`data` with a last column `_loaded_at` holding `loaded_at` (naive UTC) on every row."""
    stamp = pa.scalar(loaded_at, type=LOADED_AT_TYPE)
    return data.append_column(
        pa.field(LOADED_AT, LOADED_AT_TYPE, nullable=False), pa.repeat(stamp, data.num_rows)
    )


def _column_mismatch(got: list[str], want: list[str]) -> str:
    missing = [n for n in want if n not in got]
    unexpected = [n for n in got if n not in want]
    if not missing and not unexpected:
        return "columns are not in the schema's order"
    parts = []
    if missing:
        parts.append(f"missing columns {', '.join(missing)}")
    if unexpected:
        parts.append(f"unexpected columns {', '.join(unexpected)}")
    return "; ".join(parts)
