"""Labels for OpenDental's enum codes: the words a practice manager would use.

Every enum value of the schema module gets one lower-case snake_case label. Most come from the
value's C# name (`UnschedList` -> `unscheduled_list`) with OpenDental's abbreviations spelled out;
the key statuses carry labels the team chose (`TP` -> `treatment_planned`). The dbt seed
`opendental_enum_labels` is written from here (`scripts/write_seeds.py`) and a test
keeps the two equal, so a label is never typed twice.
"""

from __future__ import annotations

import csv
import io
import re

from dental_analytics.opendental.schema import TABLES

# Labels the team chose for the statuses the marts and reports read.
LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("procedurelog", "ProcStatus"): {
        "TP": "treatment_planned", "C": "complete", "EC": "existing_current_provider",
        "EO": "existing_other_provider", "R": "referred_out", "D": "deleted", "Cn": "condition",
        "TPi": "treatment_planned_inactive",
    },
    ("appointment", "AptStatus"): {
        "None": "none", "Scheduled": "scheduled", "Complete": "complete",
        "UnschedList": "unscheduled_list", "ASAP": "asap", "Broken": "broken",
        "Planned": "planned", "PtNote": "patient_note", "PtNoteCompleted": "patient_note_completed",
    },
    ("claimproc", "Status"): {
        "NotReceived": "not_received", "Received": "received", "Preauth": "preauthorization",
        "Adjustment": "adjustment", "Supplemental": "supplemental", "CapClaim": "capitation_claim",
        "Estimate": "estimate", "CapComplete": "capitation_complete",
        "CapEstimate": "capitation_estimate", "InsHist": "insurance_history",
    },
}  # fmt: skip

# OpenDental's abbreviations inside value names, spelled out.
_WORDS = {
    "unsched": "unscheduled", "pt": "patient", "appt": "appointment", "apt": "appointment",
    "ins": "insurance", "proc": "procedure", "procs": "procedures", "prov": "provider",
    "pat": "patient", "hm": "home", "wk": "work", "ph": "phone", "tx": "treatment",
    "perio": "periodontal", "def": "definition", "defs": "definitions", "cc": "credit_card",
    "acct": "account", "diff": "different",
}  # fmt: skip
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def label_for(name: str) -> str:
    """The default label of an enum value name: snake_case, abbreviations spelled out."""
    words = [w for part in name.split("_") for w in _CAMEL.split(part) if w]
    return "_".join(_WORDS.get(w.lower(), w.lower()) for w in words)


SEED_COLUMNS = ("table_name", "column_name", "enum_name", "code", "value_name", "label", "is_flag")


def enum_label_rows() -> list[tuple[str, str, str, int, str, str, bool]]:
    """One row per enum value of every enum column of the schema module's tables."""
    rows = []
    for table in TABLES.values():
        for column in table.columns:
            enum = column.enum
            if enum is None:
                continue
            chosen = LABELS.get((table.name, column.name), {})
            for value in enum.values:
                label = chosen.get(value.name) or label_for(value.name)
                rows.append(
                    (table.name, column.name, enum.name, value.value, value.name, label, enum.flags)
                )
    return rows


def enum_label_seed() -> str:
    """The seed's CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SEED_COLUMNS)
    for row in enum_label_rows():
        writer.writerow([str(v).lower() if isinstance(v, bool) else v for v in row])
    return out.getvalue()
