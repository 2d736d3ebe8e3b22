"""The query layer: metrics from the catalog, compiled to SQL over the marts, scoped to the caller.

Every number the API returns goes through `run()`. It is the one place clinic scoping happens: a
caller limited to clinics gets `clinic_id in (...)` on every query, and a metric whose mart is kept
practice-wide (no clinic column) is withheld from such a caller rather than shown whole. The SQL is
compiled once per query shape (metrics, grouping, grain, how many ids are filtered) and cached;
values are always bound parameters.

A ratio is computed at the grain asked as sum(numerator) / sum(denominator), never as an average
of stored ratios; it is null when the denominator is zero or less (as the marts' `ratio` macro).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from dental_analytics.api.catalog import Catalog, Measure, Metric, SemanticModel
from dental_analytics.api.warehouse import Snapshot

Grain = Literal["day", "week", "month", "quarter", "year"]
GRAINS: tuple[Grain, ...] = ("day", "week", "month", "quarter", "year")
Value = int | float | str | bool | None
_FOUR_PLACES = Decimal("0.0001")
_TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Scope:
    """Which rows a caller may see: None is every clinic."""

    clinics: frozenset[int] | None


@dataclass(frozen=True)
class MetricQuery:
    """Metrics for a period, optionally by grain and dimensions, filtered by clinic and provider.

    `start`/`end` bound the mart's time column (inclusive; either may be None: unbounded); a mart
    kept by month counts the months whose first day falls from the first of `start`'s month to
    `end`. A snapshot measure (A/R) takes the last snapshot on or before `end` in each period.
    `equals` filters on dimensions (e.g. `(("is_within_recovery_window", True),)`).
    """

    metrics: tuple[str, ...]
    start: dt.date | None = None
    end: dt.date | None = None
    grain: Grain | None = None
    group_by: tuple[str, ...] = ()
    clinic_ids: tuple[int, ...] = ()
    provider_ids: tuple[int, ...] = ()
    equals: tuple[tuple[str, Value], ...] = ()


@dataclass
class MetricResult:
    rows: list[dict[str, Value]]
    # Metrics left out, and why (a practice-wide mart for a caller limited to clinics, ...).
    unavailable: dict[str, str] = field(default_factory=dict)


def run(db: Snapshot, catalog: Catalog, query: MetricQuery, scope: Scope) -> MetricResult:
    """The query's metrics as rows keyed by `period` (with a grain) and the grouped dimensions."""
    clinics = scoped_clinics(query.clinic_ids, scope)
    unavailable: dict[str, str] = {}
    wanted: list[Metric] = []
    for name in query.metrics:
        metric = catalog.metric(name)
        reason = _why_unavailable(catalog, metric, query, scope)
        if reason:
            unavailable[name] = reason
        else:
            wanted.append(metric)
    by_model: dict[tuple[str, bool], list[Measure]] = defaultdict(list)
    for metric in wanted:
        for measure in catalog.measures_of(metric.name):
            group = (measure.semantic_model, measure.non_additive)
            if measure not in by_model[group]:
                by_model[group].append(measure)
    values: dict[tuple[Value, ...], dict[str, Any]] = defaultdict(dict)
    for (model_name, non_additive), measures in by_model.items():
        model = catalog.semantic_models[model_name]
        sql = compile_sql(
            model,
            tuple(m.name for m in measures),
            query.grain,
            query.group_by,
            len(clinics) if clinics is not None and model.by_clinic else None,
            len(query.provider_ids) if "provider_id" in model.dimensions else 0,
            tuple(name for name, _ in query.equals if name in model.dimensions),
            (query.start is not None, query.end is not None),
            non_additive,
        )
        params = _params(model, query, clinics, non_additive)
        width = len(query.group_by) + (1 if query.grain else 0)
        for fetched in db.fetch(sql, params):
            key = tuple(plain(v) for v in fetched[:width])
            for measure, value in zip(measures, fetched[width:], strict=True):
                values[key][measure.name] = value
    names = (["period"] if query.grain else []) + list(query.group_by)
    keys = sorted(values, key=_row_order(names, [catalog.semantic_models[m] for m, _ in by_model]))
    rows = []
    for key in keys:
        row: dict[str, Value] = dict(zip(names, key, strict=True))
        for metric in wanted:
            row[metric.name] = metric_value(catalog, metric, values[key])
        rows.append(row)
    return MetricResult(rows=rows, unavailable=unavailable)


def _row_order(
    names: Sequence[str], models: Sequence[SemanticModel]
) -> Callable[[tuple[Value, ...]], tuple[tuple[bool, int, Any], ...]]:
    """The sort key of a row's key: by a dimension's declared order where its models give one,
    else by value (each key position holds one type: dates as text, ids, labels); nulls last."""
    orders = [next((m.orders[name] for m in models if name in m.orders), None) for name in names]

    def key(values: tuple[Value, ...]) -> tuple[tuple[bool, int, Any], ...]:
        return tuple(
            (v is None, _rank(order, v), 0 if v is None else v)
            for order, v in zip(orders, values, strict=True)
        )

    return key


def _rank(order: tuple[str, ...] | None, value: Value) -> int:
    """A value's place in its dimension's declared order; values it does not list come after."""
    if order is None or value is None:
        return 0
    return order.index(str(value)) if str(value) in order else len(order)


def metric_value(catalog: Catalog, metric: Metric, measures: Mapping[str, Any]) -> Value:
    """A metric's value from its measures' values at one key, rounded for its unit."""
    raw = _raw_value(catalog, metric, measures)
    if raw is None:
        return None
    if metric.unit == "count":
        return int(raw)
    places = _TWO_PLACES if metric.unit in ("money", "hours", "money_per_hour") else _FOUR_PLACES
    return float(Decimal(raw).quantize(places, rounding=ROUND_HALF_UP))


