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
from dental_analytics.synthetic.params import EXISTING_PATIENT_SHARE
from dental_analytics.synthetic.patients import new_patients_per_day
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
    updated = _keys(day.updates["appointment"], "aptnum")
    deleted = _deleted(day, "appointment")
    # Every appointment of the day is settled once, and only those.
    assert sorted([*updated, *deleted]) == sorted(todays)
    statuses = pc.unique(
        pa.concat_tables([p.select(["aptstatus"]) for p in day.updates["appointment"]])["aptstatus"]
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
    assert set(claims["claimstatus"].to_pylist()) <= {"U", "W"}
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
    estimate = state.column("claimproc", "Status") == 6
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
