"""A simulated day: the history's rules over a live practice's state, as a change set."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from tests.unit.synthetic.generated import AS_OF, SEED

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.claims import NOT_RECEIVED, RECEIVED, answered_on_pay_run_p
from dental_analytics.synthetic.generate import generate
from dental_analytics.synthetic.simulate import advance_day
from dental_analytics.synthetic.state import PracticeState

# The day after the history ends is a Wednesday: the carriers that pay on Wednesdays run.
DAY = AS_OF + dt.timedelta(days=1)


@pytest.fixture(scope="module")
def state() -> PracticeState:
    return PracticeState.of_batches(generate(1, SEED, AS_OF))


@pytest.fixture(scope="module")
def day(state: PracticeState) -> ChangeSet:
    return advance_day(state, DAY, SEED)


def _one(parts: list[pa.Table]) -> pa.Table:
    return pa.concat_tables(parts)


def test_a_simulated_day_is_the_same_every_time(state: PracticeState, day: ChangeSet) -> None:
    again = advance_day(state, DAY, SEED)
    for mine, theirs in ((day.inserts, again.inserts), (day.updates, again.updates)):
        assert mine.keys() == theirs.keys()
        for name in mine:
            assert _one(mine[name]).equals(_one(theirs[name])), name
    assert not advance_day(state, DAY, SEED + 1).updates["claim"][0].equals(day.updates["claim"][0])


def test_carriers_answer_outstanding_primary_claims_on_their_pay_day(
    state: PracticeState, day: ChangeSet
) -> None:
    claims = _one(day.updates["claim"])
    assert claims.num_rows > 0
    answered = claims.column("claimnum").to_numpy()
    rows = np.searchsorted(state.column("claim", "ClaimNum"), answered)
    assert set(state.column("claim", "ClaimStatus")[rows]) == {"S"}
    assert set(state.column("claim", "ClaimType")[rows]) == {"P"}
    assert set(claims.column("claimstatus").to_pylist()) == {"R"}
    assert set(claims.column("datereceived").to_pylist()) == {DAY}
    # Nothing is answered at the weekend, when no carrier runs payments.
    saturday = advance_day(state, AS_OF + dt.timedelta(days=4), SEED)
    assert saturday.updates["claim"][0].num_rows == 0


def test_what_is_paid_adds_up_claim_by_claim_and_check_by_check(
    state: PracticeState, day: ChangeSet
) -> None:
    procs = _one(day.updates["claimproc"])
    claims = _one(day.updates["claim"])
    checks = _one(day.inserts["claimpayment"])
    cp_rows = np.searchsorted(state.column("claimproc", "ClaimProcNum"), procs["claimprocnum"])
    assert set(state.column("claimproc", "Status")[cp_rows]) == {NOT_RECEIVED}
    assert set(procs.column("status").to_pylist()) == {RECEIVED}
    # Every not-received procedure of an answered claim is answered with it.
    of_claim = state.column("claimproc", "ClaimNum")
    waiting = np.isin(of_claim, claims["claimnum"].to_numpy()) & (
        state.column("claimproc", "Status") == NOT_RECEIVED
    )
    assert waiting.sum() == procs.num_rows
    claim_of = of_claim[cp_rows]
    for num, total in zip(
        claims["claimnum"].to_pylist(), claims["inspayamt"].to_pylist(), strict=True
    ):
        assert round(float(procs["inspayamt"].to_numpy()[claim_of == num].sum()), 2) == total
    assert round(pc.sum(checks["checkamt"]).as_py(), 2) == round(
        pc.sum(procs["inspayamt"]).as_py(), 2
    )
    assert set(procs["claimpaymentnum"].to_pylist()) == set(checks["claimpaymentnum"].to_pylist())
    # New rows continue the practice's keys.
    assert min(checks["claimpaymentnum"].to_pylist()) == state.next_keys["claimpayment"]


def test_every_stamp_is_on_the_simulated_day(day: ChangeSet) -> None:
    for parts in (*day.inserts.values(), *day.updates.values()):
        table = _one(parts)
        for column in ("secdatetedit", "datetstamp"):
            if column in table.column_names:
                days = {t.date() for t in table[column].to_pylist()}
                assert days == {DAY}, column


def test_the_weekly_chance_follows_the_history_turnaround() -> None:
    chance = answered_on_pay_run_p(np.array([0, 4, 14, 21, 28, 60]))
    assert chance[0] == 0 and chance[1] == 0  # no carrier answers within five days
    assert 0 < chance[2] < chance[3] < chance[4] <= 1
    # Over the weeks, almost every claim is answered within two months, as in history.
    weeks = np.arange(1, 10) * 7
    not_yet = np.cumprod(1 - answered_on_pay_run_p(weeks))
    assert not_yet[-1] < 0.01
