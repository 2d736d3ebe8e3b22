"""What the record builders read off the visits: each patient's hygiene history, row lookups."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dental_analytics.synthetic.context import Ints
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.visits import COMPLETE, SCHEDULED, Visits


def last_per_group(group: Ints, value: Ints, size: int, *, smallest: bool = False) -> Ints:
    """For each group 0..size-1, the row with the largest (or smallest) value; -1 for none."""
    order = np.lexsort((-value if smallest else value, group))
    g = group[order]
    last = np.r_[g[1:] != g[:-1], True] if len(g) else np.zeros(0, bool)
    out = np.full(size, -1, np.int64)
    out[g[last]] = order[last]
    return out


def _rows(rows: Ints, found: Ints) -> Ints:
    return np.where(found >= 0, rows[np.maximum(found, 0)], -1) if len(rows) else found


@dataclass(frozen=True)
class HygieneHistory:
    """Per patient, appointment indexes of hygiene visits (-1: none)."""

    first_done: Ints  # first completed
    last_done: Ints  # last completed
    next_booked: Ints  # first scheduled after today


def hygiene_history(patients: Patients, visits: Visits, today: np.datetime64) -> HygieneHistory:
    """Each patient's first and last completed hygiene visits and the next one booked. A past
    visit the front desk left open (still Scheduled) is not booked: OpenDental's recall counts
    only appointments still to come as scheduled."""
    day = visits.apt_date.astype(np.int64)
    done = np.flatnonzero(visits.apt_is_hygiene & (visits.apt_status == COMPLETE))
    booked = np.flatnonzero(
        visits.apt_is_hygiene & (visits.apt_status == SCHEDULED) & (visits.apt_date > today)
    )
    pat_done, day_done = visits.apt_patient[done], day[done]
    return HygieneHistory(
        first_done=_rows(done, last_per_group(pat_done, day_done, patients.n, smallest=True)),
        last_done=_rows(done, last_per_group(pat_done, day_done, patients.n)),
        next_booked=_rows(
            booked,
            last_per_group(visits.apt_patient[booked], day[booked], patients.n, smallest=True),
        ),
    )


def apt_index(visits: Visits, apt_num: Ints) -> Ints:
    """Indexes into the `apt_*` arrays of appointments `apt_num` (which must exist)."""
    return np.searchsorted(visits.apt_num, apt_num).astype(np.int64)


def proc_index(visits: Visits, proc_num: Ints) -> Ints:
    """Indexes into the `proc_*` arrays of procedures `proc_num` (which must exist)."""
    return np.searchsorted(visits.proc_num, proc_num).astype(np.int64)
