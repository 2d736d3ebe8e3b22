"""The query layer's SQL and values, on the project's own metric catalog (no warehouse)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dental_analytics.api import queries
from dental_analytics.api.catalog import load_catalog
from dental_analytics.api.queries import MetricQuery, Scope
from dental_analytics.dbt import project_dir

CATALOG = load_catalog(project_dir())


class RecordingWarehouse:
    """Records the statements it is given and answers with no rows (the SQL is what is tested)."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, tuple[object, ...]]] = []

    def fetch(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        self.statements.append((sql, tuple(params)))
        return []


def _run(
    query: MetricQuery, clinics: frozenset[int] | None = None
) -> tuple[RecordingWarehouse, queries.MetricResult]:
    warehouse = RecordingWarehouse()
    result = queries.run(warehouse, CATALOG, query, Scope(clinics))  # type: ignore[arg-type]
    return warehouse, result


def test_a_caller_limited_to_clinics_gets_the_filter_on_every_query() -> None:
    warehouse, result = _run(
        MetricQuery(metrics=("gross_production", "booked_hours", "revenue_lost")),
        clinics=frozenset({3, 1}),
    )
    assert set(result.unavailable) == {"revenue_lost"}  # kept for the whole practice only
    assert len(warehouse.statements) == 2
    for sql, params in warehouse.statements:
        assert "clinic_id in (%s, %s)" in sql and params[-2:] == (1, 3)


def test_a_clinic_outside_the_scope_is_refused() -> None:
    with pytest.raises(PermissionError):
        _run(MetricQuery(metrics=("collections",), clinic_ids=(2,)), clinics=frozenset({1}))


def test_values_are_bound_never_written_into_the_sql() -> None:
    import datetime as dt

    warehouse, _ = _run(
        MetricQuery(
            metrics=("collections",), start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31),
            grain="month", provider_ids=(7,), clinic_ids=(4,),
        )
    )  # fmt: skip
    [(sql, params)] = warehouse.statements
    assert "2026" not in sql and " 7" not in sql and " 4" not in sql
    assert params == (dt.date(2026, 1, 1), dt.date(2026, 3, 31), 4, 7)
    assert "date_trunc('month', activity_date)" in sql


def test_a_snapshot_takes_the_last_snapshot_of_each_period_not_a_sum() -> None:
    import datetime as dt

    warehouse, _ = _run(
        MetricQuery(metrics=("ar_balance",), start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), grain="month")
    )  # fmt: skip
    [(sql, params)] = warehouse.statements
    assert "snapshot_date in (select max(snapshot_date) from marts.mart_ar_summary" in sql
    assert "group by cast(date_trunc('month', snapshot_date) as date))" in sql
    assert len(params) == 4  # the period, in the query and in its last-snapshot subquery


def test_a_monthly_mart_is_not_split_into_days_and_counts_whole_months() -> None:
    import datetime as dt

    _, result = _run(MetricQuery(metrics=("case_acceptance",), grain="week"))
    assert "kept by month" in result.unavailable["case_acceptance"]
    warehouse, _ = _run(
        MetricQuery(metrics=("case_acceptance",), start=dt.date(2026, 2, 14), end=dt.date(2026, 3, 3))
    )  # fmt: skip
    assert warehouse.statements[0][1][:2] == (dt.date(2026, 2, 1), dt.date(2026, 3, 3))


def test_a_ratio_is_the_sum_over_the_sum_rounded_and_null_without_a_denominator() -> None:
    metric = CATALOG.metric("collection_rate")
    value = queries.metric_value(
        CATALOG, metric, {"collections": Decimal("98.765"), "net_production": Decimal("100")}
    )
    assert value == 0.9877
    for denominator in (Decimal(0), Decimal(-5)):
        assert (
            queries.metric_value(
                CATALOG, metric, {"collections": Decimal(1), "net_production": denominator}
            )
            is None
        )
    money = queries.metric_value(
        CATALOG, CATALOG.metric("collections"), {"collections": Decimal("1.005")}
    )
    assert money == 1.01


class AnsweringWarehouse(RecordingWarehouse):
    """Answers every statement with the given rows."""

    def __init__(self, rows: list[tuple[object, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def fetch(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        super().fetch(sql, params)
        return self.rows


def test_rows_grouped_by_an_ordered_dimension_come_in_its_order_not_alphabetically() -> None:
    bands = ["0_to_2_months", "12_to_23_months", "24_months_and_over", "3_to_5_months"]
    warehouse = AnsweringWarehouse([(band, Decimal(1)) for band in [*bands, None, "new_band"]])
    result = queries.run(
        warehouse,  # type: ignore[arg-type]
        CATALOG,
        MetricQuery(metrics=("unscheduled_treatment",), group_by=("age_band",)),
        Scope(None),
    )
    assert [row["age_band"] for row in result.rows] == [
        "0_to_2_months", "3_to_5_months", "12_to_23_months", "24_months_and_over", "new_band", None,
    ]  # fmt: skip


def test_a_declared_order_lists_exactly_the_marts_accepted_values() -> None:
    import yaml

    declared = {
        (model.mart, model.dimensions[name]): set(order)
        for model in CATALOG.semantic_models.values()
        for name, order in model.orders.items()
    }
    assert declared, "some dimension declares its order"
    accepted = {}
    for path in (project_dir() / "models" / "marts").rglob("*.yml"):
        for model in yaml.safe_load(path.read_text()).get("models") or []:
            for column in model.get("columns") or []:
                for test in column.get("data_tests") or column.get("tests") or []:
                    if isinstance(test, dict) and "accepted_values" in test:
                        args = test["accepted_values"].get("arguments") or test["accepted_values"]
                        accepted[(model["name"], column["name"])] = set(map(str, args["values"]))
    assert {key: accepted.get(key) for key in declared} == declared
