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
from dental_analytics.synthetic.changes import ChangeSet
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
    "inssub": ("InsSubNum", "PlanNum", "Subscriber", "DateTerm"),
    # The book: who is coming, when, to whom; and the rest of each appointment, which a move
    # copies into the appointment's history.
    "appointment": tuple(
        c.name
        for c in table("appointment").columns
        if c.name in table("histappointment").by_name and c.name != "DateTStamp"
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
        "PayPlanNum",
        "ProcNum",
        "ProvNum",
        "ClinicNum",
    ),
    "statement": ("StatementNum", "PatNum", "DateSent", "BalTotal", "Mode_"),
    "adjustment": ("AdjNum", "PatNum", "AdjAmt", "AdjDate"),
    "payplan": ("PayPlanNum", "PatNum", "Guarantor", "PayPlanDate", "IsClosed", "CompletedAmt"),
    "payplancharge": ("PayPlanChargeNum", "PayPlanNum", "ChargeDate", "Principal"),
    # The practice's set-up the rules write with: plans and carriers, definitions, logins.
    "insplan": ("PlanNum", "CarrierNum", "PlanType", "FeeSched", "AllowedFeeSched"),
    # What each plan pays: its coinsurance percent per coverage category (named by a code).
    "benefit": ("BenefitNum", "PlanNum", "PatPlanNum", "BenefitType", "Percent", "CodeNum"),
    "feesched": ("FeeSchedNum", "Description"),
    "employer": ("EmployerNum",),
    "carrier": ("CarrierNum", "CarrierName"),
    "procedurecode": ("CodeNum", "ProcCode", "ProcTime", "IsHygiene", "BaseUnits"),
    "appointmenttype": ("AppointmentTypeNum", "AppointmentTypeName"),
    "operatory": ("OperatoryNum", "ClinicNum", "IsHygiene"),
    "fee": ("FeeNum", "FeeSched", "CodeNum", "ClinicNum", "ProvNum", "Amount"),
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

    def after(self, changes: ChangeSet) -> PracticeState:
        """The state once `changes` are applied (as `mysql_twin.apply_changes` writes them to a
        twin: inserts, then updates, then deletes), for running days one after another in
        memory. Tables the state does not read are skipped; their next keys move on."""
        tables = dict(self.tables)
        next_keys = dict(self.next_keys)
        for name, parts in changes.inserts.items():
            key = table(name).key.raw_name
            rows = pa.concat_tables(parts)
            if rows.num_rows:
                top = int(pc.max(rows.column(key)).as_py()) + 1
                next_keys[name] = max(next_keys.get(name, 1), top)
            if name in tables:
                mine = tables[name]
                tables[name] = pa.concat_tables(
                    [mine, rows.select(mine.column_names).cast(mine.schema)]
                ).sort_by(key)
        for name, parts in changes.updates.items():
            if name in tables:
                for part in parts:
                    tables[name] = _updated(tables[name], table(name).key.raw_name, part)
        for name, arrays in changes.deletes.items():
            if name in tables:
                key = table(name).key.raw_name
                gone = pa.concat_arrays(
                    [a.cast(tables[name].schema.field(key).type) for a in arrays]
                )
                tables[name] = tables[name].filter(pc.invert(pc.is_in(tables[name][key], gone)))
        return PracticeState(tables=tables, next_keys=next_keys)

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


def _updated(rows: pa.Table, key: str, part: pa.Table) -> pa.Table:
    """`rows` (sorted by `key`) with the columns `part` sets, on the rows with its keys."""
    have = rows.column(key).to_numpy()
    keys = part.column(key).to_numpy()
    at = np.clip(np.searchsorted(have, keys), 0, max(len(have) - 1, 0))
    found = have[at] == keys if len(have) else np.zeros(len(keys), bool)
    at = at[found]
    for name in part.column_names:
        if name == key or name not in rows.column_names:
            continue
        index = rows.schema.get_field_index(name)
        values = rows.column(name).to_numpy(zero_copy_only=False).copy()
        new = part.column(name).to_numpy(zero_copy_only=False)[found]
        values[at] = new.astype(values.dtype) if values.dtype != object else new
        rows = rows.set_column(index, name, pa.array(values, type=rows.schema.field(name).type))
    return rows
