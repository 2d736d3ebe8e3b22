"""The back office's routines over a unit's span, once its money and records are in `out`.

Deposits at each day's close-out, payment plans linked to what they finance, the insurance
verification history, and the follow-up on claims, on the unit's own random stream (so the
other domains' values do not depend on it).
"""

from __future__ import annotations

import numpy as np

from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.claim_follow_up import follow_up_claims
from dental_analytics.synthetic.context import Calendar, KeyCounter
from dental_analytics.synthetic.money_desk import (
    close_out_days,
    keep_verification_history,
    link_payment_plans,
)
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.visits import Visits


def build_back_office(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Generate deposit, payplanlink, insverifyhist and claimtracking into `out`, and settle the
    payments' and checks' deposits and the claims' follow-up statuses on their rows there."""
    close_out_days(cal, practice, keys, rng, out)
    link_payment_plans(patients, visits, keys, out)
    keep_verification_history(cal, practice, patients, visits, offices.user_num, keys, rng, out)
    follow_up_claims(cal, practice, offices.user_num, keys, rng, out)
