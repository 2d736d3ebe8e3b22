"""`/api/reports/ar`: what the practice is owed, how old it is, and how fast it comes in."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from dental_analytics.api.reports import REPORT_RESPONSES, Report, ReportDependency

router = APIRouter(tags=["reports"])

BUCKETS = (
    "ar_balance", "ar_0_30", "ar_31_60", "ar_61_90", "ar_over_90", "ar_over_90_share",
    "ar_credit_balance", "ar_patient_portion", "ar_insurance_pending",
)  # fmt: skip
RATIOS = ("days_sales_outstanding", "ar_to_production")
PLANS = ("payment_plans", "payment_plans_active", "payment_plan_principal", "payment_plan_balance")
COLLECTION = ("write_offs", "net_production", "collections", "collection_rate")
CLAIMS = (
    "claims_outstanding", "outstanding_claims_0_30", "outstanding_claims_31_60",
    "outstanding_claims_61_90", "outstanding_claims_over_90", "outstanding_insurance_estimate",
)  # fmt: skip

# Every metric the route returns: its OpenAPI description lists their definitions.
METRICS = tuple(dict.fromkeys(BUCKETS + RATIOS + PLANS + COLLECTION + CLAIMS))


@router.get(
    "/ar",
    response_model=Report,
    summary="Accounts receivable",
    responses=REPORT_RESPONSES,
)
def ar(request: ReportDependency) -> Report | Response:
    """A/R at `end` by bucket, patient and insurance portion; the same at each month-end of the
    period (the last snapshot of each month); days sales outstanding and A/R to monthly
    production; payment plans at the as-of date; write-offs and collection rate by `grain`;
    outstanding insurance claims by carrier and days since sent."""
    return request.respond(
        "ar",
        lambda: {
            "buckets": request.table("A/R at `end`, by bucket.", BUCKETS, start=None),
            "month_ends": request.table(
                "A/R at each month-end of the period (the as-of date for the current month).",
                BUCKETS,
                grain=True,
            ),
            "ratios": request.table(
                "Days sales outstanding and A/R to average monthly net production, at `end` and "
                "at each month-end of the period.",
                RATIOS,
                grain=True,
            ),
            "payment_plans": request.table(
                "Payment plans at the as-of date.", PLANS, start=None, end=None
            ),
            "collection": request.table(
                "Write-offs, net production and collections by grain.", COLLECTION, grain=True
            ),
            "outstanding_claims": request.table(
                "Claims sent and not yet received, by carrier and days since sent, at the as-of "
                "date.",
                CLAIMS,
                group_by=["carrier_id", "carrier_name"],
                start=None,
                end=None,
            ),
        },
    )
