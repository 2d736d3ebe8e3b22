"""What every report route shares: its parameters, its response shape, and CSV.

A report is a set of named tables. Each table's columns are metrics from the catalog (their
label, unit and definition travel with the response) or the keys they are grouped by (`period`,
`provider_id`, ...). `format=csv` returns one table (`table=`, default the first) as CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from dental_analytics.api import queries
from dental_analytics.api.auth import reports_caller
from dental_analytics.api.cache import Answer, etag
from dental_analytics.api.context import ApiContext, Db, context
from dental_analytics.api.errors import ApiError, error_responses
from dental_analytics.api.queries import Grain, MetricQuery, Scope, Value
from dental_analytics.api.store import Principal
from dental_analytics.api.warehouse import BuildInfo, Snapshot

_EARLIEST, _LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
# A metric's unit, or what a key column holds; "number" is a value in the unit its row names.
ColumnUnit = Literal[
    "money", "percent", "count", "days", "hours", "ratio", "money_per_hour", "date", "id", "text",
    "number", "flag",
]  # fmt: skip
_KEY_COLUMNS: dict[str, tuple[str, ColumnUnit, str]] = {
    "period": ("Period", "date", "The first day of the period (day, week, month, quarter, year)."),
    "clinic_id": ("Clinic", "id", "The clinic (`/api/clinics` names it)."),
    "provider_id": ("Provider", "id", "The provider (`/api/providers` names it)."),
    "carrier_id": ("Carrier", "id", "The insurance carrier."),
}


CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The report as JSON, or with format=csv one of its tables as CSV.",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


# What every report route can answer: the report, one of its tables as CSV, or an error.
REPORT_RESPONSES = {**CSV_RESPONSE, **error_responses(401, 403, 404, 422, 429, 503)}


class Column(BaseModel):
    name: str
    label: str
    unit: ColumnUnit
    description: str = Field(description="The metric's definition from the catalog, or the key's.")


class Table(BaseModel):
    description: str
    start: dt.date | None = Field(
        default=None, description="First day the table counts (null: from the beginning)."
    )
    end: dt.date | None = Field(
        default=None, description="Last day it counts, or the snapshot date (null: the as-of date)."
    )
    columns: list[Column]
    rows: list[dict[str, int | float | str | bool | None]]
    unavailable: dict[str, str] = Field(
        default_factory=dict,
        description="Metrics left out of this table and why (e.g. kept for the whole practice "
        "only, for a caller limited to clinics).",
    )


class Report(BaseModel):
    report: str
    as_of: dt.date = Field(description="The date the warehouse's data describes.")
    build_id: str = Field(description="The dbt build the numbers were computed from.")
    start: dt.date
    end: dt.date
    grain: Grain
    clinic_id: list[int] = Field(description="The clinics asked for (empty: all the caller's).")
    provider_id: list[int]
    tables: dict[str, Table]


StartParam = Annotated[
    dt.date | None,
    Query(description="First day of the period (default: the first of the as-of date's month)."),
]
EndParam = Annotated[
    dt.date | None, Query(description="Last day of the period (default: the as-of date).")
]
ClinicParam = Annotated[
    list[int],
    Query(description="Only these clinics (repeatable); default every clinic the caller may see."),
]
ProviderParam = Annotated[list[int], Query(description="Only these providers (repeatable).")]
GrainParam = Annotated[Grain, Query(description="The period of each row of a trend.")]
FormatParam = Annotated[
    Literal["json", "csv"], Query(description="json (every table) or csv (one table).")
]
TableParam = Annotated[
    str | None, Query(description="With format=csv: which table (default the first).")
]


@dataclass(frozen=True)
class ReportRequest:
    """A report route's validated parameters, the caller and the build they are answered from."""

    ctx: ApiContext
    principal: Principal
    db: Snapshot
    build: BuildInfo
    start: dt.date
    end: dt.date
    grain: Grain
    clinic_ids: tuple[int, ...]
    provider_ids: tuple[int, ...]
    format: Literal["json", "csv"]
    table_name: str | None
    path: str
    if_none_match: str | None

    @property
    def scope(self) -> Scope:
        return Scope(self.principal.clinics)

    def table(
        self,
        description: str,
        metrics: Sequence[str],
        *,
        group_by: Sequence[str] = (),
        grain: bool = False,
        start: dt.date | Literal["period"] | None = "period",
        end: dt.date | Literal["period"] | None = "period",
        equals: Sequence[tuple[str, Value]] = (),
    ) -> Table:
        """Run one metric query under the caller's scope; `start`/`end` default to the period's."""
        query = MetricQuery(
            metrics=tuple(metrics),
            start=self.start if isinstance(start, str) else start,
            end=self.end if isinstance(end, str) else end,
            grain=self.grain if grain else None,
            group_by=tuple(group_by),
            clinic_ids=self.clinic_ids,
            provider_ids=self.provider_ids,
            equals=tuple(equals),
        )
        result = queries.run(self.db, self.ctx.catalog, query, self.scope)
        keys = (["period"] if grain else []) + list(group_by)
        shown = [m for m in metrics if m not in result.unavailable]
        return Table(
            description=description,
            start=query.start,
            end=query.end,
            columns=[key_column(k) for k in keys] + [self.metric_column(m) for m in shown],
            rows=result.rows,
            unavailable=result.unavailable,
        )

    def metric_column(self, name: str) -> Column:
        metric = self.ctx.catalog.metric(name)
        return Column(
            name=name, label=metric.label, unit=metric.unit, description=metric.description
        )

    def respond(self, name: str, tables: Callable[[], dict[str, Table]]) -> Response:
        """The report made of `tables()`, as JSON or one table as CSV: from the cache when
        the same answer was made for the same build, parameters, clinics and scope, and a 304
        when the caller already holds it (its ETag)."""
        if self.format == "json" and self.table_name is not None:
            raise ApiError(422, "parameter 'table' goes with format=csv", "table")
        key = (
            self.build.build_id, self.path, self.start, self.end, self.grain, self.clinic_ids,
            self.provider_ids, self.format, self.table_name,
            None if self.principal.clinics is None else tuple(sorted(self.principal.clinics)),
            self.principal.scope,
        )  # fmt: skip
        tag = etag(key)
        headers = {"ETag": tag, "Cache-Control": "private, no-cache"}
        if self.if_none_match and tag in {t.strip() for t in self.if_none_match.split(",")}:
            return Response(status_code=304, headers=headers)
        answer = self.ctx.cache.get(key)
        if answer is None:
            report = Report(
                report=name,
                as_of=self.build.as_of,
                build_id=self.build.build_id,
                start=self.start,
                end=self.end,
                grain=self.grain,
                clinic_id=list(self.clinic_ids),
                provider_id=list(self.provider_ids),
                tables=tables(),
            )
            if self.format == "csv":
                answer = csv_answer(report, self.table_name)
            else:
                answer = Answer(report.model_dump_json().encode(), "application/json")
            self.ctx.cache.put(key, answer)
        return answer.response(headers)


