"""The net changes `dental simulate` reports, and the practice days it runs."""

from __future__ import annotations

import datetime as dt

import numpy as np

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.frame import Frame
from dental_analytics.twin_simulation import NetChanges, practice_days

STAMP = np.array(["2026-11-25T10:00"], dtype="datetime64[m]")


def _insert(changes: ChangeSet, key: int) -> None:
    frame = Frame("definition", 1)
    frame["DefNum"] = np.array([key])
    changes.add(frame)


def test_net_changes_count_each_key_once_by_what_it_became() -> None:
    day1, day2 = ChangeSet(), ChangeSet()
    _insert(day1, 100)  # inserted, then edited: inserted
    _insert(day1, 101)  # inserted, then deleted: nothing
    day1.update("procedurelog", [5], {"ProcFee": 1.0}, STAMP)  # edited, then deleted: deleted
    day1.update("procedurelog", [6], {"ProcFee": 1.0}, STAMP)  # edited twice: updated once
    day2.update("procedurelog", [6], {"ProcFee": 2.0}, STAMP)
    day2.update("definition", [100], {"ItemName": "x"}, STAMP)
    day2.delete("definition", [101])
    day2.delete("procedurelog", [5, 7])
    net = NetChanges()
    net.add(day1)
    net.add(day2)
    assert net.counts() == {"definition": (1, 0, 0), "procedurelog": (0, 1, 2)}


def test_practice_days_are_the_open_days_from_the_first() -> None:
    friday = dt.date(2026, 11, 27)
    assert list(practice_days(friday, 3)) == [
        friday,
        dt.date(2026, 11, 30),
        dt.date(2026, 12, 1),
    ]
    assert list(practice_days(dt.date(2026, 11, 28), 1)) == [dt.date(2026, 11, 30)]