def _raw_value(catalog: Catalog, metric: Metric, measures: Mapping[str, Any]) -> Decimal | None:
    if metric.measure is not None:
        measure = catalog.measures[metric.measure]
        value = measures.get(metric.measure)
        if value is None:
            # No rows at this key: an additive measure is zero there, a snapshot is unknown.
            return None if measure.non_additive else Decimal(0)
        return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    assert metric.numerator is not None and metric.denominator is not None
    numerator = _raw_value(catalog, catalog.metric(metric.numerator), measures)
    denominator = _raw_value(catalog, catalog.metric(metric.denominator), measures)
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def _why_unavailable(catalog: Catalog, metric: Metric, query: MetricQuery, scope: Scope) -> str:
    for model in catalog.semantic_models_of(metric.name):
        if scope.clinics is not None and not model.by_clinic:
            return "kept for the whole practice only; not shown to a caller limited to clinics"
        if query.clinic_ids and not model.by_clinic:
            return "kept for the whole practice only, not by clinic"
        if query.provider_ids and "provider_id" not in model.dimensions:
            return "not kept by provider"
        if query.grain in ("day", "week") and model.time_granularity == "month":
            return f"kept by month; ask for grain month, quarter or year, not {query.grain}"
        missing = [d for d in query.group_by if d not in model.dimensions]
        if missing:
            return f"not kept by {', '.join(missing)}"
    return ""


def scoped_clinics(requested: Sequence[int], scope: Scope) -> tuple[int, ...] | None:
    """The clinics a query reads: those asked for (already checked to be within the scope), else
    the caller's, else None (every clinic)."""
    if requested:
        if scope.clinics is not None and not set(requested) <= scope.clinics:
            raise PermissionError("a clinic outside the caller's scope")
        return tuple(sorted(set(requested)))
    if scope.clinics is not None:
        return tuple(sorted(scope.clinics))
    return None


def _params(
    model: SemanticModel, query: MetricQuery, clinics: tuple[int, ...] | None, non_additive: bool
) -> list[Any]:
    dates = _dates(model, query)
    params: list[Any] = list(dates)
    if clinics is not None and model.by_clinic:
        params += list(clinics)
    if "provider_id" in model.dimensions:
        params += list(query.provider_ids)
    params += [value for name, value in query.equals if name in model.dimensions]
    # A snapshot measure's subquery (the last snapshot of each period) repeats the time filter.
    return params + (list(dates) if non_additive else [])


def _dates(model: SemanticModel, query: MetricQuery) -> list[dt.date]:
    dates = []
    if query.start is not None:
        # A mart kept by month counts the month `start` falls in.
        dates.append(
            query.start.replace(day=1) if model.time_granularity == "month" else query.start
        )
    if query.end is not None:
        dates.append(query.end)
    return dates


@functools.lru_cache(maxsize=512)
def compile_sql(
    model: SemanticModel,
    measures: tuple[str, ...],
    grain: Grain | None,
    group_by: tuple[str, ...],
    clinic_count: int | None,
    provider_count: int,
    equals: tuple[str, ...],
    bounds: tuple[bool, bool],
    non_additive: bool,
) -> str:
    """The SQL for one semantic model's measures at one query shape (`%s` placeholders)."""
    table = f"marts.{model.mart}"
    time = model.time_dimension
    period = _period(time, grain) if grain else None
    select = ([f"{period} as period"] if period else []) + [
        f"{model.dimensions[d]} as {d}" for d in group_by
    ]
    select += [f"{_aggregate(model.measures[m])} as {m}" for m in measures]
    dated = [f"{time} >= %s"] * bounds[0] + [f"{time} <= %s"] * bounds[1]
    where = list(dated)
    if clinic_count is not None:
        where.append(_in(model.dimensions["clinic_id"], clinic_count))
    if provider_count:
        where.append(_in(model.dimensions["provider_id"], provider_count))
    where += [f"{model.dimensions[d]} = %s" for d in equals]
    if non_additive:
        last = f"select max({time}) from {table}"
        if dated:
            last += " where " + " and ".join(dated)
        if period:
            last += f" group by {period}"
        where.append(f"{time} in ({last})")
    groups = ([period] if period else []) + [model.dimensions[d] for d in group_by]
    sql = f"select {', '.join(select)} from {table}"
    if where:
        sql += " where " + " and ".join(where)
    if groups:
        sql += " group by " + ", ".join(groups)
    return sql


def _period(column: str, grain: Grain) -> str:
    return column if grain == "day" else f"cast(date_trunc('{grain}', {column}) as date)"


def _aggregate(measure: Measure) -> str:
    expr = measure.expr
    match measure.agg:
        case "sum" if measure.non_additive:
            return f"sum({expr})"  # a snapshot without the figure is unknown, not 0
        case "sum":
            return f"coalesce(sum({expr}), 0)"
        case "count":
            return f"count({expr})"
        case "count_distinct":
            return f"count(distinct {expr})"
        case "sum_boolean":
            return f"coalesce(sum(case when {expr} then 1 else 0 end), 0)"
        case "max" | "min":
            return f"{measure.agg}({expr})"
        case "average":
            return f"avg({expr})"
    raise ValueError(f"measure {measure.name}: aggregation {measure.agg!r} is not compiled")


def _in(column: str, count: int) -> str:
    return f"{column} in ({', '.join(['%s'] * count)})"


def plain(value: Any) -> Value:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, int | float | str | bool):
        return value
    return str(value)
