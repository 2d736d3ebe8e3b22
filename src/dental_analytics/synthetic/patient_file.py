"""What the office keeps on a patient besides the chart: the patient note and record links.

Every patient has a note row (OpenDental's extra patient columns): a family financial note on
some guarantors, a short medical alert on some adults, an emergency contact. Patient links record
duplicate records merged into the right one and records cloned for another office.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from dental_analytics.opendental import table
from dental_analytics.synthetic import names
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import Calendar, KeyCounter, at_minute
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.params import PATIENT_LINK_SHARE
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.records_params import (
    EMERGENCY_CONTACT_P,
    FAMILY_FINANCIAL_NOTE_P,
    MEDICAL_ALERT_P,
    PATIENT_LINK_MERGE_SHARE,
)

_LINK = table("patientlink").enum("LinkType")
_STATUS = table("patient").enum("PatStatus")
MERGE, CLONE = _LINK.code("Merge"), _LINK.code("Clone")
ACTIVE = _STATUS.code("Patient")
# Records left behind by a merge are no longer seen: non-patient, inactive or archived.
_MERGED_AWAY = [_STATUS.code(s) for s in ("NonPatient", "Inactive", "Archived")]

FAMILY_FINANCIAL = (
    "Prefers statements by email.",
    "Pays at each visit.",
    "Payment plan on file.",
    "Call guarantor before running card.",
    "Send statements to work address.",
)
MEDICAL = (
    "Premedicate before treatment.",
    "Latex allergy.",
    "Penicillin allergy.",
    "Check with physician before surgery.",
    "Prefers nitrous for treatment.",
)


def _pick(
    rng: np.random.Generator, words: tuple[str, ...], mask: npt.NDArray[np.bool_]
) -> npt.NDArray[np.object_]:
    return np.where(
        mask, np.asarray(words, dtype=object)[rng.integers(0, len(words), len(mask))], ""
    )


def build_patient_file(
    cal: Calendar, patients: Patients, keys: KeyCounter, rng: np.random.Generator, out: ChangeSet
) -> None:
    """Generate patientnote and patientlink into `out`."""
    n = patients.n
    entered = np.asarray(patients.frame["SecDateEntry"]).astype("datetime64[D]")
    entered_at = at_minute(entered, 9 * 60 + rng.integers(0, 30, n))
    edited = np.maximum(
        entered_at, np.asarray(patients.frame["DateTStamp"]).astype("datetime64[m]")
    )
    adult = ~patients.is_child
    guarantor = patients.guarantor == patients.pat_num
    contact = adult & (rng.random(n) < EMERGENCY_CONTACT_P)
    contact_first = np.where(
        rng.random(n) < 0.5,
        names.pick(rng, names.FIRST_FEMALE, n),
        names.pick(rng, names.FIRST_MALE, n),
    )
    contact_name = names.join(" ", contact_first, np.asarray(patients.frame["LName"], dtype=object))
    ice_phone = np.full(n, "", dtype=object)
    ice_phone[contact] = names.phone_numbers(rng, int(contact.sum()))
    f = Frame("patientnote", n)
    f.update(
        {
            "PatNum": patients.pat_num,
            "FamFinancial": _pick(
                rng, FAMILY_FINANCIAL, guarantor & (rng.random(n) < FAMILY_FINANCIAL_NOTE_P)
            ),
            "Medical": _pick(rng, MEDICAL, adult & (rng.random(n) < MEDICAL_ALERT_P)),
            "ICEName": np.where(contact, contact_name, "").astype(object),
            "ICEPhone": ice_phone,
            "OrthoMonthsTreatOverride": -1,  # OpenDental's "use the practice default"
            "SecDateTEntry": entered_at,
        }
    )
    f.stamp(entered_at, edited)
    out.add(f)

    # --- links: merges of duplicate records, clones for another office ---------------------------
    n_links = round(PATIENT_LINK_SHARE * n)
    active = np.flatnonzero(patients.status == ACTIVE)
    away = np.flatnonzero(np.isin(patients.status, _MERGED_AWAY))
    n_merge = min(round(PATIENT_LINK_MERGE_SHARE * n_links), len(away))
    merge_from = rng.choice(away, n_merge, replace=False)
    clone_from = rng.choice(active, n_links - n_merge, replace=False)
    source = np.concatenate([merge_from, clone_from])
    target = active[rng.integers(0, len(active), n_links)]
    target = np.where(
        target == source, active[(np.searchsorted(active, target) + 1) % len(active)], target
    )
    since = np.maximum(np.maximum(entered[source], entered[target]), cal.start)
    span = ((cal.today - since) / np.timedelta64(1, "D")).astype(np.int64) + 1
    day = since + (rng.random(n_links) * span).astype(np.int64).astype("timedelta64[D]")
    linked = at_minute(day, rng.integers(8 * 60, 17 * 60, n_links))
    order = np.argsort(linked, kind="stable")
    link = Frame("patientlink", n_links)
    link.update(
        {
            "PatientLinkNum": keys.take("patientlink", n_links),
            "PatNumFrom": patients.pat_num[source][order],
            "PatNumTo": patients.pat_num[target][order],
            "LinkType": np.concatenate(
                [np.full(n_merge, MERGE), np.full(n_links - n_merge, CLONE)]
            )[order],
            "DateTimeLink": linked[order],
        }
    )
    out.add(link)
