"""The chart beyond the procedure log: treatment plans, group notes, perio exams, tooth charting.

A treatment plan is what the dentist found at a recall exam: its procedures are the ones planned
that day (still planned, or completed later at a treatment visit). The plan stays active while
any of them is open and is a saved record once all are done; each planned procedure is copied
into the plan with its fee and the insurance estimate of the day. Perio patients get a charted
perio exam at their first hygiene visit of each year, and adults get their missing teeth (and
young adults their unerupted wisdom teeth) charted at their first visit, never on a tooth that
has a procedure.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic.catalog import PROCEDURE_CODES
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import Calendar, KeyCounter, minutes
from dental_analytics.synthetic.frame import NO_DATETIME, Frame
from dental_analytics.synthetic.names import join as join_names
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import COVERAGE_LEVELS, PPO, Practice
from dental_analytics.synthetic.records_params import (
    DECLINED_AFTER_DAYS,
    DECLINED_DELETED_P,
    DECLINED_PLAN_SIGNED_P,
    GROUP_NOTE_P,
    HIDDEN_TEETH_P,
    MISSING_TEETH_COUNT,
    MISSING_TEETH_P,
    PLAN_SIGNED_MINUTES,
    PLAN_SIGNED_P,
)
from dental_analytics.synthetic.staff import Staff
from dental_analytics.synthetic.visit_history import last_per_group
from dental_analytics.synthetic.visits import COMPLETE, TP, Visits

_TP_STATUS = table("treatplan").enum("TPStatus")
_INITIAL = table("toothinitial").enum("InitialType")
SAVED, ACTIVE = _TP_STATUS.code("Saved"), _TP_STATUS.code("Active")
DELETED = table("procedurelog").enum("ProcStatus").code("D")
_ESTIMATES = [table("claimproc").enum("Status").code(n) for n in ("Estimate", "CapEstimate")]
MISSING, HIDDEN = _INITIAL.code("Missing"), _INITIAL.code("Hidden")

_DAY_KEY = 1_000_000  # patient index * _DAY_KEY + day number: one key per patient-day
# The diagnosis a dentist writes beside planned treatment, by CDT category (Diagnosis defs).
_DIAGNOSIS = {
    "restorative": ("Decay", "Recurrent decay", "Failing restoration", "Fractured tooth"),
    "endodontics": ("Irreversible pulpitis", "Necrotic pulp", "Periapical lesion"),
    "periodontics": ("Periodontitis",),
    "oral_and_maxillofacial_surgery": ("Impacted tooth", "Fractured tooth", "Abscess"),
    "fixed_prosthodontics": ("Cracked tooth", "Missing tooth", "Failing restoration"),
    "removable_prosthodontics": ("Missing tooth",),
    "implant_services": ("Missing tooth",),
}
_PROGNOSIS_P = {"Good": 0.7, "Fair": 0.2, "Guarded": 0.1}
# Teeth adults most often lose (molars and wisdom teeth) weigh more; universal numbering 1-32.
_TOOTH_LOSS_WEIGHT = np.array(([6, 4, 3] + [1] * 10 + [3, 4, 6]) * 2, dtype=np.float64)
_WISDOM = np.array([1, 16, 17, 32]) - 1


def _procedure_rows(out: ChangeSet, visits: Visits) -> pa.Table:
    """The unit's procedurelog rows in the order of the `proc_*` arrays."""
    log = pa.concat_tables(out.inserts["procedurelog"])
    nums = log.column("procnum").to_numpy()
    if not np.array_equal(nums, visits.proc_num):
        log = log.take(np.argsort(nums)[np.searchsorted(np.sort(nums), visits.proc_num)])
    return log


