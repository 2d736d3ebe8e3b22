"""`/api/reports/dashboard`: the headline figures, today, month-to-date and year-to-date, each
against the same span of the previous period."""

from __future__ import annotations

import calendar
import datetime as dt

from fastapi import APIRouter
from fastapi.responses import Response

from dental_analytics.api.reports import (
    REPORT_RESPONSES,
    Column,
    Report,
    ReportDependency,
    ReportRequest,
    Table,
    key_column,
)

router = APIRouter(tags=["reports"])

HEADLINE = ("gross_production", "net_production", "collections", "new_patients")
AR = ("ar_balance", "ar_0_30", "ar_31_60", "ar_61_90", "ar_over_90", "ar_over_90_share")
PROVIDER = (
    "gross_production", "net_production", "booked_hours", "production_per_scheduled_hour",
)  # fmt: skip
TREND = ("gross_production", "net_production", "collections")
NEXT_DAY = ("scheduled_production", "appointments_scheduled")

# Every metric the route returns: its OpenAPI description lists their definitions.
METRICS = tuple(dict.fromkeys(HEADLINE + AR + PROVIDER + TREND + NEXT_DAY))


@router.get(
    "/dashboard",
    response_model=Report,
    summary="Headline figures",
    responses=REPORT_RESPONSES,
)
def dashboard(request: ReportDependency) -> Report | Response:
    """Production, collections and new patients for the day `end`, its month-to-date and its
    year-to-date, each with the same span of the period before; A/R by bucket at `end` with the
    share over 90 days; production per provider and per booked hour for `start`..`end`; the
    trend of production and collections by `grain`; and the production scheduled for the next
    business day after `end`."""
    return request.respond(
        "dashboard",
        lambda: {
            "headline": headline(request),
            "ar_buckets": request.table("A/R at `end`, by bucket.", AR, start=None),
            "providers": request.table(
                "Production per provider for the period.", PROVIDER, group_by=["provider_id"]
            ),
            "trend": request.table("Production and collections by grain.", TREND, grain=True),
            "next_business_day": next_business_day(request),
        },
    )


def windows(end: dt.date) -> list[tuple[str, dt.date, dt.date, dt.date, dt.date]]:
    """(name, start, end, previous start, previous end) for today, month- and year-to-date: the
    previous span is the day before, the same days of the month before, of the year before."""
    month_start = end.replace(day=1)
    previous_month = month_start - dt.timedelta(days=1)
    yesterday = end - dt.timedelta(days=1)
    return [
        ("today", end, end, yesterday, yesterday),
        (
            "month_to_date", month_start, end,
            previous_month.replace(day=1), _clipped(previous_month.year, previous_month.month, end.day),
        ),
        (
            "year_to_date", end.replace(month=1, day=1), end,
            dt.date(end.year - 1, 1, 1), _clipped(end.year - 1, end.month, end.day),
        ),
    ]  # fmt: skip


def _clipped(year: int, month: int, day: int) -> dt.date:
    """Day `day` of the month, or its last day if the month is shorter."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def headline(request: ReportRequest) -> Table:
    rows: list[dict[str, int | float | str | bool | None]] = []
    unavailable: dict[str, str] = {}
    for name, start, end, previous_start, previous_end in windows(request.end):
        now = request.table("", HEADLINE, start=start, end=end)
        before = request.table("", HEADLINE, start=previous_start, end=previous_end)
        unavailable.update(now.unavailable)
        current = now.rows[0] if now.rows else {}
        previous = before.rows[0] if before.rows else {}
        for metric in HEADLINE:
            if metric in now.unavailable:
                continue
            value, prior = current.get(metric), previous.get(metric)
            change = (
                round(float(value) - float(prior), 2)
                if isinstance(value, int | float) and isinstance(prior, int | float)
                else None
            )
            rows.append(
                {
                    "window": name,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "previous_start": previous_start.isoformat(),
                    "previous_end": previous_end.isoformat(),
                    "metric": metric,
                    "unit": request.ctx.catalog.metric(metric).unit,
                    "value": value,
                    "previous_value": prior,
                    "change": change,
                    "change_share": round(change / float(prior), 4)
                    if change is not None and prior
                    else None,
                }
            )
    columns = [
        key_column("window", "Window", "today, month_to_date or year_to_date, ending at `end`."),
        Column(name="start", label="From", unit="date", description="First day of the window."),
        Column(name="end", label="To", unit="date", description="Last day of the window."),
        Column(
            name="previous_start", label="Previous from", unit="date",
            description="First day of the span it is compared with.",
        ),
        Column(
            name="previous_end", label="Previous to", unit="date",
            description="Last day of the span it is compared with.",
        ),
        key_column("metric", "Metric", "The metric (see /api/metrics)."),
        key_column("unit", "Unit", "The metric's unit: what value, previous_value and change are in."),
        Column(name="value", label="Value", unit="number", description="The window's value."),
        Column(
            name="previous_value", label="Previous", unit="number",
            description="The same span of the previous day, month or year.",
        ),
        Column(name="change", label="Change", unit="number", description="value - previous_value."),
        Column(
            name="change_share", label="Change %", unit="percent",
            description="change / previous_value (null when the previous value is 0).",
        ),
    ]  # fmt: skip
    return Table(
        description="Production, collections and new patients today, month-to-date and "
        "year-to-date, against the same span before, each in its metric's unit.",
        start=min(w[3] for w in windows(request.end)),
        end=request.end,
        columns=columns,
        rows=rows,
        unavailable=unavailable,
    )


def next_business_day(request: ReportRequest) -> Table:
    rows = request.db.fetch(
        "select min(date_day) from marts.dim_date where date_day > %s and is_business_day",
        (request.end,),
    )
    day = rows[0][0] if rows and rows[0][0] is not None else None
    if day is None:
        return Table(
            description="No business day after `end` in the calendar.",
            columns=[],
            rows=[],
        )
    table = request.table(
        "Production scheduled for the next business day after `end`.",
        NEXT_DAY,
        start=day,
        end=day,
    )
    return table.model_copy(
        update={
            "columns": [
                Column(name="date", label="Date", unit="date", description="The day."),
                *table.columns,
            ],
            "rows": [{"date": str(day), **row} for row in table.rows],
        }
    )
