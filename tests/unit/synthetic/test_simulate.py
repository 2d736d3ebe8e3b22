"""A simulated day: the history's rules over a live practice's state, as a change set."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from tests.unit.synthetic.generated import AS_OF, SEED

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.claims import (
    ESTIMATE,
    NOT_RECEIVED,
    RECEIVED,
    allowed_on_plan,
    answered_on_pay_run_p,
    coverage_percent,
    plan_estimate,
)
from dental_analytics.synthetic.generate import generate
from dental_analytics.synthetic.money_params import ATTACHMENT_HOLD_DAYS
from dental_analytics.synthetic.params import (
    BILLING_CHARGE,
    CLAIM_SEND_DELAY_DAYS,
    EXISTING_PATIENT_SHARE,
    STATEMENT_MIN_BALANCE,
    STATEMENT_REPEAT_MAX,
)
from dental_analytics.synthetic.patients import new_patients_per_day
from dental_analytics.synthetic.payments import (
    STATEMENT_IN_PERSON,
    age_ledger,
    billing_run_on,
    ledger_of_state,
    oldest_unpaid_charge,
)
from dental_analytics.synthetic.simulate import advance_day
from dental_analytics.synthetic.state import PracticeState
from dental_analytics.synthetic.visits import fee_of

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
    assert sum(p.num_rows for p in saturday.updates.get("claim", [])) == 0


def test_what_is_paid_adds_up_claim_by_claim_and_check_by_check(
    state: PracticeState, day: ChangeSet
) -> None:
    # The carriers' answers (claim lines made today are updated apart, without a payment).
    procs = _one([p for p in day.updates["claimproc"] if "inspayamt" in p.column_names])
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
    was = state.column("claim", "ClaimStatus")[rows]
    assert set(was) <= {"U", "W", "I"}
    service = np.array(state.column("claim", "DateService")[rows], dtype="datetime64[D]")
    waited = np.datetime64(DAY) - service
    # A claim held for its attachments waits for them; the others go out within days.
    assert waited[was != "I"].max() <= np.timedelta64(4, "D")
    held_for = np.timedelta64(CLAIM_SEND_DELAY_DAYS[0] + ATTACHMENT_HOLD_DAYS[0], "D")
    assert (waited[was == "I"] >= held_for).all()
    assert set(sent["datesent"].to_pylist()) == {DAY}
    transactions = _one(day.inserts["etrans"])
    assert sorted(transactions["claimnum"].to_pylist()) == sorted(sent["claimnum"].to_pylist())
    first = int(state.column("etrans", "OfficeSequenceNumber").max()) + 1
    assert sorted(transactions["officesequencenumber"].to_pylist()) == list(
        range(first, first + sent.num_rows)
    )
    # Claims left waiting (not held) three days after the visit all go out.
    later = advance_day(state, AS_OF + dt.timedelta(days=6), SEED)  # the Monday after
    waiting = np.isin(state.column("claim", "ClaimStatus"), ["U", "W"]) & (
        state.column("claim", "ClaimType") == "P"
    )
    assert set(state.column("claim", "ClaimNum")[waiting]) <= set(
        _claims_now(later, "S")["claimnum"].to_pylist()
    )


def _patients_of_record(state: PracticeState) -> np.ndarray:
    return state.column("patient", "PatNum")


def _keys(parts: list[pa.Table], column: str) -> np.ndarray:
    return np.concatenate([p[column].to_numpy() for p in parts]) if parts else np.zeros(0)


def _deleted(day: ChangeSet, table_name: str) -> np.ndarray:
    parts = day.deletes.get(table_name, [])
    return np.concatenate([a.to_numpy() for a in parts]) if parts else np.zeros(0, np.int64)


def test_the_days_appointments_are_kept_broken_or_unscheduled(
    state: PracticeState, day: ChangeSet
) -> None:
    at = state.column("appointment", "AptDateTime").astype("datetime64[D]")
    status = state.column("appointment", "AptStatus")
    todays = state.column("appointment", "AptNum")[(status == 1) & (at == np.datetime64(DAY))]
    assert len(todays) > 10
    settled = [p for p in day.updates["appointment"] if "aptstatus" in p.column_names]
    updated = _keys(settled, "aptnum")
    deleted = _deleted(day, "appointment")
    # Every appointment of the day is settled once, and only those, but the few the front desk
    # leaves open (LEFT_OPEN_P): still Scheduled, their procedures untouched.
    settled_keys = [*updated, *deleted]
    assert len(set(settled_keys)) == len(settled_keys) and set(settled_keys) <= set(todays)
    left_open = np.setdiff1d(todays, settled_keys)
    assert len(left_open) <= max(2, 0.05 * len(todays))
    touched = [
        _keys(day.updates.get("procedurelog", []), "procnum"),
        _deleted(day, "procedurelog"),
    ]
    of_left_open = state.column("procedurelog", "ProcNum")[
        np.isin(state.column("procedurelog", "AptNum"), left_open)
    ]
    assert not np.isin(of_left_open, np.concatenate(touched)).any()
    statuses = pc.unique(
        pa.concat_tables([p.select(["aptstatus"]) for p in settled])["aptstatus"]
    ).to_pylist()
    assert 2 in statuses and set(statuses) <= {2, 3, 5}
    done = np.concatenate(
        [
            p["aptnum"].to_numpy()
            for p in day.updates["appointment"]
            if "datetimedismissed" in p.column_names
        ]
    )
    # Their planned procedures are completed on the day; no other procedure is.
    completed = pa.concat_tables(
        [p for p in day.updates["procedurelog"] if "procstatus" in p.column_names]
    )
    rows = np.searchsorted(state.column("procedurelog", "ProcNum"), completed["procnum"].to_numpy())
    assert set(state.column("procedurelog", "AptNum")[rows]) <= set(done)
    assert set(completed["procstatus"].to_pylist()) == {2}
    assert set(completed["procdate"].to_pylist()) == {DAY}
    # Deleted procedures are the planned recall work of hygiene visits that did not happen,
    # with their estimates.
    dropped = _deleted(day, "procedurelog")
    rows = np.searchsorted(state.column("procedurelog", "ProcNum"), dropped)
    assert set(state.column("procedurelog", "ProcStatus")[rows]) == {1}
    apts = np.searchsorted(
        state.column("appointment", "AptNum"), state.column("procedurelog", "AptNum")[rows]
    )
    assert set(state.column("appointment", "IsHygiene")[apts]) == {1}
    assert not np.isin(state.column("procedurelog", "AptNum")[rows], done).any()
    cps = np.searchsorted(state.column("claimproc", "ClaimProcNum"), _deleted(day, "claimproc"))
    assert set(state.column("claimproc", "Status")[cps]) == {6}
    assert set(state.column("claimproc", "ProcNum")[cps]) <= set(dropped)


def test_checkout_splits_add_up_to_each_payment_of_a_family(
    state: PracticeState, day: ChangeSet
) -> None:
    payments = _one(day.inserts["payment"])
    splits = _one(day.inserts["paysplit"])
    assert payments.num_rows > 0
    by_payment: dict[int, float] = {}
    for pay, amount in zip(
        splits["paynum"].to_pylist(), splits["splitamt"].to_pylist(), strict=True
    ):
        by_payment[pay] = round(by_payment.get(pay, 0.0) + amount, 2)
    new = dict(zip(payments["paynum"].to_pylist(), payments["payamt"].to_pylist(), strict=True))
    assert {k: by_payment[k] for k in new} == new
    assert all(a > 0 for a in new.values())
    # The payer is the family's guarantor; the split is on a procedure completed today.
    pats = np.searchsorted(state.column("patient", "PatNum"), splits["patnum"].to_numpy())
    guarantors = set(state.column("patient", "Guarantor")[pats])
    assert set(payments["patnum"].to_pylist()) <= guarantors
    completed = _keys(
        [p for p in day.updates["procedurelog"] if "procstatus" in p.column_names], "procnum"
    )
    assert set(splits["procnum"].to_pylist()) <= set(completed)


def test_a_prepayment_is_reallocated_to_the_visit_it_paid_for(state: PracticeState) -> None:
    unearned = state.column("paysplit", "UnearnedType") > 0
    prepaid = set(state.column("paysplit", "PatNum")[unearned])
    apt_pat = state.column("appointment", "PatNum")
    upcoming = (state.column("appointment", "AptStatus") == 1) & np.isin(apt_pat, list(prepaid))
    row = np.flatnonzero(upcoming)[0]
    visit_day = state.column("appointment", "AptDateTime")[row].astype("datetime64[D]").item()
    patient = apt_pat[row]
    for seed in range(20):  # a seed on which the patient comes
        changes = advance_day(state, visit_day, seed)
        if "paysplit" in changes.deletes:
            break
    else:
        pytest.fail("the prepaid visit never completed")
    split_rows = np.flatnonzero(unearned & (state.column("paysplit", "PatNum") == patient))
    gone = _deleted(changes, "paysplit")
    assert set(state.column("paysplit", "SplitNum")[split_rows]) <= set(gone)
    inserted = _one(changes.inserts["paysplit"])
    moved = inserted.filter(
        pc.and_(
            pc.equal(inserted["patnum"], patient),
            pc.is_in(inserted["paynum"], pa.array(state.column("paysplit", "PayNum")[split_rows])),
        )
    )
    assert moved.num_rows == len(split_rows)
    assert set(moved["unearnedtype"].to_pylist()) == {0} and 0 not in moved["procnum"].to_pylist()
    assert sorted(moved["splitamt"].to_pylist()) == sorted(
        state.column("paysplit", "SplitAmt")[split_rows]
    )


def test_insured_visits_completed_today_get_a_waiting_claim(
    state: PracticeState, day: ChangeSet
) -> None:
    claims = _one(day.inserts["claim"])
    assert claims.num_rows > 0
    # Waiting to be sent, or held in process for attachments when carriers want them.
    assert set(claims["claimstatus"].to_pylist()) <= {"U", "W", "I"}
    assert set(claims["claimtype"].to_pylist()) == {"P"}
    assert set(claims["dateservice"].to_pylist()) == {DAY}
    lines = pa.concat_tables([p for p in day.updates["claimproc"] if "feebilled" in p.column_names])
    rows = np.searchsorted(
        state.column("claimproc", "ClaimProcNum"), lines["claimprocnum"].to_numpy()
    )
    # The lines were the estimates of procedures completed today.
    assert set(state.column("claimproc", "Status")[rows]) == {6}
    completed = _keys(
        [p for p in day.updates["procedurelog"] if "procstatus" in p.column_names], "procnum"
    )
    assert set(state.column("claimproc", "ProcNum")[rows]) <= set(completed)
    assert set(lines["status"].to_pylist()) == {0}
    # A claim's totals are its lines'.
    for claim in claims.to_pylist():
        mine = lines.filter(pc.equal(lines["claimnum"], claim["claimnum"]))
        assert mine.num_rows > 0
        assert round(sum(mine["feebilled"].to_pylist()), 2) == claim["claimfee"]
        assert round(sum(mine["writeoff"].to_pylist()), 2) == claim["writeoff"]
        assert all(
            0 <= w <= f
            for w, f in zip(
                mine["writeoff"].to_pylist(), mine["feebilled"].to_pylist(), strict=True
            )
        )
    # Tomorrow the office starts sending them.
    assert set(claims["claimnum"].to_pylist()).isdisjoint(state.column("claim", "ClaimNum"))


def test_the_recall_system_books_six_months_after_the_last_hygiene_visit(
    state: PracticeState, day: ChangeSet
) -> None:
    # The patients of record's visits (new patients' first visits are booked apart).
    booked = _one(day.inserts["appointment"]).filter(
        pc.is_in(_one(day.inserts["appointment"])["patnum"], pa.array(_patients_of_record(state)))
    )
    assert booked.num_rows > 0
    assert set(booked["aptstatus"].to_pylist()) == {1} and set(booked["ishygiene"].to_pylist()) == {
        1
    }
    assert set(booked["isnewpatient"].to_pylist()) == {0}
    horizon = np.datetime64(DAY) + np.timedelta64(91, "D")
    apt_date = state.column("appointment", "AptDateTime").astype("datetime64[D]")
    hygiene = (state.column("appointment", "IsHygiene") == 1) & np.isin(
        state.column("appointment", "AptStatus"), [1, 2]
    )
    for row in booked.to_pylist():
        mine = hygiene & (state.column("appointment", "PatNum") == row["patnum"])
        assert apt_date[mine].max() + np.timedelta64(182, "D") == horizon
        when = np.datetime64(row["aptdatetime"], "D")
        assert horizon - np.timedelta64(21, "D") <= when <= horizon + np.timedelta64(28, "D")
        assert row["secdatetentry"].date() == DAY
        chair = np.flatnonzero(state.column("operatory", "OperatoryNum") == row["op"])[0]
        assert state.column("operatory", "IsHygiene")[chair] == 1
        assert state.column("operatory", "ClinicNum")[chair] == row["clinicnum"]
    procs = pa.concat_tables(
        [p for p in day.inserts["procedurelog"] if p.num_rows and p["procstatus"][0].as_py() == 1]
    )
    procs = procs.filter(pc.is_in(procs["patnum"], pa.array(_patients_of_record(state))))
    assert set(procs["aptnum"].to_pylist()) == set(booked["aptnum"].to_pylist())
    codes = dict(
        zip(
            state.column("procedurecode", "CodeNum").tolist(),
            state.column("procedurecode", "ProcCode").tolist(),
            strict=True,
        )
    )
    for apt in booked["aptnum"].to_pylist():
        mine = {
            codes[c] for c in procs.filter(pc.equal(procs["aptnum"], apt))["codenum"].to_pylist()
        }
        assert mine & {"D0120", "D0150"} and mine & {"D1110", "D1120", "D4910", "D4341"}


def test_a_family_pays_at_checkout_what_insurance_is_not_expected_to_cover(
    state: PracticeState, day: ChangeSet
) -> None:
    splits = _one(day.inserts["paysplit"])
    payments = _one(day.inserts["payment"])
    proc_num = state.column("procedurelog", "ProcNum")
    apt_of_proc = dict(
        zip(proc_num.tolist(), state.column("procedurelog", "AptNum").tolist(), strict=True)
    )
    visit_of_payment: dict[int, int] = {}
    for pay, proc in zip(splits["paynum"].to_pylist(), splits["procnum"].to_pylist(), strict=True):
        visit_of_payment[pay] = apt_of_proc[proc]
    prepaid = set(state.column("paysplit", "PatNum")[state.column("paysplit", "UnearnedType") > 0])
    status = state.column("claimproc", "Status")
    estimate = np.isin(status, [6, 8])  # Estimate, CapEstimate
    # A discount given at checkout comes off what the family pays.
    adjustments = _one(day.inserts["adjustment"])
    discount: dict[int, float] = {}
    for patient, amount in zip(
        adjustments["patnum"].to_pylist(), adjustments["adjamt"].to_pylist(), strict=True
    ):
        discount[patient] = discount.get(patient, 0.0) - amount
    checked = discounted = 0
    for pay, amount in zip(
        payments["paynum"].to_pylist(),
        payments["payamt"].to_pylist(),
        strict=True,
    ):
        apt = visit_of_payment[pay]
        rows = np.flatnonzero(
            (state.column("procedurelog", "AptNum") == apt)
            & (state.column("procedurelog", "ProcStatus") == 1)
        )
        patient = int(state.column("procedurelog", "PatNum")[rows[0]])
        if patient in prepaid:
            continue
        fee = state.column("procedurelog", "ProcFee")[rows] * (
            state.column("procedurelog", "UnitQty")[rows]
            + state.column("procedurelog", "BaseUnits")[rows]
        )
        covered = 0.0
        for row in rows:
            lines = np.flatnonzero(
                estimate & (state.column("claimproc", "ProcNum") == proc_num[row])
            )
            for line in lines:
                if status[line] == 8:
                    # A capitation plan pays nothing; the fee above the copay is written off.
                    covered += state.column("claimproc", "WriteOff")[line]
                    continue
                plan = np.flatnonzero(
                    state.column("insplan", "PlanNum") == state.column("claimproc", "PlanNum")[line]
                )[0]
                office_fee = fee[list(rows).index(row)]
                allowed = office_fee
                # Plans paying from a fee schedule (PPO, Medicaid or flat copay, capitation)
                # write off the office's fee above it.
                if state.column("insplan", "PlanType")[plan] in ("p", "f", "c"):
                    schedule = state.column("insplan", "FeeSched")[plan]
                    code = state.column("procedurelog", "CodeNum")[row]
                    ppo = state.column("fee", "Amount")[
                        (state.column("fee", "FeeSched") == schedule)
                        & (state.column("fee", "CodeNum") == code)
                    ]
                    units = (
                        state.column("procedurelog", "UnitQty")[row]
                        + state.column("procedurelog", "BaseUnits")[row]
                    )
                    allowed = min(float(ppo[0]) * units, office_fee) if len(ppo) else office_fee
                covered += state.column("claimproc", "InsPayEst")[line] + round(
                    office_fee - allowed, 2
                )
        owed = max(round(float(fee.sum()), 2) - covered, 0) - discount.get(patient, 0.0)
        assert amount == pytest.approx(owed, abs=0.011)
        checked += 1
        discounted += patient in discount
    assert checked > 0 and discounted > 0


def test_new_families_join_with_their_coverage_and_a_first_visit_booked(
    state: PracticeState, day: ChangeSet
) -> None:
    patients = _one(day.inserts["patient"])
    assert patients.num_rows > 0
    pat_num = patients["patnum"].to_numpy()
    # New keys continue the practice's; families are guaranteed by one of their own, entered today.
    assert sorted(pat_num) == list(range(state.next_keys["patient"], pat_num.max() + 1))
    assert set(patients["guarantor"].to_pylist()) <= set(pat_num)
    assert set(patients["secdateentry"].to_pylist()) == {DAY}
    assert set(patients["patstatus"].to_pylist()) <= {0, 1}  # patients, or guarantors only
    assert set(patients["clinicnum"].to_pylist()) <= set(state.column("operatory", "ClinicNum"))
    assert set(patients["priprov"].to_pylist()) <= set(state.column("patient", "PriProv"))
    # Insured families bring their subscriptions; each patient's plans point at them.
    subs = _one(day.inserts["inssub"])
    plans = _one(day.inserts["patplan"])
    assert subs.num_rows > 0 and plans.num_rows >= subs.num_rows
    assert set(subs["subscriber"].to_pylist()) <= set(pat_num)
    assert set(subs["plannum"].to_pylist()) <= set(state.column("insplan", "PlanNum"))
    assert set(plans["patnum"].to_pylist()) <= set(pat_num)
    assert set(plans["inssubnum"].to_pylist()) <= set(subs["inssubnum"].to_pylist())
    insured = set(plans.filter(pc.equal(plans["ordinal"], 1))["patnum"].to_pylist())
    has_ins = patients.filter(pc.equal(patients["hasins"], "I"))["patnum"].to_pylist()
    assert set(has_ins) == insured
    # Every new patient (not a guarantor only) has a new patient's first visit booked, one to
    # four weeks ahead, with a comprehensive exam.
    apts = _one(day.inserts["appointment"])
    first = apts.filter(pc.is_in(apts["patnum"], pa.array(pat_num)))
    seen = patients.filter(pc.equal(patients["patstatus"], 0))["patnum"].to_pylist()
    assert sorted(first["patnum"].to_pylist()) == sorted(seen)
    assert set(first["isnewpatient"].to_pylist()) == {1}
    assert set(first["aptstatus"].to_pylist()) == {1}
    when = np.array(first["aptdatetime"].to_pylist(), dtype="datetime64[D]") - np.datetime64(DAY)
    assert when.min() >= np.timedelta64(7, "D") and when.max() <= np.timedelta64(7 + 21 + 7, "D")
    types = dict(
        zip(
            state.column("appointmenttype", "AppointmentTypeNum").tolist(),
            state.column("appointmenttype", "AppointmentTypeName").tolist(),
            strict=True,
        )
    )
    assert {types[t] for t in first["appointmenttypenum"].to_pylist()} == {"New patient"}
    procs = _one(day.inserts["procedurelog"])
    exam = state.column("procedurecode", "CodeNum")[
        state.column("procedurecode", "ProcCode") == "D0150"
    ][0]
    examined = procs.filter(pc.equal(procs["codenum"], exam))
    assert sorted(examined["aptnum"].to_pylist()) == sorted(first["aptnum"].to_pylist())


def test_new_patients_join_at_the_rate_of_history(state: PracticeState) -> None:
    weeks = 8
    joined = 0
    for k in range(weeks * 7):
        when = DAY + dt.timedelta(days=k)
        if when.weekday() < 5:  # the office's open days, the days a twin is simulated
            inserted = advance_day(state, when, SEED).inserts.get("patient", [])
            joined += sum(p.num_rows for p in inserted)
    # History's: the new families of the scale-1 practice's 5,000 patients arrive evenly over
    # three years and the two months booked after them.
    per_week = 5_000 * (1 - EXISTING_PATIENT_SHARE) / (3 * 365 + 60) * 7
    assert 0.75 * per_week * weeks <= joined <= 1.25 * per_week * weeks
    assert new_patients_per_day(5) * 5 == pytest.approx(per_week)


def test_a_new_patients_first_completed_visit_is_recorded_on_the_chart(
    state: PracticeState, day: ChangeSet
) -> None:
    charts = _one(day.updates["patient"])
    assert charts.num_rows > 0
    assert set(charts["datefirstvisit"].to_pylist()) == {DAY}
    done = {
        int(a)
        for p in day.updates["appointment"]
        if "datetimedismissed" in p.column_names
        for a in p["aptnum"].to_pylist()
    }
    apt_rows = np.searchsorted(state.column("appointment", "AptNum"), sorted(done))
    seen = np.unique(state.column("appointment", "PatNum")[apt_rows])
    rows = np.searchsorted(state.column("patient", "PatNum"), seen)
    never = state.column("patient", "DateFirstVisit")[rows] < np.datetime64("1900-01-01")
    assert sorted(charts["patnum"].to_pylist()) == sorted(seen[never])


def test_the_front_desk_logs_reminders_for_patients_the_automation_cannot_reach(
    state: PracticeState,
) -> None:
    chart = {c: state.column("patient", c) for c in ("PatNum", "WirelessPhone", "Email")}
    apt_day = state.column("appointment", "AptDateTime").astype("datetime64[D]")
    scheduled = state.column("appointment", "AptStatus") == 1
    appointment_related = state.def_num("CommLogTypes", "Appointment related")
    logged = 0
    for k in range(1, 15):
        when = AS_OF + dt.timedelta(days=k)
        if when.weekday() >= 5:
            continue
        changes = advance_day(state, when, SEED)
        parts = changes.inserts.get("commlog", [])
        if not parts:
            continue
        log = _one(parts)
        logged += log.num_rows
        assert {t.date() for t in log["commdatetime"].to_pylist()} <= {when}
        assert set(log["commtype"].to_pylist()) <= {appointment_related}
        assert set(log["mode_"].to_pylist()) <= {2, 3}  # mail or a call: no text, no email
        for row in log.to_pylist():
            patient = np.searchsorted(chart["PatNum"], row["patnum"])
            assert chart["Email"][patient] == ""
            mine = scheduled & (state.column("appointment", "PatNum") == row["patnum"])
            lead = apt_day[mine] - np.datetime64(when)
            assert ((lead >= np.timedelta64(0, "D")) & (lead <= np.timedelta64(5, "D"))).any()
        # A visit is reminded once: with today's reminders in the log, none is logged again.
        again = PracticeState(
            tables={
                **state.tables,
                "commlog": pa.concat_tables(
                    [state.tables["commlog"], log.select(state.tables["commlog"].column_names)]
                ),
            },
            next_keys=state.next_keys,
        )
        assert "commlog" not in advance_day(again, when, SEED).inserts or not sum(
            p.num_rows for p in advance_day(again, when, SEED).inserts["commlog"]
        )
    # About history's rate: one or two a day at scale 1.
    assert 3 <= logged <= 40


def test_the_estimate_rule_on_the_twin_gives_historys_estimates(state: PracticeState) -> None:
    # History's estimates of planned treatment, made again from the twin's plans, benefits and
    # fee schedules by the rule a simulated day uses.
    cp = state.tables["claimproc"]
    estimate = np.flatnonzero(state.column("claimproc", "Status") == ESTIMATE)
    assert len(estimate) > 100
    procs = np.searchsorted(
        state.column("procedurelog", "ProcNum"), state.column("claimproc", "ProcNum")[estimate]
    )
    units = (
        state.column("procedurelog", "UnitQty")[procs]
        + state.column("procedurelog", "BaseUnits")[procs]
    )
    fee = state.column("procedurelog", "ProcFee")[procs] * units
    code = state.column("procedurelog", "CodeNum")[procs]
    plan = state.column("claimproc", "PlanNum")[estimate]
    patient = state.column("claimproc", "PatNum")[estimate]
    again = plan_estimate(
        allowed_on_plan(state, fee, code, units, plan),
        coverage_percent(state, plan, code, patient),
    )
    assert np.array_equal(again, cp["inspayest"].to_numpy()[estimate])


def _booked_today(day: ChangeSet) -> pa.Table:
    procs = _one(day.inserts["procedurelog"])
    return procs.filter(pc.equal(procs["procstatus"], 1))


def test_procedures_booked_today_get_the_primary_plans_estimate(
    state: PracticeState, day: ChangeSet
) -> None:
    booked = _booked_today(day)
    estimates = _one(day.inserts["claimproc"])
    assert estimates.num_rows > 0
    assert set(estimates["status"].to_pylist()) == {ESTIMATE}
    assert set(estimates["claimnum"].to_pylist()) == {0}
    assert set(estimates["procnum"].to_pylist()) <= set(booked["procnum"].to_pylist())
    assert {t.date() for t in estimates["secdatetedit"].to_pylist()} == {DAY}
    assert min(estimates["claimprocnum"].to_pylist()) == state.next_keys["claimproc"]
    # Every booked procedure with a fee of an insured patient (of record, or who joined today
    # with their coverage) has one, on the patient's primary subscription and its plan.
    sub_num = [*state.column("inssub", "InsSubNum"), *_keys(day.inserts["inssub"], "inssubnum")]
    plan_num = [*state.column("inssub", "PlanNum"), *_keys(day.inserts["inssub"], "plannum")]
    subs = dict(zip(sub_num, plan_num, strict=True))
    primary = {
        int(p): int(s)
        for p, s, o in zip(
            [*state.column("patplan", "PatNum"), *_keys(day.inserts["patplan"], "patnum")],
            [*state.column("patplan", "InsSubNum"), *_keys(day.inserts["patplan"], "inssubnum")],
            [*state.column("patplan", "Ordinal"), *_keys(day.inserts["patplan"], "ordinal")],
            strict=True,
        )
        if o == 1
    }
    with_fee = booked.filter(pc.greater(booked["procfee"], 0))
    insured = [p for p, pat in zip(
        with_fee["procnum"].to_pylist(), with_fee["patnum"].to_pylist(), strict=True
    ) if pat in primary]  # fmt: skip
    assert sorted(estimates["procnum"].to_pylist()) == sorted(insured)
    new_patients = set(_keys(day.inserts["patient"], "patnum"))
    assert new_patients & set(estimates["patnum"].to_pylist())
    for row in estimates.to_pylist():
        assert row["inssubnum"] == primary[row["patnum"]]
        assert row["plannum"] == subs[row["inssubnum"]]
        assert row["inspayest"] > 0 and row["percentage"] in {50, 70, 80, 100}


def test_a_simulated_day_prices_by_the_fee_of_the_provider_at_the_clinic(
    state: PracticeState, day: ChangeSet
) -> None:
    # The twin's clinic, provider and provider-at-clinic fees are found for whom they are set.
    fee = {c: state.column("fee", c) for c in ("FeeSched", "CodeNum", "ClinicNum", "ProvNum")}
    localised = np.flatnonzero((fee["ClinicNum"] > 0) | (fee["ProvNum"] > 0))
    assert len(localised) > 0
    sched, code = fee["FeeSched"][localised], fee["CodeNum"][localised]
    found = fee_of(state, sched, code, fee["ClinicNum"][localised], fee["ProvNum"][localised])
    assert found.tolist() == state.column("fee", "Amount")[localised].tolist()
    # Anyone else gets the schedule's default fee.
    default = (fee["ClinicNum"] == 0) & (fee["ProvNum"] == 0)
    expected = [
        state.column("fee", "Amount")[default & (fee["FeeSched"] == s) & (fee["CodeNum"] == c)][0]
        for s, c in zip(sched, code, strict=True)
    ]
    nobody = np.full(len(localised), -1)
    assert fee_of(state, sched, code, nobody, nobody).tolist() == expected
    # The day's booked procedures carry the fee for their own provider and clinic.
    booked = _booked_today(day)
    of_record = booked.filter(pc.is_in(booked["patnum"], pa.array(_patients_of_record(state))))
    pat_rows = np.searchsorted(state.column("patient", "PatNum"), of_record["patnum"].to_numpy())
    looked_up = fee_of(
        state,
        state.column("patient", "FeeSched")[pat_rows],
        of_record["codenum"].to_numpy(),
        of_record["clinicnum"].to_numpy(),
        of_record["provnum"].to_numpy(),
    )
    assert of_record.num_rows > 0
    assert of_record["procfee"].to_pylist() == looked_up.tolist()


def test_a_new_insured_patients_first_visit_completes_with_a_claim(
    state: PracticeState, day: ChangeSet
) -> None:
    joined = state.after(day)
    estimates = _one(day.inserts["claimproc"])
    new_patients = set(_keys(day.inserts["patient"], "patnum"))
    patient = next(p for p in estimates["patnum"].to_pylist() if p in new_patients)
    apts = _one(day.inserts["appointment"])
    first = apts.filter(pc.equal(apts["patnum"], patient)).to_pylist()[0]
    visit_day = first["aptdatetime"].date()
    for seed in range(20):  # a seed on which the patient comes
        changes = advance_day(joined, visit_day, seed)
        done = [p for p in changes.updates["appointment"] if "datetimedismissed" in p.column_names]
        if first["aptnum"] in _keys(done, "aptnum"):
            break
    else:
        pytest.fail("the first visit never completed")
    claims = _one(changes.inserts["claim"]).filter(
        pc.equal(_one(changes.inserts["claim"])["patnum"], patient)
    )
    assert claims.num_rows == 1
    claim = claims.to_pylist()[0]
    mine = estimates.filter(pc.equal(estimates["patnum"], patient))
    lines = pa.concat_tables(
        [p for p in changes.updates["claimproc"] if "feebilled" in p.column_names]
    )
    lines = lines.filter(pc.equal(lines["claimnum"], claim["claimnum"]))
    assert sorted(lines["claimprocnum"].to_pylist()) == sorted(mine["claimprocnum"].to_pylist())
    assert claim["inspayest"] == round(sum(mine["inspayest"].to_pylist()), 2)
    # The family is asked at checkout for what the plan is not expected to pay, not the whole fee.
    procs = _booked_today(day).filter(pc.equal(_booked_today(day)["patnum"], patient))
    fee = round(sum(f * (1 + b) for f, b in zip(
        procs["procfee"].to_pylist(), procs["baseunits"].to_pylist(), strict=True
    )), 2)  # fmt: skip
    paid = _one(changes.inserts.get("paysplit", [])).filter(
        pc.is_in(_one(changes.inserts["paysplit"])["procnum"], procs["procnum"])
    )
    assert round(sum(paid["splitamt"].to_pylist()), 2) < fee


def _moves(state: PracticeState, days: int) -> list[tuple[dt.date, ChangeSet]]:
    """The open days among the next `days` with the appointments they moved."""
    moved = []
    for k in range(1, days + 1):
        when = AS_OF + dt.timedelta(days=k)
        if when.weekday() < 5:
            changes = advance_day(state, when, SEED)
            if any("op" in p.column_names for p in changes.updates.get("appointment", [])):
                moved.append((when, changes))
    return moved


def test_the_front_desk_moves_some_booked_appointments_to_another_day(
    state: PracticeState,
) -> None:
    apt = {c: state.column("appointment", c) for c in ("AptNum", "AptStatus", "Op", "Pattern")}
    at = state.column("appointment", "AptDateTime").astype("datetime64[m]")
    created = state.column("appointment", "SecDateTEntry").astype("datetime64[D]")
    moves = _moves(state, 28)
    total = 0
    for when, changes in moves:
        today = np.datetime64(when)
        update = [p for p in changes.updates["appointment"] if "op" in p.column_names]
        assert len(update) == 1
        moved = update[0]
        total += moved.num_rows
        rows = np.searchsorted(apt["AptNum"], moved["aptnum"].to_numpy())
        # Booked appointments, booked before today, moved at least a week before the visit.
        assert set(apt["AptStatus"][rows]) == {1}
        assert (created[rows] < today).all()
        assert (at[rows] - np.timedelta64(7, "D") >= today.astype("datetime64[m]")).all()
        new_at = np.array(moved["aptdatetime"].to_pylist(), dtype="datetime64[m]")
        new_day = new_at.astype("datetime64[D]")
        # To another open day, from tomorrow on, one to two weeks either side of the old one.
        assert (new_day > today).all() and (new_day != at[rows].astype("datetime64[D]")).all()
        assert (np.abs(new_day - at[rows].astype("datetime64[D]")) <= np.timedelta64(16, "D")).all()
        assert ((new_day.astype(np.int64) + 3) % 7 < 5).all()  # Monday to Friday
        assert {t.date() for t in moved["datetstamp"].to_pylist()} == {when}
        # Into a chair of the visit's office and kind, free at the new time.
        for row, op, start in zip(rows, moved["op"].to_pylist(), new_at, strict=True):
            chair = np.flatnonzero(state.column("operatory", "OperatoryNum") == op)[0]
            assert (
                state.column("operatory", "ClinicNum")[chair]
                == state.column("appointment", "ClinicNum")[row]
            )
            assert (
                state.column("operatory", "IsHygiene")[chair]
                == state.column("appointment", "IsHygiene")[row]
            )
            end = start + np.timedelta64(len(apt["Pattern"][row]) * 5, "m")
            others = (
                (apt["Op"] == op) & (apt["AptStatus"] == 1) & (apt["AptNum"] != apt["AptNum"][row])
            )
            lengths = np.array([len(p) * 5 for p in apt["Pattern"][others]], dtype="timedelta64[m]")
            assert not ((at[others] < end) & (at[others] + lengths > start)).any()
        # The visit's planned procedures and their estimates go with it.
        procs = [p for p in changes.updates["procedurelog"] if p.column_names[1] == "procdate"]
        planned = np.isin(state.column("procedurelog", "AptNum"), moved["aptnum"].to_numpy()) & (
            state.column("procedurelog", "ProcStatus") == 1
        )
        dated = _keys(procs, "procnum")
        assert sorted(dated) == sorted(state.column("procedurelog", "ProcNum")[planned])
        # Recorded as OpenDental records a move: a history row copying the appointment as
        # moved, and a security log entry, by a front-desk user.
        history = _one(changes.inserts["histappointment"])
        history = history.filter(pc.equal(history["histapptaction"], 1))  # not deletions
        assert history["aptnum"].to_pylist() == moved["aptnum"].to_pylist()
        assert history["aptdatetime"].to_pylist() == moved["aptdatetime"].to_pylist()
        assert history["op"].to_pylist() == moved["op"].to_pylist()
        assert set(history["histapptaction"].to_pylist()) == {1}  # Changed
        assert history["pattern"].to_pylist() == list(apt["Pattern"][rows])
        log = _one(changes.inserts["securitylog"])
        log = log.filter(pc.starts_with(log["logtext"], "Appointment moved"))
        assert sorted(log["fkey"].to_pylist()) == sorted(moved["aptnum"].to_pylist())
        assert all(t.startswith("Appointment moved from ") for t in log["logtext"].to_pylist())
        user_of = dict(zip(log["fkey"].to_pylist(), log["usernum"].to_pylist(), strict=True))
        assert [user_of[a] for a in history["aptnum"].to_pylist()] == history[
            "histusernum"
        ].to_pylist()
    # History's rate: 8 % of appointments moved once between booking and a week before the
    # visit, about one a day at scale 1.
    assert 5 <= total <= 60


def test_a_deleted_appointment_is_recorded_in_its_history_and_the_security_log(
    state: PracticeState,
) -> None:
    """A broken appointment the day deletes gets a history row with the action Deleted, copying
    it as it stood (broken), and an AppointmentDelete entry in the security log, by the same
    front-desk user, after the visit's time on its day (history's `build_audit`)."""
    found = 0
    for k in range(0, 15):
        when = DAY + dt.timedelta(days=k)
        if when.weekday() >= 5:
            continue
        changes = advance_day(state, when, SEED)
        deleted = changes.deleted("appointment")
        if not len(deleted):
            continue
        found += len(deleted)
        history = _one(changes.inserts["histappointment"])
        history = history.filter(pc.equal(history["histapptaction"], 4))
        assert sorted(history["aptnum"].to_pylist()) == sorted(deleted)
        assert set(history["aptstatus"].to_pylist()) == {5}
        log = _one(changes.inserts["securitylog"])
        log = log.filter(pc.equal(log["permtype"], 237))  # AppointmentDelete
        assert sorted(log["fkey"].to_pylist()) == sorted(deleted)
        user_of = dict(zip(log["fkey"].to_pylist(), log["usernum"].to_pylist(), strict=True))
        assert [user_of[a] for a in history["aptnum"].to_pylist()] == history[
            "histusernum"
        ].to_pylist()
        rows = np.searchsorted(state.column("appointment", "AptNum"), history["aptnum"].to_numpy())
        at = state.column("appointment", "AptDateTime")[rows].astype("datetime64[m]")
        stamp = np.array(history["histdatetstamp"].to_pylist(), dtype="datetime64[m]")
        assert (stamp > at).all() and (stamp.astype("datetime64[D]") == np.datetime64(when)).all()
        if found >= 3:
            break
    assert found > 0


def test_state_after_a_day_is_what_the_day_wrote(state: PracticeState, day: ChangeSet) -> None:
    after = state.after(day)
    inserted = _one(day.inserts["appointment"])
    assert after.next_keys["appointment"] == max(inserted["aptnum"].to_pylist()) + 1
    rows = np.searchsorted(after.column("appointment", "AptNum"), inserted["aptnum"].to_numpy())
    assert (after.column("appointment", "AptNum")[rows] == inserted["aptnum"].to_numpy()).all()
    done = next(p for p in day.updates["appointment"] if "datetimedismissed" in p.column_names)
    rows = np.searchsorted(after.column("appointment", "AptNum"), done["aptnum"].to_numpy())
    assert set(after.column("appointment", "AptStatus")[rows]) == {2}
    gone = _deleted(day, "procedurelog")
    assert len(gone) and not np.isin(after.column("procedurelog", "ProcNum"), gone).any()


def test_the_twins_ledger_gives_historys_balances(state: PracticeState) -> None:
    # The ledger a billing run reads from the twin's rows, aged by history's rule, is the one
    # history kept: every patient's balance and every family's total, to the cent.
    family, entries = ledger_of_state(state, np.datetime64(AS_OF))
    ledger = age_ledger(np.datetime64(AS_OF), family, entries)
    heads = family == np.arange(len(family))
    assert heads.sum() > 1000
    assert np.allclose(ledger.est_balance, state.column("patient", "EstBalance"), atol=0.005)
    total = np.round(ledger.aged.sum(axis=1), 2)
    assert np.allclose(total[heads], state.column("patient", "BalTotal")[heads], atol=0.005)


def test_the_billing_run_is_on_the_first_open_day_from_the_fifth() -> None:
    def run(day: str) -> bool:
        return billing_run_on(np.datetime64(day))

    assert run("2027-01-05") and not run("2027-01-04") and not run("2027-01-06")  # a Tuesday
    assert run("2026-12-07") and not run("2026-12-04") and not run("2026-12-08")  # 5th: Saturday


def test_families_who_owe_get_their_monthly_statement(state: PracticeState) -> None:
    billing_day = dt.date(2026, 12, 7)  # the Monday after the 5th
    changes = advance_day(state, billing_day, SEED)
    statements = _one(changes.inserts["statement"])
    assert statements.num_rows > 50
    assert set(statements["datesent"].to_pylist()) == {billing_day}
    assert {t.date() for t in statements["datetstamp"].to_pylist()} == {billing_day}
    # To each family once, addressed to its guarantor, for what it owes less what insurance is
    # still expected to pay.
    day = np.datetime64(billing_day)
    family, entries = ledger_of_state(state, day)
    ledger = age_ledger(day, family, entries)
    due = np.round(ledger.aged.sum(axis=1) - ledger.ins_est, 2)
    pat_num = state.column("patient", "PatNum")
    rows = np.searchsorted(pat_num, statements["patnum"].to_numpy())
    assert len(set(rows)) == len(rows) and (family[rows] == rows).all()
    assert np.allclose(statements["baltotal"].to_numpy(), due[rows])
    assert (due[rows] > STATEMENT_MIN_BALANCE).all()
    # Up to four statements a balance: none to a family billed four times since its oldest
    # unpaid charge; every other family owing more than the minimum gets one.
    since = oldest_unpaid_charge(family, entries)
    # The billing run's statements (receipts and invoices, handed over in person, are not).
    billing = state.column("statement", "Mode_") != STATEMENT_IN_PERSON
    st_pat = np.searchsorted(pat_num, state.column("statement", "PatNum"))[billing]
    st_date = state.column("statement", "DateSent").astype("datetime64[D]")[billing]
    sent = np.bincount(st_pat[st_date >= since[st_pat]], minlength=len(pat_num))
    owing = np.flatnonzero(
        (due > STATEMENT_MIN_BALANCE + 0.005) & (family == np.arange(len(family)))
    )
    assert (sent[owing] >= STATEMENT_REPEAT_MAX).any()
    assert sorted(rows) == sorted(owing[sent[owing] < STATEMENT_REPEAT_MAX])
    # A family keeps the way it gets statements.
    modes = state.column("statement", "Mode_")[billing]
    last_mode = dict(zip(st_pat.tolist(), modes.tolist(), strict=True))
    for row, mode in zip(rows.tolist(), statements["mode_"].to_pylist(), strict=True):
        assert mode == last_mode.get(row, mode)
    # Some repeat statements carry the billing charge, posted on the day.
    charges = _one(changes.inserts["adjustment"]).filter(
        pc.equal(
            _one(changes.inserts["adjustment"])["adjtype"],
            state.def_num("AdjTypes", "Billing charge"),
        )
    )
    assert charges.num_rows > 0
    assert set(charges["adjamt"].to_pylist()) == {BILLING_CHARGE}
    assert set(charges["adjdate"].to_pylist()) == {billing_day}
    charged = np.searchsorted(pat_num, charges["patnum"].to_numpy())
    assert set(charged) <= set(rows[sent[rows] > 0])
    # No run on the other days of the month.
    assert "statement" not in advance_day(state, billing_day + dt.timedelta(days=1), SEED).inserts