def build_charting(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    staff: Staff,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Generate treatplan, proctp, procgroupitem, perioexam and toothinitial into `out`, and
    delete some declined treatment from the chart."""
    log = _procedure_rows(out, visits)
    _treatment_plans(cal, practice, patients, visits, staff, log, keys, rng, out)
    delete_declined_treatment(cal, visits, log, rng.spawn(1)[0], out)
    _group_notes(visits, keys, rng, out)
    _perio_exams(visits, patients, keys, out)
    _tooth_initials(cal, patients, visits, log, keys, rng, out)


def _treatment_plans(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    staff: Staff,
    log: pa.Table,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    codes = practice.codes
    # Exams: completed hygiene visits, found by patient and day.
    exam = np.flatnonzero(visits.apt_is_hygiene & (visits.apt_status == COMPLETE))
    exam_key = visits.apt_patient[exam] * _DAY_KEY + visits.apt_date[exam].astype(np.int64)
    exam_order = np.argsort(exam_key)
    exam, exam_key = exam[exam_order], exam_key[exam_order]

    # Planned treatment: still planned (on or before today), or completed after the day planned.
    tracking = np.isin(codes.proc_code[visits.proc_code], ["D9986", "D9987"])
    planned = (
        ((visits.proc_status == TP) & (visits.proc_date_tp <= cal.today))
        | (visits.completed & (visits.proc_date_tp < visits.proc_date))
    ) & ~tracking
    cand = np.flatnonzero(planned)
    key = visits.proc_patient[cand] * _DAY_KEY + visits.proc_date_tp[cand].astype(np.int64)
    if not len(exam):
        return
    at = np.minimum(np.searchsorted(exam_key, key), len(exam_key) - 1)
    found = exam_key[at] == key
    found &= visits.proc_apt[cand] != visits.apt_num[exam[at]]  # not the exam's own procedures
    proc = cand[found]
    proc_exam = exam[at[found]]
    # One plan per exam; procedures in ProcNum order within it.
    order = np.lexsort((visits.proc_num[proc], proc_exam))
    proc, proc_exam = proc[order], proc_exam[order]
    plan_exam, plan_of_proc, plan_size = np.unique(
        proc_exam, return_inverse=True, return_counts=True
    )
    n_plans = len(plan_exam)
    item_order = np.arange(len(proc)) - np.repeat(np.cumsum(plan_size) - plan_size, plan_size)

    still_open = np.bincount(
        plan_of_proc, weights=visits.proc_status[proc] == TP, minlength=n_plans
    )
    plan_pat = visits.apt_patient[plan_exam]
    plan_at = visits.apt_at[plan_exam] + np.timedelta64(40, "m")
    # A patient has one active plan, the newest with work still open; earlier plans were saved
    # when presented. OpenDental writes proctp lines only for saved plans (an active plan links
    # its procedures through treatplanattach, outside the tables in scope).
    newest_open = np.zeros(n_plans, bool)
    open_plans = np.flatnonzero(still_open > 0)
    by_patient = open_plans[np.lexsort((plan_at[open_plans], plan_pat[open_plans]))]
    last_of_patient = np.r_[plan_pat[by_patient][1:] != plan_pat[by_patient][:-1], True]
    newest_open[by_patient[last_of_patient]] = True
    dentist = visits.apt_dentist[plan_exam]
    entered_by = staff.login_of(dentist, staff.desk_for(visits.apt_clinic[plan_exam], rng))
    plan_num = keys.take("treatplan", n_plans)
    # Plans the patient accepted (any procedure booked) are signed on the office's pad as consent;
    # a few declined ones too. Their own stream, so the other charting draws stay as they were.
    accepted = np.bincount(plan_of_proc, weights=visits.proc_apt[proc] > 0, minlength=n_plans) > 0
    signing = rng.spawn(1)[0]
    signed = signing.random(n_plans) < np.where(accepted, PLAN_SIGNED_P, DECLINED_PLAN_SIGNED_P)
    signed_at = np.where(
        signed, plan_at + minutes(signing.integers(*PLAN_SIGNED_MINUTES, n_plans)), NO_DATETIME
    )
    signer = join_names(
        " ",
        np.asarray(patients.frame["FName"], dtype=object)[plan_pat],
        np.asarray(patients.frame["LName"], dtype=object)[plan_pat],
    )
    tp = Frame("treatplan", n_plans)
    tp.update(
        {
            "TreatPlanNum": plan_num,
            "PatNum": patients.pat_num[plan_pat],
            "DateTP": visits.apt_date[plan_exam],
            "Heading": "Proposed treatment plan",
            "TPStatus": np.where(newest_open, ACTIVE, SAVED),
            "SecUserNumEntry": entered_by,
            "UserNumPresenter": entered_by,
            "TPType": 0,  # estimates by insurance (no discount plans in the practice)
            # OpenDental keeps the signature's encoded strokes; a digest stands in for them.
            "Signature": np.where(signed, [f"{n:016x}" * 4 for n in plan_num * 2654435761], ""),
            "SigIsTopaz": 0,
            "DateTSigned": signed_at,
            "SignatureText": np.where(signed, signer, ""),
        }
    )
    tp.stamp(plan_at, np.maximum(plan_at, signed_at))
    out.add(tp)

    # --- proctp: each planned procedure as it stood on a saved plan ---------------------------
    saved_line = ~newest_open[plan_of_proc]
    proc, plan_of_proc, item_order = (
        proc[saved_line],
        plan_of_proc[saved_line],
        item_order[saved_line],
    )
    n = len(proc)
    code = visits.proc_code[proc]
    pat = visits.proc_patient[proc]
    fee = np.round(visits.proc_fee[proc] * visits.proc_units[proc], 2)
    level = np.array([COVERAGE_LEVELS.index(c) for c in codes.coverage], dtype=np.int64)[code]
    plan1 = patients.plan_on(pat, plan_at[plan_of_proc].astype("datetime64[D]"))
    plan2 = patients.plan2[pat]
    p1, p2 = np.maximum(plan1, 0), np.maximum(plan2, 0)
    ppo_fee = codes.fee[PPO, code] * visits.proc_units[proc]
    allowed = np.where((plan1 >= 0) & practice.plan_is_ppo[p1], np.minimum(ppo_fee, fee), fee)
    pri = np.where(plan1 >= 0, np.round(allowed * practice.plan_coverage[p1, level] / 100, 2), 0.0)
    sec = np.where(
        plan2 >= 0,
        np.minimum(np.round(allowed * practice.plan_coverage[p2, level] / 100, 2), allowed - pri),
        0.0,
    )
    priority = log.column("priority").to_numpy()[proc].astype(np.int64)
    tx_priorities = practice.defs("TxPriorities")
    priority = np.where(
        priority > 0, priority, tx_priorities[rng.integers(0, len(tx_priorities), n)]
    )
    category = codes.category[code]
    dx = np.full(n, "", dtype=object)
    for cat, names in _DIAGNOSIS.items():
        rows = np.flatnonzero(category == cat)
        dx[rows] = np.asarray(names, dtype=object)[rng.integers(0, len(names), len(rows))]
    prognosis = np.asarray(list(_PROGNOSIS_P), dtype=object)[
        rng.choice(len(_PROGNOSIS_P), n, p=np.array(list(_PROGNOSIS_P.values())))
    ]
    descript = np.array([c.name for c in PROCEDURE_CODES], dtype=object)
    abbr = np.array([c.abbr for c in PROCEDURE_CODES], dtype=object)
    pt = Frame("proctp", n)
    pt.update(
        {
            "ProcTPNum": keys.take("proctp", n),
            "TreatPlanNum": plan_num[plan_of_proc],
            "PatNum": patients.pat_num[pat],
            "ProcNumOrig": visits.proc_num[proc],
            "ItemOrder": item_order,
            "Priority": priority,
            "ToothNumTP": log.column("toothnum").take(pa.array(proc)),
            "Surf": log.column("surf").take(pa.array(proc)),
            "ProcCode": codes.proc_code[code],
            "Descript": descript[code],
            "FeeAmt": fee,
            "PriInsAmt": pri,
            "SecInsAmt": sec,
            "PatAmt": np.round(np.maximum(allowed - pri - sec, 0), 2),
            "Discount": np.round(fee - allowed, 2),
            "Prognosis": np.where(dx != "", prognosis, ""),
            "Dx": dx,
            "ProcAbbr": abbr[code],
            "SecUserNumEntry": entered_by[plan_of_proc],
            "FeeAllowed": np.round(allowed, 2),
            "ProvNum": visits.proc_prov[proc],
            "DateTP": visits.proc_date_tp[proc],
            "ClinicNum": visits.proc_clinic[proc],
            "CatPercUCR": fee,
        }
    )
    pt.stamp(plan_at[plan_of_proc])
    out.add(pt)


def delete_declined_treatment(
    cal: Calendar, visits: Visits, log: pa.Table, rng: np.random.Generator, out: ChangeSet
) -> None:
    """Some treatment still planned and unbooked `DECLINED_AFTER_DAYS` after it was planned is
    deleted (`DECLINED_DELETED_P`): ProcStatus D, as OpenDental keeps a deleted procedure, and
    its insurance estimates withdrawn, as OpenDental deletes them with it; treatment sent for a
    preauthorization stays, as OpenDental keeps a procedure on a claim. The patient's active
    plan stays, empty when nothing else is planned (as after a referral out)."""
    status = log.column("procstatus").to_numpy().astype(np.int64)  # referred ones are not TP
    lines = pa.concat_tables(out.inserts["claimproc"]) if "claimproc" in out.inserts else None
    # OpenDental does not delete a procedure attached to a claim (a preauthorization's too).
    on_claim = (
        lines.column("procnum").to_numpy()[lines.column("claimnum").to_numpy() > 0]
        if lines is not None
        else np.zeros(0, np.int64)
    )
    stale = np.flatnonzero(
        (status == TP)
        & (visits.proc_apt == 0)
        & (visits.proc_date_tp <= cal.today - np.timedelta64(DECLINED_AFTER_DAYS, "D"))
        & ~np.isin(visits.proc_num, on_claim)
    )
    deleted = visits.proc_num[stale[rng.random(len(stale)) < DECLINED_DELETED_P]]
    out.amend("procedurelog", deleted, {"ProcStatus": np.full(len(deleted), DELETED)})
    if lines is not None:
        of_deleted = np.isin(lines.column("procnum").to_numpy(), deleted) & np.isin(
            lines.column("status").to_numpy(), _ESTIMATES
        )
        out.withdraw("claimproc", lines.column("claimprocnum").to_numpy()[of_deleted])


def _group_notes(
    visits: Visits, keys: KeyCounter, rng: np.random.Generator, out: ChangeSet
) -> None:
    """A few completed visits whose procedures share one group note (on the visit's first one)."""
    done = np.flatnonzero(visits.completed & (visits.proc_apt > 0))
    apts, first, count = np.unique(visits.proc_apt[done], return_index=True, return_counts=True)
    chosen = apts[(count >= 2) & (rng.random(len(apts)) < GROUP_NOTE_P)]
    members = done[np.isin(visits.proc_apt[done], chosen)]
    head = done[first][np.searchsorted(apts, visits.proc_apt[members])]
    members, head = members[members != head], head[members != head]
    n = len(members)
    g = Frame("procgroupitem", n)
    g.update(
        {
            "ProcGroupItemNum": keys.take("procgroupitem", n),
            "ProcNum": visits.proc_num[members],
            "GroupNum": visits.proc_num[head],
        }
    )
    out.add(g)


def _perio_exams(visits: Visits, patients: Patients, keys: KeyCounter, out: ChangeSet) -> None:
    """One charted perio exam per perio patient and year, at the year's first hygiene visit."""
    visit = np.flatnonzero(
        visits.apt_is_hygiene
        & (visits.apt_status == COMPLETE)
        & patients.is_perio[visits.apt_patient]
    )
    year = visits.apt_date[visit].astype("datetime64[Y]").astype(np.int64)
    group = visits.apt_patient[visit] * 10_000 + year
    _, inverse = np.unique(group, return_inverse=True)
    first = last_per_group(
        inverse,
        visits.apt_date[visit].astype(np.int64),
        int(inverse.max(initial=-1)) + 1,
        smallest=True,
    )
    exam = np.sort(visit[first])
    n = len(exam)
    f = Frame("perioexam", n)
    f.update(
        {
            "PerioExamNum": keys.take("perioexam", n),
            "PatNum": patients.pat_num[visits.apt_patient[exam]],
            "ExamDate": visits.apt_date[exam],
            "ProvNum": visits.apt_hygienist[exam],
            "DateTMeasureEdit": visits.apt_at[exam] + np.timedelta64(25, "m"),
        }
    )
    out.add(f)


def _tooth_initials(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    log: pa.Table,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Missing teeth of some adults, unerupted wisdom teeth of some young adults."""
    done = np.flatnonzero(visits.apt_status == COMPLETE)
    first = last_per_group(
        visits.apt_patient[done],
        visits.apt_date[done].astype(np.int64),
        patients.n,
        smallest=True,
    )
    seen = np.flatnonzero(first >= 0)
    first_visit = done[first[seen]]
    age = (cal.today - patients.birthdate[seen]).astype(np.int64) / 365.25
    adult = ~patients.is_child[seen]

    # Teeth that have a procedure on them cannot be charted missing.
    tooth_text = log.column("toothnum").to_numpy(zero_copy_only=False)
    has_tooth = np.flatnonzero(tooth_text != "")
    used = np.zeros((patients.n, 32), bool)
    used[visits.proc_patient[has_tooth], tooth_text[has_tooth].astype(np.int64) - 1] = True

    missing = seen[adult & (age >= 25) & (rng.random(len(seen)) < MISSING_TEETH_P)]
    k = rng.integers(*MISSING_TEETH_COUNT, len(missing))
    score = rng.random((len(missing), 32)) ** (1 / _TOOTH_LOSS_WEIGHT)  # weighted draw, no repeats
    score[used[missing]] = -1
    rank = np.argsort(-score, axis=1).argsort(axis=1)
    m_pat, m_tooth = np.nonzero((rank < k[:, None]) & (score >= 0))

    charted_missing = np.isin(seen, missing)
    young = seen[adult & (age < 30) & ~charted_missing & (rng.random(len(seen)) < HIDDEN_TEETH_P)]
    wisdom = np.zeros((len(young), 32), bool)
    wisdom[:, _WISDOM] = rng.random((len(young), len(_WISDOM))) < 0.75
    wisdom &= ~used[young]
    h_pat, h_tooth = np.nonzero(wisdom)

    pat = np.concatenate([missing[m_pat], young[h_pat]])
    tooth = np.concatenate([m_tooth, h_tooth]) + 1
    kind = np.concatenate([np.full(len(m_pat), MISSING), np.full(len(h_pat), HIDDEN)])
    visit_of = np.full(patients.n, -1, np.int64)
    visit_of[seen] = first_visit
    charted = visits.apt_at[visit_of[pat]] + np.timedelta64(15, "m")
    n = len(pat)
    f = Frame("toothinitial", n)
    f.update(
        {
            "ToothInitialNum": keys.take("toothinitial", n),
            "PatNum": patients.pat_num[pat],
            "ToothNum": tooth.astype(str).astype(object),
            "InitialType": kind,
        }
    )
    f.stamp(charted)
    out.add(f)
