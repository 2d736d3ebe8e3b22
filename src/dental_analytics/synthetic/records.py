"""The practice's records around the visits: communications, charting, documents, tasks, logs.

Runs once a unit's visits, claims and payments exist, and reads them (the `Visits` arrays and the
unit's rows already in `out`), so that every reminder, note, form and log entry belongs to
something that happened, when it happened.
"""

from __future__ import annotations

import numpy as np

from dental_analytics.synthetic.audit import build_audit
from dental_analytics.synthetic.automated_messages import AutomatedSends
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.charting import build_charting
from dental_analytics.synthetic.communications import build_communications
from dental_analytics.synthetic.context import Calendar, KeyCounter
from dental_analytics.synthetic.documents import build_documents
from dental_analytics.synthetic.office_admin import build_office_admin
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.patient_file import build_patient_file
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.referrals import build_referrals
from dental_analytics.synthetic.staff import Staff, build_user_preferences
from dental_analytics.synthetic.tasks import build_tasks
from dental_analytics.synthetic.visit_history import hygiene_history
from dental_analytics.synthetic.visits import Visits


def build_records(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> AutomatedSends:
    """Generate the unit's 23 record tables into `out` (and each new patient's referral source);
    return the automated messages' sends, which the front-office step writes as texts and emails.

    Reads the unit's appointment, procedurelog, userod, patplan, inssub, statement and payment
    rows from `out`, so it runs after visits, claims and payments.
    """
    staff = Staff.of(offices, out, practice.admin_user_num)
    # Their own random stream, so adding them left the other records' draws as they were.
    build_user_preferences(offices, keys, rng.spawn(1)[0], out)
    history = hygiene_history(patients, visits, cal.today)
    build_patient_file(cal, patients, keys, rng, out)
    build_referrals(cal, practice, patients, visits, keys, rng, out)
    confirmations, automated = build_communications(
        cal, practice, patients, visits, history, staff, offices.clinic_num, keys, rng, out
    )
    build_charting(cal, practice, patients, visits, staff, keys, rng, out)
    build_documents(cal, practice, patients, visits, history, keys, rng, out)
    build_tasks(cal, practice, patients, visits, staff, keys, rng, out)
    build_office_admin(cal, practice, offices, patients, visits, staff, keys, rng, out)
    build_audit(
        cal, practice, patients, visits, confirmations, automated.sends, staff, keys, rng, out
    )
    return automated.sends
