"""Office administration: insurance verifications before visits and staff timecard adjustments.

The front desk verifies each insured patient's enrollment a few days before a visit; OpenDental
keeps one current row per patient plan (and per plan for its benefits), so a plan's row holds
its most recent verification of the last year. Timecards get paid time off, manual corrections
and the weekly overtime moves; the front-office step (`employees`) gives each to an employee and
clocks that employee's days to match, so EmployeeNum is set there.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from dental_analytics.opendental import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Calendar,
    KeyCounter,
    at_minute,
    business_day,
    choice_p,
    days,
    minutes,
)
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.records_params import (
    OVERTIME_WEEKS_P,
    PTO_DAYS_PER_STAFF_YEAR,
    STAFF_PER_CLINIC,
    TIME_CORRECTIONS_PER_CLINIC_MONTH,
    VERIFY_DAYS_BEFORE_VISIT,
    VERIFY_STATUS_P,
)
from dental_analytics.synthetic.staff import Staff
from dental_analytics.synthetic.visit_history import last_per_group
from dental_analytics.synthetic.visits import UNSCHED, Visits

_VERIFY = table("insverify").enum("VerifyType")
BENEFITS, ENROLLMENT = _VERIFY.code("InsuranceBenefit"), _VERIFY.code("PatientEnrollment")

_LEAVE_P = {
    "PTO": 0.6,
    "Sick leave": 0.25,
    "Continuing education": 0.1,
    "Bereavement": 0.03,
    "Jury duty": 0.02,
}
_CORRECTIONS = (("Forgot to clock out.", 1), ("Clock-in correction.", 1), ("Left early.", -1))


def build_office_admin(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    staff: Staff,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Generate insverify and timeadjust into `out`."""
    _verifications(cal, practice, offices, patients, visits, staff, keys, rng, out)
    _time_adjustments(cal, practice, offices, staff, keys, rng, out)


