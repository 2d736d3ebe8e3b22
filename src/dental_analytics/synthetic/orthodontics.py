"""The ortho department: a visiting orthodontist, contracts, banding, monthly visits and debond.

One rule per thing the department does, in `build_orthodontics`'s order. The group hires an
orthodontist who works one day a month in each office (`hire_orthodontist`, `ortho_days`). Some
adolescents seen at a cleaning start comprehensive treatment on a contract with a fee, an
insurance portion and a patient portion (`sign_contracts`); they are banded on the office's
next ortho day, seen every ortho day until debond (`book_ortho_visits`, broken at the practice's
rates), with the fee billed as OpenDental's ortho case bills it: the banding amount at banding,
the visit amount at each planned visit, the debond amount at debond (`write_ortho_visits`). The
case, its payment schedule and the links between them and the procedures are written
(`write_contracts`), the orthodontist's hours follow the book (`write_ortho_schedules`), and every
provider is linked to the offices they work in (`link_providers_to_clinics`).

The ortho visits are added to the unit's `Visits`, so the claims and payments that follow bill
and collect them like any other visit.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic import names
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Bools,
    Calendar,
    Days,
    Floats,
    Ints,
    KeyCounter,
    at_minute,
    weekday,
)
from dental_analytics.synthetic.frame import NO_DATE, Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.orthodontics_params import (
    ORTHO_BANDING_SHARE,
    ORTHO_COINSURANCE,
    ORTHO_CONSULT_TO_BANDING_DAYS,
    ORTHO_DAY_WEEK_OF_MONTH,
    ORTHO_FEE_RANGE,
    ORTHO_LIFETIME_MAX,
    ORTHO_OVERRUN_DAYS,
    ORTHO_START_AGE,
    ORTHO_START_P,
    ORTHO_TREATMENT_MONTHS,
)
from dental_analytics.synthetic.params import DAY_START_MINUTE, SLOT_MINUTES
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import STANDARD, Practice
from dental_analytics.synthetic.visits import (
    COMPLETE,
    SCHEDULED,
    TP,
    C,
    Visits,
    delete_some_broken,
    visit_outcome,
)

_LINK = table("orthoproclink").enum("ProcLinkType")
BANDING, DEBOND, VISIT = _LINK.code("Banding"), _LINK.code("Debond"), _LINK.code("Visit")
ORTHO_SCHEDULE_LINK = table("orthoplanlink").enum("LinkType").code("OrthoSchedule")
KIND_CODE = {BANDING: "D8080", VISIT: "D8670", DEBOND: "D8680"}


@dataclass(frozen=True)
class Contracts:
    """Per ortho case: the patient, office, dates and the fee split."""

    case_num: Ints
    patient: Ints  # patient index
    clinic: Ints
    signed: Days
    banding: Days
    expected_debond: Days
    debond: Days  # NO_DATE while in treatment
    fee: Floats
    ins_primary: Floats
    banding_amount: Floats
    visit_amount: Floats
    debond_amount: Floats
    planned_visits: Ints

    @property
    def n(self) -> int:
        return len(self.case_num)

    @property
    def active(self) -> Bools:
        return self.debond == NO_DATE


@dataclass(frozen=True)
class OrthoVisits:
    """Per ortho appointment: its case, date, kind (ProcLinkType), status and fee."""

    case: Ints
    date: Days
    kind: Ints
    status: Ints
    fee: Floats

    @property
    def n(self) -> int:
        return len(self.case)


def build_orthodontics(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Visits:
    """Write the unit's ortho department and return its visits with the ortho visits added."""
    orthodontist = hire_orthodontist(cal, practice, keys, rng, out)
    days = ortho_days(cal, offices.clinic_num)
    contracts = sign_contracts(
        cal, practice, offices, patients, visits, days, orthodontist, keys, rng
    )
    booked = book_ortho_visits(cal, contracts, days, rng)
    code = np.array([practice.codes.index(KIND_CODE[k]) for k in booked.kind.tolist()], np.int64)
    minutes = np.maximum(np.round(practice.codes.minutes[code] / SLOT_MINUTES) * SLOT_MINUTES, 30)
    minutes = minutes.astype(np.int64)
    clinic = contracts.clinic[booked.case]
    op, start = seat_ortho_visits(offices, clinic, booked.date, minutes, out)
    visits, proc_num = write_ortho_visits(
        cal, practice, offices, patients, visits, contracts, booked, code, op, start, minutes,
        orthodontist, keys, rng, out,
    )  # fmt: skip
    write_contracts(
        cal, offices, patients, contracts, booked, proc_num, orthodontist, keys, rng, out
    )
    write_ortho_schedules(cal, orthodontist, clinic, booked.date, start, minutes, keys, out)
    link_providers_to_clinics(offices, orthodontist, np.unique(clinic), out, keys)
    return visits


