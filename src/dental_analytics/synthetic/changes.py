"""What a span of practice days does to an OpenDental database: rows inserted, updated, deleted.

The rules of a practice's day return their rows here, per OpenDental table, as Arrow in the raw
layer's shape (lower-case column names, raw types). Three years of history are one change set of
inserts, handed to the loaders as batches; a simulated day is a change set with updates and
deletes too, applied to a MariaDB twin (`warehouse.mysql_twin.apply_changes`). The generator
knows no engine: a change set is plain Arrow.

Every timestamp a change writes comes from the simulated clock, row stamps included: an update
must carry the table's `DateTStamp` / `SecDateTEdit`, so the twin's `ON UPDATE CURRENT_TIMESTAMP`
never decides a value and a simulated day is the same whenever it is applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from dental_analytics.opendental.schema import Table, table
from dental_analytics.synthetic.frame import Frame, column_array


def row_stamp_columns(t: Table) -> list[str]:
    """The columns the database would stamp on every write (`DateTStamp`, `SecDateTEdit`)."""
    return [c.name for c in t.columns if c.is_row_timestamp or "TimeStamp" in c.special]


@dataclass
class ChangeSet:
    """Rows to insert, rows to update (key + new values) and keys to delete, per table."""

    inserts: dict[str, list[pa.Table]] = field(default_factory=dict)
    updates: dict[str, list[pa.Table]] = field(default_factory=dict)
    deletes: dict[str, list[pa.Array]] = field(default_factory=dict)

    def add(self, frame: Frame) -> Frame:
        """Insert the frame's rows (whole rows, stamps set by `Frame.stamp`)."""
        self.inserts.setdefault(frame.table.name, []).append(frame.to_arrow())
        return frame

    def update(
        self,
        table_name: str,
        keys: npt.ArrayLike,
        columns: Mapping[str, Any],
        edited: npt.NDArray[np.datetime64],
    ) -> None:
        """Set `columns` (OpenDental names -> new values) on the rows with primary key `keys`.

        `edited` is when each row was edited on the simulated clock: it goes into the table's
        row stamps, which an update may not leave to the database. No keys, no change.
        """
        t = table(table_name)
        key = np.asarray(keys)
        n = len(key)
        if not n:
            return
        stamps = row_stamp_columns(t)
        values: dict[str, Any] = {t.key.name: key, **columns}
        values.update(dict.fromkeys(stamps, np.asarray(edited).astype("datetime64[us]")))
        arrays = [column_array(t.column(name), v, n) for name, v in values.items()]
        names = [t.column(name).raw_name for name in values]
        self.updates.setdefault(table_name, []).append(pa.Table.from_arrays(arrays, names=names))

    def amend(self, table_name: str, keys: npt.ArrayLike, columns: Mapping[str, Any]) -> None:
        """Set `columns` (OpenDental names -> one value per key) on rows this change set inserts.

        For a later step of the same span that settles what an earlier one left open (the
        deposit a payment went into, a claim's follow-up status): the rows stay whole inserts.
        Every key must be a row this change set inserts.
        """
        t = table(table_name)
        key = np.asarray(keys, dtype=np.int64)
        if not len(key):
            return
        order = np.argsort(key)
        sorted_keys = key[order]
        found = np.zeros(len(key), bool)
        parts = self.inserts.get(table_name, [])
        for i, part in enumerate(parts):
            part_keys = part.column(t.key.raw_name).to_numpy().astype(np.int64)
            pos = np.clip(np.searchsorted(sorted_keys, part_keys), 0, len(key) - 1)
            hit = sorted_keys[pos] == part_keys
            if not hit.any():
                continue
            found[order[pos[hit]]] = True
            for name, values in columns.items():
                column = t.column(name)
                new = part.column(column.raw_name).to_numpy(zero_copy_only=False).copy()
                new[hit] = np.asarray(values)[order][pos[hit]]
                index = part.schema.get_field_index(column.raw_name)
                # The column keeps its field (type and nullability), so amended and unamended
                # parts of a table still concatenate.
                part = part.set_column(
                    index, part.schema.field(index), column_array(column, new, part.num_rows)
                )
            parts[i] = part
        if not found.all():
            raise KeyError(f"{table_name}: {int((~found).sum())} keys not inserted here")

    def withdraw(self, table_name: str, keys: npt.ArrayLike) -> None:
        """Take the rows with primary key `keys` out of this change set's inserts: rows a later
        step of the same span deletes (a deleted procedure's estimates) never reach the loader."""
        t = table(table_name)
        key = np.asarray(keys, dtype=np.int64)
        if not len(key):
            return
        parts = self.inserts.get(table_name, [])
        for i, part in enumerate(parts):
            keep = ~np.isin(part.column(t.key.raw_name).to_numpy().astype(np.int64), key)
            if not keep.all():
                parts[i] = part.filter(pa.array(keep))

    def delete(self, table_name: str, keys: npt.ArrayLike) -> None:
        """Delete the rows with primary key `keys` (none: no change)."""
        t = table(table_name)
        key = np.asarray(keys)
        if not len(key):
            return
        self.deletes.setdefault(table_name, []).append(column_array(t.key, key, len(key)))

    def deleted(self, table_name: str) -> npt.NDArray[np.int64]:
        """The primary keys this change set deletes from `table_name` (none: empty)."""
        parts = self.deletes.get(table_name, [])
        if not parts:
            return np.zeros(0, np.int64)
        return np.concatenate([p.to_numpy() for p in parts]).astype(np.int64)

    def merge(self, other: ChangeSet) -> ChangeSet:
        """Add `other`'s changes after this one's; return self."""
        for mine, theirs in (
            (self.inserts, other.inserts),
            (self.updates, other.updates),
            (self.deletes, other.deletes),
        ):
            for name, parts in theirs.items():
                mine.setdefault(name, []).extend(parts)
        return self

    @property
    def only_inserts(self) -> bool:
        return not self.updates and not self.deletes

    def batch(self) -> dict[str, pa.Table]:
        """The inserted rows per table, as one batch for a loader (which only inserts)."""
        if not self.only_inserts:
            raise ValueError("a change set with updates or deletes is applied, not loaded")
        return {name: pa.concat_tables(parts) for name, parts in self.inserts.items()}
