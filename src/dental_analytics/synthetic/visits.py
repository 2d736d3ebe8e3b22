"""Appointments and the procedures done at them: recall visits, treatment plans, treatment visits.

One rule per thing the schedule and the chair do, in `build_visits`'s order. A patient arrives
and is booked for hygiene recall about every six months until they drift away
(`book_recall_visits`); each past visit is completed, broken or left unscheduled, and a few are
never closed (`decide_who_comes`); the office deletes some broken ones outright
(`delete_some_broken`, their rows taken out at the end by `withdraw_deleted_appointments`). A
recall visit has its exam, films, cleaning and fluoride (`hygiene_visit_procedures`); at some
exams the dentist plans treatment (`plan_treatment`), and accepted treatment gets its own
appointment a few weeks later (`book_treatment`). A completed appointment completes its
procedures on its date (`complete_visit`: hygiene codes by the hygienist, the rest by the
dentist); a broken or unscheduled one completes none, and a broken one may be charged a tracking
code (`charge_broken_appointment`). Visits are seated in the office's
chairs back to back (`seat_in_chairs`) and written (`write_appointments`, `write_procedures`).
Rates live in `params`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from dental_analytics.opendental import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Bools,
    Calendar,
    Days,
    Floats,
    Ints,
    KeyCounter,
    Strings,
    at_minute,
    choice_p,
    weekday,
    working_day,
)
from dental_analytics.synthetic.fees import FeeTable
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.params import (
    ADULT_BITEWING_EVERY_N_VISITS,
    ADULT_FLUORIDE_P,
    BITEWING_EVERY_N_VISITS,
    BROKEN_DELETED_P,
    BROKEN_FEE_CODE_P,
    CHILD_FLUORIDE_P,
    CONFIRM_DAYS_AHEAD,
    CONFIRMED_P,
    DAY_START_MINUTE,
    DENTIST_WORKDAYS_PER_WEEK,
    FMX_EVERY_N_VISITS,
    FUTURE_DAYS,
    HYGIENE_REAPPOINT_P,
    HYGIENIST_WORKDAYS_PER_WEEK,
    LAST_VISIT_BEFORE_HISTORY_CODE,
    LEFT_OPEN_P,
    NO_SHOW_SHARE_OF_BROKEN,
    PANO_INSTEAD_OF_FMX_P,
    PAST_APPOINTMENT_STATUS_P,
    RECALL_INTERVAL_DAYS,
    RECALL_JITTER_DAYS,
    RECALL_RETENTION_P,
    SLOT_MINUTES,
    TREATMENT_ACCEPTED_P_BY_FEE,
    TREATMENT_DELAY_DAYS,
    TREATMENT_PLAN_P,
    TREATMENT_PLAN_SIZE_P,
)
from dental_analytics.synthetic.patients import (
    Newcomers,
    Patients,
    enter_before_booking,
    set_first_visits,
)
from dental_analytics.synthetic.practice import STANDARD, Practice
from dental_analytics.synthetic.rosters import (
    book_on_provider_days,
    merge_rosters,
    write_provider_schedules,
)
from dental_analytics.synthetic.state import PracticeState

_APT = table("appointment").enum("AptStatus")
_PROC = table("procedurelog").enum("ProcStatus")
SCHEDULED, COMPLETE, UNSCHED, BROKEN, PLANNED = (
    _APT.code("Scheduled"),
    _APT.code("Complete"),
    _APT.code("UnschedList"),
    _APT.code("Broken"),
    _APT.code("Planned"),
)
TP, C = _PROC.code("TP"), _PROC.code("C")
_PATIENT = table("patient").enum("PatStatus").code("Patient")
ESTIMATE = table("claimproc").enum("Status").code("Estimate")
CAP_ESTIMATE = table("claimproc").enum("Status").code("CapEstimate")
STATUS_OF_NAME = {"Complete": COMPLETE, "Broken": BROKEN, "UnschedList": UNSCHED}
TOOTH_SPECIFIC = (
    "restorative",
    "endodontics",
    "fixed_prosthodontics",
    "implant_services",
    "oral_and_maxillofacial_surgery",
)
SURFACES = ("O", "MO", "DO", "MOD", "B", "L", "OL", "MODB", "F", "MF")


@dataclass(frozen=True)
class Visits:
    apt_num: Ints
    apt_patient: Ints  # patient index
    apt_date: Days
    apt_at: np.ndarray  # datetime64[m]
    apt_status: Ints
    apt_clinic: Ints
    apt_dentist: Ints
    apt_hygienist: Ints
    apt_is_hygiene: Bools
    apt_created: np.ndarray
    # Broken and deleted by the office: the history's rules see the visit (its reminders went
    # out, its history and log record the deletion), but it has no appointment row and no
    # procedure points at it.
    apt_deleted: Bools
    proc_num: Ints
    proc_patient: Ints
    proc_apt: Ints  # AptNum, 0 none
    proc_date: Days  # ProcDate (completion date for C, planned date for TP)
    proc_code: Ints  # index into practice.codes
    proc_fee: Floats
    proc_units: Ints  # UnitQty + BaseUnits
    proc_status: Ints
    proc_prov: Ints
    proc_clinic: Ints
    proc_date_tp: Days

    @property
    def completed(self) -> Bools:
        return self.proc_status == C


@dataclass(frozen=True)
class Booked:
    """The appointments of the span: recall (hygiene) visits first, then treatment visits."""

    patient: Ints
    date: Days
    status: Ints
    is_hygiene: Bools
    is_first_ever: Bools  # a new patient's first recall visit
    booked_on: Days  # the day the visit was booked (the exam that found treatment, for those)
    # Per recall visit: the patient's previous recall visit (-1 none), and whether this one was
    # booked at its checkout (the patient left with the next cleaning booked).
    previous_recall: Ints
    reappointed: Bools
    n_recall: int
    deleted: Bools  # broken, and deleted outright by the office (`delete_some_broken`)

    @property
    def n(self) -> int:
        return len(self.patient)


@dataclass(frozen=True)
class TreatmentPlans:
    """Treatment found at recall exams: per plan its exam, per planned procedure its code, and
    the treatment visits booked for accepted plans."""

    plan_visit: Ints  # recall visit where each plan was found
    plan_size: Ints
    tp_visit: Ints  # per planned procedure: its recall visit
    tp_code: Ints
    booked_plan: Ints  # plan index of each treatment visit
    visit_of_plan: Ints  # per plan: its treatment visit, -1 none
    visit_date: Days  # per treatment visit


@dataclass
class Procedures:
    """Procedures as the rules build them: their visit (-1 none), code, patient and dates."""

    visit: Ints
    code: Ints
    patient: Ints
    date_tp: Days
    status: Ints
    date: Days

    def keep(self, mask: Bools) -> None:
        for name in ("visit", "code", "patient", "date_tp", "status", "date"):
            setattr(self, name, getattr(self, name)[mask])

    def append(self, other: Procedures) -> None:
        for name in ("visit", "code", "patient", "date_tp", "status", "date"):
            setattr(self, name, np.concatenate([getattr(self, name), getattr(other, name)]))


def build_visits(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Visits:
    """The book over the span: who is booked, who comes, what is found and done at each visit."""
    r_pat, r_cycle, r_date = book_recall_visits(cal, patients, rng)
    r_status = decide_who_comes(r_date, cal, rng)
    first_ever = patients.is_new[r_pat] & (r_cycle == 0)
    rv_idx, rv_code = hygiene_visit_procedures(practice, patients, r_pat, r_cycle, first_ever, rng)
    r_date, hygiene_days = book_on_provider_days(
        cal,
        patients.hygienist[r_pat],
        patients.clinic[r_pat],
        r_date,
        slot_minutes(practice, rv_idx, rv_code, len(r_pat)),
        HYGIENIST_WORKDAYS_PER_WEEK,
        offices.roaming,
    )
    # A visit moved past today onto its hygienist's day is still in the book.
    r_status = np.where(r_date > cal.today, SCHEDULED, r_status)
    plans = plan_treatment(practice, r_status, rng)
    plans = book_treatment(cal, practice, plans, r_date, rng)
    t_pat = r_pat[plans.plan_visit[plans.booked_plan]]
    plan_of_tp = np.repeat(np.arange(len(plans.plan_visit)), plans.plan_size)
    t_date, dentist_days = book_on_provider_days(
        cal,
        patients.dentist[t_pat],
        patients.clinic[t_pat],
        plans.visit_date,
        slot_minutes(practice, plan_of_tp, plans.tp_code, len(plans.plan_visit))[plans.booked_plan],
        DENTIST_WORKDAYS_PER_WEEK,
        offices.roaming,
    )
    plans = replace(plans, visit_date=t_date)
    t_status = decide_who_comes(plans.visit_date, cal, rng)
    previous_recall, reappointed = reappoint_at_checkout(r_cycle, r_status, rng.spawn(1)[0])
    n_r, n_t = len(r_pat), len(t_pat)
    booked = Booked(
        patient=np.concatenate([r_pat, t_pat]),
        date=np.concatenate([r_date, plans.visit_date]),
        status=np.concatenate([r_status, t_status]),
        is_hygiene=np.concatenate([np.ones(n_r, bool), np.zeros(n_t, bool)]),
        is_first_ever=np.concatenate([first_ever, np.zeros(n_t, bool)]),
        booked_on=r_date[plans.plan_visit[plans.booked_plan]],
        previous_recall=previous_recall,
        reappointed=reappointed,
        n_recall=n_r,
        deleted=np.zeros(n_r + n_t, bool),
    )
    apt_num = keys.take("appointment", booked.n)
    procs = complete_visit(booked, plans, r_pat, r_date, rv_idx, rv_code)
    charge_broken_appointment(practice, booked, procs, rng)
    # Its own stream (the second spawned), so the other rules' draws stay as they were.
    procs.append(last_visit_before_history(cal, practice, patients, booked, rng.spawn(1)[0]))
    booked = replace(booked, deleted=delete_some_broken(booked.status, rng.spawn(1)[0]))
    visits = write_visits(cal, practice, offices, patients, booked, procs, apt_num, keys, rng, out)
    write_provider_schedules(cal, merge_rosters(hygiene_days, dentist_days), keys, out)
    return visits


def slot_minutes(practice: Practice, visit: Ints, code: Ints, n_visits: int) -> Ints:
    """Each visit's length from its procedures' minutes, in whole slots, half an hour at least."""
    minutes = np.bincount(visit, weights=practice.codes.minutes[code], minlength=n_visits)
    return np.maximum(np.round(minutes / SLOT_MINUTES) * SLOT_MINUTES, 30).astype(np.int64)


def book_recall_visits(
    cal: Calendar, patients: Patients, rng: np.random.Generator
) -> tuple[Ints, Ints, Days]:
    """(patient index, cycle number, date) of every recall visit the patients come to or book:
    about every six months from their arrival until they drift away."""
    span = (cal.horizon - patients.arrival).astype("timedelta64[D]").astype(np.int64)
    possible = np.where(span >= 0, span // RECALL_INTERVAL_DAYS + 1, 0)
    stays = rng.geometric(1 - RECALL_RETENTION_P, patients.n)
    count = np.minimum(possible, stays)
    inactive = patients.status != 0
    # Inactive, archived and deceased patients stopped coming well before today.
    last_allowed = (
        (cal.today - np.timedelta64(540, "D") - patients.arrival)
        .astype("timedelta64[D]")
        .astype(np.int64)
    )
    count = np.where(inactive, np.clip(last_allowed // RECALL_INTERVAL_DAYS + 1, 0, count), count)
    count[patients.status == 1] = 0  # non-patients (guarantors only) are never seen
    who = np.repeat(np.arange(patients.n), count)
    cycle = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    jitter = rng.integers(-RECALL_JITTER_DAYS, RECALL_JITTER_DAYS + 1, len(who))
    jitter[cycle == 0] = 0
    date = working_day(
        patients.arrival[who] + (cycle * RECALL_INTERVAL_DAYS + jitter).astype("timedelta64[D]"),
        HYGIENIST_WORKDAYS_PER_WEEK,
        rng,
    )
    keep = date <= cal.horizon
    return who[keep], cycle[keep], date[keep]


def reappoint_at_checkout(
    r_cycle: Ints, r_status: Ints, rng: np.random.Generator
) -> tuple[Ints, Bools]:
    """(previous recall visit, booked at its checkout) of each recall visit: a patient who came
    leaves with the next cleaning booked at the practice's reappointment rate; the others are
    booked later from the recall list. Recall visits are in patient and cycle order."""
    n = len(r_cycle)
    previous = np.where(r_cycle > 0, np.arange(n) - 1, -1)
    came = (previous >= 0) & (r_status[np.maximum(previous, 0)] == COMPLETE)
    return previous, came & (rng.random(n) < HYGIENE_REAPPOINT_P)


def decide_who_comes(dates: Days, cal: Calendar, rng: np.random.Generator) -> Ints:
    """A past visit was completed, broken or sent to the unscheduled list, or left open; a
    future one is scheduled."""
    return np.where(dates > cal.today, SCHEDULED, visit_outcome(len(dates), rng))


def visit_outcome(n: int, rng: np.random.Generator) -> Ints:
    """What becomes of `n` visits whose day has come: completed, broken or sent to the
    unscheduled list (AptStatus codes), at the stated rates; and a few the front desk never
    closes, still Scheduled after their date with their procedures planned (`LEFT_OPEN_P`)."""
    past = choice_p(rng, PAST_APPOINTMENT_STATUS_P, n)
    fate = np.array([STATUS_OF_NAME[s] for s in past], dtype=np.int64)
    # Its own stream, so the other rules' draws stay as they were.
    return np.where(rng.spawn(1)[0].random(n) < LEFT_OPEN_P, SCHEDULED, fate)


def delete_some_broken(status: Ints, rng: np.random.Generator) -> Bools:
    """Per appointment of `status` (AptStatus codes): broken and deleted outright by the office
    rather than kept on the unscheduled list (`BROKEN_DELETED_P`). OpenDental deletes the row;
    its planned procedures are left without an appointment, its lab case is detached, and the
    reminders already sent for it and its history stay."""
    broken = np.flatnonzero(status == BROKEN)
    deleted = np.zeros(len(status), bool)
    deleted[broken[rng.random(len(broken)) < BROKEN_DELETED_P]] = True
    return deleted


def withdraw_deleted_appointments(visits: Visits, out: ChangeSet) -> None:
    """The appointment rows of the visits the office deleted (`Visits.apt_deleted`) leave the
    history's change set once every rule has read them: OpenDental keeps no row of a deleted
    appointment."""
    out.withdraw("appointment", visits.apt_num[visits.apt_deleted])


def hygiene_visit_procedures(
    practice: Practice,
    patients: Patients,
    r_pat: Ints,
    r_cycle: Ints,
    first_ever: Bools,
    rng: np.random.Generator,
) -> tuple[Ints, Ints]:
    """(visit index, code index) of what is done at each recall visit: exam, films on their
    schedule, cleaning or perio maintenance, fluoride for some."""
    return recall_visit_procedures(
        practice.codes.index,
        patients.is_child[r_pat],
        patients.is_perio[r_pat],
        r_cycle,
        first_ever,
        rng,
    )


def recall_visit_procedures(
    ci: Callable[[str], int],
    child: Bools,
    perio: Bools,
    r_cycle: Ints,
    first_ever: Bools,
    rng: np.random.Generator,
) -> tuple[Ints, Ints]:
    """(visit index, code) of what is done at each recall visit, `ci` turning a CDT code into
    the caller's code id: exam, films on their schedule (by the visit's cycle number), cleaning
    or perio maintenance, fluoride for some."""
    n_r = len(child)
    parts: list[tuple[Ints, Ints]] = []

    def add(mask: Bools, code: str) -> None:
        idx = np.flatnonzero(mask)
        parts.append((idx, np.full(len(idx), ci(code))))

    add(first_ever, "D0150")
    add(~first_ever, "D0120")
    # A new adult gets a full-mouth series, or a panoramic film with bitewings.
    pano = first_ever & ~child & (rng.random(n_r) < PANO_INSTEAD_OF_FMX_P)
    fmx = (first_ever & ~pano) | ((r_cycle % FMX_EVERY_N_VISITS) == FMX_EVERY_N_VISITS - 1)
    bitewing_every = np.where(child, BITEWING_EVERY_N_VISITS, ADULT_BITEWING_EVERY_N_VISITS)
    bwx = ~fmx & (pano | ((r_cycle % bitewing_every) == 0))
    add(pano, "D0330")
    add(fmx & ~child, "D0210")
    add(bwx & ~child, "D0274")
    add((fmx | bwx) & child, "D0272")
    add(child, "D1120")
    add(child & (rng.random(n_r) < CHILD_FLUORIDE_P), "D1206")
    add(~child & perio & (r_cycle > 0), "D4910")
    add(~child & perio & (r_cycle == 0), "D4341")
    add(~child & ~perio, "D1110")
    add(~child & (rng.random(n_r) < ADULT_FLUORIDE_P), "D1206")
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def plan_treatment(practice: Practice, r_status: Ints, rng: np.random.Generator) -> TreatmentPlans:
    """At some completed recall exams the dentist plans treatment: a few procedures each,
    drawn by how common they are."""
    codes = practice.codes
    treat_mask = (
        (codes.weight > 0)
        & ~np.isin(codes.category, ["diagnostic", "preventive"])
        & ~np.isin(codes.proc_code, ["D9986", "D9987"])
    )
    treat_codes = np.flatnonzero(treat_mask)
    treat_p = codes.weight[treat_codes] / codes.weight[treat_codes].sum()
    finds = (r_status == COMPLETE) & (rng.random(len(r_status)) < TREATMENT_PLAN_P)
    plan_visit = np.flatnonzero(finds)
    plan_size = choice_p(rng, TREATMENT_PLAN_SIZE_P, len(plan_visit)).astype(np.int64)
    tp_visit = np.repeat(plan_visit, plan_size)
    tp_code = rng.choice(treat_codes, len(tp_visit), p=treat_p)
    none = np.zeros(0, np.int64)
    return TreatmentPlans(
        plan_visit, plan_size, tp_visit, tp_code, none, none, none.astype("datetime64[D]")
    )


def book_treatment(
    cal: Calendar,
    practice: Practice,
    plans: TreatmentPlans,
    r_date: Days,
    rng: np.random.Generator,
) -> TreatmentPlans:
    """Accepted plans get a treatment visit weeks after the exam, on a day the dentist works;
    the larger the plan's fee, the less often the patient accepts it."""
    n_plans = len(plans.plan_visit)
    plan_of_tp = np.repeat(np.arange(n_plans), plans.plan_size)
    plan_fee = np.bincount(
        plan_of_tp, weights=practice.codes.fee[STANDARD, plans.tp_code], minlength=n_plans
    )
    edges = np.array(list(TREATMENT_ACCEPTED_P_BY_FEE))
    accept_p = np.array(list(TREATMENT_ACCEPTED_P_BY_FEE.values()))
    accepted_plan = rng.random(n_plans) < accept_p[np.searchsorted(edges, plan_fee)]
    t_date = working_day(
        r_date[plans.plan_visit]
        + rng.integers(*TREATMENT_DELAY_DAYS, n_plans).astype("timedelta64[D]"),
        DENTIST_WORKDAYS_PER_WEEK,
        rng,
    )
    booked_plan = np.flatnonzero(accepted_plan & (t_date <= cal.horizon))
    visit_of_plan = np.full(n_plans, -1)
    visit_of_plan[booked_plan] = np.arange(len(booked_plan))
    return replace(
        plans, booked_plan=booked_plan, visit_of_plan=visit_of_plan, visit_date=t_date[booked_plan]
    )


