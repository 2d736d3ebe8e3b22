"""The front office around the records: the staff and their time clock, the texts and emails
behind the communication log, and the practice's own patient fields.

Runs once a unit's records exist (it reads their rows in `out` and the automation's sends), on its
own random stream, so the tables generated before it keep their values; the only columns of
earlier tables it sets are the keys that point at its rows (`userod.EmployeeNum`,
`timeadjust.EmployeeNum`, `appointment.Assistant` and its history rows' `Assistant`,
`apptremindersent.MessageFk`).
"""

from __future__ import annotations

import numpy as np

from dental_analytics.synthetic.automated_messages import AutomatedSends
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import Calendar, KeyCounter
from dental_analytics.synthetic.employees import build_staff
from dental_analytics.synthetic.messaging import build_messages
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.patient_fields import define_patient_fields, fill_in_patient_fields
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.visits import Visits


def build_front_office(
    cal: Calendar,
    practice: Practice,
    offices: Offices,
    patients: Patients,
    visits: Visits,
    sends: AutomatedSends,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Generate the unit's employee, clockevent, smstomobile, smsfrommobile, emailmessage,
    confirmationrequest and patfield rows (and the practice's patfielddef) into `out`."""
    staff_rng, message_rng, field_rng = rng.spawn(3)
    build_staff(cal, offices, keys, staff_rng, out)
    build_messages(cal, practice, patients, visits, sends, keys, message_rng, out)
    define_patient_fields(cal, offices, keys, out)
    fill_in_patient_fields(cal, offices, patients, keys, field_rng, out)
