"""`dental simulate`: a MariaDB twin of OpenDental moves on by practice days.

Each day reads the twin's state (`mysql_twin.read_state`), runs the generator's rules for the day
(`synthetic.simulate.advance_day`) and writes the change set they return in one transaction
(`mysql_twin.apply_changes`), so a run that stops leaves whole days. The days are the practice's
open days (Monday to Friday): the first is the next open day after the twin's current day, the
date of its latest row stamp (when anything was last written to it), or `from_date`.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pyarrow as pa

from dental_analytics.errors import DentalError
from dental_analytics.opendental.schema import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.params import OFFICE_OPEN_DAYS_PER_WEEK
from dental_analytics.synthetic.simulate import advance_day
from dental_analytics.warehouse.mysql_twin import apply_changes, latest_stamp, read_state
from dental_analytics.warehouse.url import Target

OnDay = Callable[[dt.date, dict[str, tuple[int, int, int]]], None]
OPEN_WEEKDAYS = OFFICE_OPEN_DAYS_PER_WEEK  # Monday to Friday


@dataclass
class NetChanges:
    """Keys inserted, updated and deleted per table between the twin before and after a run.

    A row inserted and later edited counts as inserted; inserted and later deleted, not at all;
    edited and later deleted, as deleted. Every edit moves the row's stamp, so an edited row
    always differs from what it was.
    """

    inserted: dict[str, set[int]] = field(default_factory=dict)
    updated: dict[str, set[int]] = field(default_factory=dict)
    deleted: dict[str, set[int]] = field(default_factory=dict)

    def add(self, changes: ChangeSet) -> None:
        """Count a change set applied after the ones already counted (inserts, updates, deletes)."""
        for name, parts in changes.inserts.items():
            self.inserted.setdefault(name, set()).update(_keys(name, parts))
        for name, parts in changes.updates.items():
            new = _keys(name, parts) - self.inserted.get(name, set())
            self.updated.setdefault(name, set()).update(new)
        for name, arrays in changes.deletes.items():
            for key in (int(k) for a in arrays for k in a.to_pylist()):
                if key in self.inserted.get(name, set()):
                    self.inserted[name].discard(key)
                else:
                    self.updated.get(name, set()).discard(key)
                    self.deleted.setdefault(name, set()).add(key)

    def counts(self) -> dict[str, tuple[int, int, int]]:
        """(inserted, updated, deleted) per table that changed, by table name."""
        names = sorted(set(self.inserted) | set(self.updated) | set(self.deleted))
        counts = {
            name: (
                len(self.inserted.get(name, ())),
                len(self.updated.get(name, ())),
                len(self.deleted.get(name, ())),
            )
            for name in names
        }
        return {name: c for name, c in counts.items() if any(c)}


@dataclass
class SimulationSummary:
    target: str
    seed: int
    days: list[dt.date]
    changes: dict[str, tuple[int, int, int]]  # net (inserted, updated, deleted) per table
    seconds: float


def _keys(name: str, parts: list[pa.Table]) -> set[int]:
    key = table(name).key.raw_name
    return {int(k) for part in parts for k in part.column(key).to_pylist()}


def practice_days(first: dt.date, n: int) -> Iterator[dt.date]:
    """The `n` open days from `first` on (a day the practice is closed moves to the next)."""
    day = first
    while n:
        if day.weekday() < OPEN_WEEKDAYS:
            yield day
            n -= 1
        day += dt.timedelta(days=1)


def current_day(target: Target) -> dt.date:
    """The twin's current day: the date of its latest row stamp."""
    stamp = latest_stamp(target)
    if stamp is None:
        raise DentalError(
            f"{target.display} has no rows to simulate from: load a practice first "
            "(dental generate --to mysql://…)"
        )
    return stamp.date()


def simulate(
    target: Target,
    *,
    days: int,
    seed: int,
    from_date: dt.date | None = None,
    on_day: OnDay | None = None,
) -> SimulationSummary:
    """Advance the twin `target` by `days` practice days; return the net changes per table.

    The same seed and starting twin give the same twin after, whenever it is run.
    """
    if target.kind != "mysql":
        raise DentalError(f"--to must be a mysql:// twin of OpenDental, got {target.display}")
    if days < 1:
        raise DentalError(f"--days must be 1 or more, got {days}")
    first = from_date or current_day(target) + dt.timedelta(days=1)
    started = time.perf_counter()
    net = NetChanges()
    simulated = []
    for day in practice_days(first, days):
        changes = advance_day(read_state(target), day, seed)
        written = apply_changes(target, changes)
        net.add(changes)
        simulated.append(day)
        if on_day is not None:
            on_day(day, written)
    return SimulationSummary(
        target=target.display,
        seed=seed,
        days=simulated,
        changes=net.counts(),
        seconds=time.perf_counter() - started,
    )