def complete_visit(
    booked: Booked,
    plans: TreatmentPlans,
    r_pat: Ints,
    r_date: Days,
    rv_idx: Ints,
    rv_code: Ints,
) -> Procedures:
    """A completed visit completes its procedures on its date; planned treatment without a
    visit, or on a visit still to come, stays planned."""
    n_r = booked.n_recall
    # Recall-visit procedures belong to the recall appointment and share its fate.
    plan_of_tp = np.repeat(np.arange(len(plans.plan_visit)), plans.plan_size)
    tp_apt_visit = plans.visit_of_plan[plan_of_tp]  # treatment visit index or -1
    p_visit = np.concatenate([rv_idx, np.where(tp_apt_visit >= 0, n_r + tp_apt_visit, -1)])
    has_apt = p_visit >= 0
    p_date_tp = np.concatenate([r_date[rv_idx], r_date[plans.tp_visit]])
    p_apt_status = np.where(has_apt, booked.status[np.maximum(p_visit, 0)], -1)
    procs = Procedures(
        visit=p_visit,
        code=np.concatenate([rv_code, plans.tp_code]),
        patient=np.concatenate([r_pat[rv_idx], r_pat[plans.tp_visit]]),
        date_tp=p_date_tp,
        status=np.where(p_apt_status == COMPLETE, C, TP),
        date=np.where(has_apt, booked.date[np.maximum(p_visit, 0)], p_date_tp),
    )
    # Recall procedures of broken or unscheduled visits are not kept as treatment plans: the
    # recall system books them again. Only planned treatment stays on the plan.
    is_recall_proc = np.arange(len(p_visit)) < len(rv_idx)
    procs.keep(~(is_recall_proc & np.isin(p_apt_status, [BROKEN, UNSCHED])))
    return procs


