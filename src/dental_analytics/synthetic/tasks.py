"""The office's to-do lists: tasks about patients after their visits, and about the office.

A missed visit puts a call-back on the front desk's list; after a completed visit a claim may
need chasing, a balance reviewing (or collecting at the next visit), a lab case tracking or a
plan following up. Office tasks
(supplies, schedules, equipment) are spread over the history. Tasks are done within days,
except a few recent ones still open; nothing is entered or finished after the as-of date.
"""

from __future__ import annotations

import numpy as np

from dental_analytics.opendental import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Calendar,
    KeyCounter,
    at_minute,
    business_day,
    days,
)
from dental_analytics.synthetic.frame import NO_DATETIME, Frame
from dental_analytics.synthetic.params import TASKS_PER_PATIENT
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import TASK_LISTS, Practice
from dental_analytics.synthetic.records_params import (
    GENERAL_TASK_SHARE,
    TASK_DONE_DAYS,
    TASK_OPEN_P,
    TASK_RECENT_DAYS,
)
from dental_analytics.synthetic.staff import Staff
from dental_analytics.synthetic.visits import BROKEN, COMPLETE, UNSCHED, Visits

_STATUS = table("task").enum("TaskStatus")
_OBJECT = table("task").enum("ObjectType")
NEW, VIEWED, DONE = _STATUS.code("New"), _STATUS.code("Viewed"), _STATUS.code("Done")
NO_OBJECT, PATIENT = _OBJECT.code("None"), _OBJECT.code("Patient")

# (task list, description) of tasks that follow a completed visit, and those about the office.
AFTER_VISIT = (
    ("Insurance", "Check status of claim."),
    ("Insurance", "Send narrative and images requested by carrier."),
    ("Billing", "Review balance and payment arrangement."),
    ("Clinical", "Lab case due back, confirm with lab."),
    ("Clinical", "Check on patient after treatment."),
    ("Treatment coordinator", "Follow up on treatment plan."),
    # A reminder on the desk's own list to ask for what the family still owes when it checks in.
    ("Front desk", "Collect outstanding balance at next visit."),
)
AFTER_MISSED = ("Front desk", "Call to reschedule missed appointment.")
OFFICE = (
    ("Office manager", "Order supplies."),
    ("Office manager", "Review next month's schedule."),
    ("Office manager", "Renew equipment service contract."),
    ("Front desk", "Update patient forms on the tablet."),
    ("Front desk", "Restock brochures at the front desk."),
    ("Clinical", "Run sterilizer spore test."),
)
_PRIORITY_P = {"Normal": 0.7, "High": 0.15, "Low": 0.1, "Urgent": 0.05}


def build_tasks(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    staff: Staff,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Generate `task` into `out`."""
    today = cal.today
    list_num = dict(zip(TASK_LISTS, practice.task_list_num.tolist(), strict=True))
    n_total = round(TASKS_PER_PATIENT * patients.n)
    n_office = round(GENERAL_TASK_SHARE * n_total)

    # --- tasks about patients, a day or two after one of their past visits -----------------------
    past = np.flatnonzero(
        (visits.apt_date <= today) & np.isin(visits.apt_status, [COMPLETE, BROKEN, UNSCHED])
    )
    apt = np.sort(rng.choice(past, min(n_total - n_office, len(past)), replace=False))
    missed = visits.apt_status[apt] != COMPLETE
    # Insurance tasks only for insured patients.
    insured = patients.plan_on(visits.apt_patient[apt], visits.apt_date[apt]) >= 0
    not_insurance = np.array([i for i, t in enumerate(AFTER_VISIT) if t[0] != "Insurance"])
    after = np.where(
        insured,
        rng.integers(0, len(AFTER_VISIT), len(apt)),
        not_insurance[rng.integers(0, len(not_insurance), len(apt))],
    )
    p_list = np.where(
        missed,
        list_num[AFTER_MISSED[0]],
        np.array([list_num[t[0]] for t in AFTER_VISIT], dtype=np.int64)[after],
    )
    p_text = np.where(
        missed, AFTER_MISSED[1], np.array([t[1] for t in AFTER_VISIT], dtype=object)[after]
    ).astype(object)
    p_day = np.minimum(
        business_day(visits.apt_date[apt] + days(rng.integers(0, 3, len(apt)))), today
    )
    p_pat = visits.apt_patient[apt]

    # --- office tasks, any working day of the history --------------------------------------------
    o_day = business_day(cal.start + days(rng.integers(0, cal.history_days + 1, n_office)))
    o_day = np.minimum(o_day, today)
    which = rng.integers(0, len(OFFICE), n_office)
    o_clinic = rng.choice(staff.desk_clinic, n_office)

    day = np.concatenate([p_day, o_day])
    n = len(day)
    entered = at_minute(day, rng.integers(8 * 60, 17 * 60, n))
    order = np.argsort(entered, kind="stable")
    is_patient = np.arange(n) < len(apt)
    pat = np.concatenate([p_pat, np.zeros(n_office, np.int64)])
    clinic = np.concatenate([patients.clinic[p_pat], o_clinic])
    task_list = np.concatenate(
        [
            p_list,
            np.array([list_num[OFFICE[i][0]] for i in which], dtype=np.int64),
        ]
    )[order]
    text = np.concatenate([p_text, np.array([OFFICE[i][1] for i in which], dtype=object)])[order]
    entered, is_patient, pat, clinic = entered[order], is_patient[order], pat[order], clinic[order]

    # Done within days, unless that is after today; a few recent ones are still open.
    finished = (
        entered
        + days(rng.integers(*TASK_DONE_DAYS, n))
        + rng.integers(5, 240, n).astype("timedelta64[m]")
    )
    last_moment = at_minute(np.array([today]), 24 * 60 - 1)[0]
    recent = entered >= at_minute(np.array([today - np.timedelta64(TASK_RECENT_DAYS, "D")]), 0)[0]
    done = (finished <= last_moment) & ~(recent & (rng.random(n) < TASK_OPEN_P))
    status = np.where(done, DONE, np.where(rng.random(n) < 0.5, VIEWED, NEW))
    priority_defs = np.array([practice.def_num("TaskPriorities", p) for p in _PRIORITY_P])
    p_weights = np.array(list(_PRIORITY_P.values()))
    priority = priority_defs[rng.choice(len(priority_defs), n, p=p_weights / p_weights.sum())]
    f = Frame("task", n)
    f.update(
        {
            "TaskNum": keys.take("task", n),
            "TaskListNum": task_list,
            "KeyNum": np.where(is_patient, patients.pat_num[pat], 0),
            "Descript": text,
            "TaskStatus": status,
            "ObjectType": np.where(is_patient, PATIENT, NO_OBJECT),
            "DateTimeEntry": entered,
            "UserNum": staff.desk_for(clinic, rng),
            "DateTimeFinished": np.where(done, finished, NO_DATETIME.astype(finished.dtype)),
            "PriorityDefNum": priority,
        }
    )
    f.stamp(entered, np.where(done, finished, entered))
    out.add(f)
