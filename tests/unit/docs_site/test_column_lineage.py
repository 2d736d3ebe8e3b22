"""Column lineage read from the real compiled SQL of a few models, on both engines, against paths
written out by hand from the models' SQL.

`fixtures/compiled_duckdb.json` and `fixtures/compiled_postgres.json` hold the compiled SQL of five
models (`dbt docs generate` on a DuckDB and a PostgreSQL target, macros expanded by each adapter)
and the catalog columns of what they read: the manifest and catalog cut down to those models by
`scripts/lineage_test_fixtures.py`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dental_analytics.docs_site.artifacts import project_from_artifacts
from dental_analytics.docs_site.build import write_column_lineage
from dental_analytics.docs_site.column_lineage import (
    AGGREGATED,
    CAST,
    COMPUTED,
    PASSED,
    RENAMED,
    WINDOW,
    ColumnLineage,
    ColumnRef,
    columns_of_expression,
    compute,
    dialect_of,
    used_by,
)
from dental_analytics.docs_site.lineage_file import (
    lineage_document,
    read_lineage_file,
    write_lineage_file,
)
from dental_analytics.docs_site.pages import write_pages

FIXTURES = Path(__file__).parent / "fixtures"
P = "model.dbt_dental_models."
SOURCE = "source.dbt_dental_models.opendental."


def col(ref: str) -> ColumnRef:
    """`stg_x.column` (a model) or `opendental.table.column` (a source table)."""
    *node, column = ref.split(".")
    if node[0] == "opendental":
        return ColumnRef(SOURCE + node[1], column)
    return ColumnRef(P + node[0], column)


def artifacts(engine: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"compiled_{engine}.json").read_text())
    return data


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def lineage(request: pytest.FixtureRequest) -> ColumnLineage:
    data = artifacts(request.param)
    result = compute(data["manifest"], data["catalog"])
    assert result.dialect == request.param
    assert [m.error for m in result.models.values() if m.error] == []
    return result


# Hops written out from each model's SQL: column -> {upstream column: how}.
HOPS = {
    # The od_money() macro: cast(procfee as decimal(15, 2)).
    "stg_opendental__procedurelog.procedure_fee": {"opendental.procedurelog.procfee": CAST},
    "stg_opendental__procedurelog.unit_quantity": {"opendental.procedurelog.unitqty": RENAMED},
    "stg_opendental__procedurelog.procedure_id": {"opendental.procedurelog.procnum": RENAMED},
    # od_minutes(): an adapter-dispatched macro, epoch() on DuckDB, extract(epoch from) on Postgres.
    "stg_opendental__procedurelog.procedure_time_minutes": {
        "opendental.procedurelog.proctime": COMPUTED
    },
    # od_date(): a case expression around a cast.
    "stg_opendental__procedurelog.procedure_date": {"opendental.procedurelog.procdate": COMPUTED},
    "stg_opendental__claimproc.write_off_amount": {"opendental.claimproc.writeoff": CAST},
    # fee * (units + base units), less the capitation write-offs summed per procedure.
    "int_procedure_complete.production_amount": {
        "stg_opendental__procedurelog.procedure_fee": COMPUTED,
        "stg_opendental__procedurelog.unit_quantity": COMPUTED,
        "stg_opendental__procedurelog.base_units": COMPUTED,
        "stg_opendental__claimproc.write_off_amount": AGGREGATED,
    },
    "int_procedure_complete.procedure_fee": {"stg_opendental__procedurelog.procedure_fee": PASSED},
    # Through a union of five streams, each renaming its own date column.
    "mart_production_summary.activity_date": {
        "int_procedure_complete.procedure_date": RENAMED,
        "int_adjustments.adjustment_date": RENAMED,
        "int_claim_details.payment_date": RENAMED,
        "int_patient_payment_allocated.payment_date": RENAMED,
        "int_insurance_payment_allocated.income_date": RENAMED,
    },
    "mart_production_summary.production_amount": {
        "int_procedure_complete.production_amount": AGGREGATED
    },
    # Renamed in its union branch, then summed.
    "mart_production_summary.insurance_income_amount": {
        "int_insurance_payment_allocated.insurance_paid_amount": AGGREGATED
    },
    # lag(visit_date) over (partition by patient_id order by visit_date): a window function.
    "int_patient_visits.previous_visit_date": {
        "int_procedure_complete.procedure_date": WINDOW,
        "int_procedure_complete.patient_id": WINDOW,
    },
    "int_patient_visits.visit_date": {"int_procedure_complete.procedure_date": RENAMED},
}


@pytest.mark.parametrize("column", sorted(HOPS))
def test_each_hop_matches_the_sql(lineage: ColumnLineage, column: str) -> None:
    expected = {col(up): kind for up, kind in HOPS[column].items()}
    assert lineage.upstream(col(column)) == expected


def test_a_mart_column_reaches_the_opendental_columns_it_comes_from(lineage: ColumnLineage) -> None:
    """The issue's example: production <- mart_production_summary.production_amount <- ... <-
    procedurelog.procfee, unitqty, baseunits (and the capitation write-offs of claimproc)."""
    assert lineage.sources_of(col("mart_production_summary.production_amount")) == {
        col("opendental.procedurelog.procfee"),
        col("opendental.procedurelog.unitqty"),
        col("opendental.procedurelog.baseunits"),
        col("opendental.claimproc.writeoff"),
    }


def test_filters_name_the_columns_rows_are_chosen_by(lineage: ColumnLineage) -> None:
    complete = lineage.models[P + "int_procedure_complete"].filters
    # where procedure_status_code = 2; where claim_procedure_status_code = 7; joined on procedure_id
    assert col("stg_opendental__procedurelog.procedure_status_code") in complete
    assert col("stg_opendental__claimproc.claim_procedure_status_code") in complete
    assert col("stg_opendental__claimproc.procedure_id") in complete
    mart = lineage.models[P + "mart_production_summary"].filters
    assert col("int_claim_details.is_received_or_supplemental") in mart
    assert col("int_patient_payment_allocated.is_patient_income") in mart
    assert col("int_procedure_complete.production_amount") not in mart


def test_used_by_follows_a_source_column_to_every_column_made_from_it(
    lineage: ColumnLineage,
) -> None:
    users = used_by(lineage, [col("opendental.procedurelog.procfee")])
    assert col("stg_opendental__procedurelog.procedure_fee") in users
    assert col("int_procedure_complete.production_amount") in users
    assert col("mart_production_summary.production_amount") in users
    assert col("mart_production_summary.net_production_amount") in users
    assert col("mart_production_summary.patient_income_amount") not in users
    assert col("int_patient_visits.visit_date") not in users


def test_sql_that_cannot_be_read_is_reported_per_model() -> None:
    data = artifacts("duckdb")
    manifest = json.loads(json.dumps(data["manifest"]))
    manifest["nodes"][P + "int_patient_visits"]["compiled_code"] = "select from where ("
    result = compute(manifest, data["catalog"])
    broken = result.models[P + "int_patient_visits"]
    assert broken.error and broken.columns == {}
    assert result.models[P + "mart_production_summary"].error is None


def test_an_adapter_without_a_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="fabric"):
        dialect_of({"metadata": {"adapter_type": "fabric"}})


def test_a_site_of_an_unknown_dialect_has_no_column_lineage_page(tmp_path: Path) -> None:
    """`dental docs` still builds the site: without the lineage file, its page and its link."""
    data = artifacts("duckdb")
    manifest = {**data["manifest"], "metadata": {"adapter_type": "fabric"}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    (tmp_path / "catalog.json").write_text(json.dumps(data["catalog"]))
    project = project_from_artifacts(manifest, {}, {}, data["catalog"])
    assert write_column_lineage(tmp_path, project, None, tmp_path) is None
    assert not (tmp_path / "column-lineage.js").exists()
    (tmp_path / "lineage").mkdir()
    (tmp_path / "lineage" / "layers.svg").write_text("<svg></svg>")  # the one picture drawn
    write_pages(tmp_path, project, [], [], "dbt/index.html", with_pdf=False, lineage=None)
    assert not (tmp_path / "lineage" / "columns.html").exists()
    assert "columns.html" not in (tmp_path / "index.html").read_text()


def test_columns_of_a_measure_expression() -> None:
    assert columns_of_expression("production_amount", "duckdb") == ["production_amount"]
    assert columns_of_expression("case when is_new_patient then patient_id end", "postgres") == [
        "is_new_patient",
        "patient_id",
    ]


def test_lineage_file_round_trips_and_indexes_every_column(
    lineage: ColumnLineage, tmp_path: Path
) -> None:
    data = artifacts(lineage.dialect)
    manifest = {**data["manifest"], "metadata": {"project_name": "dbt_dental_models"}}
    project = project_from_artifacts(manifest, {}, {}, data["catalog"])
    document = lineage_document(lineage, project, None)
    size = write_lineage_file(document, tmp_path / "lineage.js")
    assert size == (tmp_path / "lineage.js").stat().st_size
    assert read_lineage_file(tmp_path / "lineage.js") == document
    nodes = document["nodes"]
    by_name = {
        (n["name"], c): (i, j) for i, n in enumerate(nodes) for j, c in enumerate(n["columns"])
    }
    mart = nodes[by_name["mart_production_summary", "production_amount"][0]]
    flat = mart["up"][mart["columns"].index("production_amount")]
    assert flat == [*by_name["int_procedure_complete", "production_amount"], AGGREGATED]
    for node in nodes:
        assert len(node["up"]) == len(node["columns"])
        for ups in node["up"]:
            for n, c in zip(ups[0::3], ups[1::3], strict=True):
                assert 0 <= c < len(nodes[n]["columns"])
