"""The semantic layer (`models/marts/semantic/*.yml`) keeps to the subset the API compiles: one
semantic model per file over a mart, simple and ratio metrics only, every metric labelled,
described and given a unit, and every measure and dimension reading columns the mart declares.
The YAML is also written so MetricFlow reads it as the API does: models kept by clinic or provider
share the `clinic` and `provider` entities, and an additive metric with no rows is 0.

dbt parse checks the YAML against dbt's spec; these checks are the API's contract on top of it,
read straight from the files with PyYAML, as the API reads them."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "dbt_dental_models"
MARTS = PROJECT / "models" / "marts"
SEMANTIC = MARTS / "semantic"

UNITS = {"money", "percent", "count", "days", "hours", "ratio", "money_per_hour"}
RATIO_UNITS = {"percent", "ratio", "days", "money_per_hour", "money"}
AGGREGATIONS = {"sum", "count", "count_distinct", "max", "min"}
GRANULARITIES = {"day", "month"}
# The entities every semantic model over a mart with the column declares: entity -> column.
SHARED_ENTITIES = {"clinic": "clinic_id", "provider": "provider_id"}
REF = re.compile(r"""^ref\(\s*'([a-z0-9_]+)'\s*\)$""")
IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")
# The SQL words a portable measure expression may use besides the mart's columns.
SQL_WORDS = {
    "case", "when", "then", "else", "end", "and", "or", "not", "is", "null", "in",
    "cast", "as", "decimal", "numeric", "integer", "bigint", "true", "false", "coalesce",
}  # fmt: skip
# What only one engine understands, or what the API's compiler would paste in unrendered.
NOT_PORTABLE = ("::", "{{", "{%", "ifnull", "iif(", "nvl(", "date_diff", "datediff", "strftime")

# The metric names the API serves (its contract): each must be defined exactly as named.
API_METRICS = {
    # production
    "gross_production", "adjustments", "write_offs", "net_production", "patient_income",
    "insurance_income", "collections", "collection_rate",
    # scheduling
    "appointments_scheduled", "appointments_completed", "appointments_broken", "no_shows",
    "cancellations", "scheduled_hours", "booked_hours", "scheduled_production", "no_show_rate",
    "cancellation_rate", "chair_utilisation", "production_per_scheduled_hour",
    # patients and new-patient follow-up
    "new_patients", "active_patients", "patients", "new_patients_in_cohort",
    "new_patients_left_with_next_appointment", "new_patient_next_appointment_rate",
    # retention
    "practice_retention", "new_patient_retention", "practice_retention_12m",
    "new_patient_retention_12m",
    # hygiene and recall
    "hygiene_visits", "hygiene_visits_reappointed", "perio_visits", "hygiene_reappointment_rate",
    "perio_share", "recalls_due", "recalls_completed_on_time", "recalls_overdue",
    "recall_on_time_rate",
    # treatment
    "treatment_presented", "treatment_accepted", "case_acceptance", "unscheduled_treatment",
    "recoverable_treatment", "unscheduled_procedures", "completed_production",
    "completed_procedures",
    # revenue lost and payer mix
    "revenue_lost", "revenue_lost_items", "payer_production", "payer_collections",
    "payer_write_offs", "payer_patients_seen",
    # A/R
    "ar_balance", "ar_0_30", "ar_31_60", "ar_61_90", "ar_over_90", "ar_credit_balance",
    "ar_insurance_pending", "ar_patient_portion", "ar_over_90_share", "days_sales_outstanding",
    "ar_to_production",
    # claims
    "claims_sent", "claims_paid", "claims_denied", "claims_outstanding",
    "outstanding_claims_0_30", "outstanding_claims_31_60", "outstanding_claims_61_90",
    "outstanding_claims_over_90", "outstanding_insurance_estimate", "insurance_paid",
    "claim_denial_rate",
    # patient value
    "cohort_patients", "cohort_production", "cohort_collections",
    "lifetime_production_per_patient", "lifetime_collections_per_patient",
}  # fmt: skip


@cache
def _files() -> dict[Path, dict[str, Any]]:
    return {p: yaml.safe_load(p.read_text()) or {} for p in sorted(SEMANTIC.glob("*.yml"))}


@cache
def _mart_columns() -> dict[str, dict[str, str]]:
    """Each mart's declared columns (name -> data_type), from the YAML beside it."""
    marts: dict[str, dict[str, str]] = {}
    for path in MARTS.rglob("*.yml"):
        if SEMANTIC in path.parents:
            continue
        for model in (yaml.safe_load(path.read_text()) or {}).get("models") or []:
            marts[model["name"]] = {
                c["name"]: str(c.get("data_type", "")).lower() for c in model.get("columns") or []
            }
    return marts


def _semantic_models() -> list[tuple[Path, dict[str, Any]]]:
    return [(p, m) for p, doc in _files().items() for m in doc.get("semantic_models") or []]


def _metrics() -> list[tuple[Path, dict[str, Any]]]:
    return [(p, m) for p, doc in _files().items() for m in doc.get("metrics") or []]