def charge_broken_appointment(
    practice: Practice, booked: Booked, procs: Procedures, rng: np.random.Generator
) -> None:
    """For a broken appointment the office charges a tracking code (fee 0) half the time."""
    ci = practice.codes.index
    broken = np.flatnonzero(booked.status == BROKEN)
    which, no_show = broken_charges(len(broken), rng)
    charged = broken[which]
    n = len(charged)
    procs.append(
        Procedures(
            visit=np.full(n, -1),
            code=np.where(no_show, ci("D9986"), ci("D9987")),
            patient=booked.patient[charged],
            date_tp=booked.date[charged],
            status=np.full(n, C),
            date=booked.date[charged],
        )
    )


def last_visit_before_history(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    booked: Booked,
    rng: np.random.Generator,
) -> Procedures:
    """The last recall exam before the history of each patient of record (not new) who comes to
    a visit in it: a completed periodic exam, off any appointment of the history, on a working
    day within one recall interval before its first day. `settle_history` records its payment."""
    came = booked.patient[booked.status == COMPLETE]
    who = np.unique(came[~patients.is_new[came]])
    n = len(who)
    day = cal.start - rng.integers(1, RECALL_INTERVAL_DAYS + 1, n).astype("timedelta64[D]")
    # A day off moves back to the week's last working day (still before the history).
    day = day - np.maximum(weekday(day) - (DENTIST_WORKDAYS_PER_WEEK - 1), 0).astype(
        "timedelta64[D]"
    )
    return Procedures(
        visit=np.full(n, -1),
        code=np.full(n, practice.codes.index(LAST_VISIT_BEFORE_HISTORY_CODE)),
        patient=who,
        date_tp=day,
        status=np.full(n, C),
        date=day,
    )


