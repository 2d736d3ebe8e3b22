"""The product's decisions about each OpenDental table, declared once beside the schema.

For every table: its role (`core`: the marts mean nothing without it; `optional`: a practice may
never use the feature, so the table may be empty or, in an older OpenDental, missing), how
`dental extract` keeps it up to date, and what an empty table means for the numbers. Then the
column policy: patient and user secrets the warehouse never needs, which the extractor writes
as null. The schema module attaches these to its `Table` and `Column` objects; a test checks
that every table has a policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["core", "optional"]
# stamp: rows edited since the last run, by OpenDental's DateTStamp / SecDateTEdit;
# append: rows whose key is above the largest key already in the warehouse (logs only grow);
# full: every row read and compared with the warehouse's (small tables without a stamp).
Strategy = Literal["stamp", "append", "full"]


@dataclass(frozen=True)
class TablePolicy:
    role: Role
    strategy: Strategy
    # For an optional table: what its being empty means for the numbers, in a practice
    # manager's words. Core tables are never empty in a practice that works.
    when_unused: str = ""


def _core(strategy: Strategy) -> TablePolicy:
    return TablePolicy("core", strategy)


def _optional(strategy: Strategy, when_unused: str) -> TablePolicy:
    return TablePolicy("optional", strategy, when_unused)


TABLE_POLICIES: dict[str, TablePolicy] = {
    # The practice, its people and its price lists: OpenDental cannot schedule or chart without them.
    "patient": _core("stamp"),
    "provider": _core("stamp"),
    "definition": _core("full"),
    "userod": _core("full"),
    "operatory": _core("stamp"),
    "procedurecode": _core("stamp"),
    "feesched": _core("stamp"),
    "fee": _core("stamp"),
    # The day's work and the money for it.
    "appointment": _core("stamp"),
    "procedurelog": _core("stamp"),
    "payment": _core("stamp"),
    "paysplit": _core("stamp"),
    # Features a practice may not use.
    "clinic": _optional("full", "no clinics: every number is for the practice as a whole"),
    "adjustment": _optional(
        "stamp", "no adjustments: net production equals gross production less write-offs"
    ),
    "carrier": _optional("stamp", "no insurance carriers: every patient is self-pay"),
    "insplan": _optional("stamp", "no insurance plans: every patient is self-pay"),
    "inssub": _optional("stamp", "no insurance subscribers: every patient is self-pay"),
    "patplan": _optional("stamp", "no patient coverage: every patient is self-pay"),
    "benefit": _optional("stamp", "no plan benefits: coverage percentages are unknown"),
    "insverify": _optional("stamp", "no insurance verification: verification rates are empty"),
    "insbluebook": _optional("full", "no insurance blue book: fee estimates use the fee schedules"),
    "claim": _optional("stamp", "no claims: insurance income is zero"),
    "claimproc": _optional(
        "stamp", "no claim procedures: insurance income and write-offs are zero"
    ),
    "claimpayment": _optional("stamp", "no claim payments: insurance income is zero"),
    "claimsnapshot": _optional("append", "no claim snapshots: claim history is not kept"),
    "etrans": _optional("full", "no electronic claims: every claim was sent on paper"),
    "eobattach": _optional("full", "no scanned EOBs: EOB attachment rates are empty"),
    "payplan": _optional("full", "no payment plans: no balance is on a plan"),
    "payplancharge": _optional("stamp", "no payment plan charges: no balance is on a plan"),
    "statement": _optional("stamp", "no statements: billing and collection response are empty"),
    "commlog": _optional("stamp", "no communication log: contact history is empty"),
    "apptreminderrule": _optional("full", "no automated reminder rules: no automated messages"),
    "apptremindersent": _optional("append", "no automated reminders sent"),
    "recall": _optional("stamp", "no recalls: hygiene recall lists are empty"),
    "recalltype": _optional("full", "no recall types: recall intervals use the default"),
    "schedule": _optional("stamp", "no provider schedules: chair utilisation is unknown"),
    "appointmenttype": _optional("full", "no appointment types: appointments are not typed"),
    "patientnote": _optional("stamp", "no patient notes"),
    "patientlink": _optional("full", "no merged or linked patients"),
    "referral": _optional("stamp", "no referral sources: referral reports are empty"),
    "refattach": _optional("stamp", "no referrals attached: referral reports are empty"),
    "employer": _optional("full", "no employers: insurance by employer is empty"),
    "zipcode": _optional("full", "no zip code list"),
    "treatplan": _optional("stamp", "no saved treatment plans: plan presentation is unknown"),
    "proctp": _optional("stamp", "no saved treatment plans: plan presentation is unknown"),
    "procgroupitem": _optional("full", "no grouped procedures"),
    "toothinitial": _optional("stamp", "no tooth chart initials"),
    "perioexam": _optional("full", "no perio exams: perio charting rates are empty"),
    "document": _optional("stamp", "no imaging documents"),
    "sheet": _optional("full", "no sheets or forms"),
    "sheetfield": _optional("full", "no sheet fields"),
    "task": _optional("stamp", "no tasks: task and follow-up lists are empty"),
    "tasklist": _optional("full", "no task lists: task and follow-up lists are empty"),
    "histappointment": _optional(
        "stamp",
        "no appointment history: reschedules are not counted, and a broken appointment without a "
        "D9986/D9987 charge is a no-show or a cancellation by its last edit",
    ),
    "securitylog": _optional("append", "no audit trail: user activity reports are empty"),
    "entrylog": _optional("append", "no entry log: user activity reports are empty"),
    "timeadjust": _optional("full", "no time card adjustments"),
    "userodpref": _optional("full", "no user preferences"),
    "program": _optional("full", "no program bridges"),
    "programproperty": _optional("full", "no program bridge settings"),
    # Bank deposits and payment plans' links.
    "deposit": _optional("full", "no deposits: payments are not reconciled to bank deposits"),
    "payplanlink": _optional("full", "no dynamic payment plans: plan links are empty"),
    # Insurance detail and in-house membership plans.
    "insfilingcode": _optional(
        "full", "no filing codes: government and commercial plans are not told apart"
    ),
    "claimtracking": _optional(
        "stamp", "no claim tracking: denial and follow-up reasons are empty"
    ),
    "insverifyhist": _optional(
        "stamp", "no verification history: verification lead times are empty"
    ),
    "discountplan": _optional("full", "no membership plans: membership revenue is zero"),
    "discountplansub": _optional("full", "no membership subscribers: membership revenue is zero"),
    # Clinical records.
    "periomeasure": _optional("stamp", "no perio measurements: the perio diagnosis rate is empty"),
    "laboratory": _optional("full", "no laboratories: lab costs are zero"),
    "labcase": _optional("stamp", "no lab cases: production is not net of lab costs"),
    "orthocase": _optional(
        "stamp", "no ortho cases: ortho production is not spread over treatment"
    ),
    "orthoschedule": _optional("stamp", "no ortho fee schedules: ortho contracts have no schedule"),
    "orthoplanlink": _optional("full", "no ortho plan links: ortho contracts have no schedule"),
    "orthoproclink": _optional("full", "no ortho procedure links: ortho visits are not counted"),
    "procnote": _optional("append", "no procedure notes: note completeness is unknown"),
    "medication": _optional("stamp", "no medication list: medical-history counts are empty"),
    "medicationpat": _optional("stamp", "no patient medications: medical-history counts are empty"),
    "allergydef": _optional("stamp", "no allergy list: allergy counts are empty"),
    "allergy": _optional("stamp", "no patient allergies: allergy counts are empty"),
    "diseasedef": _optional("stamp", "no problem list: medical-condition counts are empty"),
    "disease": _optional("stamp", "no patient problems: medical-condition counts are empty"),
    "treatplanattach": _optional(
        "full", "no treatment plan attachments: case acceptance uses saved plans only"
    ),
    # Staff and where providers work.
    "employee": _optional("full", "no employees: production per staff hour is empty"),
    "clockevent": _optional("full", "no time clock: staff hours are empty"),
    "providerclinic": _optional("full", "no provider-clinic links: providers work in every clinic"),
    # Messaging beside the communication log.
    "emailmessage": _optional("stamp", "no e-mail: reminder effectiveness by e-mail is empty"),
    "smstomobile": _optional("stamp", "no texts sent: reminder effectiveness by text is empty"),
    "smsfrommobile": _optional("stamp", "no texts received: patient replies are empty"),
    "confirmationrequest": _optional("full", "no eConfirmations: confirmation rates are empty"),
    # The practice's own patient fields.
    "patfielddef": _optional("full", "no patient field definitions"),
    "patfield": _optional("stamp", "no patient fields"),
}

# Columns the warehouse never needs and a breach would expose: identity numbers, passwords,
# PINs, signatures and the words of messages. `dental extract` writes them as null (the column stays, so the raw contract and the
# staging models hold); `--keep-column table.Column` keeps one.
# What the extractor writes for a redacted column's value: whether the source had one (a signed
# note, a text with words in it) is kept, what it was is not. A column with no value stays null.
REDACTED_VALUE = "[redacted]"
REDACTED_COLUMNS: dict[str, tuple[str, ...]] = {
    "patient": ("SSN",),
    "provider": ("SSN",),
    "referral": ("SSN",),
    "userod": ("Password", "MobileWebPin", "EClipboardClinicalPin"),
    "providerclinic": ("DEANum", "StateRxID"),
    "employee": ("PayrollID",),
    "procnote": ("Signature",),
    # What patients and the office wrote to each other: the warehouse counts messages and reads
    # their status, never their words.
    "emailmessage": ("BodyText", "RawEmailIn"),
    "smstomobile": ("MsgText",),
    "smsfrommobile": ("MsgText",),
}
