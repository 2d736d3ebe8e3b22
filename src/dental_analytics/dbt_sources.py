"""How the dbt source `opendental` is organised: domains of tables and their freshness windows.

The source files (`models/staging/opendental/_sources/<domain>_sources.yml`) list tables by the
domains below; a test checks that they hold exactly the schema module's tables and columns.
"""

from __future__ import annotations

DOMAINS: dict[str, tuple[str, ...]] = {
    "patients": (
        "patient", "patientnote", "patientlink", "referral", "refattach", "employer", "zipcode",
        "patfielddef", "patfield",
    ),
    "scheduling": ("appointment", "appointmenttype", "schedule", "operatory", "recall", "recalltype"),
    "procedures_and_fees": (
        "procedurelog", "procedurecode", "fee", "feesched", "treatplan", "proctp",
        "procgroupitem", "toothinitial", "perioexam", "periomeasure", "procnote",
        "treatplanattach", "laboratory", "labcase",
    ),
    "orthodontics": ("orthocase", "orthoschedule", "orthoplanlink", "orthoproclink"),
    "medical_history": ("medication", "medicationpat", "allergydef", "allergy", "diseasedef", "disease"),
    "insurance": (
        "carrier", "insplan", "inssub", "patplan", "benefit", "insverify", "insbluebook",
        "insfilingcode", "insverifyhist", "discountplan", "discountplansub",
    ),
    "claims": ("claim", "claimproc", "claimpayment", "claimsnapshot", "etrans", "eobattach", "claimtracking"),
    "payments": ("payment", "paysplit", "adjustment", "payplan", "payplancharge", "payplanlink", "deposit"),
    "billing": ("statement",),
    "communications": (
        "commlog", "apptreminderrule", "apptremindersent", "confirmationrequest", "emailmessage",
        "smstomobile", "smsfrommobile",
    ),
    "documents_and_forms": ("document", "sheet", "sheetfield"),
    "tasks": ("task", "tasklist"),
    "logging": ("histappointment", "securitylog", "entrylog"),
    "staff": ("employee", "clockevent"),
    "practice_configuration": (
        "clinic", "provider", "definition", "userod", "userodpref", "program", "programproperty",
        "timeadjust", "providerclinic",
    ),
}  # fmt: skip

# Configuration changes rarely and may be refreshed weekly; the practice's daily work must be
# loaded every day, so a missed nightly load warns the next morning and errors the day after.
CONFIGURATION_TABLES = frozenset(
    DOMAINS["practice_configuration"]
    + ("procedurecode", "fee", "feesched", "carrier", "insplan", "benefit", "appointmenttype")
    + ("recalltype", "operatory", "tasklist", "employer", "zipcode", "referral", "definition")
    + ("apptreminderrule", "insfilingcode", "discountplan", "laboratory", "medication")
    + ("allergydef", "diseasedef", "patfielddef", "employee")
)
FRESHNESS_HOURS = {True: (26, 50), False: (8 * 24, 15 * 24)}  # transactional -> (warn, error)


def is_transactional(table: str) -> bool:
    return table not in CONFIGURATION_TABLES
