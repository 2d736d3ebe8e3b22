"""Whole-column table building: a generator sets the columns it means, the frame fills the rest.

Every OpenDental column is NOT NULL and has a "nothing here" value: 0 for numbers and keys, ''
for text, 0001-01-01 for dates. A `Frame` starts with those for every column of the table, takes
arrays for the columns a domain module sets, stamps the entry and edit columns from each row's
creation time, and hands the engine one Arrow table in the raw layer's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from dental_analytics.opendental.schema import Column, Table, table

NO_DATE = np.datetime64("0001-01-01", "D")
NO_DATETIME = np.datetime64("0001-01-01T00:00:00", "us")

_ENTRY_DATE = {"DateEntry", "DateEntryEditable"}
_ENTRY_DATETIME = {"DateTEntry", "DateTEntryEditable"}


@lru_cache(maxsize=256)
def _default_array(arrow_type: pa.DataType, kind: str, n: int) -> pa.Array:
    """A column of n "nothing here" values; immutable, so one array serves every such column."""
    if kind == "integer" or kind == "float":
        return pa.array(np.zeros(n), type=arrow_type)
    if kind == "string":
        return pa.repeat(pa.scalar("", pa.string()), n)
    if kind == "date":
        return pa.array(np.full(n, NO_DATE))
    if kind == "timestamp":
        return pa.array(np.full(n, NO_DATETIME))
    return pa.array(np.zeros(n, dtype="timedelta64[us]"))


def column_array(column: Column, values: Any, n: int) -> pa.Array:
    if isinstance(values, pa.Array | pa.ChunkedArray):
        array = values
    elif isinstance(values, str):
        array = pa.repeat(pa.scalar(values, pa.string()), n)
    else:
        values = np.asarray(values)
        if values.ndim == 0:
            values = np.full(n, values)
        if values.dtype.kind == "M":
            values = values.astype("datetime64[D]" if column.kind == "date" else "datetime64[us]")
        elif values.dtype.kind == "m":
            values = values.astype("timedelta64[us]")
        array = pa.array(values)
    if len(array) != n:
        raise ValueError(f"{column.name}: {len(array)} values for {n} rows")
    if array.null_count:
        raise ValueError(f"{column.name}: OpenDental columns are NOT NULL, got nulls")
    return array.cast(column.arrow_type)


class Frame:
    """The rows of one OpenDental table, built a whole column at a time."""

    def __init__(self, table_name: str, n: int) -> None:
        self.table: Table = table(table_name)
        self.n = n
        self._columns: dict[str, Any] = {}

    def __setitem__(self, name: str, values: Any) -> None:
        if name not in self.table.by_name:
            raise KeyError(f"{self.table.name} has no column {name!r}")
        self._columns[name] = values

    def __getitem__(self, name: str) -> Any:
        return self._columns[name]

    def update(self, columns: Mapping[str, Any]) -> None:
        for name, values in columns.items():
            self[name] = values

    def stamp(
        self, created: npt.NDArray[np.datetime64], edited: npt.NDArray[np.datetime64] | None = None
    ) -> None:
        """Fill the entry-date, entry-time and row-timestamp columns the caller has not set.

        `created` is when each row was entered; `edited` (default: `created`) its last edit,
        which is what OpenDental's `DateTStamp` / `SecDateTEdit` hold.
        """
        created_us = created.astype("datetime64[us]")
        edited_us = created_us if edited is None else edited.astype("datetime64[us]")
        for column in self.table.columns:
            if column.name in self._columns:
                continue
            special = set(column.special)
            if special & _ENTRY_DATE:
                self._columns[column.name] = created_us.astype("datetime64[D]")
            elif special & _ENTRY_DATETIME:
                self._columns[column.name] = created_us
            elif "TimeStamp" in special:
                self._columns[column.name] = edited_us

    def to_arrow(self) -> pa.Table:
        unset_stamps = [
            c.name
            for c in self.table.columns
            if "TimeStamp" in c.special and c.name not in self._columns
        ]
        if unset_stamps and self.n:
            # A MySQL `timestamp` cannot hold OpenDental's 0001-01-01: a row stamp needs a real time.
            raise ValueError(
                f"{self.table.name}: row timestamps {unset_stamps} not set; call stamp()"
            )
        arrays = []
        for column in self.table.columns:
            values = self._columns.get(column.name)
            arrays.append(
                _default_array(column.arrow_type, column.kind, self.n)
                if values is None
                else column_array(column, values, self.n)
            )
        return pa.Table.from_arrays(arrays, schema=self.table.arrow_schema)
