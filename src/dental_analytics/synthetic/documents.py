"""The images module and patient forms: documents, sheets and their fields.

Radiographs are taken at the visits that bill a radiograph code and are filed under their image
category, named after the visit's date; part of them stay in the imaging bridge's own store. The
front desk scans insured patients' cards at their first visit. New patients fill registration
and medical-history forms online before their first visit, returning patients update their
history now and then, and surgery and root canals are consented on a form or a scanned paper.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dental_analytics.opendental import table
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.context import (
    Calendar,
    Ints,
    KeyCounter,
    Strings,
    Times,
    minutes,
)
from dental_analytics.synthetic.frame import NO_DATETIME, Frame
from dental_analytics.synthetic.patients import Patients
from dental_analytics.synthetic.practice import Practice
from dental_analytics.synthetic.records_params import (
    CONSENT_SCAN_P,
    CONSENT_SHEET_P,
    INSURANCE_CARD_SCAN_P,
    MEDICAL_HISTORY_UPDATE_P,
    NEW_PATIENT_WEB_FORMS_P,
    RADIOGRAPH_STORED_P,
)
from dental_analytics.synthetic.visit_history import (
    HygieneHistory,
    apt_index,
    last_per_group,
)
from dental_analytics.synthetic.visits import COMPLETE, Visits

_IMAGE = table("document").enum("ImgType")
_SHEET = table("sheet").enum("SheetType")
_FIELD = table("sheetfield").enum("FieldType")
DOCUMENT, RADIOGRAPH = _IMAGE.code("Document"), _IMAGE.code("Radiograph")
REGISTRATION, MEDICAL_HISTORY, CONSENT = (
    _SHEET.code("PatientForm"),
    _SHEET.code("MedicalHistory"),
    _SHEET.code("Consent"),
)
STATIC, INPUT, OUTPUT, CHECK, SIGNATURE, PRACTICE_SIGNATURE = (
    _FIELD.code(n)
    for n in ("StaticText", "InputField", "OutputText", "CheckBox", "SigBox", "SigBoxPractice")
)

# Radiograph code -> (image category, short description used in the file name).
RADIOGRAPHS = {
    "D0210": ("Full mouth series", "FMX"),
    "D0274": ("Bitewings", "4BW"),
    "D0272": ("Bitewings", "2BW"),
    "D0330": ("Panoramic", "Pano"),
}
_FONT = "Microsoft Sans Serif"
_BLACK = -16_777_216
_SURGICAL = ("endodontics", "oral_and_maxillofacial_surgery")


def _day_text(at: Times) -> Strings:
    return np.datetime_as_string(at.astype("datetime64[D]")).astype(object)


@dataclass(frozen=True)
class _Field:
    """One field of a sheet layout; `value` names a source filled per sheet."""

    kind: int
    name: str
    value: str  # a constant, or "{Column}" of the patient row, or "X?p" (checked with chance p)
    x: int
    y: int
    width: int = 300
    height: int = 20


_REGISTRATION = (
    _Field(STATIC, "", "Patient registration", 300, 40, 250, 30),
    _Field(INPUT, "LName", "{LName}", 100, 120),
    _Field(INPUT, "FName", "{FName}", 450, 120),
    _Field(INPUT, "Birthdate", "{Birthdate}", 100, 160),
    _Field(INPUT, "address", "{Address}", 100, 200),
    _Field(INPUT, "City", "{City}", 100, 240),
    _Field(INPUT, "State", "{State}", 450, 240, 50),
    _Field(INPUT, "Zip", "{Zip}", 550, 240, 100),
    _Field(INPUT, "wirelessPhone", "{WirelessPhone}", 100, 280),
    _Field(INPUT, "Email", "{Email}", 450, 280),
    _Field(SIGNATURE, "", "", 100, 900, 364, 81),
)
_MEDICAL_HISTORY = (
    _Field(STATIC, "", "Medical history", 300, 40, 250, 30),
    _Field(CHECK, "problem:High blood pressure", "X?0.25", 100, 140, 15, 15),
    _Field(CHECK, "problem:Heart disease", "X?0.06", 100, 170, 15, 15),
    _Field(CHECK, "problem:Diabetes", "X?0.1", 100, 200, 15, 15),
    _Field(CHECK, "problem:Asthma", "X?0.08", 100, 230, 15, 15),
    _Field(CHECK, "problem:Artificial joint", "X?0.04", 100, 260, 15, 15),
    _Field(CHECK, "allergy:Penicillin", "X?0.08", 450, 140, 15, 15),
    _Field(CHECK, "allergy:Latex", "X?0.03", 450, 170, 15, 15),
    _Field(INPUT, "misc", "", 100, 320, 600, 60),
    _Field(SIGNATURE, "", "", 100, 900, 364, 81),
)
_CONSENT = (
    _Field(STATIC, "", "Consent for treatment", 300, 40, 250, 30),
    _Field(OUTPUT, "patient.nameFL", "{nameFL}", 100, 120),
    _Field(OUTPUT, "dateToday", "{date}", 450, 120, 150),
    _Field(
        STATIC,
        "",
        "The planned treatment, its risks and other options were explained.",
        100,
        180,
        650,
        60,
    ),
    _Field(CHECK, "misc", "X", 100, 260, 15, 15),
    _Field(STATIC, "", "My questions were answered.", 130, 260, 400),
    _Field(SIGNATURE, "", "", 100, 900, 364, 81),
    _Field(PRACTICE_SIGNATURE, "", "", 500, 900, 364, 81),
)
SHEET_LAYOUTS = {
    REGISTRATION: ("Registration form", _REGISTRATION),
    MEDICAL_HISTORY: ("Medical history", _MEDICAL_HISTORY),
    CONSENT: ("Consent for treatment", _CONSENT),
}


def _surgical_visits(practice: Practice, visits: Visits) -> Ints:
    """Completed visits with a root canal or oral surgery (appointment indexes)."""
    surgical = visits.completed & (visits.proc_apt > 0)
    surgical &= np.isin(practice.codes.category[visits.proc_code], _SURGICAL)
    return apt_index(visits, np.unique(visits.proc_apt[surgical]))


def build_documents(
    cal: Calendar,
    practice: Practice,
    patients: Patients,
    visits: Visits,
    history: HygieneHistory,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Generate document, sheet and sheetfield into `out`."""
    surgical = _surgical_visits(practice, visits)
    consent = rng.random(len(surgical))
    sheet_consent = surgical[consent < CONSENT_SHEET_P]
    scanned_consent = surgical[
        (consent >= CONSENT_SHEET_P) & (consent < CONSENT_SHEET_P + CONSENT_SCAN_P)
    ]
    _documents(practice, patients, visits, scanned_consent, keys, rng, out)
    _sheets(cal, patients, visits, history, sheet_consent, keys, rng, out)


