"""Referral sources and who came from or went to them.

The office keeps a list of specialists it refers to, the marketing channels new patients name,
and the patients who send friends and family. Most new patients name a source when they first
come; some root canals and oral surgery are referred out to the matching specialist for
follow-up, attached to the procedure; some planned ones are referred out instead of done here
(`refer_planned_treatment`).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from dental_analytics.opendental import table
from dental_analytics.synthetic import names
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Calendar,
    Ints,
    KeyCounter,
    at_minute,
    choice_p,
)
from dental_analytics.synthetic.frame import NO_DATE, Frame
from dental_analytics.synthetic.params import REFERRAL_SOURCE_P
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.records_params import (
    PATIENT_REFERRALS,
    PLANNED_REFERRED_OUT_P,
    REFERRAL_CONSULTED_DAYS,
    REFERRAL_SOURCE_KIND_P,
    REFERRED_OUT_P,
    SPECIALIST_REFERRALS,
)
from dental_analytics.synthetic.visit_history import last_per_group
from dental_analytics.synthetic.visits import TP, Visits

_REF_TYPE = table("refattach").enum("RefType")
_TO_STATUS = table("refattach").enum("RefToStatus")
OF_RECORD = table("patient").enum("PatStatus").code("Patient")
REF_TO, REF_FROM = _REF_TYPE.code("RefTo"), _REF_TYPE.code("RefFrom")
TO_SCHEDULED, TO_CONSULTED, TO_COMPLETE = (
    _TO_STATUS.code(n) for n in ("Scheduled", "Consulted", "Complete")
)
REFERRED = table("procedurelog").enum("ProcStatus").code("R")

# Specialty definition -> the practice word their offices go by.
SPECIALTIES = {
    "Endodontist": "Endodontics",
    "Oral surgeon": "Oral Surgery",
    "Periodontist": "Periodontics",
    "Orthodontist": "Orthodontics",
    "Pediatric dentist": "Pediatric Dentistry",
    "Prosthodontist": "Prosthodontics",
}
MARKETING = (
    "Google search",
    "Practice website",
    "Facebook",
    "Instagram",
    "Yelp",
    "Insurance directory",
    "Direct mail",
    "Office signage",
    "Community event",
    "Online booking site",
    "Radio",
    "Employer health fair",
)
# What is referred out, by CDT category, to whom.
REFERRED_OUT = {"endodontics": "Endodontist", "oral_and_maxillofacial_surgery": "Oral surgeon"}


def _digits(phones: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """(503)555-0123 -> 5035550123, as referral.Telephone holds it."""
    text = phones.astype(str)
    for ch in "()-":
        text = np.char.replace(text, ch, "")
    return text.astype(object)


def build_referrals(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Generate referral and refattach into `out`; record each new patient's source."""
    frame = patients.frame
    # --- referral sources ----------------------------------------------------------------------
    n_doc, n_mkt, n_pat = SPECIALIST_REFERRALS, len(MARKETING), PATIENT_REFERRALS
    specialty_names = list(SPECIALTIES)
    doc_specialty = np.array(
        [specialty_names[i % len(SPECIALTIES)] for i in range(n_doc)], dtype=object
    )
    female = rng.random(n_doc) < 0.5
    doc_first = np.where(
        female, names.pick(rng, names.FIRST_FEMALE, n_doc), names.pick(rng, names.FIRST_MALE, n_doc)
    )
    doc_last = names.pick(rng, names.LAST, n_doc)
    city = rng.integers(0, len(names.CITIES), n_doc)
    referrers = np.flatnonzero(
        ~patients.is_new & ~patients.is_child & (patients.status == OF_RECORD)
    )
    ref_pat = np.sort(rng.choice(referrers, min(n_pat, len(referrers)), replace=False))
    n_pat = len(ref_pat)
    n = n_doc + n_mkt + n_pat
    referral_num = keys.take("referral", n)

    def patient_column(name: str) -> npt.NDArray[np.object_]:
        values = frame[name]
        return (
            np.full(n_pat, values, dtype=object)
            if isinstance(values, str)
            else np.asarray(values, dtype=object)[ref_pat]
        )

    empty_m = np.full(n_mkt, "", dtype=object)
    r = Frame("referral", n)
    r.update(
        {
            "ReferralNum": referral_num,
            "LName": np.concatenate(
                [doc_last, np.asarray(MARKETING, dtype=object), patient_column("LName")]
            ),
            "FName": np.concatenate([doc_first, empty_m, patient_column("FName")]),
            "Specialty": np.concatenate(
                [
                    np.array(
                        [practice.def_num("ProviderSpecialties", s) for s in doc_specialty],
                        dtype=np.int64,
                    ),
                    np.zeros(n_mkt + n_pat, np.int64),
                ]
            ),
            "ST": np.concatenate(
                [np.full(n_doc, names.STATE, dtype=object), empty_m, patient_column("State")]
            ),
            "Telephone": np.concatenate(
                [
                    _digits(names.phone_numbers(rng, n_doc)),
                    empty_m,
                    _digits(patient_column("HmPhone")),
                ]
            ),
            "Address": np.concatenate(
                [names.street_addresses(rng, n_doc), empty_m, patient_column("Address")]
            ),
            "City": np.concatenate(
                [
                    np.array([names.CITIES[i][0] for i in city], dtype=object),
                    empty_m,
                    patient_column("City"),
                ]
            ),
            "Zip": np.concatenate(
                [
                    np.array([names.CITIES[i][1] for i in city], dtype=object),
                    empty_m,
                    patient_column("Zip"),
                ]
            ),
            "NotPerson": np.concatenate(
                [np.zeros(n_doc, np.int64), np.ones(n_mkt, np.int64), np.zeros(n_pat, np.int64)]
            ),
            "Title": np.concatenate(
                [
                    np.where(rng.random(n_doc) < 0.6, "DDS", "DMD").astype(object),
                    empty_m,
                    np.full(n_pat, "", dtype=object),
                ]
            ),
            "EMail": np.concatenate(
                [
                    np.array(
                        [f"referrals{k}@example.com" for k in referral_num[:n_doc]], dtype=object
                    ),
                    empty_m,
                    patient_column("Email"),
                ]
            ),
            "PatNum": np.concatenate(
                [np.zeros(n_doc + n_mkt, np.int64), patients.pat_num[ref_pat]]
            ),
            "NationalProvID": np.concatenate(
                [
                    np.array(
                        [f"1{x:09d}" for x in rng.integers(0, 999_999_999, n_doc)], dtype=object
                    ),
                    np.full(n_mkt + n_pat, "", dtype=object),
                ]
            ),
            "IsDoctor": np.concatenate(
                [np.ones(n_doc, np.int64), np.zeros(n_mkt + n_pat, np.int64)]
            ),
            "IsPreferred": np.concatenate(
                [(rng.random(n_doc) < 0.4).astype(np.int64), np.zeros(n_mkt + n_pat, np.int64)]
            ),
            "BusinessName": np.concatenate(
                [
                    np.array(
                        [
                            f"{last} {SPECIALTIES[s]}"
                            for last, s in zip(doc_last, doc_specialty, strict=True)
                        ],
                        dtype=object,
                    ),
                    np.full(n_mkt + n_pat, "", dtype=object),
                ]
            ),
        }
    )
    r.stamp(np.full(n, at_minute(np.array([cal.start - np.timedelta64(30, "D")]), 9 * 60)[0]))
    out.add(r)

    # --- referred in: new patients who named a source when they first came -------------------------
    new = np.flatnonzero(
        patients.is_new
        & (patients.arrival <= cal.today)
        & (rng.random(patients.n) < REFERRAL_SOURCE_P)
    )
    kind = choice_p(rng, REFERRAL_SOURCE_KIND_P, len(new))
    pick = rng.random(len(new))
    source = np.select(
        [kind == "doctor", kind == "marketing"],
        [(pick * n_doc).astype(np.int64), n_doc + (pick * n_mkt).astype(np.int64)],
        n_doc + n_mkt + (pick * max(n_pat, 1)).astype(np.int64),
    )
    if n_pat == 0:
        source = np.where(source >= n_doc + n_mkt, n_doc, source)
    patients.referral_source[new] = referral_num[source]

    # --- referred out: follow-up of root canals and oral surgery, to the matching specialist ------
    category = practice.codes.category[visits.proc_code]
    out_proc = np.flatnonzero(
        visits.completed
        & np.isin(category, list(REFERRED_OUT))
        & (rng.random(len(visits.proc_num)) < REFERRED_OUT_P)
    )
    planned_out = refer_planned_treatment(cal, practice, visits, rng.spawn(1)[0], out)
    done_here = np.r_[np.ones(len(out_proc), bool), np.zeros(len(planned_out), bool)]
    out_proc = np.concatenate([out_proc, planned_out])
    specialist = np.empty(len(out_proc), np.int64)
    for cat, specialty in REFERRED_OUT.items():
        rows = np.flatnonzero(category[out_proc] == cat)
        pool = np.flatnonzero(doc_specialty == specialty)
        specialist[rows] = pool[rng.integers(0, len(pool), len(rows))]
    o_pat = visits.proc_patient[out_proc]

    pat = np.concatenate([new, o_pat])
    # A new patient's source is recorded at their first visit (or arrival, if not yet seen).
    first_apt = last_per_group(
        visits.apt_patient, visits.apt_date.astype(np.int64), patients.n, smallest=True
    )
    first_day = np.where(
        first_apt[new] >= 0, visits.apt_date[np.maximum(first_apt[new], 0)], patients.arrival[new]
    )
    ref_date = np.concatenate(
        [np.minimum(first_day, patients.arrival[new]), visits.proc_date_tp[out_proc]]
    )
    is_from = np.arange(len(pat)) < len(new)
    order = np.lexsort((~is_from, ref_date, pat))
    first = np.r_[True, pat[order][1:] != pat[order][:-1]] if len(pat) else np.zeros(0, bool)
    start = np.maximum.accumulate(np.where(first, np.arange(len(pat)), 0))
    item_order = np.empty(len(pat), np.int64)
    item_order[order] = np.arange(len(pat)) - start + 1
    n_att = len(pat)
    # Follow-ups of work done here are complete; a planned referral is scheduled with the
    # specialist, and consulted once it is old enough.
    consulted = visits.proc_date_tp[out_proc] <= cal.today - np.timedelta64(
        REFERRAL_CONSULTED_DAYS, "D"
    )
    to_status = np.concatenate(
        [
            np.zeros(len(new), np.int64),
            np.where(done_here, TO_COMPLETE, np.where(consulted, TO_CONSULTED, TO_SCHEDULED)),
        ]
    )
    a = Frame("refattach", n_att)
    a.update(
        {
            "RefAttachNum": keys.take("refattach", n_att),
            "ReferralNum": np.concatenate([referral_num[source], referral_num[specialist]]),
            "PatNum": patients.pat_num[pat],
            "ItemOrder": item_order,
            "RefDate": ref_date,
            "RefType": np.where(is_from, REF_FROM, REF_TO),
            "RefToStatus": np.where(is_from, 0, to_status),
            "IsTransitionOfCare": (~is_from).astype(np.int64),
            "ProcNum": np.concatenate([np.zeros(len(new), np.int64), visits.proc_num[out_proc]]),
            "DateProcComplete": np.concatenate(
                [
                    np.full(len(new), NO_DATE),
                    np.where(
                        done_here, visits.proc_date[out_proc].astype("datetime64[D]"), NO_DATE
                    ),
                ]
            ),
            "ProvNum": np.concatenate([np.zeros(len(new), np.int64), patients.dentist[o_pat]]),
        }
    )
    a.stamp(
        at_minute(
            np.concatenate(
                [
                    ref_date[: len(new)],
                    np.where(done_here, visits.proc_date[out_proc], visits.proc_date_tp[out_proc]),
                ]
            ),
            12 * 60,
        )
    )
    out.add(a)


def refer_planned_treatment(
    cal: Calendar, practice: Practice, visits: Visits, rng: np.random.Generator, out: ChangeSet
) -> Ints:
    """Planned root canals and oral surgery, not on an appointment, that the dentist refers to
    the specialist instead (`PLANNED_REFERRED_OUT_P`): the procedure becomes Referred. Returns
    the procedures (indexes into the visits' procedures)."""
    category = practice.codes.category[visits.proc_code]
    planned = np.flatnonzero(
        (visits.proc_status == TP)
        & (visits.proc_apt == 0)
        & (visits.proc_date_tp <= cal.today)
        & np.isin(category, list(REFERRED_OUT))
    )
    referred = planned[rng.random(len(planned)) < PLANNED_REFERRED_OUT_P]
    out.amend(
        "procedurelog", visits.proc_num[referred], {"ProcStatus": np.full(len(referred), REFERRED)}
    )
    return referred