def _measures() -> dict[str, tuple[Path, dict[str, Any]]]:
    return {
        measure["name"]: (path, model)
        for path, model in _semantic_models()
        for measure in model.get("measures") or []
    }


def _measure_of(metric: dict[str, Any]) -> str:
    """The measure a simple metric names (`measure: x` or `measure: {name: x, ...}`)."""
    measure = metric["type_params"]["measure"]
    return str(measure["name"] if isinstance(measure, dict) else measure)


def _mart_of(model: dict[str, Any]) -> str:
    match = REF.match(str(model.get("model", "")).strip())
    assert match, f"{model['name']}: model must be ref('<mart>'), not {model.get('model')!r}"
    return match.group(1)


def _columns_read(expr: str) -> set[str]:
    """The identifiers of an expression that are not SQL words: the columns it reads."""
    without_literals = re.sub(r"'[^']*'", "", expr.lower())
    return set(IDENTIFIER.findall(without_literals)) - SQL_WORDS


def test_each_file_holds_one_semantic_model_named_for_it() -> None:
    assert _files(), f"no semantic-layer files in {SEMANTIC}"
    for path, document in _files().items():
        assert set(document) <= {"version", "semantic_models", "metrics"}, path.name
        (model,) = document.get("semantic_models") or [None]
        assert model is not None, f"{path.name} holds no semantic model"
        assert path.stem == f"sem_{model['name']}", path.name


def test_semantic_models_read_marts_only() -> None:
    for path, model in _semantic_models():
        mart = _mart_of(model)
        assert mart.startswith(("dim_", "fact_", "mart_")), f"{path.name} reads {mart}"
        assert mart in _mart_columns(), f"{path.name}: {mart} is not a model under models/marts"
        assert model.get("description", "").strip(), f"{path.name}: no description"
        entities = model.get("entities") or []
        primary = [e for e in entities if e.get("type") == "primary"]
        assert model.get("primary_entity") or primary, f"{path.name}: no primary entity"


def test_models_by_clinic_or_provider_share_the_clinic_and_provider_entities() -> None:
    """MetricFlow names a dimension by its model's primary entity (`production_day__provider_id`),
    so a ratio of two models (production per scheduled hour) can be grouped or filtered by
    provider or clinic only through an entity both models declare."""
    for path, model in _semantic_models():
        columns = _mart_columns()[_mart_of(model)]
        entities = {e["name"]: e for e in model.get("entities") or []}
        for entity, column in SHARED_ENTITIES.items():
            if column not in columns:
                assert entity not in entities, f"{path.name}: {entity} entity without {column}"
                continue
            declared = entities.get(entity)
            assert declared is not None, f"{path.name}: no {entity} entity (expr: {column})"
            assert declared.get("type") == "foreign", f"{path.name}: {entity} must be foreign"
            assert declared.get("expr") == column, f"{path.name}: {entity} must read {column}"


def test_time_dimension_is_a_date_column_by_day_or_month() -> None:
    for path, model in _semantic_models():
        columns = _mart_columns()[_mart_of(model)]
        time_name = (model.get("defaults") or {}).get("agg_time_dimension")
        times = {d["name"]: d for d in model.get("dimensions") or [] if d.get("type") == "time"}
        assert time_name in times, (
            f"{path.name}: agg_time_dimension {time_name!r} is no time dimension"
        )
        assert len(times) == 1, f"{path.name}: one time dimension, the one the API filters on"
        dimension = times[time_name]
        column = dimension.get("expr") or dimension["name"]
        assert columns.get(column) == "date", f"{path.name}: {column} is not a date column"
        granularity = (dimension.get("type_params") or {}).get("time_granularity")
        assert granularity in GRANULARITIES, f"{path.name}: {time_name} by {granularity!r}"


def test_dimensions_are_mart_columns_and_clinic_and_provider_keep_their_names() -> None:
    for path, model in _semantic_models():
        columns = _mart_columns()[_mart_of(model)]
        categorical = {
            d["name"]: d.get("expr") or d["name"]
            for d in model.get("dimensions") or []
            if d.get("type") == "categorical"
        }
        for name, column in categorical.items():
            assert column in columns, f"{path.name}: dimension {name} reads no column {column}"
            assert name == column, f"{path.name}: dimension {name} is named for its column"
        for key in ("clinic_id", "provider_id"):
            if key in columns:
                assert categorical.get(key) == key, f"{path.name}: no {key} dimension"


def test_measures_are_portable_expressions_over_mart_columns() -> None:
    seen: set[str] = set()
    for path, model in _semantic_models():
        columns = _mart_columns()[_mart_of(model)]
        times = {d["name"] for d in model.get("dimensions") or [] if d.get("type") == "time"}
        for measure in model.get("measures") or []:
            name = measure["name"]
            assert name not in seen, f"measure {name} is defined twice"
            seen.add(name)
            assert measure.get("agg") in AGGREGATIONS, (
                f"{path.name}: {name} agg {measure.get('agg')}"
            )
            expr = str(measure.get("expr") or name)
            assert not [s for s in NOT_PORTABLE if s in expr.lower()], (
                f"{path.name}: {name}: {expr}"
            )
            unknown = _columns_read(expr) - set(columns)
            assert unknown == set(), (
                f"{path.name}: {name} reads {sorted(unknown)}, not mart columns"
            )
            non_additive = measure.get("non_additive_dimension")
            if non_additive is not None:
                assert non_additive.get("name") in times, f"{path.name}: {name}"
                assert non_additive.get("window_choice") == "max", f"{path.name}: {name}"