def hire_orthodontist(
    cal: Calendar, practice: Practice, keys: KeyCounter, rng: np.random.Generator, out: ChangeSet
) -> int:
    """The group's visiting orthodontist (a provider row); returns the ProvNum."""
    prov_num = keys.take("provider", 1)
    female = rng.random() < 0.5
    first = names.pick(rng, names.FIRST_FEMALE if female else names.FIRST_MALE, 1)
    p = Frame("provider", 1)
    p.update(
        {
            "ProvNum": prov_num,
            "Abbr": np.array([f"ORT{prov_num[0]}"], dtype=object),
            "ItemOrder": prov_num - 1,
            "LName": names.pick(rng, names.LAST, 1),
            "FName": first,
            "Suffix": "DDS, MS",
            "FeeSched": practice.fee_sched_num[STANDARD],
            "Specialty": practice.def_num("ProviderSpecialties", "Orthodontist"),
            "ProvColor": rng.integers(-16_777_216, -1, 1),
            "StateLicense": np.array([f"OR{rng.integers(10000, 99999)}"], dtype=object),
            "NationalProvID": np.array(
                [f"1{rng.integers(100_000_000, 999_999_999)}"], dtype=object
            ),
            "StateWhereLicensed": names.STATE,
            "Birthdate": np.array([np.datetime64("1970-01-01") + rng.integers(0, 8000)]),
            "HourlyProdGoalAmt": 600.0,
            "PreferredName": first,
        }
    )
    p.stamp(at_minute(np.array([cal.start - np.timedelta64(365, "D")]), 8 * 60))
    out.add(p)
    return int(prov_num[0])


