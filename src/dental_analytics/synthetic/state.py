"""A live practice's state: the rows the rules of a day read before they decide what happens.

History starts from nothing; a simulated day starts from a twin's rows. `STATE_COLUMNS` says which
columns of which tables the rules read (who the patients and families are, their coverage, what
is booked, done, claimed, billed and owed); `warehouse.mysql_twin.read_state` fills a
`PracticeState` from a MariaDB twin. The state is plain Arrow, in the raw layer's names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa

from dental_analytics.synthetic.context import KeyCounter

STATE_COLUMNS: dict[str, tuple[str, ...]] = {
    # Who: patients, families, providers and offices, and what they still owe.
    "patient": (
        "PatNum",
        "Guarantor",
        "ClinicNum",
        "PriProv",
        "SecProv",
        "Birthdate",
        "PatStatus",
        "FeeSched",
        "BillingType",
        "EstBalance",
        "BalTotal",
    ),
    # Coverage: which plan pays first and second.
    "patplan": ("PatPlanNum", "PatNum", "InsSubNum", "Ordinal", "Relationship"),
    "inssub": ("InsSubNum", "PlanNum", "Subscriber"),
    # The book: who is coming, when, to whom.
    "appointment": (
        "AptNum",
        "PatNum",
        "AptDateTime",
        "AptStatus",
        "ClinicNum",
        "ProvNum",
        "ProvHyg",
        "IsHygiene",
        "Op",
        "SecDateTEntry",
    ),
    "recall": ("RecallNum", "PatNum", "DateDue", "RecallTypeNum", "IsDisabled"),
    # What is planned and done.
    "procedurelog": (
        "ProcNum",
        "PatNum",
        "AptNum",
        "ProcDate",
        "CodeNum",
        "ProcFee",
        "UnitQty",
        "BaseUnits",
        "ProcStatus",
        "ProvNum",
        "ClinicNum",
        "DateTP",
    ),
    # What is claimed and what the carriers have paid.
    "claim": (
        "ClaimNum",
        "PatNum",
        "ClaimStatus",
        "ClaimType",
        "DateService",
        "DateSent",
        "DateReceived",
        "PlanNum",
        "InsSubNum",
        "ClinicNum",
    ),
    "claimproc": (
        "ClaimProcNum",
        "ProcNum",
        "ClaimNum",
        "PatNum",
        "Status",
        "InsPayAmt",
        "InsPayEst",
        "WriteOff",
        "DateCP",
        "PlanNum",
        "ClaimPaymentNum",
    ),
    # What the family has been billed and what it pays over time.
    "statement": ("StatementNum", "PatNum", "DateSent", "BalTotal"),
    "payplan": ("PayPlanNum", "PatNum", "Guarantor", "PayPlanDate", "IsClosed"),
    "payplancharge": ("PayPlanChargeNum", "PayPlanNum", "ChargeDate", "Principal"),
}


@dataclass(frozen=True)
class PracticeState:
    """The rows the rules read (raw names, per table) and the next primary key of every table."""

    tables: Mapping[str, pa.Table]
    next_keys: Mapping[str, int]

    def key_counter(self) -> KeyCounter:
        """Keys for a day's new rows, continuing the twin's own."""
        return KeyCounter(self.next_keys)