def broken_charges(n_broken: int, rng: np.random.Generator) -> tuple[Ints, Bools]:
    """Which of `n_broken` broken appointments are charged a tracking code, and for each charged
    one whether it was a no-show (D9986) rather than a cancellation (D9987)."""
    charged = np.flatnonzero(rng.random(n_broken) < BROKEN_FEE_CODE_P)
    return charged, rng.random(len(charged)) < NO_SHOW_SHARE_OF_BROKEN


def seat_in_chairs(
    offices: Offices,
    booked: Booked,
    minutes: Ints,
    clinic: Ints,
    rng: np.random.Generator,
) -> tuple[Ints, Ints]:
    """(operatory, start minute) of each visit: an office's day is shared round-robin over its
    chairs of the right kind, then each chair's visits run back to back from the start of the
    day with short gaps between them."""
    n_apt = booked.n
    a_op = np.zeros(n_apt, np.int64)
    for k in offices.clinic_num:
        for hyg in (True, False):
            chairs = offices.operatory_num[
                (offices.operatory_clinic == k) & (offices.operatory_is_hygiene == hyg)
            ]
            sel = np.flatnonzero((clinic == k) & (booked.is_hygiene == hyg))
            sel = sel[np.lexsort((rng.random(len(sel)), booked.date[sel]))]
            day = booked.date[sel]
            first_of_day = np.r_[True, day[1:] != day[:-1]]
            rank = np.arange(len(sel)) - np.maximum.accumulate(
                np.where(first_of_day, np.arange(len(sel)), 0)
            )
            a_op[sel] = chairs[rank % len(chairs)]
    gap = rng.choice([0, 10, 20, 30], n_apt, p=[0.45, 0.3, 0.15, 0.1])
    order = np.lexsort((rng.random(n_apt), booked.date, a_op))
    key_sorted = a_op[order] * 1_000_000 + booked.date[order].astype(np.int64)
    block = (minutes + gap)[order]
    csum = np.cumsum(block)
    group_start = np.r_[True, key_sorted[1:] != key_sorted[:-1]]
    group_base = np.maximum.accumulate(np.where(group_start, csum - block, 0))
    start_min = np.empty(n_apt, np.int64)
    start_min[order] = DAY_START_MINUTE + csum - block - group_base
    return a_op, start_min


