"""`/api/reports/revenue`: where production goes: lost revenue, the unscheduled-treatment backlog
and what of it can still be recovered, collection rate by provider, the money trend, payer mix."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from dental_analytics.api.reports import (
    REPORT_RESPONSES,
    Column,
    Report,
    ReportDependency,
    Table,
)

router = APIRouter(tags=["reports"])

LOST = ("revenue_lost", "revenue_lost_items")
BACKLOG = ("unscheduled_treatment", "recoverable_treatment", "unscheduled_procedures")
BY_PROVIDER = ("net_production", "collections", "collection_rate")
TREND = (
    "gross_production", "adjustments", "write_offs", "net_production", "collections",
    "collection_rate",
)  # fmt: skip
PAYER = ("payer_production", "payer_collections", "payer_write_offs", "payer_patients_seen")

# Every metric the route returns: its OpenAPI description lists their definitions.
METRICS = tuple(dict.fromkeys(LOST + BACKLOG + BY_PROVIDER + TREND + PAYER))


@router.get(
    "/revenue",
    response_model=Report,
    summary="Revenue: lost, unscheduled, collected",
    responses=REPORT_RESPONSES,
)
def revenue(request: ReportDependency) -> Report | Response:
    """Revenue lost in the period by category (months overlapping it); the unscheduled-treatment
    backlog at the as-of date by age, with the part still within the recovery window; collection
    rate by provider; production, adjustments, write-offs, net production and collections by
    `grain`; and production, income and write-offs by payer class with each class's share."""
    return request.respond(
        "revenue",
        lambda: {
            "lost_revenue": request.table(
                "Revenue lost in the months of the period, by category.",
                LOST,
                group_by=["revenue_lost_group", "revenue_lost_category"],
            ),
            "unscheduled_backlog": request.table(
                "Diagnosed treatment planned and not scheduled, at the as-of date, by months "
                "since planned; recoverable = still within the recovery window.",
                BACKLOG,
                group_by=["age_band"],
                start=None,
                end=None,
            ),
            "recovery_potential": request.table(
                "The whole unscheduled backlog and its recoverable part, at the as-of date.",
                BACKLOG,
                start=None,
                end=None,
            ),
            "collection_rate_by_provider": request.table(
                "Collections over net production by provider, for the period.",
                BY_PROVIDER,
                group_by=["provider_id"],
            ),
            "trend": request.table("From production to collections, by grain.", TREND, grain=True),
            "payer_mix": payer_mix(
                request.table(
                    "Production, income and write-offs by payer class, months of the period.",
                    PAYER,
                    group_by=["payer_class"],
                )
            ),
        },
    )


def payer_mix(table: Table) -> Table:
    """The table with each payer class's share of production (computed from the same metric)."""
    if "payer_production" in table.unavailable:
        return table
    total = sum(float(r["payer_production"] or 0) for r in table.rows)
    rows = [
        {**r, "production_share": round(float(r["payer_production"] or 0) / total, 4)
         if total > 0 else None}
        for r in table.rows
    ]  # fmt: skip
    share = Column(
        name="production_share",
        label="Share of production",
        unit="percent",
        description="The payer class's production over all classes' in the period.",
    )
    return table.model_copy(update={"rows": rows, "columns": [*table.columns, share]})
