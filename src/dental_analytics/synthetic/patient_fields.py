"""The practice's own patient fields: `patfielddef` (the fields it set up) and `patfield` (values).

Offices add fields OpenDental does not have (preferred contact time, CareCredit status, school,
an anxious-patient flag, ...) and the front desk fills them in for part of the patients, on a day
of the patient's time with the practice. One field was retired and hidden; its values stay on
the patients who had it. The definitions are the practice's, so they are written once, with the
first unit; every unit's patients hold values of them (a value names its field, as OpenDental's
`patfield.FieldName` does).
"""

from __future__ import annotations

import numpy as np

from dental_analytics.opendental import table
from dental_analytics.synthetic import names
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import Calendar, KeyCounter, at_minute, days
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.front_office_params import HIDDEN_PATIENT_FIELD, PATIENT_FIELDS
from dental_analytics.synthetic.offices import Offices
from dental_analytics.synthetic.patients import Patients

_TYPE = table("patfielddef").enum("FieldType")
_PAT_STATUS = table("patient").enum("PatStatus")
FIELDS = (*PATIENT_FIELDS, HIDDEN_PATIENT_FIELD)
_CHILDREN_ONLY, _ADULTS_ONLY = "School", "CareCredit status"


def define_patient_fields(
    cal: Calendar, offices: Offices, keys: KeyCounter, out: ChangeSet
) -> None:
    """Write `patfielddef` (with the first unit only: the definitions are the practice's)."""
    if offices.unit != 0:
        return
    n = len(FIELDS)
    f = Frame("patfielddef", n)
    f.update(
        {
            "PatFieldDefNum": keys.take("patfielddef", n),
            "FieldName": np.array([d[0] for d in FIELDS], dtype=object),
            "FieldType": np.array([_TYPE.code(d[1]) for d in FIELDS], dtype=np.int64),
            "PickList": np.array(
                ["\r\n".join(d[2]) if d[1] == "PickList" else "" for d in FIELDS], dtype=object
            ),
            "ItemOrder": np.arange(n),
            "IsHidden": np.array([d is HIDDEN_PATIENT_FIELD for d in FIELDS], dtype=np.int64),
        }
    )
    out.add(f)


def fill_in_patient_fields(
    cal: Calendar,
    offices: Offices,
    patients: Patients,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Write `patfield`: each field's value for its share of the patients seen by the as-of date,
    entered by a front-desk user of the patient's clinic on a day of their time with the practice."""
    seen = np.flatnonzero(
        (patients.arrival <= cal.today) & (patients.status != _PAT_STATUS.code("NonPatient"))
    )
    hidden_until = cal.start + np.timedelta64(365, "D")
    who, field, value, entered = [], [], [], []
    for k, (name, kind, values, share) in enumerate(FIELDS):
        pool = seen
        if name == _CHILDREN_ONLY:
            pool = seen[patients.is_child[seen]]
        elif name == _ADULTS_ONLY:
            pool = seen[~patients.is_child[seen]]
        elif k == len(FIELDS) - 1:  # the retired field: only patients who came before it was
            pool = seen[patients.arrival[seen] < hidden_until]
        chosen = pool[rng.random(len(pool)) < share]
        start = np.maximum(patients.arrival[chosen], cal.start)
        last = hidden_until if k == len(FIELDS) - 1 else cal.today
        span = np.maximum((last - start).astype(np.int64), 1)
        day = start + days((rng.random(len(chosen)) * span).astype(np.int64))
        if kind == "Date":
            v = np.array([str(d) for d in day], dtype=object)
            v = np.array([f"{s[5:7]}/{s[8:10]}/{s[:4]}" for s in v], dtype=object)
        else:
            v = names.pick(rng, values, len(chosen))
        who.append(chosen)
        field.append(np.full(len(chosen), name, dtype=object))
        value.append(v)
        entered.append(day)
    patient = np.concatenate(who)
    day = np.concatenate(entered)
    order = np.lexsort((patient, day))
    n = len(patient)
    clinic = patients.clinic[patient][order]
    first = np.searchsorted(offices.user_clinic, clinic, side="left")
    count = np.searchsorted(offices.user_clinic, clinic, side="right") - first
    user = offices.user_num[first + (rng.random(n) * count).astype(np.int64)]
    at = at_minute(day[order], rng.integers(8 * 60, 17 * 60, n))
    f = Frame("patfield", n)
    f.update(
        {
            "PatFieldNum": keys.take("patfield", n),
            "PatNum": patients.pat_num[patient][order],
            "FieldName": np.concatenate(field)[order],
            "FieldValue": np.concatenate(value)[order],
            "SecUserNumEntry": user,
        }
    )
    f.stamp(at)
    out.add(f)