def key_column(name: str, label: str | None = None, description: str = "") -> Column:
    known = _KEY_COLUMNS.get(name)
    if known:
        return Column(name=name, label=known[0], unit=known[1], description=known[2])
    return Column(
        name=name,
        label=label or name.replace("_", " ").capitalize(),
        unit="text",
        description=description,
    )


def report_request(
    http: Request,
    ctx: Annotated[ApiContext, Depends(context)],
    principal: Annotated[Principal, Depends(reports_caller)],
    db: Db,
    start: StartParam = None,
    end: EndParam = None,
    clinic_id: ClinicParam = [],  # noqa: B006 - FastAPI reads the default, never mutates it
    provider_id: ProviderParam = [],  # noqa: B006
    grain: GrainParam = "month",
    format: FormatParam = "json",
    table: TableParam = None,
) -> ReportRequest:
    """The common parameters, checked: dates in order, clinics and providers known and within
    the caller's scope."""
    for name, day in (("start", start), ("end", end)):
        if day is not None and not _EARLIEST <= day <= _LATEST:
            raise ApiError(422, f"parameter {name!r}: a date from {_EARLIEST} to {_LATEST}", name)
    build = db.build_info()
    end = end or build.as_of
    start = start or end.replace(day=1)
    if start > end:
        raise ApiError(422, f"parameter 'start' ({start}) is after 'end' ({end})", "start")
    if (end - start).days > 366 * 25:
        raise ApiError(422, "parameter 'start': a period is at most 25 years", "start")
    clinics, providers = check_clinics_and_providers(db, principal, clinic_id, provider_id)
    return ReportRequest(
        ctx, principal, db, build, start, end, grain, clinics, providers, format, table,
        http.url.path, http.headers.get("if-none-match"),
    )  # fmt: skip


def check_clinics_and_providers(
    db: Snapshot, principal: Principal, clinic_id: list[int], provider_id: list[int]
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The clinics and providers asked for, sorted: 404 for an unknown one, 403 for a clinic
    outside the caller's."""
    clinics = tuple(sorted(set(clinic_id)))
    providers = tuple(sorted(set(provider_id)))
    _check_ids(db, "clinic_id", clinics, "marts.dim_clinic")
    _check_ids(db, "provider_id", providers, "marts.dim_provider")
    if principal.clinics is not None and not set(clinics) <= principal.clinics:
        outside = sorted(set(clinics) - principal.clinics)
        raise ApiError(403, f"clinic {outside[0]} is outside this caller's clinics", "clinic_id")
    return clinics, providers


def _check_ids(db: Snapshot, parameter: str, ids: tuple[int, ...], table: str) -> None:
    """404 for the first id (a `parameter`, also the key column of `table`) that is unknown."""
    if not ids:
        return
    placeholders = ", ".join(["%s"] * len(ids))
    sql = f"select {parameter} from {table} where {parameter} in ({placeholders})"
    known = {r[0] for r in db.fetch(sql, ids)}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ApiError(
            404, f"{parameter} {unknown[0]}: no such {parameter.removesuffix('_id')}", parameter
        )


def csv_answer(report: Report, table_name: str | None) -> Answer:
    name = table_name or next(iter(report.tables), None)
    if name not in report.tables:
        allowed = ", ".join(report.tables)
        raise ApiError(422, f"parameter 'table': {table_name!r} is not one of {allowed}", "table")
    table = report.tables[name]
    return rows_as_csv(
        [c.name for c in table.columns],
        table.rows,
        f"{report.report}-{name}-{report.start}-{report.end}.csv",
    )


def rows_as_csv(names: list[str], rows: list[dict[str, Value]], filename: str) -> Answer:
    """`rows` as a CSV download with a header of `names` (empty cells for nulls)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if row.get(n) is None else _csv_value(row.get(n)) for n in names])
    return Answer(
        buffer.getvalue().encode(),
        "text/csv; charset=utf-8",
        (("Content-Disposition", f'attachment; filename="{filename}"'),),
    )


def _csv_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


ReportDependency = Annotated[ReportRequest, Depends(report_request)]
