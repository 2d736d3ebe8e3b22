"""The metric catalog: every number the API returns, defined once in the dbt project's semantic
layer (`models/marts/semantic/*.yml`: dbt `semantic_models:` and `metrics:`).

The API reads the same YAML dbt validates, so a metric's definition, its OpenAPI field description
and the dashboard's info text cannot drift apart. Only the part of the semantic-layer spec the
project uses is read: simple and ratio metrics over measures of marts (see `queries.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from dental_analytics.errors import DentalError

Unit = Literal["money", "percent", "count", "days", "hours", "ratio", "money_per_hour"]
UNITS: frozenset[str] = frozenset(Unit.__args__)  # type: ignore[attr-defined]
TimeGranularity = Literal["day", "month"]
_REF = re.compile(r"""^\s*ref\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)\s*$""")
_MART_PREFIXES = ("dim_", "fact_", "mart_")


@dataclass(frozen=True)
class Measure:
    """One aggregation over one mart: `agg(expr)`; snapshot measures take the last snapshot."""

    name: str
    agg: str
    expr: str
    semantic_model: str
    non_additive: bool = False


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, a key of the SQL cache
class SemanticModel:
    """A mart as the metrics see it: its time column, its dimensions and its measures."""

    name: str
    mart: str
    time_dimension: str  # the mart column that dates each row
    time_granularity: TimeGranularity
    dimensions: dict[str, str]  # dimension name -> mart column (or expression)
    measures: dict[str, Measure]
    # A dimension's values in their own order (`config.meta.order`: age bands, ...), where
    # alphabetical would mislead; rows grouped by it are listed in this order.
    orders: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def by_clinic(self) -> bool:
        """Whether the mart keeps its rows by clinic (else it is practice-wide)."""
        return "clinic_id" in self.dimensions


@dataclass(frozen=True)
class Metric:
    """A named number with one definition: a measure (simple) or numerator over denominator."""

    name: str
    label: str
    description: str
    unit: Unit
    measure: str | None = None
    numerator: str | None = None
    denominator: str | None = None

    @property
    def is_ratio(self) -> bool:
        return self.numerator is not None


@dataclass(frozen=True)
class Catalog:
    metrics: dict[str, Metric]
    semantic_models: dict[str, SemanticModel]
    measures: dict[str, Measure] = field(default_factory=dict)

    def metric(self, name: str) -> Metric:
        try:
            return self.metrics[name]
        except KeyError:
            raise DentalError(f"no metric named {name!r} in the catalog") from None

    def measures_of(self, name: str) -> list[Measure]:
        """The measures a metric is computed from (one, or a ratio's two sides' measures)."""
        metric = self.metric(name)
        if metric.measure is not None:
            return [self.measures[metric.measure]]
        assert metric.numerator is not None and metric.denominator is not None
        return [*self.measures_of(metric.numerator), *self.measures_of(metric.denominator)]

    def semantic_models_of(self, name: str) -> list[SemanticModel]:
        seen = dict.fromkeys(m.semantic_model for m in self.measures_of(name))
        return [self.semantic_models[s] for s in seen]

    def marts_of(self, names: Iterable[str]) -> set[str]:
        """The marts the metrics `names` read."""
        return {model.mart for name in names for model in self.semantic_models_of(name)}


def semantic_dir(project: Path) -> Path:
    return project / "models" / "marts" / "semantic"


def load_catalog(project: Path) -> Catalog:
    """Read every semantic model and metric of the dbt project at `project`.

    Raises `DentalError` naming the file and the entry when something is outside the subset the
    API compiles (a metric type other than simple or ratio, a model that is not a mart, ...).
    """
    folder = semantic_dir(project)
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise DentalError(f"no metric definitions in {folder}")
    models: dict[str, SemanticModel] = {}
    raw_metrics: list[tuple[Path, dict[str, Any]]] = []
    for path in files:
        document = yaml.safe_load(path.read_text()) or {}
        for entry in document.get("semantic_models") or []:
            model = _semantic_model(path, entry)
            models[model.name] = model
        raw_metrics.extend((path, entry) for entry in document.get("metrics") or [])
    measures = {m.name: m for model in models.values() for m in model.measures.values()}
    metrics = {}
    for path, entry in raw_metrics:
        metric = _metric(path, entry)
        metrics[metric.name] = metric
    catalog = Catalog(metrics=metrics, semantic_models=models, measures=measures)
    for metric in metrics.values():
        for part in (metric.numerator, metric.denominator):
            if part is not None and part not in metrics:
                raise DentalError(f"metric {metric.name}: no metric named {part!r}")
        if metric.measure is not None and metric.measure not in measures:
            raise DentalError(f"metric {metric.name}: no measure named {metric.measure!r}")
    return catalog


def _semantic_model(path: Path, entry: dict[str, Any]) -> SemanticModel:
    name = entry["name"]
    match = _REF.match(str(entry.get("model", "")))
    if match is None or not match.group(1).startswith(_MART_PREFIXES):
        raise DentalError(f"{path.name}: semantic model {name} must ref() a mart")
    time_name = (entry.get("defaults") or {}).get("agg_time_dimension")
    dimensions: dict[str, str] = {}
    orders: dict[str, tuple[str, ...]] = {}
    time_column = None
    granularity: TimeGranularity = "day"
    for dim in entry.get("dimensions") or []:
        column = dim.get("expr") or dim["name"]
        if dim.get("type") == "time":
            if dim["name"] == time_name:
                time_column = column
                granularity = (dim.get("type_params") or {}).get("time_granularity", "day")
        else:
            dimensions[dim["name"]] = column
            order = ((dim.get("config") or {}).get("meta") or {}).get("order")
            if order is not None:
                orders[dim["name"]] = tuple(str(v) for v in order)
    if time_column is None:
        raise DentalError(f"{path.name}: semantic model {name} has no agg_time_dimension")
    if granularity not in ("day", "month"):
        raise DentalError(f"{path.name}: {name}: time granularity {granularity!r} (day or month)")
    measures = {}
    for m in entry.get("measures") or []:
        non_additive = m.get("non_additive_dimension")
        if non_additive and non_additive.get("window_choice", "max") != "max":
            raise DentalError(f"{path.name}: measure {m['name']}: only window_choice max")
        measures[m["name"]] = Measure(
            name=m["name"],
            agg=m["agg"],
            expr=str(m.get("expr") or m["name"]),
            semantic_model=name,
            non_additive=bool(non_additive),
        )
    return SemanticModel(
        name=name,
        mart=match.group(1),
        time_dimension=time_column,
        time_granularity=granularity,
        dimensions=dimensions,
        measures=measures,
        orders=orders,
    )


def _metric(path: Path, entry: dict[str, Any]) -> Metric:
    name = entry["name"]
    unit = ((entry.get("config") or {}).get("meta") or entry.get("meta") or {}).get("unit")
    if unit not in UNITS:
        raise DentalError(
            f"{path.name}: metric {name}: unit {unit!r} is not one of {sorted(UNITS)}"
        )
    params = entry.get("type_params") or {}
    common = {
        "name": name,
        "label": entry.get("label") or name,
        "description": " ".join(str(entry.get("description", "")).split()),
        "unit": unit,
    }
    if entry.get("type") == "simple":
        measure = params.get("measure")
        measure_name = measure.get("name") if isinstance(measure, dict) else measure
        return Metric(**common, measure=str(measure_name))
    if entry.get("type") == "ratio":
        return Metric(
            **common,
            numerator=_metric_ref(params.get("numerator")),
            denominator=_metric_ref(params.get("denominator")),
        )
    raise DentalError(f"{path.name}: metric {name}: type {entry.get('type')!r} (simple or ratio)")


def _metric_ref(value: Any) -> str:
    return str(value.get("name") if isinstance(value, dict) else value)
