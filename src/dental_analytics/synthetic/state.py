"""A live practice's state: the rows the rules of a day read before they decide what happens.

History starts from nothing; a simulated day starts from a twin's rows. `STATE_COLUMNS` says which
columns of which tables the rules read (who the patients and families are, their coverage, what
is booked, done, claimed, billed and owed); `warehouse.mysql_twin.read_state` fills a
`PracticeState` from a MariaDB twin. The state is plain Arrow, in the raw layer's names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from dental_analytics.opendental.schema import table
from dental_analytics.synthetic.context import Ints, KeyCounter

STATE_COLUMNS: dict[str, tuple[str, ...]] = {
    # Who: patients, families, providers and offices, and what they still owe.
    "patient": (
        "PatNum",
        "Guarantor",
        "ClinicNum",
        "PriProv",
        "SecProv",
        "Birthdate",
        "DateFirstVisit",
        "PatStatus",
        "FeeSched",
        "BillingType",
        "EstBalance",
        "BalTotal",
        # How the patient is reached.
        "PreferConfirmMethod",
        "WirelessPhone",
        "Email",
        "TxtMsgOk",
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
        "Pattern",
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
    # What hangs on a procedure or a visit and goes when it goes: plan attachments, lab cases.
    "treatplanattach": ("TreatPlanAttachNum", "ProcNum"),
    "labcase": ("LabCaseNum", "AptNum"),
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
    "etrans": ("EtransNum", "ClaimNum", "OfficeSequenceNumber"),
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
        "InsSubNum",
        "ClaimPaymentNum",
    ),
    # What the family has been billed and what it pays over time.
    "paysplit": (
        "SplitNum",
        "PayNum",
        "PatNum",
        "SplitAmt",
        "DatePay",
        "UnearnedType",
        "ProcNum",
        "ProvNum",
        "ClinicNum",
    ),
    "statement": ("StatementNum", "PatNum", "DateSent", "BalTotal"),
    "payplan": ("PayPlanNum", "PatNum", "Guarantor", "PayPlanDate", "IsClosed"),
    "payplancharge": ("PayPlanChargeNum", "PayPlanNum", "ChargeDate", "Principal"),
    # The practice's set-up the rules write with: plans and carriers, definitions, logins.
    "insplan": ("PlanNum", "CarrierNum", "PlanType", "FeeSched"),
    "feesched": ("FeeSchedNum", "Description"),
    "employer": ("EmployerNum",),
    "carrier": ("CarrierNum", "CarrierName"),
    "procedurecode": ("CodeNum", "ProcCode", "ProcTime", "IsHygiene", "BaseUnits"),
    "appointmenttype": ("AppointmentTypeNum", "AppointmentTypeName"),
    "operatory": ("OperatoryNum", "ClinicNum", "IsHygiene"),
    "fee": ("FeeNum", "FeeSched", "CodeNum", "Amount"),
    "definition": ("DefNum", "Category", "ItemName", "IsHidden"),
    "userod": ("UserNum", "UserGroupNum", "ClinicNum", "ProvNum"),
    # What the front desk has logged: who was reminded of a visit since it was booked.
    "commlog": ("CommlogNum", "PatNum", "CommDateTime", "CommType"),
}


@dataclass(frozen=True)
class PracticeState:
    """The rows the rules read (raw names, per table) and the next primary key of every table."""

    tables: Mapping[str, pa.Table]
    next_keys: Mapping[str, int]

    def key_counter(self) -> KeyCounter:
        """Keys for a day's new rows, continuing the twin's own."""
        return KeyCounter(self.next_keys)

    def column(self, table_name: str, column: str) -> np.ndarray:
        """One column of the state (OpenDental's name) as numpy, in key order."""
        return self.tables[table_name].column(column.lower()).to_numpy(zero_copy_only=False)

    def defs(self, category: str) -> Ints:
        """DefNums of the category's visible items, in the practice's order."""
        code = table("definition").enum("Category").code(category)
        visible = (self.column("definition", "Category") == code) & (
            self.column("definition", "IsHidden") == 0
        )
        return self.column("definition", "DefNum")[visible].astype(np.int64)

    def def_num(self, category: str, name: str) -> int:
        """The DefNum of the category's item `name`."""
        code = table("definition").enum("Category").code(category)
        match = (self.column("definition", "Category") == code) & (
            self.column("definition", "ItemName") == name
        )
        return int(self.column("definition", "DefNum")[match][0])

    @classmethod
    def of_batches(
        cls,
        batches: Iterable[Mapping[str, pa.Table]],
        columns: Mapping[str, Sequence[str]] = STATE_COLUMNS,
    ) -> PracticeState:
        """The state a twin loaded with `batches` (say, `generate`'s history) would give."""
        parts: dict[str, list[pa.Table]] = {}
        for batch in batches:
            for name, data in batch.items():
                parts.setdefault(name, []).append(data)
        tables, next_keys = {}, {}
        for name, data in parts.items():
            whole = pa.concat_tables(data)
            key = table(name).key.raw_name
            whole = whole.sort_by(key)
            if len(whole):
                next_keys[name] = int(pc.max(whole.column(key)).as_py()) + 1
            if name in columns:
                tables[name] = whole.select([c.lower() for c in columns[name]])
        return cls(tables=tables, next_keys=next_keys)
