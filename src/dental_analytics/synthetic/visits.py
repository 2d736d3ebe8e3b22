"""Appointments and the procedures done at them: recall visits, treatment plans, treatment visits.

A patient arrives, comes back for hygiene recall about every six months until they drift away,
and at an exam the dentist may plan treatment. Accepted treatment gets its own appointment a few
weeks later. A completed appointment completes its procedures on its date (hygiene codes by the
hygienist, the rest by the dentist); a broken or unscheduled appointment completes none.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    at_minute,
    choice_p,
    working_day,
)
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.params import (
    ADULT_FLUORIDE_P,
    BITEWING_EVERY_N_VISITS,
    BROKEN_FEE_CODE_P,
    CHILD_FLUORIDE_P,
    CONFIRM_DAYS_AHEAD,
    CONFIRMED_P,
    DAY_START_MINUTE,
    DENTIST_WORKDAYS_PER_WEEK,
    FMX_EVERY_N_VISITS,
    HYGIENIST_WORKDAYS_PER_WEEK,
    PANO_INSTEAD_OF_FMX_P,
    PAST_APPOINTMENT_STATUS_P,
    RECALL_INTERVAL_DAYS,
    RECALL_JITTER_DAYS,
    RECALL_RETENTION_P,
    SLOT_MINUTES,
    TREATMENT_ACCEPTED_P,
    TREATMENT_DELAY_DAYS,
    TREATMENT_PLAN_P,
    TREATMENT_PLAN_SIZE_P,
)
from dental_analytics.synthetic.patients import Patients, enter_before_booking, set_first_visits
from dental_analytics.synthetic.practice import Practice

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


def _recall_series(
    cal: Calendar, patients: Patients, rng: np.random.Generator
) -> tuple[Ints, Ints, Days]:
    """(patient index, cycle number, date) of every recall visit the patients come to or book."""
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


def _status_by_date(dates: Days, cal: Calendar, rng: np.random.Generator) -> Ints:
    past = choice_p(rng, PAST_APPOINTMENT_STATUS_P, len(dates))
    status = np.array([STATUS_OF_NAME[s] for s in past], dtype=np.int64)
    return np.where(dates > cal.today, SCHEDULED, status)


def build_visits(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Visits:
    codes = practice.codes
    ci = codes.index

    # --- recall (hygiene) visits ------------------------------------------------------------------
    r_pat, r_cycle, r_date = _recall_series(cal, patients, rng)
    n_r = len(r_pat)
    r_status = _status_by_date(r_date, cal, rng)
    first_ever = patients.is_new[r_pat] & (r_cycle == 0)

    # Procedures at each recall visit: (visit index, code index), built by rule, all at once.
    child = patients.is_child[r_pat]
    perio = patients.is_perio[r_pat]
    parts: list[tuple[Ints, Ints]] = []

    def add(mask: Bools, code: str) -> None:
        idx = np.flatnonzero(mask)
        parts.append((idx, np.full(len(idx), ci(code))))

    add(first_ever, "D0150")
    add(~first_ever, "D0120")
    # A new adult gets a full-mouth series, or a panoramic film with bitewings.
    pano = first_ever & ~child & (rng.random(n_r) < PANO_INSTEAD_OF_FMX_P)
    fmx = (first_ever & ~pano) | ((r_cycle % FMX_EVERY_N_VISITS) == FMX_EVERY_N_VISITS - 1)
    bwx = ~fmx & (pano | ((r_cycle % BITEWING_EVERY_N_VISITS) == 0))
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
    rv_idx = np.concatenate([p[0] for p in parts])
    rv_code = np.concatenate([p[1] for p in parts])

    # --- treatment plans found at completed or booked recall exams --------------------------------
    treat_mask = (
        (codes.weight > 0)
        & ~np.isin(codes.category, ["diagnostic", "preventive"])
        & ~np.isin(codes.proc_code, ["D9986", "D9987"])
    )
    treat_codes = np.flatnonzero(treat_mask)
    treat_p = codes.weight[treat_codes] / codes.weight[treat_codes].sum()
    finds = (r_status == COMPLETE) & (rng.random(n_r) < TREATMENT_PLAN_P)
    plan_visit = np.flatnonzero(finds)
    plan_size = choice_p(rng, TREATMENT_PLAN_SIZE_P, len(plan_visit)).astype(np.int64)
    tp_visit = np.repeat(
        plan_visit, plan_size
    )  # recall visit where each planned procedure was found
    tp_code = rng.choice(treat_codes, len(tp_visit), p=treat_p)
    accepted_plan = rng.random(len(plan_visit)) < TREATMENT_ACCEPTED_P
    t_date = working_day(
        r_date[plan_visit]
        + rng.integers(*TREATMENT_DELAY_DAYS, len(plan_visit)).astype("timedelta64[D]"),
        DENTIST_WORKDAYS_PER_WEEK,
        rng,
    )
    booked = accepted_plan & (t_date <= cal.horizon)
    t_plan = np.flatnonzero(booked)  # plan index that gets a treatment appointment
    n_t = len(t_plan)
    t_visit_of_plan = np.full(len(plan_visit), -1)
    t_visit_of_plan[t_plan] = np.arange(n_t)
    t_date = t_date[t_plan]
    t_pat = r_pat[plan_visit[t_plan]]
    t_status = _status_by_date(t_date, cal, rng)

    # --- appointments: recall visits then treatment visits ---------------------------------------
    n_apt = n_r + n_t
    apt_num = keys.take("appointment", n_apt)
    a_pat = np.concatenate([r_pat, t_pat])
    a_date = np.concatenate([r_date, t_date])
    a_status = np.concatenate([r_status, t_status])
    a_hyg = np.concatenate([np.ones(n_r, bool), np.zeros(n_t, bool)])
    a_clinic = patients.clinic[a_pat]
    a_dentist = patients.dentist[a_pat]
    a_hygienist = np.where(a_hyg, patients.hygienist[a_pat], 0)

    # --- procedures -------------------------------------------------------------------------------
    # Recall-visit procedures belong to the recall appointment and share its fate.
    plan_of_tp = np.repeat(np.arange(len(plan_visit)), plan_size)
    tp_apt_visit = t_visit_of_plan[plan_of_tp]  # treatment visit index or -1
    p_visit = np.concatenate([rv_idx, np.where(tp_apt_visit >= 0, n_r + tp_apt_visit, -1)])
    p_code = np.concatenate([rv_code, tp_code])
    p_pat = np.concatenate([r_pat[rv_idx], r_pat[tp_visit]])
    p_date_tp = np.concatenate([r_date[rv_idx], r_date[tp_visit]])
    has_apt = p_visit >= 0
    p_apt_status = np.where(has_apt, a_status[np.maximum(p_visit, 0)], -1)
    p_status = np.where(p_apt_status == COMPLETE, C, TP)
    p_date = np.where(has_apt, a_date[np.maximum(p_visit, 0)], p_date_tp)
    # Recall procedures of broken or unscheduled visits are not kept as treatment plans: the
    # recall system books them again. Only planned treatment stays on the plan.
    is_recall_proc = np.arange(len(p_visit)) < len(rv_idx)
    keep = ~(is_recall_proc & np.isin(p_apt_status, [BROKEN, UNSCHED]))
    # Upcoming recall visits keep their procedures as scheduled treatment (TP attached to the apt).
    p_visit, p_code, p_pat, p_date_tp, p_status, p_date = (
        p_visit[keep],
        p_code[keep],
        p_pat[keep],
        p_date_tp[keep],
        p_status[keep],
        p_date[keep],
    )

    # Broken appointments: the office charges a tracking code (fee 0) half the time.
    broken = np.flatnonzero(a_status == BROKEN)
    charged = broken[rng.random(len(broken)) < BROKEN_FEE_CODE_P]
    b_code = np.where(rng.random(len(charged)) < 0.6, ci("D9986"), ci("D9987"))
    p_visit = np.concatenate([p_visit, np.full(len(charged), -1)])
    p_code = np.concatenate([p_code, b_code])
    p_pat = np.concatenate([p_pat, a_pat[charged]])
    p_date_tp = np.concatenate([p_date_tp, a_date[charged]])
    p_status = np.concatenate([p_status, np.full(len(charged), C)])
    p_date = np.concatenate([p_date, a_date[charged]])

    n_p = len(p_code)
    proc_num = keys.take("procedurelog", n_p)
    p_apt = np.where(p_visit >= 0, apt_num[np.maximum(p_visit, 0)], 0)
    p_is_hyg = codes.is_hygiene[p_code]
    visit_hyg = np.where(p_visit >= 0, a_hygienist[np.maximum(p_visit, 0)], 0)
    p_prov = np.where(p_is_hyg & (visit_hyg > 0), visit_hyg, patients.dentist[p_pat])
    p_prov = np.where(p_is_hyg & (p_visit < 0), patients.hygienist[p_pat], p_prov)
    sched_row = np.searchsorted(practice.fee_sched_num, patients.fee_sched[p_pat])
    p_fee = codes.fee[sched_row, p_code]
    base_units = codes.base_units[p_code]
    p_units = 1 + base_units  # UnitQty 1 plus the code's base units

    # Tooth numbers and surfaces for tooth-specific treatment.
    tooth_specific = np.isin(codes.category[p_code], TOOTH_SPECIFIC)
    tooth = np.where(tooth_specific, rng.integers(1, 33, n_p), 0)
    surf = np.where(
        codes.category[p_code] == "restorative",
        np.asarray(SURFACES, dtype=object)[rng.integers(0, len(SURFACES), n_p)],
        "",
    )

    # --- appointment times: back to back in each chair from the start of the day ------------------
    minutes = np.bincount(
        np.maximum(p_visit, 0),
        weights=np.where(p_visit >= 0, codes.minutes[p_code], 0),
        minlength=n_apt,
    )
    minutes = np.maximum(np.round(minutes / SLOT_MINUTES) * SLOT_MINUTES, 30).astype(np.int64)
    # Each office's day is shared round-robin over its chairs of the right kind, then each chair's
    # appointments run back to back from the start of the day with short gaps between them.
    a_op = np.zeros(n_apt, np.int64)
    for k in offices.clinic_num:
        for hyg in (True, False):
            chairs = offices.operatory_num[
                (offices.operatory_clinic == k) & (offices.operatory_is_hygiene == hyg)
            ]
            sel = np.flatnonzero((a_clinic == k) & (a_hyg == hyg))
            sel = sel[np.lexsort((rng.random(len(sel)), a_date[sel]))]
            day = a_date[sel]
            first_of_day = np.r_[True, day[1:] != day[:-1]]
            rank = np.arange(len(sel)) - np.maximum.accumulate(
                np.where(first_of_day, np.arange(len(sel)), 0)
            )
            a_op[sel] = chairs[rank % len(chairs)]
    gap = rng.choice([0, 10, 20, 30], n_apt, p=[0.45, 0.3, 0.15, 0.1])
    order = np.lexsort((rng.random(n_apt), a_date, a_op))
    key_sorted = a_op[order] * 1_000_000 + a_date[order].astype(np.int64)
    block = (minutes + gap)[order]
    csum = np.cumsum(block)
    group_start = np.r_[True, key_sorted[1:] != key_sorted[:-1]]
    group_base = np.maximum.accumulate(np.where(group_start, csum - block, 0))
    start_min = np.empty(n_apt, np.int64)
    start_min[order] = DAY_START_MINUTE + csum - block - group_base
    a_at = at_minute(a_date, start_min)

    # --- appointment rows ----------------------------------------------------------------------
    # Recall visits are booked weeks to months ahead; treatment visits at the exam that found it.
    created = np.concatenate(
        [
            r_date - rng.integers(14, 180, n_r).astype("timedelta64[D]"),
            r_date[plan_visit[t_plan]],
        ]
    )
    created = np.minimum(created, cal.today)
    enter_before_booking(patients, a_pat, created)
    created_at = at_minute(created, rng.integers(8 * 60, 17 * 60, n_apt))
    done = a_status == COMPLETE
    arrived = a_at + rng.integers(-10, 10, n_apt).astype("timedelta64[m]")
    seated = arrived + rng.integers(0, 15, n_apt).astype("timedelta64[m]")
    dismissed = seated + minutes.astype("timedelta64[m]")
    no_time = np.datetime64("0001-01-01T00:00", "m")
    confirmed_defs = practice.defs("ApptConfirmed")
    # Confirmation calls go out in the days before a visit; later bookings are not called yet.
    called = a_date <= cal.today + np.timedelta64(CONFIRM_DAYS_AHEAD, "D")
    confirmed = np.where(
        called & (a_status != BROKEN) & (rng.random(n_apt) < CONFIRMED_P),
        confirmed_defs[min(4, len(confirmed_defs) - 1)],
        confirmed_defs[0],
    )
    # Procedures booked on an upcoming visit were planned when the visit was booked.
    on_booked = (p_visit >= 0) & (a_status[np.maximum(p_visit, 0)] == SCHEDULED)
    p_date_tp = np.where(
        on_booked, created[np.maximum(p_visit, 0)].astype("datetime64[D]"), p_date_tp
    )
    plan1 = patients.plan[a_pat]
    plan2 = patients.plan2[a_pat]
    apt_type = np.where(
        a_hyg,
        np.where(
            patients.is_perio[a_pat],
            practice.appointment_type_num[2],
            practice.appointment_type_num[1],
        ),
        practice.appointment_type_num[3],
    )
    apt_type = np.where(
        a_hyg & patients.is_new[a_pat] & np.concatenate([first_ever, np.zeros(n_t, bool)]),
        practice.appointment_type_num[0],
        apt_type,
    )
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
            "ProvNum": a_dentist,
            "ProvHyg": a_hygienist,
            "AptDateTime": a_at,
            "UnschedStatus": np.where(
                a_status == UNSCHED, practice.defs("RecallUnschedStatus")[0], 0
            ),
            "IsNewPatient": np.concatenate([first_ever, np.zeros(n_t, bool)]).astype(int),
            "ClinicNum": a_clinic,
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

    # --- procedure rows ---------------------------------------------------------------------------
    done_p = p_status == C
    entered = np.where(done_p, p_date, p_date_tp)
    pr = Frame("procedurelog", n_p)
    pr.update(
        {
            "ProcNum": proc_num,
            "PatNum": patients.pat_num[p_pat],
            "AptNum": p_apt,
            "ProcDate": p_date,
            "ProcFee": p_fee,
            "Surf": surf,
            "ToothNum": np.where(tooth > 0, tooth.astype(str), "").astype(object),
            "Priority": np.where(
                p_status == TP,
                practice.defs("TxPriorities")[
                    rng.integers(0, len(practice.defs("TxPriorities")), n_p)
                ],
                0,
            ),
            "ProcStatus": p_status,
            "ProvNum": p_prov,
            "PlaceService": 0,
            "DateEntryC": np.where(done_p, p_date, np.datetime64("0001-01-01")),
            "ClinicNum": patients.clinic[p_pat],
            "CodeNum": codes.code_num[p_code],
            "UnitQty": 1,
            "BaseUnits": base_units,
            "DateTP": p_date_tp,
            "SecUserNumEntry": offices.user_num[rng.integers(0, len(offices.user_num), n_p)],
            "SecDateEntry": p_date_tp,
            "DateComplete": np.where(done_p, p_date, np.datetime64("0001-01-01")),
            "IsLocked": 0,
        }
    )
    pr.stamp(at_minute(entered, 12 * 60), at_minute(np.where(done_p, p_date, p_date_tp), 17 * 60))
    out.add(pr)

    # A broken-appointment charge is not a visit: it does not make anyone a patient of record.
    visit_proc = done_p & (p_visit >= 0)
    set_first_visits(patients, p_pat[visit_proc], p_date[visit_proc])

    return Visits(
        apt_num=apt_num,
        apt_patient=a_pat,
        apt_date=a_date,
        apt_at=a_at,
        apt_status=a_status,
        apt_clinic=a_clinic,
        apt_dentist=a_dentist,
        apt_hygienist=a_hygienist,
        apt_is_hygiene=a_hyg,
        apt_created=created_at,
        proc_num=proc_num,
        proc_patient=p_pat,
        proc_apt=p_apt,
        proc_date=p_date,
        proc_code=p_code,
        proc_fee=p_fee,
        proc_units=p_units,
        proc_status=p_status,
        proc_prov=p_prov,
        proc_clinic=patients.clinic[p_pat],
        proc_date_tp=p_date_tp,
    )
