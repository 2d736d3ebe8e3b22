"""Write a first draft of `stg_opendental__<table>.sql` for tables that have none yet.

The draft applies the staging conventions mechanically (keys, sentinels, money, booleans, enum
labels, snake_case names); people then choose the readable names and write the YAML. Existing
models are never overwritten.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from dental_analytics.opendental import TABLES
from dental_analytics.opendental.labels import label_for
from dental_analytics.opendental.schema import Column, Table

STAGING = Path("dbt_dental_models/models/staging/opendental")

# The id name each table's key takes in staging (CONVENTIONS.md: named for what it points to).
ENTITY = {
    "patient": "patient", "provider": "provider", "clinic": "clinic", "procedurecode": "procedure_code",
    "definition": "definition", "appointment": "appointment", "procedurelog": "procedure",
    "fee": "fee", "feesched": "fee_schedule", "adjustment": "adjustment", "carrier": "carrier",
    "insplan": "insurance_plan", "inssub": "insurance_subscriber", "patplan": "patient_plan",
    "claim": "claim", "claimproc": "claim_procedure", "claimpayment": "claim_payment",
    "payment": "payment", "paysplit": "payment_split", "commlog": "communication",
    "recall": "recall", "recalltype": "recall_type", "patientnote": "patient",
    "patientlink": "patient_link", "document": "document", "sheet": "sheet", "task": "task",
    "tasklist": "task_list", "benefit": "benefit", "insverify": "insurance_verification",
    "employer": "employer", "schedule": "schedule", "operatory": "operatory", "userod": "user",
    "statement": "statement", "payplan": "payment_plan", "payplancharge": "payment_plan_charge",
    "histappointment": "appointment_history", "entrylog": "entry_log",
    "securitylog": "security_log", "refattach": "referral_attachment", "referral": "referral",
    "treatplan": "treatment_plan", "proctp": "treatment_plan_procedure",
    "appointmenttype": "appointment_type", "claimsnapshot": "claim_snapshot",
    "etrans": "electronic_transaction", "eobattach": "eob_attachment",
    "timeadjust": "time_adjustment", "zipcode": "zipcode", "toothinitial": "tooth_initial",
    "procgroupitem": "procedure_group_item", "insbluebook": "insurance_blue_book",
    "perioexam": "perio_exam", "sheetfield": "sheet_field", "program": "program",
    "programproperty": "program_property", "userodpref": "user_preference",
    "apptreminderrule": "reminder_rule", "apptremindersent": "reminder_sent",
    "deposit": "deposit", "payplanlink": "payment_plan_link", "insfilingcode": "insurance_filing_code",
    "claimtracking": "claim_tracking", "insverifyhist": "insurance_verification_history",
    "discountplan": "discount_plan", "discountplansub": "discount_plan_subscription",
    "periomeasure": "perio_measure", "laboratory": "laboratory", "labcase": "lab_case",
    "orthocase": "ortho_case", "orthoschedule": "ortho_schedule",
    "orthoplanlink": "ortho_plan_link", "orthoproclink": "ortho_procedure_link",
    "procnote": "procedure_note", "medication": "medication",
    "medicationpat": "patient_medication", "allergydef": "allergy_definition",
    "allergy": "allergy", "diseasedef": "problem_definition", "disease": "patient_problem",
    "treatplanattach": "treatment_plan_attachment", "employee": "employee",
    "clockevent": "clock_event", "providerclinic": "provider_clinic",
    "emailmessage": "email_message", "smstomobile": "text_sent", "smsfrommobile": "text_received",
    "confirmationrequest": "confirmation_request", "patfielddef": "patient_field_definition",
    "patfield": "patient_field",
}  # fmt: skip
_STAMPS = {"DateTStamp": "updated_at", "SecDateTEdit": "updated_at", "SecDateEntry": "created_date",
           "SecDateTEntry": "created_at", "SecUserNumEntry": "created_by_user_id"}  # fmt: skip


def snake(name: str) -> str:
    return label_for(name.rstrip("_"))


def expression(table: Table, column: Column) -> tuple[str, list[tuple[str, str]]]:
    """(group, [(sql, name)]) for one raw column."""
    raw = column.raw_name
    if column.primary_key and len(table.primary_key) == 1 and not column.fk_table:
        return "ids", [(raw, f"{ENTITY[table.name]}_id")]
    if column.name in _STAMPS:
        name = _STAMPS[column.name]
        sql = (
            f"{{{{ od_key('{raw}') }}}}"
            if column.kind == "integer"
            else f"{{{{ od_date('{raw}') }}}}"
            if column.kind == "date"
            else f"{{{{ od_timestamp('{raw}') }}}}"
        )
        return "metadata", [(sql, name)]
    if column.fk_table and column.kind == "integer":
        target = ENTITY.get(column.fk_table, column.fk_table)
        base = snake(column.name)
        name = (
            f"{target}_id"
            if column.name == column.fk_column
            else f"{re.sub(r'_num$', '', base)}_{target}_id"
        )
        if column.name == column.fk_column and column.primary_key:
            name = f"{target}_id"
        return "ids", [(f"{{{{ od_key('{raw}') }}}}", name)]
    if column.enum is not None:
        base = snake(column.name)
        if column.enum.flags:
            flags = [
                (f"{{{{ od_flag('{raw}', {v.value}) }}}}", f"is_{label_for(v.name)}")
                for v in column.enum.values
                if v.value > 0
            ]
            return "flags", [(raw, f"{base}_flags"), *flags]
        if column.enum_as_string:
            return "codes", [(f"{{{{ od_text('{raw}') }}}}", base)]
        return "codes", [
            (raw, f"{base}_code"),
            (f"{{{{ od_enum_label('{table.name}', '{column.name}', '{raw}') }}}}", base),
        ]
    if column.is_bool:
        base = snake(column.name)
        base = re.sub(r"^is_|^has_", "", base)
        prefix = "has" if column.name.startswith("Has") else "is"
        return "flags", [(f"{{{{ od_bool('{raw}') }}}}", f"{prefix}_{base}")]
    kind = column.kind
    base = snake(column.name)
    if kind == "date":
        return "dates", [
            (
                f"{{{{ od_date('{raw}') }}}}",
                re.sub(r"^date_?", "", base) + "_date" if not base.endswith("date") else base,
            )
        ]
    if kind == "timestamp":
        return "dates", [
            (
                f"{{{{ od_timestamp('{raw}') }}}}",
                re.sub(r"^date_?time_?|^date_?t_?", "", base) + "_at",
            )
        ]
    if kind == "float" and column.mysql_type.startswith("double"):
        return "amounts", [
            (f"{{{{ od_money('{raw}') }}}}", base if base.endswith("amount") else f"{base}_amount")
        ]
    if kind == "time":
        return "amounts", [(f"{{{{ od_minutes('{raw}') }}}}", f"{base}_minutes")]
    if kind == "string":
        return "attributes", [(f"{{{{ od_text('{raw}') }}}}", base)]
    return "attributes", [(raw, base)]


def draft(table: Table) -> str:
    groups: dict[str, list[tuple[str, str]]] = {
        g: [] for g in ("ids", "dates", "amounts", "attributes", "flags", "codes", "metadata")
    }
    for column in table.columns:
        group, items = expression(table, column)
        groups[group].extend(items)
    groups["metadata"].append(("_loaded_at", "_loaded_at"))
    body = []
    for group, items in groups.items():
        if not items:
            continue
        body.append(f"        -- {group}")
        body += [
            f"        {sql} as {name}," if sql != name else f"        {sql}," for sql, name in items
        ]
        body.append("")
    lines = "\n".join(body).rstrip().rstrip(",")
    return (
        f"with source as (\n    select * from {{{{ source('opendental', '{table.name}') }}}}\n),\n\n"
        f"renamed as (\n    select\n{lines}\n    from source\n)\n\nselect * from renamed\n"
    )


if __name__ == "__main__":
    for name in sys.argv[1:] or TABLES:
        path = STAGING / f"stg_opendental__{name}.sql"
        if path.exists():
            continue
        path.write_text(draft(TABLES[name]))
        print(f"wrote {path}")
