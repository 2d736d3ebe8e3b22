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


def _claims_now(day: ChangeSet, status: str) -> pa.Table:
    """The day's claim updates that left the claims in `status`, with the columns they set."""
    parts = [p for p in day.updates["claim"] if set(p["claimstatus"].to_pylist()) == {status}]
    assert len(parts) == 1
    return parts[0]


def test_a_simulated_day_is_the_same_every_time(state: PracticeState, day: ChangeSet) -> None:
    again = advance_day(state, DAY, SEED)
    for mine, theirs in ((day.inserts, again.inserts), (day.updates, again.updates)):
        assert mine.keys() == theirs.keys()
        for name in mine:
            assert len(mine[name]) == len(theirs[name])
            assert all(a.equals(b) for a, b in zip(mine[name], theirs[name], strict=True)), name
    other = advance_day(state, DAY, SEED + 1)
    assert not _claims_now(other, "R").equals(_claims_now(day, "R"))


def test_carriers_answer_outstanding_primary_claims_on_their_pay_day(
    state: PracticeState, day: ChangeSet
) -> None:
    claims = _claims_now(day, "R")
    assert claims.num_rows > 0
    answered = claims.column("claimnum").to_numpy()
    rows = np.searchsorted(state.column("claim", "ClaimNum"), answered)
    assert set(state.column("claim", "ClaimStatus")[rows]) == {"S"}
    assert set(state.column("claim", "ClaimType")[rows]) == {"P"}
    assert set(claims.column("claimstatus").to_pylist()) == {"R"}
    assert set(claims.column("datereceived").to_pylist()) == {DAY}
    # Nothing is answered at the weekend, when no carrier runs payments.
    saturday = advance_day(state, AS_OF + dt.timedelta(days=4), SEED)
    assert sum(p.num_rows for p in saturday.updates["claim"]) == 0


def test_what_is_paid_adds_up_claim_by_claim_and_check_by_check(
    state: PracticeState, day: ChangeSet
) -> None:
    procs = _one(day.updates["claimproc"])
    claims = _claims_now(day, "R")
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
    for table in (t for parts in (*day.inserts.values(), *day.updates.values()) for t in parts):
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


def test_the_office_sends_the_claims_of_recent_visits(state: PracticeState, day: ChangeSet) -> None:
    sent = _claims_now(day, "S")
    assert sent.num_rows > 0
    rows = np.searchsorted(state.column("claim", "ClaimNum"), sent["claimnum"].to_numpy())
    assert set(state.column("claim", "ClaimStatus")[rows]) <= {"U", "W"}
    service = np.array(state.column("claim", "DateService")[rows], dtype="datetime64[D]")
    waited = np.datetime64(DAY) - service
    assert waited.max() <= np.timedelta64(4, "D")
    assert set(sent["datesent"].to_pylist()) == {DAY}
    transactions = _one(day.inserts["etrans"])
    assert sorted(transactions["claimnum"].to_pylist()) == sorted(sent["claimnum"].to_pylist())
    first = int(state.column("etrans", "OfficeSequenceNumber").max()) + 1
    assert sorted(transactions["officesequencenumber"].to_pylist()) == list(
        range(first, first + sent.num_rows)
    )
    # Claims left waiting three days after the visit all go out.
    later = advance_day(state, AS_OF + dt.timedelta(days=6), SEED)  # the Monday after
    waiting = np.isin(state.column("claim", "ClaimStatus"), ["U", "W"]) & (
        state.column("claim", "ClaimType") == "P"
    )
    assert _claims_now(later, "S").num_rows == waiting.sum()
