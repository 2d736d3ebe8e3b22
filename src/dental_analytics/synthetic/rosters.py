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
from dental_analytics.synthetic.offices import Roaming
from dental_analytics.synthetic.params import (
    DAY_END_MINUTE,
    DAY_START_MINUTE,
    PROVIDER_DAY_FILL,
)


@dataclass(frozen=True)
class Roster:
    """The days each provider works and where: one row per (provider, day), sorted by provider
    then day; a roaming provider's days are in their own office or in the one they visit."""

    provider: Ints
    day: Days
    clinic: Ints

    def days_of(self, provider: int) -> Days:
        return self.day[self.provider == provider]


def book_on_provider_days(
    cal: Calendar,
    provider: Ints,
    clinic: Ints,
    wanted: Days,
    minutes: Ints,
    workdays_per_week: int,
    roaming: Roaming,
) -> tuple[Days, Roster]:
    """(booked date of each visit, the provider days opened for them).

    Per provider and office, visits are taken in the order of the day the patient wanted; each
    run of them that fills `PROVIDER_DAY_FILL` of a working day gets a day of its own, the last
    day any of them wanted (or the provider's next working day there, if that one is already
    open), so a visit only moves later. A roaming provider works their visiting weekday in the
    office they visit and the other days in their own (`offices.roam_providers`), so a visit
    wanted on a day its provider is elsewhere moves to their next day in its office.
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
    works = roaming.weekday_of(provider, clinic, workdays_per_week)
    open_weekday = weekday(open_days)
    pair = np.stack([provider, clinic])
    keys, key_of = np.unique(pair, axis=1, return_inverse=True)
    key_of = key_of.ravel()
    for key in range(keys.shape[1]):
        rows = np.flatnonzero(key_of == key)
        # The pair's own days: the provider's open days on the weekdays they work this office.
        own = np.flatnonzero(works[rows[0]][open_weekday])
        at = np.minimum(np.searchsorted(own, wanted_at[rows]), len(own) - 1)
        order = np.argsort(at, kind="stable")
        rows, at = rows[order], at[order]
        booked_before = np.cumsum(minutes[rows]) - minutes[rows]
        run = (booked_before // capacity).astype(np.int64)
        runs, first = np.unique(run, return_index=True)
        last_of_run = np.r_[first[1:], len(rows)] - 1
        want = at[last_of_run]
        step = np.arange(len(runs))
        # Strictly later than the run before; the book ends at the horizon.
        day = np.minimum(np.maximum.accumulate(want - step) + step, len(own) - 1)
        booked_at[rows] = own[day[np.searchsorted(runs, run)]]
    triples = np.unique(np.stack([provider, booked_at, clinic]), axis=1)
    return open_days[booked_at], Roster(triples[0], open_days[triples[1]], triples[2])


def merge_rosters(*rosters: Roster) -> Roster:
    provider = np.concatenate([r.provider for r in rosters])
    day = np.concatenate([r.day for r in rosters])
    clinic = np.concatenate([r.clinic for r in rosters])
    order = np.lexsort((day, provider))
    return Roster(provider[order], day[order], clinic[order])


def write_provider_schedules(
    cal: Calendar,
    roster: Roster,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """A provider schedule block (SchedType 1) in the office they work in, for every day they work."""
    n = len(roster.provider)
    clinic = roster.clinic
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