def test_snapshot_marts_take_the_last_snapshot() -> None:
    """A balance at a snapshot date never adds up over dates: every measure of a model dated by
    snapshot_date is non-additive over it."""
    for path, model in _semantic_models():
        if (model.get("defaults") or {}).get("agg_time_dimension") != "snapshot_date":
            continue
        for measure in model.get("measures") or []:
            assert measure.get("non_additive_dimension"), f"{path.name}: {measure['name']}"


def test_metrics_are_simple_or_ratio_labelled_described_and_given_a_unit() -> None:
    names = [metric["name"] for _, metric in _metrics()]
    assert len(names) == len(set(names)), "a metric is defined twice"
    for path, metric in _metrics():
        name = metric["name"]
        assert set(metric) <= {"name", "label", "description", "type", "type_params", "config"}, (
            f"{path.name}: {name} uses more than the API compiles (filter, ...)"
        )
        assert str(metric.get("label", "")).strip(), f"{path.name}: {name} has no label"
        description = " ".join(str(metric.get("description", "")).split())
        assert description.endswith("."), f"{path.name}: {name} needs a description"
        sentences = re.split(r"(?<=[.;!?])\s+(?=[A-Z])", description)
        assert len(sentences) <= 2, f"{path.name}: {name}: one or two sentences, not {sentences}"
        assert "{{" not in description, (
            f"{path.name}: {name}: the API shows descriptions as written"
        )
        unit = ((metric.get("config") or {}).get("meta") or {}).get("unit")
        assert unit in UNITS, f"{path.name}: {name} unit {unit!r}"
        assert metric.get("type") in {"simple", "ratio"}, (
            f"{path.name}: {name} {metric.get('type')}"
        )
        if metric["type"] == "ratio":
            assert unit in RATIO_UNITS, f"{path.name}: ratio {name} in {unit}"


def test_metrics_name_measures_and_metrics_that_exist_in_their_file() -> None:
    """A simple metric names a measure of its file's semantic model; a ratio names two metrics
    and sits in its numerator's file."""
    measures = _measures()
    metrics = {metric["name"]: (path, metric) for path, metric in _metrics()}

    def home(name: str) -> Path:
        metric = metrics[name][1]
        if metric["type"] == "simple":
            return measures[_measure_of(metric)][0]
        return home(metric["type_params"]["numerator"])

    for name, (path, metric) in metrics.items():
        params = metric.get("type_params") or {}
        if metric["type"] == "simple":
            assert set(params) == {"measure"}, f"{name}: {params}"
            measure = params["measure"]
            if isinstance(measure, dict):
                assert set(measure) <= {"name", "fill_nulls_with"}, f"{name}: {measure}"
            assert _measure_of(metric) in measures, f"{name}: no measure {_measure_of(metric)}"
        else:
            assert set(params) == {"numerator", "denominator"}, f"{name}: {params}"
            for part in (params["numerator"], params["denominator"]):
                assert part in metrics, f"{name}: no metric {part}"
        assert home(name) == path, f"{name} belongs in {home(name).name}"


def test_additive_metrics_fill_nulls_with_zero_and_snapshots_do_not() -> None:
    """The API takes an additive measure with no rows at a key as 0 and a snapshot's as unknown
    (`queries._raw_value`); `fill_nulls_with: 0` makes MetricFlow do the same, which matters where
    a ratio's two sides have rows at different keys (booked hours ahead, no production yet)."""
    measures = {
        measure["name"]: measure
        for _, model in _semantic_models()
        for measure in model.get("measures") or []
    }
    for path, metric in _metrics():
        if metric["type"] != "simple":
            continue
        measure = metric["type_params"]["measure"]
        fill_with = measure.get("fill_nulls_with") if isinstance(measure, dict) else None
        if measures[_measure_of(metric)].get("non_additive_dimension"):
            assert fill_with is None, (
                f"{path.name}: {metric['name']} is a snapshot: null is unknown"
            )
        else:
            assert fill_with == 0, f"{path.name}: {metric['name']} needs fill_nulls_with: 0"


def test_every_metric_the_api_serves_is_defined() -> None:
    missing = API_METRICS - {metric["name"] for _, metric in _metrics()}
    assert missing == set()


def test_dim_date_is_the_time_spine() -> None:
    """MetricFlow needs a daily time spine (dbt 1.11's YAML form) for day and month grains."""
    (model,) = yaml.safe_load((MARTS / "dimensions" / "dim_date.yml").read_text())["models"]
    assert model["time_spine"] == {"standard_granularity_column": "date_day"}
    (spine,) = [c for c in model["columns"] if c["name"] == "date_day"]
    assert spine["granularity"] == "day"