def ortho_days(cal: Calendar, clinic_num: Ints) -> dict[int, Days]:
    """Each office's ortho day of every month: its own weekday, in the same week of the month."""
    span = np.arange(cal.start, cal.horizon + np.timedelta64(1, "D"), dtype="datetime64[D]")
    day_of_month = (span - span.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
    week_of_month = day_of_month // 7 + 1
    return {
        int(k): span[(weekday(span) == rank % 5) & (week_of_month == ORTHO_DAY_WEEK_OF_MONTH)]
        for rank, k in enumerate(clinic_num.tolist())
    }


def sign_contracts(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    days: dict[int, Days],
    orthodontist: int,
    keys: KeyCounter,
    rng: np.random.Generator,
) -> Contracts:
    """Some adolescents seen at a cleaning start comprehensive treatment: banded on the office's
    ortho day after a consult, treated for the months planned (often longer), on a contract
    whose fee the patient's plan covers in part."""
    seen = np.flatnonzero(visits.apt_is_hygiene & (visits.apt_status == COMPLETE))
    seen = seen[np.argsort(visits.apt_date[seen], kind="stable")]
    pat = visits.apt_patient[seen]
    age = (visits.apt_date[seen] - patients.birthdate[pat]).astype(np.int64) / 365.25
    fits = (age >= ORTHO_START_AGE[0]) & (age < ORTHO_START_AGE[1])
    pat, first = np.unique(pat[fits], return_index=True)
    seen_on = visits.apt_date[seen[fits]][first]
    starts = rng.random(len(pat)) < ORTHO_START_P
    pat, seen_on = pat[starts], seen_on[starts]
    n = len(pat)
    wanted = seen_on + rng.integers(*ORTHO_CONSULT_TO_BANDING_DAYS, n).astype("timedelta64[D]")
    months = rng.integers(ORTHO_TREATMENT_MONTHS[0], ORTHO_TREATMENT_MONTHS[1] + 1, n)
    overrun = rng.integers(*ORTHO_OVERRUN_DAYS, n)
    fee_scale = rng.uniform(*ORTHO_FEE_RANGE, n)
    lifetime_max = rng.choice(ORTHO_LIFETIME_MAX, n)
    clinic = patients.clinic[pat]
    banding = np.full(n, NO_DATE)
    expected = np.full(n, NO_DATE)
    debond = np.full(n, NO_DATE)
    planned = np.zeros(n, np.int64)
    for i in range(n):
        office = days[int(clinic[i])]
        at = int(np.searchsorted(office, wanted[i]))
        if at >= len(office) or office[at] > cal.today:
            continue
        banding[i] = office[at]
        expected[i] = (banding[i].astype("datetime64[M]") + months[i]).astype("datetime64[D]") + (
            banding[i] - banding[i].astype("datetime64[M]").astype("datetime64[D]")
        )
        planned[i] = max(int(((office > banding[i]) & (office < expected[i])).sum()), 1)
        end = int(np.searchsorted(office, expected[i] + np.timedelta64(int(overrun[i]), "D")))
        if end < len(office) and office[end] <= cal.today:
            debond[i] = office[end]
    keep = banding != NO_DATE
    fee_of_code = ortho_fee(practice, offices, patients, pat[keep], orthodontist, "D8080")
    fee = np.round(fee_of_code * fee_scale[keep], -1)
    debond_amount = ortho_fee(practice, offices, patients, pat[keep], orthodontist, "D8680")
    banding_amount = np.round(fee * ORTHO_BANDING_SHARE, 2)
    # Rounded down to the cent, so the planned visits never bill more than the contract.
    visit_amount = np.floor((fee - banding_amount - debond_amount) / planned[keep] * 100) / 100
    signed = wanted[keep] - np.timedelta64(14, "D")
    insured = patients.plan_on(pat[keep], signed) >= 0
    ins_primary = np.where(insured, np.minimum(fee * ORTHO_COINSURANCE, lifetime_max[keep]), 0.0)
    return Contracts(
        case_num=keys.take("orthocase", int(keep.sum())),
        patient=pat[keep],
        clinic=clinic[keep],
        signed=signed,
        banding=banding[keep],
        expected_debond=expected[keep],
        debond=debond[keep],
        fee=fee,
        ins_primary=np.round(ins_primary, 2),
        banding_amount=banding_amount,
        visit_amount=visit_amount,
        debond_amount=debond_amount,
        planned_visits=planned[keep],
    )


def ortho_fee(
    practice: Practice,
    offices: Offices,
    patients: Patients,
    pat: Ints,
    orthodontist: int,
    code: str,
) -> Floats:
    """The fee of `code` for each patient `pat`: their fee schedule's, looked up for the
    orthodontist at the patient's office (OpenDental's lookup, `FeeTable.look_up`)."""
    n = len(pat)
    return offices.fees.look_up(
        patients.fee_sched[pat],
        np.full(n, practice.codes.num(code)),
        patients.clinic[pat],
        np.full(n, orthodontist),
    )


def book_ortho_visits(
    cal: Calendar, contracts: Contracts, days: dict[int, Days], rng: np.random.Generator
) -> OrthoVisits:
    """Banding, every ortho day of the office until debond (kept, broken or sent to the
    unscheduled list at the practice's rates), and debond; a case in treatment has its next
    visit booked. The visit amount is billed for the planned visits only."""
    case: list[Ints] = []
    date: list[Days] = []
    kind: list[Ints] = []
    for i in range(contracts.n):
        office = days[int(contracts.clinic[i])]
        end = contracts.debond[i] if not contracts.active[i] else cal.today
        between = office[(office > contracts.banding[i]) & (office < end)]
        ahead = office[office > cal.today][:1] if contracts.active[i] else office[:0]
        dated = [contracts.banding[i : i + 1], between, ahead]
        kinds: list[Ints] = [np.array([BANDING]), np.full(len(between) + len(ahead), VISIT)]
        if not contracts.active[i]:
            dated.append(contracts.debond[i : i + 1])
            kinds.append(np.array([DEBOND]))
        d = np.concatenate(dated)
        case.append(np.full(len(d), i))
        date.append(d)
        kind.append(np.concatenate(kinds).astype(np.int64))
    case_a = np.concatenate(case) if case else np.zeros(0, np.int64)
    date_a = np.concatenate(date) if date else np.zeros(0, "datetime64[D]")
    kind_a = np.concatenate(kind) if kind else np.zeros(0, np.int64)
    outcome = visit_outcome(len(case_a), rng)
    # Banding and debond are kept: a broken one is booked again on the next ortho day.
    status = np.where(date_a > cal.today, SCHEDULED, np.where(kind_a == VISIT, outcome, COMPLETE))
    # The visit amount is billed at the planned visits; visits past them are at no charge.
    held_visit = (kind_a == VISIT) & (status == COMPLETE)
    order = np.lexsort((date_a, case_a))
    counted = np.zeros(len(case_a), np.int64)
    csum = np.cumsum(held_visit[order])
    first_of_case = np.r_[True, case_a[order][1:] != case_a[order][:-1]]
    base = np.maximum.accumulate(np.where(first_of_case, csum - held_visit[order], 0))
    counted[order] = csum - base
    within_plan = counted <= contracts.planned_visits[case_a]
    fee = np.select(
        [kind_a == BANDING, kind_a == DEBOND, (kind_a == VISIT) & within_plan],
        [
            contracts.banding_amount[case_a],
            contracts.debond_amount[case_a],
            contracts.visit_amount[case_a],
        ],
        0.0,
    )
    return OrthoVisits(case_a, date_a, kind_a, status, fee)


def _chair_free_from(out: ChangeSet) -> dict[tuple[int, int], int]:
    """(operatory, day number) -> the minute the chair's last booked appointment ends."""
    apts = pa.concat_tables(out.inserts["appointment"])
    at = apts["aptdatetime"].to_numpy().astype("datetime64[m]")
    day = at.astype("datetime64[D]")
    end = (at - day.astype("datetime64[m]")).astype(np.int64) + np.array(
        [len(p) * 5 for p in apts["pattern"].to_pylist()]
    )
    free: dict[tuple[int, int], int] = {}
    for o, d, e in zip(
        apts["op"].to_numpy().tolist(), day.astype(np.int64).tolist(), end.tolist(), strict=True
    ):
        free[(o, d)] = max(free.get((o, d), DAY_START_MINUTE), e)
    return free


def seat_ortho_visits(
    offices: Offices, clinic: Ints, date: Days, minutes: Ints, out: ChangeSet
) -> tuple[Ints, Ints]:
    """(operatory, start minute) of each ortho visit: the orthodontist sees one patient after
    another from the time the office's first chair comes free that day, each in a chair free by
    then (any chair: the assistants seat patients wherever one is free)."""
    free = _chair_free_from(out)
    op = np.zeros(len(clinic), np.int64)
    start = np.zeros(len(clinic), np.int64)
    ready: dict[tuple[int, int], int] = {}  # (office, day) -> when the orthodontist is free
    for i in np.lexsort((np.arange(len(date)), date)).tolist():
        k, d = int(clinic[i]), int(date[i].astype(np.int64))
        chairs = offices.operatory_num[offices.operatory_clinic == k].tolist()
        chair = min(chairs, key=lambda c: free.get((c, d), DAY_START_MINUTE))
        at = max(ready.get((k, d), 0), free.get((chair, d), DAY_START_MINUTE))
        op[i], start[i] = chair, at
        free[(chair, d)] = ready[(k, d)] = int(at + minutes[i])
    return op, start


def write_ortho_visits(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    contracts: Contracts,
    booked: OrthoVisits,
    code: Ints,
    op: Ints,
    start: Ints,
    minutes: Ints,
    orthodontist: int,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> tuple[Visits, Ints]:
    """Write the ortho appointments and their procedures (one each, none at a visit that did not
    happen); return the visits with them added and each appointment's ProcNum (0 none)."""
    codes = practice.codes
    n = booked.n
    pat = contracts.patient[booked.case]
    clinic = contracts.clinic[booked.case]
    apt_num = keys.take("appointment", n)
    apt_at = at_minute(booked.date, start)
    # The next visit is booked at checkout of the one before (banding: at the contract).
    prev = np.r_[booked.date[:1], booked.date[:-1]]
    first = np.r_[True, booked.case[1:] != booked.case[:-1]]
    created_day = np.where(first, contracts.signed[booked.case], prev)
    created = at_minute(np.minimum(created_day, cal.today), rng.integers(8 * 60, 17 * 60, n))
    done = booked.status == COMPLETE
    dismissed = apt_at + minutes.astype("timedelta64[m]")
    no_time = np.datetime64("0001-01-01T00:00", "m")
    plan1, plan2 = patients.plan_on(pat, booked.date), patients.plan2[pat]
    users = offices.user_num[rng.integers(0, len(offices.user_num), n)]
    a = Frame("appointment", n)
    a.update(
        {
            "AptNum": apt_num,
            "PatNum": patients.pat_num[pat],
            "AptStatus": booked.status,
            "Pattern": np.array(["/" + "X" * (m // 5 - 2) + "/" for m in minutes], dtype=object),
            "Confirmed": practice.defs("ApptConfirmed")[0],
            "Op": op,
            "ProvNum": orthodontist,
            "AptDateTime": apt_at,
            "ClinicNum": clinic,
            "DateTimeArrived": np.where(done, apt_at, no_time),
            "DateTimeSeated": np.where(done, apt_at, no_time),
            "DateTimeDismissed": np.where(done, dismissed, no_time),
            "InsPlan1": np.where(plan1 >= 0, practice.plan_num[np.maximum(plan1, 0)], 0),
            "InsPlan2": np.where(plan2 >= 0, practice.plan_num[np.maximum(plan2, 0)], 0),
            "SecUserNumEntry": users,
            "SecDateTEntry": created,
            "ProcDescript": np.array([KIND_CODE[k] for k in booked.kind.tolist()], dtype=object),
        }
    )
    edited = np.where(done, dismissed, np.where(booked.status == SCHEDULED, created, apt_at))
    a.stamp(created, edited)
    out.add(a)

    # A broken or unscheduled visit completes nothing; a booked one carries its planned visit.
    has_proc = done | (booked.status == SCHEDULED)
    rows = np.flatnonzero(has_proc)
    m = len(rows)
    proc_num = keys.take("procedurelog", m)
    status = np.where(done[rows], C, TP)
    proc_date = booked.date[rows]
    date_tp = np.minimum(created_day[rows], proc_date)
    pr = Frame("procedurelog", m)
    pr.update(
        {
            "ProcNum": proc_num,
            "PatNum": patients.pat_num[pat[rows]],
            "AptNum": apt_num[rows],
            "ProcDate": proc_date,
            "ProcFee": booked.fee[rows],
            "ProcStatus": status,
            "ProvNum": orthodontist,
            "DateEntryC": np.where(status == C, proc_date, NO_DATE),
            "ClinicNum": clinic[rows],
            "CodeNum": codes.code_num[code[rows]],
            "UnitQty": 1,
            "BaseUnits": codes.base_units[code[rows]],
            "DateTP": date_tp,
            "SecUserNumEntry": users[rows],
            "SecDateEntry": date_tp,
            "DateComplete": np.where(status == C, proc_date, NO_DATE),
        }
    )
    pr.stamp(
        at_minute(date_tp, 12 * 60), at_minute(np.where(status == C, proc_date, date_tp), 17 * 60)
    )
    out.add(pr)

    proc_of_apt = np.zeros(n, np.int64)
    proc_of_apt[rows] = proc_num
    added = {
        "apt_num": apt_num,
        "apt_patient": pat,
        "apt_date": booked.date,
        "apt_at": apt_at,
        "apt_status": booked.status,
        "apt_clinic": clinic,
        "apt_dentist": np.full(n, orthodontist),
        "apt_hygienist": np.zeros(n, np.int64),
        "apt_is_hygiene": np.zeros(n, bool),
        "apt_created": created,
        # Broken ortho visits are deleted at the office's rate too; they have no procedure.
        "apt_deleted": delete_some_broken(booked.status, rng.spawn(1)[0]),
        "proc_num": proc_num,
        "proc_patient": pat[rows],
        "proc_apt": apt_num[rows],
        "proc_date": proc_date,
        "proc_code": code[rows],
        "proc_fee": booked.fee[rows],
        "proc_units": 1 + codes.base_units[code[rows]],
        "proc_status": status,
        "proc_prov": np.full(m, orthodontist),
        "proc_clinic": clinic[rows],
        "proc_date_tp": date_tp,
    }
    merged = {
        f.name: np.concatenate([getattr(visits, f.name), added[f.name]]) for f in fields(Visits)
    }
    return Visits(**merged), proc_of_apt


def write_contracts(
    cal: Calendar,
    offices: Offices,
    patients: Patients,
    contracts: Contracts,
    booked: OrthoVisits,
    proc_of_apt: Ints,
    orthodontist: int,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The ortho cases, each with its payment schedule (banding, visit and debond amounts) linked
    through orthoplanlink, and each completed procedure linked as banding, visit or debond."""
    n = contracts.n
    users = offices.user_num[rng.integers(0, len(offices.user_num), n)]
    signed = at_minute(contracts.signed, rng.integers(9 * 60, 17 * 60, n))
    closed = at_minute(np.where(contracts.active, contracts.banding, contracts.debond), 17 * 60)
    active = contracts.active.astype(np.int64)
    oc = Frame("orthocase", n)
    oc.update(
        {
            "OrthoCaseNum": contracts.case_num,
            "PatNum": patients.pat_num[contracts.patient],
            "ProvNum": orthodontist,
            "ClinicNum": contracts.clinic,
            "Fee": contracts.fee,
            "FeeInsPrimary": contracts.ins_primary,
            "FeePat": np.round(contracts.fee - contracts.ins_primary, 2),
            "BandingDate": contracts.banding,
            "DebondDate": contracts.debond,
            "DebondDateExpected": contracts.expected_debond,
            "IsTransfer": 0,
            "SecUserNumEntry": users,
            "IsActive": active,
            "FeeInsSecondary": 0.0,
        }
    )
    oc["SecDateTEntry"] = signed
    oc.stamp(signed, np.maximum(signed, closed))
    out.add(oc)

    schedule_num = keys.take("orthoschedule", n)
    os_ = Frame("orthoschedule", n)
    os_.update(
        {
            "OrthoScheduleNum": schedule_num,
            "BandingAmount": contracts.banding_amount,
            "VisitAmount": contracts.visit_amount,
            "DebondAmount": contracts.debond_amount,
            "IsActive": active,
        }
    )
    os_.stamp(signed, np.maximum(signed, closed))
    out.add(os_)

    pl = Frame("orthoplanlink", n)
    pl.update(
        {
            "OrthoPlanLinkNum": keys.take("orthoplanlink", n),
            "OrthoCaseNum": contracts.case_num,
            "LinkType": ORTHO_SCHEDULE_LINK,
            "FKey": schedule_num,
            "IsActive": active,
            "SecUserNumEntry": users,
        }
    )
    pl.stamp(signed)
    out.add(pl)

    linked = np.flatnonzero((proc_of_apt > 0) & (booked.status == COMPLETE))
    m = len(linked)
    link_at = at_minute(booked.date[linked], 17 * 60)
    lk = Frame("orthoproclink", m)
    lk.update(
        {
            "OrthoProcLinkNum": keys.take("orthoproclink", m),
            "OrthoCaseNum": contracts.case_num[booked.case[linked]],
            "ProcNum": proc_of_apt[linked],
            "SecUserNumEntry": users[booked.case[linked]],
            "ProcLinkType": booked.kind[linked],
        }
    )
    lk.stamp(link_at)
    out.add(lk)


def write_ortho_schedules(
    cal: Calendar,
    orthodontist: int,
    clinic: Ints,
    date: Days,
    start: Ints,
    minutes: Ints,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """The orthodontist's hours in an office on its ortho day: from the hour the first visit
    starts to the hour after the last ends (the book sets the hours)."""
    key = clinic * 1_000_000 + date.astype(np.int64)
    days, inverse = np.unique(key, return_inverse=True)
    first = np.full(len(days), 24 * 60)
    last = np.zeros(len(days), np.int64)
    np.minimum.at(first, inverse, start)
    np.maximum.at(last, inverse, start + minutes)
    n = len(days)
    day = (days % 1_000_000).astype("datetime64[D]")
    s = Frame("schedule", n)
    s.update(
        {
            "ScheduleNum": keys.take("schedule", n),
            "SchedDate": day,
            "StartTime": (first // 60 * 60).astype("timedelta64[m]"),
            "StopTime": (-(-last // 60) * 60).astype("timedelta64[m]"),
            "SchedType": 1,
            "ProvNum": orthodontist,
            "ClinicNum": days // 1_000_000,
        }
    )
    s.stamp(at_minute(np.minimum(day - np.timedelta64(30, "D"), cal.today), 10 * 60))
    out.add(s)


def link_providers_to_clinics(
    offices: Offices, orthodontist: int, ortho_clinics: Ints, out: ChangeSet, keys: KeyCounter
) -> None:
    """Which providers work in which office, with their licence there: each dentist and
    hygienist in their own office and the office they visit (`offices.roam_providers`), the
    visiting orthodontist in every office with ortho days."""
    providers = pa.concat_tables(out.inserts["provider"])
    licence = dict(
        zip(providers["provnum"].to_pylist(), providers["statelicense"].to_pylist(), strict=True)
    )
    prov = np.concatenate(
        [
            offices.provider_num,
            offices.roaming.provider,
            np.full(len(ortho_clinics), orthodontist),
        ]
    )
    clinic = np.concatenate([offices.provider_clinic, offices.roaming.clinic, ortho_clinics])
    n = len(prov)
    pc = Frame("providerclinic", n)
    pc.update(
        {
            "ProviderClinicNum": keys.take("providerclinic", n),
            "ProvNum": prov,
            "ClinicNum": clinic,
            "StateLicense": np.array([licence[p] for p in prov.tolist()], dtype=object),
            "StateWhereLicensed": names.STATE,
        }
    )
    out.add(pc)
