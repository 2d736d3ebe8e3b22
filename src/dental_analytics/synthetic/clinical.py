"""The clinical record: perio charting, procedure notes, lab cases and the patient's health history.

Runs after the unit's records (it reads the perio exams, charted missing teeth, group notes,
treatment plans and logins already in `out`), on its own random stream. A perio exam charts six
probing sites per tooth with depths that follow the patient's periodontal state at the exam
(`chart_pockets`); completed procedures get a clinical note, some late, some unsigned, some edited
(`write_procedure_notes`); a patient's active treatment plan holds their still-planned procedures
(`attach_planned_procedures`); crowns, bridges, dentures and night guards are made by a lab
between the impression and the seat appointment (`send_lab_cases`); every patient seen gives a
health history at the first visit (`take_health_history`). The practice-wide lists (medications,
allergies, problems) are written once, in the practice batch (`build_clinical_lists`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import numpy as np
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic import names
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.clinical_params import (
    AGE_BANDS,
    ALLERGIES,
    ALLERGY_INACTIVE_P,
    ALLERGY_REACTIONS,
    ASPIRIN_P,
    BLEEDING_P,
    BLEEDING_P_PER_MM,
    CALCULUS_P,
    CLOPIDOGREL_P,
    CONDITION_CODES,
    CONDITION_MEDICATIONS,
    CONDITION_P,
    CONDITION_RESOLVED_P,
    FURCATION_P,
    IBUPROFEN_P,
    LAB_CHECK_DAYS,
    LAB_DENTURE_PREFIXES,
    LAB_DUE_DAYS_BEFORE_SEAT,
    LAB_EARLY_DAYS,
    LAB_INVOICED_P,
    LAB_LATE_P,
    LAB_LEAD_DAYS,
    LAB_SENT_DAYS,
    LAB_WORK,
    MEDICATION_STARTED_YEARS_BEFORE,
    MEDICATION_STOPPED_DAYS_BEFORE,
    MEDICATION_STOPPED_P,
    MEDICATIONS,
    MOBILITY_P,
    MOLAR_EXTRA_MM,
    NOTE_EDIT_DAYS,
    NOTE_EDITED_P,
    NOTE_NEXT_DAY_P,
    NOTE_RECENT_DAYS,
    NOTE_RECENT_UNSIGNED_P,
    NOTE_TEXT,
    NOTE_UNSIGNED_P,
    NOTE_WRITTEN_P,
    PATIENT_LEVEL_SD_MM,
    PLAQUE_P,
    POCKET_DEPTH_MM,
    PROBLEM_RESOLVED_YEARS_BEFORE,
    PROBLEM_START_KNOWN_P,
    PROBLEM_STARTED_YEARS_BEFORE,
    RECESSION_P_PER_YEAR,
    SRP_WINDOW_DAYS,
    SUPPURATION_P,
)
from dental_analytics.synthetic.context import (
    Calendar,
    Ints,
    KeyCounter,
    Times,
    business_day,
    days,
    minutes,
)
from dental_analytics.synthetic.frame import NO_DATE, NO_DATETIME, Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.staff import Staff
from dental_analytics.synthetic.visit_history import last_per_group
from dental_analytics.synthetic.visits import COMPLETE, SCHEDULED, TP, Visits

_SEQUENCE = table("periomeasure").enum("SequenceType")
MOBILITY, FURCATION, GING_MARGIN, PROBING, SKIP_TOOTH, BLEEDING = (
    _SEQUENCE.code(s)
    for s in ("Mobility", "Furcation", "GingMargin", "Probing", "SkipTooth", "BleedSupPlaqCalc")
)
ACTIVE_PLAN = table("treatplan").enum("TPStatus").code("Active")
MISSING = table("toothinitial").enum("InitialType").code("Missing")
_PROBLEM = table("disease").enum("ProbStatus")
PROBLEM_ACTIVE, PROBLEM_RESOLVED = _PROBLEM.code("Active"), _PROBLEM.code("Resolved")
# OpenDental's BleedingFlags, summed in a BleedSupPlaqCalc site value.
BLOOD, SUPPURATION, PLAQUE, CALCULUS = 1, 2, 4, 8
NO_VALUE = -1  # a site left blank in the perio chart
SNOMED_PROBLEM = "55607006"  # OpenDental's default SnomedProblemType: Problem
STATES = ("active", "maintenance", "healthy")
SRP_CODES = ("D4341", "D4342")
# Universal tooth numbers 1-32: molars, and the six sites in OpenDental's order MB B DB ML L DL.
_MOLAR = np.isin(np.arange(1, 33), [1, 2, 3, 14, 15, 16, 17, 18, 19, 30, 31, 32])
_WISDOM = np.isin(np.arange(1, 33), [1, 16, 17, 32])
_INTERPROXIMAL = np.array([True, False, True, True, False, True])
_SITE_COLUMNS = ("MBvalue", "Bvalue", "DBvalue", "MLvalue", "Lvalue", "DLvalue")
LABORATORIES = (
    ("Cascade Crown & Bridge", "Portland", "OR"),
    ("Summit Dental Studio", "Beaverton", "OR"),
    ("Willamette Denture Lab", "Salem", "OR"),
)


@dataclass(frozen=True)
class ClinicalLists:
    """Practice-wide keys of the health-history lists, by name."""

    medication: dict[str, int]
    allergy: dict[str, int]
    condition: dict[str, int]


def build_clinical_lists(cal: Calendar, keys: KeyCounter, out: ChangeSet) -> ClinicalLists:
    """Write the medication, allergy and problem lists every patient's history picks from."""
    set_up = cal.start.astype("datetime64[us]") - np.timedelta64(30, "D")
    med = Frame("medication", len(MEDICATIONS))
    med_num = keys.take("medication", len(MEDICATIONS))
    med.update(
        {
            "MedicationNum": med_num,
            "MedName": np.array(list(MEDICATIONS), dtype=object),
            "GenericNum": med_num,  # each is its own generic
            "RxCui": np.array(list(MEDICATIONS.values()), dtype=np.int64),
        }
    )
    med.stamp(np.full(med.n, set_up))
    out.add(med)
    allergy_num = keys.take("allergydef", len(ALLERGIES))
    alg = Frame("allergydef", len(ALLERGIES))
    alg.update(
        {
            "AllergyDefNum": allergy_num,
            "Description": np.array(list(ALLERGIES), dtype=object),
            "SnomedType": np.array([t for t, _ in ALLERGIES.values()], dtype=np.int64),
        }
    )
    alg.stamp(np.full(alg.n, set_up))
    out.add(alg)
    condition_num = keys.take("diseasedef", len(CONDITION_P))
    dis = Frame("diseasedef", len(CONDITION_P))
    dis.update(
        {
            "DiseaseDefNum": condition_num,
            "DiseaseName": np.array(list(CONDITION_P), dtype=object),
            "ItemOrder": np.arange(len(CONDITION_P)),
            "Icd10Code": np.array([CONDITION_CODES[c][0] for c in CONDITION_P], dtype=object),
            "SnomedCode": np.array([CONDITION_CODES[c][1] for c in CONDITION_P], dtype=object),
        }
    )
    dis.stamp(np.full(dis.n, set_up))
    out.add(dis)
    return ClinicalLists(
        medication=dict(zip(MEDICATIONS, med_num.tolist(), strict=True)),
        allergy=dict(zip(ALLERGIES, allergy_num.tolist(), strict=True)),
        condition=dict(zip(CONDITION_P, condition_num.tolist(), strict=True)),
    )


