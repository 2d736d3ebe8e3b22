"""`/api/reports/providers`: each provider's production, collections, productivity, mix,
acceptance, attendance and (for hygienists) reappointment."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from dental_analytics.api.reports import REPORT_RESPONSES, Report, ReportDependency

router = APIRouter(tags=["reports"])

PERFORMANCE = (
    "gross_production", "net_production", "collections", "collection_rate",
    "production_per_scheduled_hour", "chair_utilisation", "appointments_completed",
    "no_show_rate", "cancellation_rate",
)  # fmt: skip
ACCEPTANCE = ("treatment_presented", "treatment_accepted", "case_acceptance")
HYGIENE = ("hygiene_visits", "hygiene_visits_reappointed", "hygiene_reappointment_rate")
MIX = ("completed_production", "completed_procedures")

# Every metric the route returns: its OpenAPI description lists their definitions.
METRICS = tuple(dict.fromkeys(PERFORMANCE + ACCEPTANCE + HYGIENE + MIX))


@router.get(
    "/providers",
    response_model=Report,
    summary="Provider comparison",
    responses=REPORT_RESPONSES,
)
def providers(request: ReportDependency) -> Report | Response:
    """Per provider for the period: production, net production, collections, collection rate,
    production per booked hour, chair utilisation, completed appointments, no-show and
    cancellation rates; case acceptance of treatment planned in the period's months; hygiene
    reappointment (hygienists' visits); procedure mix by CDT category. OpenDental keeps no
    patient-satisfaction data, so there is none here."""
    return request.respond(
        "providers",
        lambda: {
            "performance": request.table(
                "Production, collections and schedule by provider.",
                PERFORMANCE,
                group_by=["provider_id"],
            ),
            "case_acceptance": request.table(
                "Diagnosed treatment presented and accepted, by provider (months of the period).",
                ACCEPTANCE,
                group_by=["provider_id"],
            ),
            "hygiene_reappointment": request.table(
                "Hygiene visits and how many left with a future hygiene appointment, by provider "
                "(months of the period).",
                HYGIENE,
                group_by=["provider_id"],
            ),
            "procedure_mix": request.table(
                "Completed production by provider and CDT category.",
                MIX,
                group_by=["provider_id", "cdt_category"],
            ),
        },
    )
