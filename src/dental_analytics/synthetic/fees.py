"""Fee rows and OpenDental's fee lookup, shared by history and the simulated day.

OpenDental keeps one `fee` row per schedule and code (ClinicNum and ProvNum 0: the schedule's
default fee) and, on a schedule that is not global (`feesched.IsGlobal` 0), rows localised to a
clinic, a provider, or a provider at a clinic. `Fees.GetFee` prices a procedure from a schedule
with the procedure's provider and clinic, preferring the provider-at-clinic fee, then the
provider's, then the clinic's, then the default (`FeeTable.look_up`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dental_analytics.synthetic.context import Floats, Ints, KeyCounter
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.state import PracticeState


@dataclass(frozen=True)
class FeeTable:
    """The `fee` rows a practice prices from: (FeeSched, CodeNum, ClinicNum, ProvNum) -> Amount,
    ClinicNum / ProvNum 0 where a row is not localised."""

    sched: Ints
    code: Ints
    clinic: Ints
    prov: Ints
    amount: Floats

    @classmethod
    def of_state(cls, state: PracticeState) -> FeeTable:
        """The fee rows of a live practice."""
        key = {c: state.column("fee", c).astype(np.int64) for c in _KEYS}
        return cls(
            key["FeeSched"],
            key["CodeNum"],
            key["ClinicNum"],
            key["ProvNum"],
            state.column("fee", "Amount").astype(np.float64),
        )

    def frame(self, keys: KeyCounter, entered_by: int, entered: np.datetime64) -> Frame:
        """These fees as new `fee` rows, entered by the user `entered_by` at `entered`."""
        n = len(self.code)
        f = Frame("fee", n)
        f.update(
            {
                "FeeNum": keys.take("fee", n),
                "Amount": self.amount,
                "FeeSched": self.sched,
                "CodeNum": self.code,
                "ClinicNum": self.clinic,
                "ProvNum": self.prov,
                "SecUserNumEntry": entered_by,
            }
        )
        f.stamp(np.full(n, entered))
        return f

    def with_rows(self, *more: FeeTable) -> FeeTable:
        """This table with the rows of `more` (overrides) added."""
        tables = (self, *more)
        return FeeTable(
            np.concatenate([t.sched for t in tables]),
            np.concatenate([t.code for t in tables]),
            np.concatenate([t.clinic for t in tables]),
            np.concatenate([t.prov for t in tables]),
            np.concatenate([t.amount for t in tables]),
        )

    def look_up(self, sched: Ints, code: Ints, clinic: Ints, prov: Ints) -> Floats:
        """The fee of each code on each schedule for that provider at that clinic, in
        OpenDental's order: provider and clinic, provider, clinic, the schedule's default;
        0 where the schedule has no fee for the code."""
        none = np.zeros(len(code), np.int64)
        wanted = [(clinic, prov), (none, prov), (clinic, none), (none, none)]
        keys = np.column_stack([self.sched, self.code, self.clinic, self.prov])
        asked = np.concatenate(
            [np.column_stack([sched, code, c, p]).astype(np.int64) for c, p in wanted]
        )
        row = _rows_matching(keys, asked).reshape(len(wanted), len(code))
        first = np.argmax(row >= 0, axis=0)
        best = row[first, np.arange(len(code))]
        return np.where(best >= 0, self.amount[np.maximum(best, 0)], 0.0)


_KEYS = ("FeeSched", "CodeNum", "ClinicNum", "ProvNum")


def _rows_matching(keys: Ints, asked: Ints) -> Ints:
    """Per row of `asked`, the row of `keys` equal to it in every column (-1 if none)."""
    if not len(keys) or not len(asked):
        return np.full(len(asked), -1, np.int64)
    ids = np.unique(np.concatenate([keys, asked]), axis=0, return_inverse=True)[1].ravel()
    row_of = np.full(int(ids.max()) + 1, -1, np.int64)
    row_of[ids[: len(keys)]] = np.arange(len(keys))
    return row_of[ids[len(keys) :]]