def build_clinical(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    lists: ClinicalLists,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Generate periomeasure, procnote, treatplanattach, laboratory, labcase, medicationpat,
    allergy and disease into `out`. Reads the unit's perioexam, toothinitial, procgroupitem,
    treatplan, procedurelog and userod rows, so it runs after the records."""
    staff = Staff.of(offices, out, practice.admin_user_num)
    proc_code = practice.codes.proc_code[visits.proc_code]
    chart_pockets(cal, patients, visits, proc_code, keys, rng, out)
    write_procedure_notes(cal, practice, patients, visits, proc_code, staff, keys, rng, out)
    attach_planned_procedures(cal, patients, visits, proc_code, keys, out)
    send_lab_cases(cal, offices, patients, visits, proc_code, keys, rng, out)
    take_health_history(cal, patients, visits, lists, keys, rng, out)


def _rows(out: ChangeSet, name: str) -> pa.Table:
    return (
        pa.concat_tables(out.inserts[name])
        if name in out.inserts
        else table(name).arrow_schema.empty_table()
    )


def _np(t: pa.Table, column: str) -> np.ndarray:
    return t.column(column).to_numpy(zero_copy_only=False)


def _end_of_history(cal: Calendar) -> np.datetime64:
    return (cal.today + np.timedelta64(1, "D")).astype("datetime64[m]") - np.timedelta64(1, "m")


def _exam_states(
    patients: Patients,
    visits: Visits,
    proc_code: np.ndarray,
    exam_pat: Ints,
    exam_day: np.ndarray,
) -> Ints:
    """Each exam's periodontal state (index into STATES): SRP done on the exam day or within the
    window after it means active disease; a perio patient otherwise is in maintenance."""
    srp = np.flatnonzero(visits.completed & np.isin(proc_code, SRP_CODES))
    srp_key = np.sort(visits.proc_patient[srp] * 100_000 + visits.proc_date[srp].astype(np.int64))
    key = exam_pat * 100_000 + exam_day.astype(np.int64)
    at = np.searchsorted(srp_key, key)
    nxt = srp_key[np.minimum(at, len(srp_key) - 1)] if len(srp_key) else np.full(len(key), -1)
    active = (at < len(srp_key)) & (nxt - key >= 0) & (nxt - key <= SRP_WINDOW_DAYS)
    return np.where(active, 0, np.where(patients.is_perio[exam_pat], 1, 2))


def _by_state(p: dict[str, float], state: Ints) -> np.ndarray:
    """Each exam's value of a per-state parameter, shaped (exam, 1, 1) to broadcast over sites."""
    return np.array([p[s] for s in STATES])[state][:, None, None]


def probe_sites(state: Ints, rng: np.random.Generator) -> np.ndarray:
    """Probing depths in mm, (exam, tooth, site): the state's interproximal or mid-site mean,
    deeper at molars, the patient's own level, a site's spread; healthy sulci stay within 3 mm."""
    n = len(state)
    ip_mean, mid_mean, spread = (
        np.array([POCKET_DEPTH_MM[s][k] for s in STATES]) for k in range(3)
    )
    mean = np.where(_INTERPROXIMAL, ip_mean[state][:, None, None], mid_mean[state][:, None, None])
    mean = mean + _by_state(MOLAR_EXTRA_MM, state) * _MOLAR[None, :, None]
    mean = mean + rng.normal(0, PATIENT_LEVEL_SD_MM, (n, 1, 1))
    depth = np.rint(mean + rng.normal(0, 1, (n, 32, 6)) * spread[state][:, None, None])
    return np.clip(depth, 1, np.where(state == 2, 3, 10)[:, None, None]).astype(np.int64)


def chart_findings(
    state: Ints, depth: np.ndarray, age: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, ...]:
    """(bleeding flags per site, recession per site, mobility per tooth, furcation per tooth,
    furcation grade per site): bleeding rises with depth, recession with age."""
    n = len(state)
    bleed_p = _by_state(BLEEDING_P, state) + BLEEDING_P_PER_MM * np.maximum(depth - 3, 0)
    flags = (
        (rng.random((n, 32, 6)) < bleed_p) * BLOOD
        + (rng.random((n, 32, 6)) < _by_state(PLAQUE_P, state)) * PLAQUE
        + (rng.random((n, 32, 6)) < _by_state(CALCULUS_P, state)) * CALCULUS
        + ((depth >= 6) & (rng.random((n, 32, 6)) < SUPPURATION_P)) * SUPPURATION
    )
    recession_p = np.clip((age - 30) * RECESSION_P_PER_YEAR, 0, 0.5)[:, None, None]
    recession = (rng.random((n, 32, 6)) < recession_p) * rng.integers(1, 4, (n, 32, 6))
    mobile = rng.random((n, 32)) < _by_state(MOBILITY_P, state)[:, :, 0]
    mobility = mobile * rng.integers(1, 3, (n, 32))
    furcation = (rng.random((n, 32)) < _by_state(FURCATION_P, state)[:, :, 0]) & _MOLAR
    furcation_grade = furcation[:, :, None] * rng.integers(1, 3, (n, 32, 1)) * ~_INTERPROXIMAL
    return flags, recession, mobility, furcation, furcation_grade


def chart_pockets(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    proc_code: np.ndarray,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Chart every perio exam: six probing depths per tooth present, bleeding and plaque, gum
    recession, mobility and furcations, and the missing teeth skipped."""
    exams = _rows(out, "perioexam")
    n = exams.num_rows
    exam_pat = patients.index_of(_np(exams, "patnum").astype(np.int64))
    exam_day = _np(exams, "examdate").astype("datetime64[D]")
    charted = _np(exams, "datetmeasureedit").astype("datetime64[m]")
    state = _exam_states(patients, visits, proc_code, exam_pat, exam_day)
    missing = np.zeros((patients.n, 32), bool)
    initials = _rows(out, "toothinitial")
    lost = _np(initials, "initialtype") == MISSING
    missing[
        patients.index_of(_np(initials, "patnum")[lost].astype(np.int64)),
        _np(initials, "toothnum")[lost].astype(np.int64) - 1,
    ] = True
    present = ~missing[exam_pat] & ~_WISDOM  # (exam, tooth)

    depth = probe_sites(state, rng)
    age = (exam_day - patients.birthdate[exam_pat]).astype(np.int64) / 365.25
    flags, recession, mobility, furcation, furcation_grade = chart_findings(state, depth, age, rng)

    blank = np.full((n, 32, 6), NO_VALUE)
    parts = [
        (PROBING, present, np.full((n, 32), NO_VALUE), depth),
        (BLEEDING, present & (flags > 0).any(axis=2), np.full((n, 32), NO_VALUE), flags),
        (GING_MARGIN, present & (recession > 0).any(axis=2), np.full((n, 32), NO_VALUE), recession),
        (MOBILITY, present & (mobility > 0), mobility, blank),
        (
            FURCATION,
            present & furcation,
            np.full((n, 32), NO_VALUE),
            np.where(furcation_grade > 0, furcation_grade, NO_VALUE),
        ),
        (SKIP_TOOTH, missing[exam_pat], np.ones((n, 32), np.int64), blank),
    ]
    exam_i, seq, tooth, tooth_value, sites = [], [], [], [], []
    for sequence, mask, value, site in parts:
        e, t = np.nonzero(mask)
        exam_i.append(e)
        seq.append(np.full(len(e), sequence))
        tooth.append(t + 1)
        tooth_value.append(value[e, t])
        sites.append(site[e, t])
    e, s, t = np.concatenate(exam_i), np.concatenate(seq), np.concatenate(tooth)
    order = np.lexsort((t, s, e))
    e, s, t = e[order], s[order], t[order]
    site_values = np.concatenate(sites)[order]
    rows = len(e)
    f = Frame("periomeasure", rows)
    f.update(
        {
            "PerioMeasureNum": keys.take("periomeasure", rows),
            "PerioExamNum": _np(exams, "perioexamnum").astype(np.int64)[e],
            "SequenceType": s,
            "IntTooth": t,
            "ToothValue": np.concatenate(tooth_value)[order],
            **{col: site_values[:, k] for k, col in enumerate(_SITE_COLUMNS)},
        }
    )
    f.stamp(charted[e])
    out.add(f)


def write_procedure_notes(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    proc_code: np.ndarray,
    staff: Staff,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """A note on most completed procedures (a group note's members share the group's), by the
    provider, after the visit or the next working day; recent ones often still unsigned, and a
    few edited later, which leaves the earlier row beside the new one."""
    grouped = _np(_rows(out, "procgroupitem"), "procnum").astype(np.int64)
    done = np.flatnonzero(
        visits.completed
        & (visits.proc_apt > 0)
        & ~np.isin(proc_code, ["D9986", "D9987"])
        & ~np.isin(visits.proc_num, grouped)
    )
    done = done[rng.random(len(done)) < NOTE_WRITTEN_P]
    n = len(done)
    apt = np.searchsorted(visits.apt_num, visits.proc_apt[done])
    late = rng.random(n) < NOTE_NEXT_DAY_P
    written = np.where(
        late,
        business_day(visits.proc_date[done] + days(1)).astype("datetime64[m]")
        + minutes(rng.integers(8 * 60, 10 * 60, n)),
        visits.apt_at[apt] + minutes(rng.integers(40, 120, n)),
    )
    written = np.minimum(written, _end_of_history(cal))
    recent = visits.proc_date[done] > cal.today - np.timedelta64(NOTE_RECENT_DAYS, "D")
    signed = rng.random(n) >= np.where(recent, NOTE_RECENT_UNSIGNED_P, NOTE_UNSIGNED_P)
    category = practice.codes.category[visits.proc_code[done]]
    text = np.empty(n, dtype=object)
    for cat in np.unique(category):
        rows = np.flatnonzero(category == cat)
        options = NOTE_TEXT.get(str(cat), NOTE_TEXT["other"])
        text[rows] = np.asarray(options, dtype=object)[rng.integers(0, len(options), len(rows))]
    user = staff.login_of(visits.proc_prov[done], np.full(n, staff.admin_user))

    # An addendum: the earlier note stays, signed, and a new row carries the current note.
    edited = np.flatnonzero(signed & (rng.random(n) < NOTE_EDITED_P))
    edit_at = np.minimum(
        written[edited] + days(rng.integers(*NOTE_EDIT_DAYS, len(edited))) + minutes(30),
        _end_of_history(cal),
    )
    row = np.concatenate([np.arange(n), edited])
    at = np.concatenate([written, edit_at])
    note = np.concatenate([text, text[edited] + " Addendum: post-op call, no complaints."])
    is_signed = np.concatenate([signed, np.ones(len(edited), bool)])
    order = np.lexsort((row, at))
    row, at, note, is_signed = row[order], at[order], note[order], is_signed[order]
    total = len(row)
    pn = Frame("procnote", total)
    proc_num = visits.proc_num[done][row]
    pn.update(
        {
            "ProcNoteNum": keys.take("procnote", total),
            "PatNum": patients.pat_num[visits.proc_patient[done][row]],
            "ProcNum": proc_num,
            "EntryDateTime": at,
            "UserNum": user[row],
            "Note": note,
            "SigIsTopaz": 0,
            # OpenDental keeps the signature's encoded strokes; a digest stands in for them.
            "Signature": np.where(is_signed, [f"{p:016x}" * 4 for p in proc_num * 40503], ""),
        }
    )
    out.add(pn)


def attach_planned_procedures(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    proc_code: np.ndarray,
    keys: KeyCounter,
    out: ChangeSet,
) -> None:
    """Attach each patient's still-planned procedures to their active treatment plan, with the
    procedure's priority."""
    plans = _rows(out, "treatplan")
    active = _np(plans, "tpstatus") == ACTIVE_PLAN
    plan_pat = patients.index_of(_np(plans, "patnum")[active].astype(np.int64))
    plan_num = _np(plans, "treatplannum")[active].astype(np.int64)
    plan_of_patient = np.full(patients.n, -1, np.int64)
    plan_of_patient[plan_pat] = plan_num
    planned = np.flatnonzero(
        (visits.proc_status == TP)
        & (visits.proc_date_tp <= cal.today)
        & ~np.isin(proc_code, ["D9986", "D9987"])
        & (plan_of_patient[visits.proc_patient] >= 0)
    )
    # OpenDental copies the procedure's priority (a TxPriorities definition) onto the attachment.
    log = _rows(out, "procedurelog")
    nums = _np(log, "procnum").astype(np.int64)
    by_num = np.argsort(nums)
    at = by_num[np.searchsorted(nums, visits.proc_num[planned], sorter=by_num)]
    # A planned procedure referred out to a specialist (Referred) has left the plan.
    still_planned = _np(log, "procstatus").astype(np.int64)[at] == TP
    planned, at = planned[still_planned], at[still_planned]
    priority = _np(log, "priority").astype(np.int64)[at]
    order = np.lexsort((visits.proc_num[planned], plan_of_patient[visits.proc_patient[planned]]))
    planned, priority = planned[order], priority[order]
    n = len(planned)
    f = Frame("treatplanattach", n)
    f.update(
        {
            "TreatPlanAttachNum": keys.take("treatplanattach", n),
            "TreatPlanNum": plan_of_patient[visits.proc_patient[planned]],
            "ProcNum": visits.proc_num[planned],
            "Priority": priority,
        }
    )
    out.add(f)


def list_laboratories(keys: KeyCounter, rng: np.random.Generator, out: ChangeSet) -> Ints:
    """The unit's laboratories: two crown and bridge labs (one per clinic, alternating) and a
    denture lab."""
    lab_num = keys.take("laboratory", len(LABORATORIES))
    lab = Frame("laboratory", len(LABORATORIES))
    lab.update(
        {
            "LaboratoryNum": lab_num,
            "Description": np.array([d for d, _, _ in LABORATORIES], dtype=object),
            "City": np.array([c for _, c, _ in LABORATORIES], dtype=object),
            "State": np.array([s for _, _, s in LABORATORIES], dtype=object),
            "Phone": names.phone_numbers(rng, len(LABORATORIES)),
        }
    )
    out.add(lab)
    return lab_num


def date_lab_case(seat: Times, booked: Times, rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """(created, sent, due, received, checked) of cases seated at `seat`: the impression weeks
    before (not before the seat visit was booked), due two days before the seat, most back a few
    days early, a few late, all back and checked before the seat."""
    n = len(seat)
    created = np.maximum(seat - days(rng.integers(*LAB_LEAD_DAYS, n)), booked)
    sent = created + days(rng.integers(*LAB_SENT_DAYS, n)) + minutes(rng.integers(60, 240, n))
    due = np.maximum(
        (seat - days(LAB_DUE_DAYS_BEFORE_SEAT)).astype("datetime64[D]").astype("datetime64[m]")
        + minutes(17 * 60),
        sent + days(3),
    )
    late = rng.random(n) < LAB_LATE_P
    received = np.where(
        late, due + days(rng.integers(1, 4, n)), due - days(rng.integers(*LAB_EARLY_DAYS, n))
    ) - minutes(rng.integers(60, 6 * 60, n))
    received = np.minimum(np.maximum(received, sent + days(2)), seat - minutes(120))
    checked = np.minimum(
        received + days(rng.integers(*LAB_CHECK_DAYS, n)) + minutes(30), seat - minutes(60)
    )
    return created, sent, due, received, checked


def send_lab_cases(
    cal: Calendar,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    proc_code: np.ndarray,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """One lab case per seat appointment with lab-made work: impression weeks before, sent to
    the clinic's crown and bridge lab (dentures to the denture lab), due two days before the
    seat, received and checked (a few late), invoiced; steps after today are not yet done."""
    lab_num = list_laboratories(keys, rng, out)
    prefixes = list(LAB_WORK)
    kind = np.full(len(proc_code), -1)
    for k, prefix in enumerate(prefixes):
        kind[np.char.startswith(proc_code.astype(str), prefix)] = k
    apt_index = np.searchsorted(visits.apt_num, np.maximum(visits.proc_apt, 1))
    seat_status = np.where(
        visits.proc_apt > 0, visits.apt_status[np.minimum(apt_index, len(visits.apt_num) - 1)], -1
    )
    lab_proc = np.flatnonzero((kind >= 0) & np.isin(seat_status, [COMPLETE, SCHEDULED]))
    fee_low = np.array([LAB_WORK[p][1][0] for p in prefixes])[kind[lab_proc]]
    fee_high = np.array([LAB_WORK[p][1][1] for p in prefixes])[kind[lab_proc]]
    proc_fee = np.round(fee_low + rng.random(len(lab_proc)) * (fee_high - fee_low), 0)
    denture = np.isin(np.array(prefixes)[kind[lab_proc]], LAB_DENTURE_PREFIXES)
    apt, case_of_proc = np.unique(apt_index[lab_proc], return_inverse=True)
    n = len(apt)
    fee = np.bincount(case_of_proc, weights=proc_fee, minlength=n)
    is_denture = np.bincount(case_of_proc, weights=denture, minlength=n) > 0
    what = np.array([LAB_WORK[p][0] for p in prefixes], dtype=object)[kind[lab_proc]]
    first = np.unique(case_of_proc, return_index=True)[1]
    instructions = names.join(
        ", ", what[first], names.pick(rng, ("shade A1", "shade A2", "shade A3", "shade B1"), n)
    )

    seat = visits.apt_at[apt]
    now = _end_of_history(cal)
    created, sent, due, received, checked = date_lab_case(
        seat, visits.apt_created[apt].astype("datetime64[m]"), rng
    )

    def by_now(t: Times) -> Times:
        return np.where(t <= now, t, NO_DATETIME.astype("datetime64[m]"))

    keep = created <= now
    clinic = visits.apt_clinic[apt]
    crown_lab = lab_num[np.searchsorted(offices.clinic_num, clinic) % 2]
    got = received <= now
    invoice = np.where(
        got & (rng.random(n) < LAB_INVOICED_P),
        names.join("", np.full(n, "INV-", object), (100_000 + np.arange(n)).astype(object)),
        "",
    )
    stamp = np.maximum.reduce([created, by_now(sent), by_now(received), by_now(checked)])
    f = Frame("labcase", int(keep.sum()))
    f.update(
        {
            "LabCaseNum": keys.take("labcase", int(keep.sum())),
            "PatNum": patients.pat_num[visits.apt_patient[apt]][keep],
            "LaboratoryNum": np.where(is_denture, lab_num[2], crown_lab)[keep],
            "AptNum": visits.apt_num[apt][keep],
            "DateTimeDue": due[keep],
            "DateTimeCreated": created[keep],
            "DateTimeSent": by_now(sent)[keep],
            "DateTimeRecd": by_now(received)[keep],
            "DateTimeChecked": by_now(checked)[keep],
            "ProvNum": visits.apt_dentist[apt][keep],
            "Instructions": instructions[keep],
            "LabFee": fee[keep],
            "InvoiceNum": invoice[keep],
        }
    )
    f.stamp(created[keep], stamp[keep])
    out.add(f)


@dataclass(frozen=True)
class _Histories:
    """The patients who gave a health history: their index, when they filled it, age band."""

    patient: Ints
    filled: Times
    band: Ints

    @property
    def n(self) -> int:
        return len(self.patient)


def take_health_history(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    lists: ClinicalLists,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Every patient seen fills a health history at check-in of the first visit: conditions by
    age band, the medications that treat them (some since stopped), and allergies."""
    done = np.flatnonzero(visits.apt_status == COMPLETE)
    first = last_per_group(
        visits.apt_patient[done], visits.apt_at[done].astype(np.int64), patients.n, smallest=True
    )
    seen = np.flatnonzero(first >= 0)
    age = (cal.today - patients.birthdate[seen]).astype(np.int64) / 365.25
    h = _Histories(
        patient=seen,
        filled=cast(Times, visits.apt_at[done[first[seen]]] - np.timedelta64(10, "m")),
        band=np.searchsorted(np.asarray(AGE_BANDS), age, side="right"),
    )
    d_pat, d_cond, resolved = record_problems(patients, h, lists, keys, rng, out)
    record_medications(patients, h, d_pat[~resolved], d_cond[~resolved], lists, keys, rng, out)
    record_allergies(patients, h, lists, keys, rng, out)


def record_problems(
    patients: Patients,
    h: _Histories,
    lists: ClinicalLists,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> tuple[Ints, Ints, np.ndarray]:
    """Conditions by age band, some resolved; returns (history, condition, resolved) per row."""
    conditions = list(CONDITION_P)
    p = np.array([CONDITION_P[c] for c in conditions]).T[h.band]
    d_pat, d_cond = np.nonzero(rng.random((h.n, len(conditions))) < p)
    resolved_p = np.array([CONDITION_RESOLVED_P.get(c, 0.0) for c in conditions])[d_cond]
    resolved = rng.random(len(d_pat)) < resolved_p
    filled = h.filled[d_pat]
    started = _years_before(filled, rng, *PROBLEM_STARTED_YEARS_BEFORE)
    stopped = np.where(
        resolved, _years_before(filled, rng, *PROBLEM_RESOLVED_YEARS_BEFORE), NO_DATE
    )
    started = np.maximum(started, patients.birthdate[h.patient][d_pat] + days(365 * 12))
    started = np.minimum(started, filled.astype("datetime64[D]"))
    dis = Frame("disease", len(d_pat))
    dis.update(
        {
            "DiseaseNum": keys.take("disease", len(d_pat)),
            "PatNum": patients.pat_num[h.patient][d_pat],
            "DiseaseDefNum": np.array([lists.condition[c] for c in conditions])[d_cond],
            "ProbStatus": np.where(resolved, PROBLEM_RESOLVED, PROBLEM_ACTIVE),
            "DateStart": np.where(rng.random(len(d_pat)) < PROBLEM_START_KNOWN_P, started, NO_DATE),
            "DateStop": np.where(resolved, np.maximum(stopped, started), NO_DATE),
            "SnomedProblemType": SNOMED_PROBLEM,
        }
    )
    dis.stamp(filled)
    out.add(dis)
    return d_pat, d_cond, resolved


def record_medications(
    patients: Patients,
    h: _Histories,
    d_pat: Ints,
    d_cond: Ints,
    lists: ClinicalLists,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """One medication for most active conditions (`d_pat`, `d_cond`), plus aspirin, clopidogrel
    and ibuprofen by age band; some since stopped."""
    conditions = list(CONDITION_P)
    m_pat, m_name = [], []
    for c, (p, meds) in CONDITION_MEDICATIONS.items():
        who = d_pat[d_cond == conditions.index(c)]
        who = who[rng.random(len(who)) < p]
        m_pat.append(who)
        m_name.append(np.asarray(meds, dtype=object)[rng.integers(0, len(meds), len(who))])
    for name, p_band in (
        ("Aspirin", ASPIRIN_P),
        ("Clopidogrel", CLOPIDOGREL_P),
        ("Ibuprofen", IBUPROFEN_P),
    ):
        who = np.flatnonzero(rng.random(h.n) < np.asarray(p_band)[h.band])
        m_pat.append(who)
        m_name.append(np.full(len(who), name, dtype=object))
    mp, mn = np.concatenate(m_pat), np.concatenate(m_name)
    order = np.lexsort((mn.astype(str), mp))
    mp, mn = mp[order], mn[order]
    k = len(mp)
    filled = h.filled[mp]
    stopped = rng.random(k) < MEDICATION_STOPPED_P
    start = _years_before(filled, rng, *MEDICATION_STARTED_YEARS_BEFORE)
    stop = np.where(
        stopped,
        filled.astype("datetime64[D]") - days(rng.integers(*MEDICATION_STOPPED_DAYS_BEFORE, k)),
        NO_DATE,
    )
    med = Frame("medicationpat", k)
    med.update(
        {
            "MedicationPatNum": keys.take("medicationpat", k),
            "PatNum": patients.pat_num[h.patient][mp],
            "MedicationNum": np.array([lists.medication[x] for x in mn], dtype=np.int64),
            "DateStart": np.where(stopped, np.minimum(start, stop - days(30)), start),
            "DateStop": stop,
            "RxCui": np.array([MEDICATIONS[x] for x in mn], dtype=np.int64),
        }
    )
    med.stamp(filled)
    out.add(med)


def record_allergies(
    patients: Patients,
    h: _Histories,
    lists: ClinicalLists,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Allergies at their stated prevalence, a few since ruled out (inactive)."""
    allergies = list(ALLERGIES)
    has = rng.random((h.n, len(allergies))) < np.array([p for _, p in ALLERGIES.values()])
    a_pat, a_kind = np.nonzero(has)
    j = len(a_pat)
    alg = Frame("allergy", j)
    alg.update(
        {
            "AllergyNum": keys.take("allergy", j),
            "AllergyDefNum": np.array([lists.allergy[a] for a in allergies])[a_kind],
            "PatNum": patients.pat_num[h.patient][a_pat],
            "Reaction": names.pick(rng, ALLERGY_REACTIONS, j),
            "StatusIsActive": (rng.random(j) >= ALLERGY_INACTIVE_P).astype(np.int64),
        }
    )
    alg.stamp(h.filled[a_pat])
    out.add(alg)


def _years_before(at: Times, rng: np.random.Generator, low: float, high: float) -> np.ndarray:
    """Dates a uniform number of years (between `low` and `high`) before each of `at`."""
    back = (rng.uniform(low, high, len(at)) * 365.25).astype(np.int64)
    return at.astype("datetime64[D]") - days(back)
