"""Provider days that follow demand: how many days each provider works, and which.

An office does not open every chair every weekday: it opens a provider day once about a day's
worth of visits wants that provider (`book_on_provider_days`: every booking counts, some of which
will break), and books those visits on it, a little later than some patients wanted. The
schedule rows are written from the days opened (`write_provider_schedules`), so every visit
falls in its provider's hours and chair utilisation is what the book makes of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import Calendar, Days, Ints, KeyCounter, at_minute, weekday
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.params import (
    DAY_END_MINUTE,
    DAY_START_MINUTE,
    PROVIDER_DAY_FILL,
)


@dataclass(frozen=True)
class Roster:
    """The days each provider works: one row per (provider, day), sorted by provider then day."""

    provider: Ints
    day: Days

    def days_of(self, provider: int) -> Days:
        return self.day[self.provider == provider]


def book_on_provider_days(
    cal: Calendar, provider: Ints, wanted: Days, minutes: Ints, workdays_per_week: int
) -> tuple[Days, Roster]:
    """(booked date of each visit, the provider days opened for them).

    Per provider, visits are taken in the order of the day the patient wanted; each run of them
    that fills `PROVIDER_DAY_FILL` of a working day gets a day of its own, the last day any of
    them wanted (or the provider's next working day, if that one is already open), so a visit
    only moves later.
    """
    span = np.arange(cal.start, cal.horizon + np.timedelta64(1, "D"), dtype="datetime64[D]")
    open_days = span[weekday(span) < workdays_per_week]
    wanted = wanted.astype("datetime64[D]")
    wanted_at = np.searchsorted(open_days, wanted)
    if len(wanted) and (
        (wanted_at >= len(open_days)).any()
        or (open_days[np.minimum(wanted_at, len(open_days) - 1)] != wanted).any()
    ):
        raise ValueError("visits wanted on days the providers do not work")
    capacity = (DAY_END_MINUTE - DAY_START_MINUTE) * PROVIDER_DAY_FILL
    booked_at = wanted_at.copy()
    for prov in np.unique(provider).tolist():
        rows = np.flatnonzero(provider == prov)
        rows = rows[np.argsort(wanted_at[rows], kind="stable")]
        booked_before = np.cumsum(minutes[rows]) - minutes[rows]
        run = (booked_before // capacity).astype(np.int64)
        runs, first = np.unique(run, return_index=True)
        last_of_run = np.r_[first[1:], len(rows)] - 1
        want = wanted_at[rows][last_of_run]
        order = np.arange(len(runs))
        # Strictly later than the run before; the book ends at the horizon.
        day = np.minimum(np.maximum.accumulate(want - order) + order, len(open_days) - 1)
        booked_at[rows] = day[np.searchsorted(runs, run)]
    pairs = np.unique(np.stack([provider, booked_at]), axis=1)
    return open_days[booked_at], Roster(pairs[0], open_days[pairs[1]])


def merge_rosters(*rosters: Roster) -> Roster:
    provider = np.concatenate([r.provider for r in rosters])
    day = np.concatenate([r.day for r in rosters])
    order = np.lexsort((day, provider))
    return Roster(provider[order], day[order])


def write_provider_schedules(
    cal: Calendar,
    roster: Roster,
    provider_num: Ints,
    provider_clinic: Ints,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """A provider schedule block (SchedType 1) in their office for every day they work."""
    n = len(roster.provider)
    clinic = provider_clinic[np.searchsorted(provider_num, roster.provider)]
    s = Frame("schedule", n)
    s.update(
        {
            "ScheduleNum": keys.take("schedule", n),
            "SchedDate": roster.day,
            "StartTime": np.full(n, DAY_START_MINUTE).astype("timedelta64[m]"),
            "StopTime": np.full(n, DAY_END_MINUTE).astype("timedelta64[m]"),
            "SchedType": 1,
            "ProvNum": roster.provider,
            "ClinicNum": clinic,
        }
    )
    # Set up when the month's book is planned, a month ahead, never after the as-of date.
    s.stamp(at_minute(np.minimum(roster.day - np.timedelta64(30, "D"), cal.today), 10 * 60))
    out.add(s)