def _documents(
    practice: Practice,
    patients: Patients,
    visits: Visits,
    scanned_consent: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    codes = practice.codes
    category = {
        name: practice.def_num("ImageCats", name)
        for name in (
            "Full mouth series",
            "Bitewings",
            "Panoramic",
            "Insurance cards and ID",
            "Consent forms",
        )
    }
    # Radiographs, taken early in the visit, by the provider who billed them.
    xray_codes = np.array([codes.index(c) for c in RADIOGRAPHS], dtype=np.int64)
    xr = np.flatnonzero(
        visits.completed & (visits.proc_apt > 0) & np.isin(visits.proc_code, xray_codes)
    )
    xr = xr[rng.random(len(xr)) < RADIOGRAPH_STORED_P]
    which = np.searchsorted(xray_codes, visits.proc_code[xr], sorter=np.argsort(xray_codes))
    which = np.argsort(xray_codes)[which]
    spec = list(RADIOGRAPHS.values())
    xr_apt = apt_index(visits, visits.proc_apt[xr])

    # Insurance cards, scanned when an insured patient first comes in.
    done = np.flatnonzero(visits.apt_status == COMPLETE)
    first = last_per_group(
        visits.apt_patient[done],
        visits.apt_date[done].astype(np.int64),
        patients.n,
        smallest=True,
    )
    card_pat = np.flatnonzero(
        (first >= 0) & patients.insured & (rng.random(patients.n) < INSURANCE_CARD_SCAN_P)
    )
    first_visit = np.where(first >= 0, done[np.maximum(first, 0)], -1) if len(done) else first
    card_apt = first_visit[card_pat]

    apt = np.concatenate([xr_apt, card_apt, scanned_consent])
    n = len(apt)
    card_kind, consent_kind = len(spec), len(spec) + 1  # after the radiograph kinds
    kinds = np.concatenate(
        [
            which,
            np.full(len(card_apt), card_kind),
            np.full(len(scanned_consent), consent_kind),
        ]
    )
    names = [s[1] for s in spec] + ["InsCard", "Consent"]
    cats = [category[s[0]] for s in spec] + [
        category["Insurance cards and ID"],
        category["Consent forms"],
    ]
    descriptions = [s[1] for s in spec] + ["Insurance card", "Signed consent"]
    offset = np.select(
        [kinds < card_kind, kinds == card_kind],
        [rng.integers(5, 25, n), rng.integers(-15, -3, n)],
        rng.integers(-10, -2, n),
    )
    created = visits.apt_at[apt].astype("datetime64[m]") + minutes(offset)
    order = np.lexsort((kinds, created))
    apt, kinds, created = apt[order], kinds[order], created[order]
    is_xray = kinds < card_kind
    doc_num = keys.take("document", n)
    stem = np.asarray(names, dtype=object)[kinds]
    ext = np.where(kinds == consent_kind, ".pdf", ".jpg").astype(object)
    file_name = np.array(
        [
            f"{s}_{d}_{k}{e}"
            for s, d, k, e in zip(stem, _day_text(created), doc_num, ext, strict=True)
        ],
        dtype=object,
    )
    xr_prov = np.zeros(n, np.int64)
    xr_prov[np.flatnonzero(is_xray)] = visits.proc_prov[xr][order[is_xray]]
    d = Frame("document", n)
    d.update(
        {
            "DocNum": doc_num,
            "Description": np.asarray(descriptions, dtype=object)[kinds],
            "DateCreated": created,
            "DocCategory": np.asarray(cats, dtype=np.int64)[kinds],
            "PatNum": patients.pat_num[visits.apt_patient[apt]],
            "FileName": file_name,
            "ImgType": np.where(is_xray, RADIOGRAPH, DOCUMENT),
            "ProvNum": xr_prov,
            "PrintHeading": is_xray.astype(np.int64),
            "ExternalSource": "None",
        }
    )
    d.stamp(created)
    out.add(d)


def _sheets(
    cal: Calendar,
    patients: Patients,
    visits: Visits,
    history: HygieneHistory,
    consent_visits: Ints,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    # New patients fill both intake forms online in the days before their first visit.
    new = np.flatnonzero(
        patients.is_new
        & (history.first_done >= 0)
        & (rng.random(patients.n) < NEW_PATIENT_WEB_FORMS_P)
    )
    first = history.first_done[new]
    lead = minutes(rng.integers(2 * 60, 5 * 24 * 60, len(new)))
    intake_at = np.maximum(
        visits.apt_at[first].astype("datetime64[m]") - lead,
        visits.apt_created[first].astype("datetime64[m]") + np.timedelta64(30, "m"),
    )
    # Returning patients are asked to update their history once a year, at the year's first
    # hygiene visit; part of them do it on the office's tablet.
    hyg = np.flatnonzero(visits.apt_is_hygiene & (visits.apt_status == COMPLETE))
    first_day = visits.apt_date[np.maximum(history.first_done, 0)]
    later = hyg[visits.apt_date[hyg] > first_day[visits.apt_patient[hyg]]]
    year = visits.apt_date[later].astype("datetime64[Y]").astype(np.int64)
    _, patient_year = np.unique(visits.apt_patient[later] * 10_000 + year, return_inverse=True)
    yearly = last_per_group(
        patient_year,
        visits.apt_date[later].astype(np.int64),
        int(patient_year.max(initial=-1)) + 1,
        smallest=True,
    )
    update = np.sort(later[yearly])
    update = update[rng.random(len(update)) < MEDICAL_HISTORY_UPDATE_P]
    update_at = visits.apt_at[update].astype("datetime64[m]") - minutes(
        rng.integers(5, 20, len(update))
    )
    consent_at = visits.apt_at[consent_visits].astype("datetime64[m]") - np.timedelta64(10, "m")

    pat = np.concatenate([new, new, visits.apt_patient[update], visits.apt_patient[consent_visits]])
    kind = np.concatenate(
        [
            np.full(len(new), REGISTRATION),
            np.full(len(new), MEDICAL_HISTORY),
            np.full(len(update), MEDICAL_HISTORY),
            np.full(len(consent_visits), CONSENT),
        ]
    )
    at = np.concatenate([intake_at, intake_at + np.timedelta64(4, "m"), update_at, consent_at])
    web = np.concatenate(
        [np.ones(2 * len(new), np.int64), np.zeros(len(update) + len(consent_visits), np.int64)]
    )
    order = np.argsort(at, kind="stable")
    pat, kind, at, web = pat[order], kind[order], at[order], web[order]
    n = len(pat)
    sheet_num = keys.take("sheet", n)
    s = Frame("sheet", n)
    s.update(
        {
            "SheetNum": sheet_num,
            "SheetType": kind,
            "PatNum": patients.pat_num[pat],
            "DateTimeSheet": at,
            "FontSize": 11.0,
            "FontName": _FONT,
            "Width": 850,
            "Height": 1100,
            "Description": np.array([SHEET_LAYOUTS[int(k)][0] for k in kind], dtype=object)
            if n
            else np.zeros(0, dtype=object),
            "IsWebForm": web,
            "ClinicNum": patients.clinic[pat],
            "HasMobileLayout": web,
        }
    )
    s.stamp(at)
    out.add(s)
    _sheet_fields(patients, sheet_num, kind, pat, at, keys, rng, out)


def _patient_values(patients: Patients, source: str, pat: Ints, at: Times) -> Strings:
    frame = patients.frame
    if source == "{nameFL}":
        first = np.asarray(frame["FName"], dtype=object)[pat].astype(str)
        last = np.asarray(frame["LName"], dtype=object)[pat].astype(str)
        return np.char.add(np.char.add(first, " "), last).astype(object)
    if source == "{date}":
        return _day_text(at)
    if source == "{Birthdate}":
        return _day_text(patients.birthdate[pat])
    values = frame[source[1:-1]]
    if isinstance(values, str):
        return np.full(len(pat), values, dtype=object)
    return np.asarray(values, dtype=object)[pat]


def _sheet_fields(
    patients: Patients,
    sheet_num: Ints,
    kind: Ints,
    pat: Ints,
    at: Times,
    keys: KeyCounter,
    rng: np.random.Generator,
    out: ChangeSet,
) -> None:
    """Every field of every sheet, laid out as its form, filled from the patient's record."""
    parts: dict[str, list[npt.NDArray[np.generic]]] = {}
    for sheet_kind, (_, layout) in SHEET_LAYOUTS.items():
        rows = np.flatnonzero(kind == sheet_kind)
        m, t = len(rows), len(layout)
        values = np.empty((m, t), dtype=object)
        for j, field in enumerate(layout):
            if field.value.startswith("{"):
                values[:, j] = _patient_values(patients, field.value, pat[rows], at[rows])
            elif field.value.startswith("X?"):
                values[:, j] = np.where(rng.random(m) < float(field.value[2:]), "X", "")
            else:
                values[:, j] = field.value
        field_kind = np.array([f.kind for f in layout], dtype=np.int64)
        tab = np.cumsum(np.isin(field_kind, [INPUT, CHECK])) * np.isin(field_kind, [INPUT, CHECK])
        signed = np.isin(field_kind, [SIGNATURE, PRACTICE_SIGNATURE])
        columns: dict[str, npt.NDArray[np.generic]] = {
            "SheetNum": np.repeat(sheet_num[rows], t),
            "FieldType": np.tile(field_kind, m),
            "FieldName": np.tile(np.array([f.name for f in layout], dtype=object), m),
            "FieldValue": values.ravel(),
            "XPos": np.tile([f.x for f in layout], m),
            "YPos": np.tile([f.y for f in layout], m),
            "Width": np.tile([f.width for f in layout], m),
            "Height": np.tile([f.height for f in layout], m),
            "TabOrder": np.tile(tab, m),
            "DateTimeSig": np.where(
                np.tile(signed, m),
                np.repeat(at[rows].astype("datetime64[us]"), t),
                NO_DATETIME,
            ),
            "FontIsBold": np.tile(
                (field_kind == STATIC) & (np.array([f.y for f in layout]) < 60), m
            ),
        }
        for name, column in columns.items():
            parts.setdefault(name, []).append(column)
    n = sum(len(p) for p in parts["SheetNum"])
    order = np.argsort(np.concatenate(parts["SheetNum"]), kind="stable")
    f = Frame("sheetfield", n)
    f["SheetFieldNum"] = keys.take("sheetfield", n)
    for name, chunks in parts.items():
        column = np.concatenate(chunks)[order]
        f[name] = column.astype(np.int64) if column.dtype == bool else column
    f["FontSize"] = 11.0
    f["FontName"] = _FONT
    f["ItemColor"] = _BLACK
    out.add(f)