def _verifications(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    staff: Staff,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    today = cal.today
    # Each visit is verified a few days ahead; a patient's latest such check of the last year.
    n_apt = len(visits.apt_num)
    day = business_day(visits.apt_date - days(rng.integers(*VERIFY_DAYS_BEFORE_VISIT, n_apt)))
    ok = (
        (visits.apt_status != UNSCHED)
        & (day <= today)
        & (day > today - np.timedelta64(365, "D"))
        & (day >= visits.apt_created.astype("datetime64[D]"))
    )
    cand = np.flatnonzero(ok)
    latest = last_per_group(visits.apt_patient[cand], day[cand].astype(np.int64), patients.n)
    apt_of = np.where(latest >= 0, cand[np.maximum(latest, 0)], -1) if len(cand) else latest

    patplan = pa.concat_tables(out.inserts["patplan"])
    pp_num = patplan.column("patplannum").to_numpy().astype(np.int64)
    pp_pat = patients.index_of(patplan.column("patnum").to_numpy().astype(np.int64))
    inssub = pa.concat_tables(out.inserts["inssub"])
    sub_num = inssub.column("inssubnum").to_numpy().astype(np.int64)
    sub_plan = inssub.column("plannum").to_numpy().astype(np.int64)
    by_sub = np.argsort(sub_num)
    pp_sub = patplan.column("inssubnum").to_numpy().astype(np.int64)
    pp_plan = sub_plan[by_sub][np.searchsorted(sub_num[by_sub], pp_sub)]
    verified = np.flatnonzero(apt_of[pp_pat] >= 0)
    apt = apt_of[pp_pat[verified]]
    v_at = at_minute(day[apt], rng.integers(8 * 60, 16 * 60, len(apt)))
    v_user = staff.desk_for(visits.apt_clinic[apt], rng)
    hours = (visits.apt_at[apt] - v_at) / np.timedelta64(1, "h")

    # The plan's benefits were checked at the latest of its enrollments' checks (written once
    # for the practice, with the first unit, since plans are practice-wide).
    first_unit = offices.unit == 0
    plans, plan_of = np.unique(pp_plan[verified], return_inverse=True)
    latest_plan = last_per_group(plan_of, v_at.astype(np.int64), len(plans))
    if not first_unit:
        plans, latest_plan = plans[:0], latest_plan[:0]

    n = len(verified) + len(plans)
    at = np.concatenate([v_at, v_at[latest_plan]])
    status = choice_p(rng, VERIFY_STATUS_P, n)
    f = Frame("insverify", n)
    f.update(
        {
            "InsVerifyNum": keys.take("insverify", n),
            "DateLastVerified": at.astype("datetime64[D]"),
            "UserNum": np.concatenate([v_user, v_user[latest_plan]]),
            "VerifyType": np.concatenate(
                [
                    np.full(len(verified), ENROLLMENT),
                    np.full(len(plans), BENEFITS),
                ]
            ),
            "FKey": np.concatenate([pp_num[verified], plans]),
            "DefNum": np.array(
                [practice.def_num("InsuranceVerificationStatus", str(s)) for s in status],
                dtype=np.int64,
            ),
            "DateLastAssigned": at.astype("datetime64[D]"),
            "HoursAvailableForVerification": np.round(
                np.concatenate([hours, hours[latest_plan]]), 2
            ),
        }
    )
    f.stamp(at)
    out.add(f)


def _time_adjustments(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    staff: Staff,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    clinics = offices.clinic_num
    years = cal.history_days / 365
    span = cal.history_days + 1

    def workdays(n: int) -> npt.NDArray[np.datetime64]:
        return np.minimum(business_day(cal.start + days(rng.integers(0, span, n))), cal.today)

    # Paid leave: whole or half days, by type.
    n_leave = round(len(clinics) * STAFF_PER_CLINIC * years * PTO_DAYS_PER_STAFF_YEAR)
    leave_type = choice_p(rng, _LEAVE_P, n_leave)
    leave_hours = np.where(rng.random(n_leave) < 0.2, 4, 8)
    # Manual corrections, plus or minus a quarter hour to two hours.
    n_fix = round(len(clinics) * years * 12 * TIME_CORRECTIONS_PER_CLINIC_MONTH)
    fix = rng.integers(0, len(_CORRECTIONS), n_fix)
    fix_minutes = 15 * rng.integers(1, 9, n_fix) * np.array([c[1] for c in _CORRECTIONS])[fix]
    # Weekly overtime: hours over forty moved from regular to overtime, on the week's Friday.
    fridays = np.arange(cal.start, cal.today + np.timedelta64(1, "D"), dtype="datetime64[D]")
    fridays = fridays[(fridays.astype(np.int64) - 4) % 7 == 4]
    n_weeks = len(clinics) * STAFF_PER_CLINIC * len(fridays)
    ot_week = np.flatnonzero(rng.random(n_weeks) < OVERTIME_WEEKS_P)
    ot_minutes = 30 * rng.integers(1, 9, len(ot_week))

    n = n_leave + n_fix + len(ot_week)
    entry = np.concatenate(
        [
            at_minute(workdays(n_leave), 8 * 60),
            at_minute(workdays(n_fix), rng.integers(8 * 60, 17 * 60, n_fix)),
            at_minute(fridays[ot_week % len(fridays)] if len(fridays) else fridays, 17 * 60 + 30),
        ]
    )
    clinic = np.concatenate(
        [
            rng.choice(clinics, n_leave + n_fix),
            clinics[ot_week // (STAFF_PER_CLINIC * max(len(fridays), 1))],
        ]
    )
    leave_def = np.array(
        [practice.def_num("TimeCardAdjTypes", str(t)) for t in leave_type], dtype=np.int64
    )
    zeros_leave = np.zeros(n_leave, np.int64)
    reg = np.concatenate([zeros_leave, fix_minutes, -ot_minutes])
    order = np.argsort(entry, kind="stable")
    f = Frame("timeadjust", n)
    f.update(
        {
            "TimeAdjustNum": keys.take("timeadjust", n),
            "TimeEntry": entry[order],
            "RegHours": minutes(reg)[order],
            "OTimeHours": minutes(
                np.concatenate([zeros_leave, np.zeros(n_fix, np.int64), ot_minutes])
            )[order],
            "Note": np.concatenate(
                [
                    np.full(n_leave, "", dtype=object),
                    np.array([c[0] for c in _CORRECTIONS], dtype=object)[fix],
                    np.full(len(ot_week), "", dtype=object),
                ]
            )[order],
            "IsAuto": np.concatenate(
                [np.zeros(n_leave + n_fix, np.int64), np.ones(len(ot_week), np.int64)]
            )[order],
            "ClinicNum": clinic[order],
            "PtoDefNum": np.concatenate([leave_def, np.zeros(n_fix + len(ot_week), np.int64)])[
                order
            ],
            "PtoHours": minutes(
                np.concatenate([leave_hours * 60, np.zeros(n_fix + len(ot_week), np.int64)])
            )[order],
            "SecuUserNumEntry": staff.desk_for(clinic[order], rng),
        }
    )
    out.add(f)
