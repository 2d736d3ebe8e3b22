"""In-office membership plans: uninsured patients who subscribe, and the discount on their work.

A patient without insurance may join one of the practice's membership plans (`payers`): adults
the adult plan, children the child plan, perio patients the perio plan. A member's procedures
are charged at the office's fee and priced from the plan's fee schedule; the difference is
posted as an adjustment of the plan's adjustment type (`member_discount`, used by
`payments.give_discount`). Members renew yearly and some lapse.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Calendar,
    Days,
    Floats,
    Ints,
    KeyCounter,
    at_minute,
    days,
)
from dental_analytics.synthetic.frame import NO_DATE, Frame
from dental_analytics.synthetic.money_params import MEMBERSHIP_LAPSE_P, MEMBERSHIP_P
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.payers import Payers
from dental_analytics.synthetic.practice import CASH, STANDARD, Practice
from dental_analytics.synthetic.visits import Visits

ADULT, CHILD, PERIO = 0, 1, 2  # positions in MEMBERSHIP_PLANS


@dataclass(frozen=True)
class Members:
    """The unit's membership subscriptions: who, which plan, from when to when."""

    patient: Ints  # patient index
    plan: Ints  # position in MEMBERSHIP_PLANS
    effective: Days
    term: Days  # NO_DATE while the membership runs

    def covers(self, patient: Ints, on: Days) -> np.ndarray:
        """Per (patient, day): whether a membership covers the patient on that day."""
        if not len(self.patient):
            return np.zeros(len(patient), bool)
        member_of = np.full(int(patient.max(initial=-1)) + 1, -1, np.int64)
        known = self.patient[self.patient < len(member_of)]
        member_of[known] = np.flatnonzero(self.patient < len(member_of))
        sub = np.where(patient >= 0, member_of[np.maximum(patient, 0)], -1)
        ok = sub >= 0
        start = np.where(ok, self.effective[np.maximum(sub, 0)], NO_DATE)
        end = np.where(ok, self.term[np.maximum(sub, 0)], NO_DATE)
        return ok & (on >= start) & ((end == NO_DATE) | (on < end))


def enroll_members(
    cal: Calendar,
    practice: Practice,
    payers: Payers,
    patients: Patients,
    visits: Visits,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> Members:
    """Uninsured patients billed at the office's own fees join a plan at a visit (or before the
    history, for those already coming); each yearly renewal some lapse."""
    first_visit = np.full(patients.n, cal.horizon)
    done = visits.completed
    np.minimum.at(first_visit, visits.proc_patient[done], visits.proc_date[done])
    eligible = (
        (patients.plan < 0)
        & (patients.fee_sched == practice.fee_sched_num[STANDARD])
        & (first_visit <= cal.today)
    )
    member = np.flatnonzero(eligible & (rng.random(patients.n) < MEMBERSHIP_P))
    n = len(member)
    plan = np.where(
        patients.is_perio[member], PERIO, np.where(patients.is_child[member], CHILD, ADULT)
    )
    # Patients already coming join up to a year before the history; new ones at their first visit.
    joined_before = first_visit[member] - days(rng.integers(0, 365, n))
    effective = np.where(patients.is_new[member], first_visit[member], joined_before)
    effective = np.maximum(effective, cal.start - np.timedelta64(365, "D"))
    renewals = rng.geometric(MEMBERSHIP_LAPSE_P, n)  # years until the renewal they let go
    term = effective + days(365 * renewals)
    term = np.where(term <= cal.today, term, NO_DATE)
    f = Frame("discountplansub", n)
    f.update(
        {
            "DiscountSubNum": keys.take("discountplansub", n),
            "DiscountPlanNum": payers.discount_plan_num[plan],
            "PatNum": patients.pat_num[member],
            "DateEffective": effective,
            "DateTerm": term,
            "SubNote": np.where(term != NO_DATE, "Did not renew", "").astype(object),
        }
    )
    f.stamp(at_minute(effective, 10 * 60))
    out.add(f)
    return Members(patient=member, plan=plan, effective=effective, term=term)


def member_discount(practice: Practice, visits: Visits, members: Members) -> Floats:
    """Per procedure: the membership discount, the office's fee less the plan's fee schedule's
    (none for procedures of non-members or outside the membership)."""
    covered = members.covers(visits.proc_patient, visits.proc_date)
    plan_fee = practice.codes.fee[CASH, visits.proc_code] * visits.proc_units
    office_fee = visits.proc_fee * visits.proc_units
    return np.where(covered, np.round(np.maximum(office_fee - plan_fee, 0), 2), 0.0)