def write_visits(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    booked: Booked,
    procs: Procedures,
    apt_num: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Visits:
    """Write the appointment and procedure rows, with who did what, for how much, in which chair."""
    codes = practice.codes
    a_clinic = patients.clinic[booked.patient]
    a_hygienist = np.where(booked.is_hygiene, patients.hygienist[booked.patient], 0)
    n_p = len(procs.code)
    proc_num = keys.take("procedurelog", n_p)
    p_visit = procs.visit
    # A deleted appointment's planned procedures are left without one (OpenDental clears their
    # AptNum when it deletes the appointment).
    on_apt = (p_visit >= 0) & ~booked.deleted[np.maximum(p_visit, 0)]
    p_apt = np.where(on_apt, apt_num[np.maximum(p_visit, 0)], 0)
    # Hygiene codes by the visit's hygienist (the patient's, off a visit), the rest by the dentist.
    p_is_hyg = codes.is_hygiene[procs.code]
    visit_hyg = np.where(p_visit >= 0, a_hygienist[np.maximum(p_visit, 0)], 0)
    p_prov = np.where(p_is_hyg & (visit_hyg > 0), visit_hyg, patients.dentist[procs.patient])
    p_prov = np.where(p_is_hyg & (p_visit < 0), patients.hygienist[procs.patient], p_prov)
    p_fee = offices.fees.look_up(
        patients.fee_sched[procs.patient],
        codes.code_num[procs.code],
        patients.clinic[procs.patient],
        p_prov,
    )
    tooth, surf = chart_teeth(practice, procs, rng)
    minutes = visit_minutes(practice, booked, procs)
    a_op, start_min = seat_in_chairs(offices, booked, minutes, a_clinic, rng)
    a_at = at_minute(booked.date, start_min)
    created_at = write_appointments(
        cal, practice, offices, patients, booked, apt_num, a_op, a_at, minutes, rng, out
    )
    # Procedures booked on an upcoming visit were planned when the visit was booked.
    on_booked = (p_visit >= 0) & (booked.status[np.maximum(p_visit, 0)] == SCHEDULED)
    procs.date_tp = np.where(
        on_booked, created_at.astype("datetime64[D]")[np.maximum(p_visit, 0)], procs.date_tp
    )
    write_procedures(
        practice, offices, patients, procs, proc_num, p_apt, p_fee, p_prov, tooth, surf, rng, out
    )
    # A broken-appointment charge is not a visit: it does not make anyone a patient of record.
    visit_proc = (procs.status == C) & (p_visit >= 0)
    set_first_visits(patients, procs.patient[visit_proc], procs.date[visit_proc])
    return Visits(
        apt_num=apt_num,
        apt_patient=booked.patient,
        apt_date=booked.date,
        apt_at=a_at,
        apt_status=booked.status,
        apt_clinic=a_clinic,
        apt_dentist=patients.dentist[booked.patient],
        apt_hygienist=a_hygienist,
        apt_is_hygiene=booked.is_hygiene,
        apt_created=created_at,
        apt_deleted=booked.deleted,
        proc_num=proc_num,
        proc_patient=procs.patient,
        proc_apt=p_apt,
        proc_date=procs.date,
        proc_code=procs.code,
        proc_fee=p_fee,
        proc_units=1 + codes.base_units[procs.code],  # UnitQty 1 plus the code's base units
        proc_status=procs.status,
        proc_prov=p_prov,
        proc_clinic=patients.clinic[procs.patient],
        proc_date_tp=procs.date_tp,
    )


def chart_teeth(
    practice: Practice, procs: Procedures, rng: np.random.Generator
) -> tuple[Ints, np.ndarray]:
    """Tooth numbers and surfaces for tooth-specific treatment."""
    codes = practice.codes
    n_p = len(procs.code)
    tooth_specific = np.isin(codes.category[procs.code], TOOTH_SPECIFIC)
    tooth = np.where(tooth_specific, rng.integers(1, 33, n_p), 0)
    surf = np.where(
        codes.category[procs.code] == "restorative",
        np.asarray(SURFACES, dtype=object)[rng.integers(0, len(SURFACES), n_p)],
        "",
    )
    return tooth, surf


def visit_minutes(practice: Practice, booked: Booked, procs: Procedures) -> Ints:
    """A visit's length: its procedures' minutes, in whole slots, half an hour at least."""
    minutes = np.bincount(
        np.maximum(procs.visit, 0),
        weights=np.where(procs.visit >= 0, practice.codes.minutes[procs.code], 0),
        minlength=booked.n,
    )
    return np.maximum(np.round(minutes / SLOT_MINUTES) * SLOT_MINUTES, 30).astype(np.int64)


def write_appointments(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    booked: Booked,
    apt_num: Ints,
    a_op: Ints,
    a_at: np.ndarray,
    minutes: Ints,
    rng: np.random.Generator,
    out: ChangeSet,
) -> np.ndarray:
    """The appointment rows; return when each was booked (a date-time).

    Recall visits are booked weeks to months ahead; treatment visits at the exam that found it.
    A completed visit records arrival, seating and dismissal; confirmation calls go out in the
    days before a visit (later bookings are not called yet).
    """
    n_r, n_apt = booked.n_recall, booked.n
    a_pat, a_status, a_hyg = booked.patient, booked.status, booked.is_hygiene
    r_date = booked.date[:n_r]
    recall_created = r_date - rng.integers(14, 180, n_r).astype("timedelta64[D]")
    # Booked at the last visit's checkout, or from the recall list after it.
    previous = booked.previous_recall
    after_last = np.where(previous >= 0, r_date[np.maximum(previous, 0)], recall_created)
    recall_created = np.where(
        booked.reappointed,
        after_last,
        np.where(previous >= 0, np.maximum(recall_created, after_last + 1), recall_created),
    )
    created = np.concatenate([recall_created, booked.booked_on])
    created = np.minimum(created, cal.today)
    enter_before_booking(patients, a_pat, created)
    created_at = at_minute(created, rng.integers(8 * 60, 17 * 60, n_apt))
    done = a_status == COMPLETE
    arrived = a_at + rng.integers(-10, 10, n_apt).astype("timedelta64[m]")
    seated = arrived + rng.integers(0, 15, n_apt).astype("timedelta64[m]")
    dismissed = seated + minutes.astype("timedelta64[m]")
    no_time = np.datetime64("0001-01-01T00:00", "m")
    confirmed_defs = practice.defs("ApptConfirmed")
    called = booked.date <= cal.today + np.timedelta64(CONFIRM_DAYS_AHEAD, "D")
    confirmed = np.where(
        called & (a_status != BROKEN) & (rng.random(n_apt) < CONFIRMED_P),
        confirmed_defs[min(4, len(confirmed_defs) - 1)],
        confirmed_defs[0],
    )
    plan1 = patients.plan_on(a_pat, booked.date)
    plan2 = patients.plan2[a_pat]
    types = practice.appointment_type_num
    apt_type = np.where(a_hyg, np.where(patients.is_perio[a_pat], types[2], types[1]), types[3])
    apt_type = np.where(a_hyg & patients.is_new[a_pat] & booked.is_first_ever, types[0], apt_type)
    edited = np.where(a_status == SCHEDULED, created_at, np.where(done, dismissed, a_at))
    a = Frame("appointment", n_apt)
    a.update(
        {
            "AptNum": apt_num,
            "PatNum": patients.pat_num[a_pat],
            "AptStatus": a_status,
            "Pattern": np.array(["/" + "X" * (m // 5 - 2) + "/" for m in minutes], dtype=object),
            "Confirmed": confirmed,
            "Op": a_op,
            "ProvNum": patients.dentist[a_pat],
            "ProvHyg": np.where(a_hyg, patients.hygienist[a_pat], 0),
            "AptDateTime": a_at,
            "UnschedStatus": np.where(
                a_status == UNSCHED, practice.defs("RecallUnschedStatus")[0], 0
            ),
            "IsNewPatient": booked.is_first_ever.astype(int),
            "ClinicNum": patients.clinic[a_pat],
            "IsHygiene": a_hyg.astype(int),
            "DateTimeArrived": np.where(done, arrived, no_time),
            "DateTimeSeated": np.where(done, seated, no_time),
            "DateTimeDismissed": np.where(done, dismissed, no_time),
            "InsPlan1": np.where(plan1 >= 0, practice.plan_num[np.maximum(plan1, 0)], 0),
            "InsPlan2": np.where(plan2 >= 0, practice.plan_num[np.maximum(plan2, 0)], 0),
            "AppointmentTypeNum": apt_type,
            "SecUserNumEntry": offices.user_num[rng.integers(0, len(offices.user_num), n_apt)],
            "SecDateTEntry": created_at,
            "Priority": 0,
        }
    )
    a.stamp(created_at, edited)
    out.add(a)
    return created_at


def write_procedures(
    practice: Practice,
    offices: Offices,
    patients: Patients,
    procs: Procedures,
    proc_num: Ints,
    p_apt: Ints,
    p_fee: Floats,
    p_prov: Ints,
    tooth: Ints,
    surf: np.ndarray,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The procedurelog rows: completed ones dated by their visit, planned ones by their plan."""
    codes = practice.codes
    n_p = len(proc_num)
    p_status, p_date, p_date_tp = procs.status, procs.date, procs.date_tp
    done_p = p_status == C
    entered = np.where(done_p, p_date, p_date_tp)
    priorities = practice.defs("TxPriorities")
    pr = Frame("procedurelog", n_p)
    pr.update(
        {
            "ProcNum": proc_num,
            "PatNum": patients.pat_num[procs.patient],
            "AptNum": p_apt,
            "ProcDate": p_date,
            "ProcFee": p_fee,
            "Surf": surf,
            "ToothNum": np.where(tooth > 0, tooth.astype(str), "").astype(object),
            "Priority": np.where(
                p_status == TP, priorities[rng.integers(0, len(priorities), n_p)], 0
            ),
            "ProcStatus": p_status,
            "ProvNum": p_prov,
            "PlaceService": 0,
            "DateEntryC": np.where(done_p, p_date, np.datetime64("0001-01-01")),
            "ClinicNum": patients.clinic[procs.patient],
            "CodeNum": codes.code_num[procs.code],
            "UnitQty": 1,
            "BaseUnits": codes.base_units[procs.code],
            "DateTP": p_date_tp,
            "SecUserNumEntry": offices.user_num[rng.integers(0, len(offices.user_num), n_p)],
            "SecDateEntry": p_date_tp,
            "DateComplete": np.where(done_p, p_date, np.datetime64("0001-01-01")),
            "IsLocked": 0,
        }
    )
    pr.stamp(at_minute(entered, 12 * 60), at_minute(np.where(done_p, p_date, p_date_tp), 17 * 60))
    out.add(pr)


def keep_appointments(
    state: PracticeState,
    day: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Ints:
    """A simulated day's book: each appointment scheduled for `day` is completed, broken or sent
    to the unscheduled list, or left open by the front desk (`visit_outcome`, history's rates).

    A completed visit records arrival, seating and dismissal and completes its procedures on the
    day (`complete_visit`); a new patient's first one is their first visit
    (`record_first_visits`). A broken one may be charged a tracking code (`broken_charges`), and
    some are deleted outright (`delete_some_broken`), their planned procedures left without an
    appointment. One left open stays Scheduled with its procedures planned. The recall
    procedures of a hygiene visit that did not happen are deleted with their insurance
    estimates, as history keeps none: the recall system books them again. Every stamp is on
    `day`. Returns the AptNums of the visits completed, for checkout.
    """
    at = state.column("appointment", "AptDateTime").astype("datetime64[m]")
    todays = np.flatnonzero(
        (state.column("appointment", "AptStatus") == SCHEDULED)
        & (at.astype("datetime64[D]") == day)
    )
    n = len(todays)
    fate = visit_outcome(n, rng)
    arrived = at[todays] + rng.integers(-10, 10, n).astype("timedelta64[m]")
    seated = arrived + rng.integers(0, 15, n).astype("timedelta64[m]")
    broken = np.flatnonzero(fate == BROKEN)
    which, no_show = broken_charges(len(broken), rng)
    deleted = delete_some_broken(fate, rng)

    apt_num = state.column("appointment", "AptNum")[todays]
    minutes = np.array([len(p) * 5 for p in state.column("appointment", "Pattern")[todays]])
    dismissed = seated + minutes.astype("timedelta64[m]")
    done = fate == COMPLETE
    out.update(
        "appointment",
        apt_num[done],
        {
            "AptStatus": COMPLETE,
            "DateTimeArrived": arrived[done],
            "DateTimeSeated": seated[done],
            "DateTimeDismissed": dismissed[done],
        },
        dismissed[done],
    )
    missed = np.isin(fate, [BROKEN, UNSCHED])  # not those left open, still Scheduled
    kept = missed & ~deleted
    out.update(
        "appointment",
        apt_num[kept],
        {
            "AptStatus": fate[kept],
            "UnschedStatus": np.where(
                fate[kept] == UNSCHED, state.defs("RecallUnschedStatus")[0], 0
            ),
        },
        at[todays][kept],
    )
    out.delete("appointment", apt_num[deleted])
    # OpenDental detaches a deleted appointment's lab case; the case stays on the patient.
    lab_cases = np.isin(state.column("labcase", "AptNum"), apt_num[deleted])
    out.update(
        "labcase",
        state.column("labcase", "LabCaseNum")[lab_cases],
        {"AptNum": 0},
        at_minute(np.full(int(lab_cases.sum()), day), 17 * 60),
    )

    proc_apt = state.column("procedurelog", "AptNum")
    proc_num = state.column("procedurelog", "ProcNum")
    planned = state.column("procedurelog", "ProcStatus") == TP
    completed = np.flatnonzero(planned & np.isin(proc_apt, apt_num[done]))
    on_day = np.full(len(completed), day)
    out.update(
        "procedurelog",
        proc_num[completed],
        {"ProcStatus": C, "ProcDate": on_day, "DateEntryC": on_day, "DateComplete": on_day},
        at_minute(on_day, 17 * 60),
    )
    hygiene = state.column("appointment", "IsHygiene")[todays] == 1
    not_held = planned & np.isin(proc_apt, apt_num[missed & hygiene])
    dropped = proc_num[not_held]
    out.delete("procedurelog", dropped)
    estimates = np.isin(state.column("claimproc", "ProcNum"), dropped) & np.isin(
        state.column("claimproc", "Status"), [ESTIMATE, CAP_ESTIMATE]
    )
    out.delete("claimproc", state.column("claimproc", "ClaimProcNum")[estimates])
    # A deleted procedure leaves the treatment plans it was attached to (OpenDental deletes the
    # attachments with it).
    attached = np.isin(state.column("treatplanattach", "ProcNum"), dropped)
    out.delete("treatplanattach", state.column("treatplanattach", "TreatPlanAttachNum")[attached])
    detached = np.flatnonzero(planned & ~not_held & np.isin(proc_apt, apt_num[deleted]))
    out.update(
        "procedurelog",
        proc_num[detached],
        {"AptNum": 0},
        at_minute(np.full(len(detached), day), 17 * 60),
    )

    record_first_visits(state, day, state.column("appointment", "PatNum")[todays[done]], out)
    charge_broken_on_day(state, day, todays[broken[which]], no_show, keys, rng, out)
    return apt_num[done]


def record_first_visits(
    state: PracticeState, day: np.datetime64, seen: Ints, out: ChangeSet
) -> None:
    """The patients `seen` on a simulated `day` whose chart has no first visit yet (new
    patients) get `day` as their DateFirstVisit, as history's `set_first_visits` gives new
    patients the day of their first completed visit."""
    pat_num = np.unique(seen)
    rows = np.searchsorted(state.column("patient", "PatNum"), pat_num)
    first_visit = state.column("patient", "DateFirstVisit")[rows].astype("datetime64[D]")
    new = pat_num[first_visit < np.datetime64("1900-01-01")]
    on_day = np.full(len(new), day)
    out.update("patient", new, {"DateFirstVisit": on_day}, at_minute(on_day, 17 * 60))


def charge_broken_on_day(
    state: PracticeState,
    day: np.datetime64,
    apt_rows: Ints,
    no_show: Bools,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The tracking procedures (D9986 no-show, D9987 cancellation) for the broken appointments
    at `apt_rows` of the state, completed on `day` at the patient's fee, by their dentist."""
    n = len(apt_rows)
    if not n:
        return
    code_num = state.column("procedurecode", "CodeNum")
    proc_code = state.column("procedurecode", "ProcCode")
    code = np.where(no_show, code_num[proc_code == "D9986"][0], code_num[proc_code == "D9987"][0])
    pat_num = state.column("appointment", "PatNum")[apt_rows]
    pat_rows = np.searchsorted(state.column("patient", "PatNum"), pat_num)
    fee_sched = state.column("patient", "FeeSched")[pat_rows]
    prov = state.column("appointment", "ProvNum")[apt_rows]
    clinic = state.column("appointment", "ClinicNum")[apt_rows]
    fee = fee_of(state, fee_sched, code, clinic, prov)
    users = state.column("userod", "UserNum")
    on_day = np.full(n, day)
    pr = Frame("procedurelog", n)
    pr.update(
        {
            "ProcNum": keys.take("procedurelog", n),
            "PatNum": pat_num,
            "AptNum": 0,
            "ProcDate": on_day,
            "ProcFee": fee,
            "ProcStatus": C,
            "ProvNum": prov,
            "DateEntryC": on_day,
            "ClinicNum": clinic,
            "CodeNum": code,
            "UnitQty": 1,
            "DateTP": on_day,
            "SecUserNumEntry": users[rng.integers(0, len(users), n)],
            "SecDateEntry": on_day,
            "DateComplete": on_day,
        }
    )
    pr.stamp(at_minute(on_day, 12 * 60), at_minute(on_day, 17 * 60))
    out.add(pr)


def fee_of(
    state: PracticeState, fee_sched: Ints, code_num: Ints, clinic: Ints, prov: Ints
) -> Floats:
    """The fee of each code on each fee schedule for that provider at that clinic, by
    OpenDental's lookup (`FeeTable.look_up`; 0 where the schedule has none)."""
    return FeeTable.of_state(state).look_up(fee_sched, code_num, clinic, prov)


def book_recall_on_day(
    state: PracticeState,
    day: np.datetime64,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The recall system on a simulated day: the book reaches one day further (history books
    `FUTURE_DAYS` ahead), and each active patient whose last hygiene visit (completed or booked)
    falls `RECALL_INTERVAL_DAYS` before the book's new last day is booked for the next one,
    with history's retention chance and jitter onto a hygienist's working day
    (`book_recall_visits`).

    The visit gets history's recall procedures (`recall_visit_procedures`, by how many hygiene
    visits the patient has had; a child's or perio patient's by their last visit's cleaning) at
    the patient's fees, in a hygiene chair of the patient's office after the visits already
    booked in it that day. Everything is entered on `day`.
    """
    horizon = day + np.timedelta64(FUTURE_DAYS, "D")
    apt_date = state.column("appointment", "AptDateTime").astype("datetime64[D]")
    hygiene = (state.column("appointment", "IsHygiene") == 1) & np.isin(
        state.column("appointment", "AptStatus"), [SCHEDULED, COMPLETE]
    )
    rows = np.flatnonzero(hygiene)
    rows = rows[np.lexsort((apt_date[rows], state.column("appointment", "PatNum")[rows]))]
    pat = state.column("appointment", "PatNum")[rows]
    last = np.r_[pat[1:] != pat[:-1], True] if len(pat) else np.zeros(0, bool)
    visits_so_far = np.diff(np.r_[-1, np.flatnonzero(last)])
    last_rows = rows[last]
    pat_rows = np.searchsorted(state.column("patient", "PatNum"), pat[last])
    due = (apt_date[last_rows] + np.timedelta64(RECALL_INTERVAL_DAYS, "D") == horizon) & (
        state.column("patient", "PatStatus")[pat_rows] == 0
    )
    due_rows = np.flatnonzero(due)
    booked = due_rows[rng.random(len(due_rows)) < RECALL_RETENTION_P]
    n = len(booked)
    if not n:
        return
    jitter = rng.integers(-RECALL_JITTER_DAYS, RECALL_JITTER_DAYS + 1, n)
    date = working_day(
        np.full(n, horizon) + jitter.astype("timedelta64[D]"), HYGIENIST_WORKDAYS_PER_WEEK, rng
    )
    patient = pat_rows[booked]
    last_apt = state.column("appointment", "AptNum")[last_rows[booked]]

    last_codes = _codes_by_appointment(state, last_apt)
    child = np.array([_code_of(state, "D1120") in c for c in last_codes], dtype=bool)
    perio = np.array(
        [bool(c & {_code_of(state, "D4910"), _code_of(state, "D4341")}) for c in last_codes]
    )
    p_visit, p_code = recall_visit_procedures(
        lambda code: _code_of(state, code),
        child,
        perio,
        visits_so_far[booked],
        np.zeros(n, bool),
        rng,
    )
    pat_num = state.column("patient", "PatNum")[patient]
    plan1, plan2 = _plans_of(state, pat_num)
    visitors = HygieneVisitors(
        pat_num=pat_num,
        clinic=state.column("patient", "ClinicNum")[patient],
        dentist=state.column("patient", "PriProv")[patient],
        hygienist=state.column("patient", "SecProv")[patient],
        fee_sched=state.column("patient", "FeeSched")[patient],
        plan1=plan1,
        plan2=plan2,
        is_new=np.zeros(n, bool),
        appointment_type=np.where(perio, "Perio maintenance", "Recall"),
    )
    book_hygiene_visits(state, day, visitors, date, p_visit, p_code, keys, rng, out)


def book_first_visits(
    state: PracticeState,
    day: np.datetime64,
    newcomers: Newcomers,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """The first visit of the patients who joined on a simulated `day` (`join_practice`), booked
    on the call: history's first recall visit (`book_recall_visits`' cycle 0, on a hygienist's
    working day at or after the day they asked for), with a new patient's procedures
    (`recall_visit_procedures`: comprehensive exam and a full set of films), as a new patient's
    appointment. Non-patients (guarantors only) are never seen."""
    who = np.flatnonzero(newcomers.status == _PATIENT)
    n = len(who)
    if not n:
        return
    date = working_day(newcomers.arrival[who], HYGIENIST_WORKDAYS_PER_WEEK, rng)
    p_visit, p_code = recall_visit_procedures(
        lambda code: _code_of(state, code),
        newcomers.is_child[who],
        newcomers.is_perio[who],
        np.zeros(n, np.int64),
        np.ones(n, bool),
        rng,
    )
    visitors = HygieneVisitors(
        pat_num=newcomers.pat_num[who],
        clinic=newcomers.clinic[who],
        dentist=newcomers.dentist[who],
        hygienist=newcomers.hygienist[who],
        fee_sched=newcomers.fee_sched[who],
        plan1=newcomers.plan_num[who],
        plan2=newcomers.plan_num2[who],
        is_new=np.ones(n, bool),
        appointment_type=np.full(n, "New patient", dtype=object),
    )
    book_hygiene_visits(state, day, visitors, date, p_visit, p_code, keys, rng, out)


@dataclass(frozen=True)
class HygieneVisitors:
    """Who a simulated day's new hygiene visits are for, one entry per visit."""

    pat_num: Ints
    clinic: Ints
    dentist: Ints
    hygienist: Ints
    fee_sched: Ints
    plan1: Ints  # PlanNum, 0 none
    plan2: Ints
    is_new: Bools  # a new patient's first visit
    appointment_type: Strings  # AppointmentTypeName


def book_hygiene_visits(
    state: PracticeState,
    day: np.datetime64,
    who: HygieneVisitors,
    date: Days,
    p_visit: Ints,
    p_code: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Book hygiene visits on `date` with procedures `p_code` (by visit `p_visit`) at the
    patients' fees, each in a hygiene chair of the patient's office after the visits already
    booked in it that day (`next_slots`). Everything is entered on `day`."""
    n = len(who.pat_num)
    code_num = state.column("procedurecode", "CodeNum")
    code_rows = np.searchsorted(code_num, p_code)
    code_minutes = np.array([len(t) * 5 for t in state.column("procedurecode", "ProcTime")])
    minutes = np.bincount(p_visit, weights=code_minutes[code_rows], minlength=n)
    minutes = np.maximum(np.round(minutes / SLOT_MINUTES) * SLOT_MINUTES, 30).astype(np.int64)
    clinic, dentist, hygienist = who.clinic, who.dentist, who.hygienist
    op, start = next_slots(state, clinic, date, minutes, np.ones(n, bool), rng)
    apt_num = keys.take("appointment", n)
    users = state.column("userod", "UserNum")
    entered = at_minute(np.full(n, day), rng.integers(8 * 60, 17 * 60, n))
    types = dict(
        zip(
            state.column("appointmenttype", "AppointmentTypeName").tolist(),
            state.column("appointmenttype", "AppointmentTypeNum").tolist(),
            strict=True,
        )
    )
    a = Frame("appointment", n)
    a.update(
        {
            "AptNum": apt_num,
            "PatNum": who.pat_num,
            "AptStatus": SCHEDULED,
            "Pattern": np.array(["/" + "X" * (m // 5 - 2) + "/" for m in minutes], dtype=object),
            "Confirmed": state.defs("ApptConfirmed")[0],
            "Op": op,
            "ProvNum": dentist,
            "ProvHyg": hygienist,
            "AptDateTime": at_minute(date, start),
            "IsNewPatient": who.is_new.astype(int),
            "ClinicNum": clinic,
            "IsHygiene": 1,
            "InsPlan1": who.plan1,
            "InsPlan2": who.plan2,
            "AppointmentTypeNum": np.array(
                [types.get(t, 0) for t in who.appointment_type], dtype=np.int64
            ),
            "SecUserNumEntry": users[rng.integers(0, len(users), n)],
            "SecDateTEntry": entered,
        }
    )
    a.stamp(entered)
    out.add(a)

    n_p = len(p_visit)
    is_hyg = state.column("procedurecode", "IsHygiene")[code_rows] == 1
    priorities = state.defs("TxPriorities")
    on_day = np.full(n_p, day)
    p_prov = np.where(is_hyg & (hygienist[p_visit] > 0), hygienist[p_visit], dentist[p_visit])
    p_clinic = clinic[p_visit]
    pr = Frame("procedurelog", n_p)
    pr.update(
        {
            "ProcNum": keys.take("procedurelog", n_p),
            "PatNum": who.pat_num[p_visit],
            "AptNum": apt_num[p_visit],
            "ProcDate": date[p_visit],
            "ProcFee": fee_of(state, who.fee_sched[p_visit], p_code, p_clinic, p_prov),
            "Priority": priorities[rng.integers(0, len(priorities), n_p)],
            "ProcStatus": TP,
            "ProvNum": p_prov,
            "ClinicNum": p_clinic,
            "CodeNum": p_code,
            "UnitQty": 1,
            "BaseUnits": state.column("procedurecode", "BaseUnits")[code_rows],
            "DateTP": on_day,
            "SecUserNumEntry": users[rng.integers(0, len(users), n_p)],
            "SecDateEntry": on_day,
        }
    )
    pr.stamp(at_minute(on_day, 12 * 60), at_minute(on_day, 17 * 60))
    out.add(pr)


def _code_of(state: PracticeState, code: str) -> int:
    """The practice's CodeNum of CDT `code`."""
    proc_code = state.column("procedurecode", "ProcCode")
    return int(state.column("procedurecode", "CodeNum")[proc_code == code][0])


def _codes_by_appointment(state: PracticeState, apt_num: Ints) -> list[set[int]]:
    """The CodeNums of each appointment's procedures."""
    proc_apt = state.column("procedurelog", "AptNum")
    rows = np.flatnonzero(np.isin(proc_apt, apt_num))
    codes: dict[int, set[int]] = {}
    for apt, code in zip(
        proc_apt[rows].tolist(), state.column("procedurelog", "CodeNum")[rows].tolist(), strict=True
    ):
        codes.setdefault(apt, set()).add(code)
    return [codes.get(a, set()) for a in apt_num.tolist()]


def _plans_of(state: PracticeState, pat_num: Ints) -> tuple[Ints, Ints]:
    """Each patient's primary and secondary PlanNum (0 when none)."""
    sub_plan = dict(
        zip(
            state.column("inssub", "InsSubNum").tolist(),
            state.column("inssub", "PlanNum").tolist(),
            strict=True,
        )
    )
    by_patient: dict[tuple[int, int], int] = {}
    for p, sub, ordinal in zip(
        state.column("patplan", "PatNum").tolist(),
        state.column("patplan", "InsSubNum").tolist(),
        state.column("patplan", "Ordinal").tolist(),
        strict=True,
    ):
        by_patient[(p, ordinal)] = sub_plan.get(sub, 0)
    patients = pat_num.tolist()
    return (
        np.array([by_patient.get((p, 1), 0) for p in patients], dtype=np.int64),
        np.array([by_patient.get((p, 2), 0) for p in patients], dtype=np.int64),
    )


def next_slots(
    state: PracticeState,
    clinic: Ints,
    date: Days,
    minutes: Ints,
    hygiene: Bools,
    rng: np.random.Generator,
) -> tuple[Ints, Ints]:
    """(operatory, start minute) of each visit to book: the office's chair of the visit's kind
    (hygiene or not) that is free earliest that day, after the visits booked in it, with
    history's short gaps."""
    op_num = state.column("operatory", "OperatoryNum")
    op_clinic = state.column("operatory", "ClinicNum")
    op_hygiene = state.column("operatory", "IsHygiene") == 1
    booked = state.column("appointment", "AptStatus") == SCHEDULED
    apt_op = state.column("appointment", "Op")[booked]
    apt_at = state.column("appointment", "AptDateTime")[booked].astype("datetime64[m]")
    apt_len = np.array([len(p) * 5 for p in state.column("appointment", "Pattern")[booked]])
    apt_day = apt_at.astype("datetime64[D]")
    apt_end = (apt_at - apt_day.astype("datetime64[m]")).astype(np.int64) + apt_len
    free: dict[tuple[int, int], int] = {}
    for o, d, e in zip(
        apt_op.tolist(), apt_day.astype(np.int64).tolist(), apt_end.tolist(), strict=True
    ):
        free[(o, d)] = max(free.get((o, d), DAY_START_MINUTE), e)
    gap = rng.choice([0, 10, 20, 30], len(clinic), p=[0.45, 0.3, 0.15, 0.1])
    op = np.zeros(len(clinic), np.int64)
    start = np.zeros(len(clinic), np.int64)
    for i, (k, d, h) in enumerate(
        zip(clinic.tolist(), date.astype(np.int64).tolist(), hygiene.tolist(), strict=True)
    ):
        kind = op_hygiene == h
        chairs = op_num[(op_clinic == k) & kind].tolist() or op_num[kind].tolist()
        chair = min(chairs, key=lambda c: free.get((c, d), DAY_START_MINUTE))
        op[i] = chair
        start[i] = free.get((chair, d), DAY_START_MINUTE) + gap[i]
        free[(chair, d)] = int(start[i] + minutes[i])
    return op, start
