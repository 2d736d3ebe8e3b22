"""What the other routes are about: health, the metric catalog, and the clinics and providers a
caller may pick from."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from dental_analytics.api.auth import reports_caller
from dental_analytics.api.catalog import Unit
from dental_analytics.api.context import ApiContext, Db, context
from dental_analytics.api.errors import error_responses
from dental_analytics.api.store import Principal
from dental_analytics.api.warehouse import WarehouseUnavailableError

router = APIRouter(tags=["meta"])


class LastBuild(BaseModel):
    build_id: str
    status: str = Field(description="pass, or fail when a model or test failed.")
    started_at: str
    finished_at: str
    as_of: str | None
    warnings_by_rule: dict[str, int] = Field(
        description="Rows found by each warning test (OpenDental's own rules among them)."
    )
    freshness: dict[str, int] = Field(description="Source tables by freshness status.")


class Health(BaseModel):
    status: str = Field(description="ok, not_built (no marts yet) or unavailable.")
    warehouse_reachable: bool
    message: str | None = None
    as_of: dt.date | None = Field(default=None, description="The date the served marts describe.")
    build_id: str | None = Field(default=None, description="The build the served marts came from.")
    built_at: dt.datetime | None = None
    last_build: LastBuild | None = Field(
        None, description="The last `dental build` recorded (it may be newer than the served one)."
    )


@router.get("/health", response_model=Health, summary="Is the warehouse up, and how fresh?")
def health(ctx: Annotated[ApiContext, Depends(context)]) -> Health:
    """No sign-in: holds no patient data. Answers 200 even when the warehouse is down (the status
    says so), so a monitor can tell a broken warehouse from a dead server."""
    last = ctx.store.last_build()
    last_build = (
        LastBuild(
            build_id=last.build_id,
            status=last.status,
            started_at=last.started_at,
            finished_at=last.finished_at,
            as_of=last.as_of_date,
            warnings_by_rule=last.summary.get("warnings_by_rule", {}),
            freshness=last.summary.get("freshness", {}),
        )
        if last
        else None
    )
    try:
        with ctx.warehouse.snapshot() as db:
            build = db.build_info()
    except WarehouseUnavailableError as error:
        built = "not been built" in str(error)
        return Health(
            status="not_built" if built else "unavailable",
            warehouse_reachable=built,
            message=str(error),
            last_build=last_build,
        )
    return Health(
        status="ok",
        warehouse_reachable=True,
        as_of=build.as_of,
        build_id=build.build_id,
        built_at=build.built_at,
        last_build=last_build,
    )


class MetricEntry(BaseModel):
    name: str
    label: str
    description: str
    unit: Unit
    type: str = Field(description="simple (one measure) or ratio (numerator / denominator).")
    numerator: str | None = None
    denominator: str | None = None
    marts: list[str] = Field(description="The marts it reads.")
    by_clinic: bool = Field(description="False: kept for the whole practice only.")
    time_granularity: str = Field(description="day or month: the finest grain it is kept at.")


@router.get(
    "/metrics",
    response_model=list[MetricEntry],
    summary="The metric catalog",
    responses=error_responses(401, 429),
)
def metrics(
    ctx: Annotated[ApiContext, Depends(context)],
    _principal: Annotated[Principal, Depends(reports_caller)],
) -> list[MetricEntry]:
    """Every metric the API returns, with its one definition (from the dbt project's semantic
    layer)."""
    catalog = ctx.catalog
    entries = []
    for metric in sorted(catalog.metrics.values(), key=lambda m: m.name):
        models = catalog.semantic_models_of(metric.name)
        entries.append(
            MetricEntry(
                name=metric.name,
                label=metric.label,
                description=metric.description,
                unit=metric.unit,
                type="ratio" if metric.is_ratio else "simple",
                numerator=metric.numerator,
                denominator=metric.denominator,
                marts=sorted({m.mart for m in models}),
                by_clinic=all(m.by_clinic for m in models),
                time_granularity="month"
                if any(m.time_granularity == "month" for m in models)
                else "day",
            )
        )
    return entries


class Clinic(BaseModel):
    clinic_id: int
    name: str
    abbreviation: str | None


class Clinics(BaseModel):
    as_of: dt.date = Field(description="The date the warehouse's data describes.")
    build_id: str = Field(description="The dbt build the list comes from.")
    clinics: list[Clinic]


class Provider(BaseModel):
    provider_id: int
    abbreviation: str | None
    name: str
    role: str | None
    primary_clinic_id: int | None
    is_hygienist: bool
    is_active: bool


class Providers(BaseModel):
    as_of: dt.date = Field(description="The date the warehouse's data describes.")
    build_id: str = Field(description="The dbt build the list comes from.")
    providers: list[Provider]


@router.get(
    "/clinics",
    response_model=Clinics,
    summary="Clinics the caller may see",
    responses=error_responses(401, 429, 503),
)
def clinics(
    principal: Annotated[Principal, Depends(reports_caller)],
    db: Db,
) -> Clinics:
    build = db.build_info()
    sql = "select clinic_id, clinic_name, clinic_abbreviation from marts.dim_clinic"
    params: list[Any] = []
    if principal.clinics is not None:
        sql += f" where clinic_id in ({', '.join(['%s'] * len(principal.clinics))})"
        params = sorted(principal.clinics)
    rows = db.fetch(sql + " order by clinic_name, clinic_id", params)
    return Clinics(
        as_of=build.as_of,
        build_id=build.build_id,
        clinics=[
            Clinic(clinic_id=r[0], name=r[1] or f"Clinic {r[0]}", abbreviation=r[2]) for r in rows
        ],
    )


@router.get(
    "/providers",
    response_model=Providers,
    summary="Providers the caller may see",
    responses=error_responses(401, 429, 503),
)
def providers(
    principal: Annotated[Principal, Depends(reports_caller)],
    db: Db,
) -> Providers:
    """Every provider, or for a caller limited to clinics those whose main clinic is one of
    theirs or who saw patients in one of them."""
    sql = (
        "select provider_id, provider_abbreviation, first_name, last_name, provider_role,"
        " primary_clinic_id, is_hygienist, is_active from marts.dim_provider"
    )
    params: list[Any] = []
    if principal.clinics is not None:
        marks = ", ".join(["%s"] * len(principal.clinics))
        sql += (
            f" where primary_clinic_id in ({marks}) or provider_id in (select provider_id"
            f" from marts.mart_appointment_summary where clinic_id in ({marks}))"
        )
        params = sorted(principal.clinics) * 2
    build = db.build_info()
    rows = db.fetch(sql + " order by last_name, first_name, provider_id", params)
    providers = [
        Provider(
            provider_id=r[0],
            abbreviation=r[1],
            name=" ".join(p for p in (r[2], r[3]) if p) or r[1] or f"Provider {r[0]}",
            role=r[4],
            primary_clinic_id=r[5],
            is_hygienist=bool(r[6]),
            is_active=bool(r[7]),
        )
        for r in rows
    ]
    return Providers(as_of=build.as_of, build_id=build.build_id, providers=providers)
