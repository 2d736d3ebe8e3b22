"""Work lists: the rows office staff work ("who do we call today?"), scoped like every number.

Each list is a query over the marts with a stable order. The caller's clinics are applied here, as
the query layer applies them to metrics; names and phone numbers come from the one restricted
mart, `dim_patient_contact`, and only for callers with the `phi` scope (others get ids).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from dental_analytics.api.queries import Scope, Value, plain, scoped_clinics
from dental_analytics.api.reports import ColumnUnit
from dental_analytics.api.warehouse import Snapshot

# The as-of date of the marts, for lists that are "at the as-of date".
_AS_OF = "(select as_of_date from marts.mart_build)"


@dataclass(frozen=True)
class ListColumn:
    name: str
    unit: ColumnUnit
    description: str


@dataclass(frozen=True)
class Worklist:
    name: str
    summary: str
    description: str
    source: str  # `select ... from marts.x as w`: no where, group by or order
    where: str  # what puts a row on the list
    clinic_column: str
    order_by: tuple[str, ...]  # over the listed rows, `listed.<column>`: a stable order
    columns: tuple[ListColumn, ...]
    contact_key: str  # the column of `w` that names the patient (or guarantor) to call
    provider_column: str | None = None
    group_by: str = ""  # when `source` aggregates


CONTACT_COLUMNS = (
    ListColumn("patient_name", "text", 'Whom to call: "Last, First (Preferred)"; phi scope only.'),
    ListColumn("preferred_phone", "text", "The number the patient prefers; phi scope only."),
    ListColumn("mobile_phone", "text", "Mobile number; phi scope only."),
    ListColumn("is_do_not_call", "flag", "The patient asked not to be called; phi scope only."),
)

WORKLISTS: dict[str, Worklist] = {
    w.name: w
    for w in (
        Worklist(
            name="collections",
            summary="Families to call about their balance",
            description="Families with a balance at the as-of date, highest collection priority "
            "first, then the largest balance: their aging buckets, what insurance is still "
            "expected to pay, and their last payment. The contact is the guarantor.",
            source="select w.guarantor_id, w.clinic_id, w.collection_priority, w.balance,"
            " w.balance_0_30, w.balance_31_60, w.balance_61_90, w.balance_over_90,"
            " w.pending_insurance_amount, w.patient_portion_amount, w.last_payment_date,"
            " w.last_payment_amount, w.days_since_last_payment"
            " from marts.mart_ar_summary as w",
            where=f"w.snapshot_date = {_AS_OF} and w.collection_priority in ('high', 'medium', 'low')",
            clinic_column="w.clinic_id",
            order_by=(
                "case listed.collection_priority when 'high' then 1 when 'medium' then 2 else 3 end",
                "listed.balance desc",
                "listed.guarantor_id",
            ),
            columns=(
                ListColumn(
                    "guarantor_id", "id", "The family's guarantor (the patient who is billed)."
                ),
                ListColumn("clinic_id", "id", "The guarantor's clinic."),
                ListColumn("collection_priority", "text", "high, medium or low."),
                ListColumn("balance", "money", "What the family owes, net of credits."),
                ListColumn("balance_0_30", "money", "Charges 0-30 days old still unpaid."),
                ListColumn("balance_31_60", "money", "31-60 days."),
                ListColumn("balance_61_90", "money", "61-90 days."),
                ListColumn("balance_over_90", "money", "Over 90 days."),
                ListColumn("pending_insurance_amount", "money", "Insurance still expected to pay."),
                ListColumn("patient_portion_amount", "money", "The part the family itself owes."),
                ListColumn("last_payment_date", "date", "The family's last payment."),
                ListColumn("last_payment_amount", "money", "Its amount."),
                ListColumn("days_since_last_payment", "days", "Days from it to the as-of date."),
            ),
            contact_key="w.guarantor_id",
        ),
        Worklist(
            name="unscheduled-treatment",
            summary="Patients with diagnosed treatment not yet scheduled",
            description="Patients with diagnosed, planned treatment that has no appointment at "
            "the as-of date, by its value, then how long it has waited: what is still within "
            "the recovery window first.",
            source="select w.patient_id, w.clinic_id, count(*) as procedures,"
            " sum(w.fee_amount) as unscheduled_fee_amount,"
            " sum(case when w.is_recoverable then w.fee_amount else 0 end)"
            " as recoverable_fee_amount, min(w.planned_date) as oldest_planned_date,"
            " max(w.months_since_planned) as months_waiting"
            " from marts.fact_unscheduled_treatment as w",
            where="w.is_diagnosed_treatment and w.fee_amount > 0",
            clinic_column="w.clinic_id",
            provider_column="w.provider_id",
            group_by="w.patient_id, w.clinic_id",
            order_by=(
                "listed.recoverable_fee_amount desc",
                "listed.unscheduled_fee_amount desc",
                "listed.patient_id",
                "listed.clinic_id",
            ),
            columns=(
                ListColumn("patient_id", "id", "The patient."),
                ListColumn("clinic_id", "id", "The clinic the treatment was planned at."),
                ListColumn("procedures", "count", "Planned procedures with no appointment."),
                ListColumn("unscheduled_fee_amount", "money", "Their fees."),
                ListColumn(
                    "recoverable_fee_amount", "money", "The part within the recovery window."
                ),
                ListColumn("oldest_planned_date", "date", "When the oldest of them was planned."),
                ListColumn("months_waiting", "count", "Whole months since then."),
            ),
            contact_key="w.patient_id",
        ),
        Worklist(
            name="recall-overdue",
            summary="Patients overdue for their recall",
            description="Patients (status patient: not inactive, archived or deceased) whose "
            "recall (hygiene) visit is past due with nothing booked, longest overdue first; "
            "those who have lapsed (no visit in 18 months) are on it too: they are whom recall "
            "calls are for.",
            source="select w.patient_id, w.clinic_id, w.next_recall_due_date,"
            " w.last_visit_date, w.is_active_patient from marts.dim_patient as w",
            where="w.recall_status = 'overdue' and w.patient_status = 'patient'",
            clinic_column="w.clinic_id",
            order_by=("listed.next_recall_due_date", "listed.patient_id"),
            columns=(
                ListColumn("patient_id", "id", "The patient."),
                ListColumn("clinic_id", "id", "The patient's clinic."),
                ListColumn("next_recall_due_date", "date", "When the recall was due."),
                ListColumn("last_visit_date", "date", "The patient's last visit."),
                ListColumn("is_active_patient", "flag", "A completed procedure in 18 months."),
                ListColumn("days_overdue", "days", "Days from the due date to the as-of date."),
            ),
            contact_key="w.patient_id",
        ),
        Worklist(
            name="outstanding-claims",
            summary="Insurance claims sent and not yet answered",
            description="Claims sent to the carrier and not yet received, oldest first: the "
            "carrier to call, the amount insurance is expected to pay, and the patient.",
            source="select w.claim_id, w.patient_id, w.clinic_id, w.carrier_id,"
            " w.first_sent_date, w.claim_fee, w.insurance_estimate_amount"
            " from marts.fact_claim as w",
            where="w.is_outstanding",
            clinic_column="w.clinic_id",
            provider_column="w.treating_provider_id",
            order_by=("listed.first_sent_date", "listed.claim_id"),
            columns=(
                ListColumn("claim_id", "id", "The claim."),
                ListColumn("patient_id", "id", "The patient treated."),
                ListColumn("clinic_id", "id", "The claim's clinic."),
                ListColumn("carrier_id", "id", "The carrier to call."),
                ListColumn("first_sent_date", "date", "When the claim was first sent."),
                ListColumn("days_since_sent", "days", "Days from then to the as-of date."),
                ListColumn("claim_fee", "money", "The fees billed."),
                ListColumn(
                    "insurance_estimate_amount", "money", "What insurance is expected to pay."
                ),
            ),
            contact_key="w.patient_id",
        ),
    )
}

# Computed from the rows of a page, in Python (date arithmetic differs between engines).
_DAYS_FROM = {"days_overdue": "next_recall_due_date", "days_since_sent": "first_sent_date"}


@dataclass
class Page:
    total: int
    rows: list[dict[str, Value]]
    columns: tuple[ListColumn, ...]


def fetch_page(
    db: Snapshot,
    worklist: Worklist,
    scope: Scope,
    *,
    as_of: dt.date,
    with_contacts: bool,
    clinic_ids: tuple[int, ...] = (),
    provider_ids: tuple[int, ...] = (),
    page: int = 1,
    page_size: int = 50,
) -> Page:
    """One page of a work list, in its stable order, with the total on the list."""
    clinics = scoped_clinics(clinic_ids, scope)
    where = [worklist.where]
    params: list[Any] = []
    if clinics is not None:
        where.append(f"{worklist.clinic_column} in ({', '.join(['%s'] * len(clinics))})")
        params += list(clinics)
    if provider_ids and worklist.provider_column:
        where.append(f"{worklist.provider_column} in ({', '.join(['%s'] * len(provider_ids))})")
        params += list(provider_ids)
    source = worklist.source + " where " + " and ".join(where)
    if worklist.group_by:
        source += f" group by {worklist.group_by}"
    listed = f"select listed.*, count(*) over () as total_rows from ({source}) as listed"
    if with_contacts:
        key = worklist.contact_key.removeprefix("w.")
        listed = (
            f"select listed.*, c.patient_name, c.preferred_phone, c.mobile_phone, c.is_do_not_call,"
            f" count(*) over () as total_rows from ({source}) as listed"
            f" left join marts.dim_patient_contact as c on c.patient_id = listed.{key}"
        )
    sql = f"{listed} order by {', '.join(worklist.order_by)} limit %s offset %s"
    rows = db.fetch(sql, [*params, page_size, (page - 1) * page_size])
    columns = worklist.columns + (CONTACT_COLUMNS if with_contacts else ())
    fetched = [c.name for c in worklist.columns if c.name not in _DAYS_FROM]
    if with_contacts:
        fetched += [c.name for c in CONTACT_COLUMNS]
    out = []
    total = 0
    for row in rows:
        record = dict(zip([*fetched, "total_rows"], row, strict=True))
        total = int(record.pop("total_rows"))
        for name, column in _DAYS_FROM.items():
            if column in record:
                day = record[column]
                record[name] = (as_of - day).days if isinstance(day, dt.date) else None
        out.append({c.name: plain(record.get(c.name)) for c in columns})
    if not rows and page > 1:
        total = _count(db, source, params)
    return Page(total=total, rows=out, columns=columns)


def _count(db: Snapshot, source: str, params: list[Any]) -> int:
    rows = db.fetch(f"select count(*) from ({source}) as listed", params)
    return int(rows[0][0]) if rows else 0
