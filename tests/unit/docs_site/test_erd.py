"""Entity-relationship diagrams from the relationships tests and the schema module's keys."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from dental_analytics.docs_site.artifacts import project_from_artifacts
from dental_analytics.docs_site.erd import (
    Relationship,
    erd_dot,
    marts_erd,
    opendental_erd,
    relationships_of,
)
from dental_analytics.docs_site.lineage import render

P = "dbt_dental_models"


def _model(name: str, schema: str) -> dict[str, Any]:
    return {
        "unique_id": f"model.{P}.{name}",
        "resource_type": "model",
        "name": name,
        "schema": schema,
        "fqn": [P, "marts" if schema == "marts" else schema, name],
        "columns": {},
        "depends_on": {"nodes": []},
    }


def _test(name: str, child: str, column: str, parents: list[str], **kwargs: str) -> dict[str, Any]:
    return {
        "unique_id": f"test.{P}.{name}",
        "resource_type": "test",
        "name": name,
        "attached_node": f"model.{P}.{child}",
        "column_name": column,
        "test_metadata": {"name": kwargs.pop("kind", "relationships"), "kwargs": kwargs},
        "depends_on": {"nodes": [f"model.{P}.{p}" for p in parents]},
    }


def _source(table: str, domain: str) -> dict[str, Any]:
    return {
        "unique_id": f"source.{P}.opendental.{table}",
        "resource_type": "source",
        "name": table,
        "source_name": "opendental",
        "original_file_path": f"models/staging/opendental/_sources/{domain}_sources.yml",
        "columns": {},
    }


MANIFEST: dict[str, Any] = {
    "metadata": {"project_name": P},
    "nodes": {
        n["unique_id"]: n
        for n in [
            _model("dim_patient", "marts"),
            _model("dim_clinic", "marts"),
            _model("fact_claim", "marts"),
            _model("stg_opendental__claim", "staging"),
            _test(
                "rel_claim_patient",
                "fact_claim",
                "patient_id",
                ["dim_patient", "fact_claim"],
                field="patient_id",
                to="ref('dim_patient')",
            ),
            _test(
                "rel_claim_clinic",
                "fact_claim",
                "clinic_id",
                ["dim_clinic", "fact_claim"],
                field="clinic_id",
                to="ref('dim_clinic')",
            ),
            _test(
                "rel_patient_guarantor",
                "dim_patient",
                "guarantor_id",
                ["dim_patient"],
                field="patient_id",
                to="ref('dim_patient')",
            ),
            _test(
                "rel_staging",
                "stg_opendental__claim",
                "patient_id",
                ["dim_patient", "stg_opendental__claim"],
                field="patient_id",
            ),
            _test("pk_claim", "fact_claim", "claim_id", ["fact_claim"], kind="primary_key"),
            _test("pk_patient", "dim_patient", "patient_id", ["dim_patient"], kind="primary_key"),
            _test("nn_claim", "fact_claim", "clinic_id", ["fact_claim"], kind="not_null"),
        ]
    },
    "sources": {
        s["unique_id"]: s
        for s in [
            _source("patient", "patients"),
            _source("procedurelog", "procedures_and_fees"),
            _source("claim", "claims"),
        ]
    },
}


def test_relationships_are_read_from_the_tests_only() -> None:
    found = relationships_of(MANIFEST)
    m = f"model.{P}."
    assert Relationship(m + "fact_claim", "patient_id", m + "dim_patient", "patient_id") in found
    # A model that refers to itself (a patient's guarantor is a patient).
    assert Relationship(m + "dim_patient", "guarantor_id", m + "dim_patient", "patient_id") in found
    assert len(found) == 4  # primary keys and not_null tests are not relationships


def test_marts_erd_is_each_fact_and_its_dimensions() -> None:
    project = project_from_artifacts(MANIFEST, {}, {}, {})
    erd = marts_erd(project, MANIFEST)
    entities = {e.label: e for e in erd.entities}
    assert set(entities) == {"fact_claim", "dim_patient", "dim_clinic"}  # no staging model
    assert entities["fact_claim"].group == "facts"
    assert entities["dim_clinic"].group == "dimensions"
    assert entities["fact_claim"].keys == ("claim_id",)
    assert entities["fact_claim"].foreign == ("clinic_id", "patient_id")
    assert len(erd.relationships) == 2  # the self-reference is not a star's edge


def test_opendental_erd_uses_the_schema_keys_between_tables_in_use() -> None:
    project = project_from_artifacts(MANIFEST, {}, {}, {})
    erd = opendental_erd(project)
    entities = {e.label: e for e in erd.entities}
    assert {e: entities[e].group for e in entities} == {
        "patient": "patients",
        "procedurelog": "procedures and fees",
        "claim": "claims",
    }
    assert entities["procedurelog"].keys == ("procnum",)
    s = f"source.{P}.opendental."
    pairs = {(r.child, r.child_column, r.parent, r.parent_column) for r in erd.relationships}
    assert (s + "procedurelog", "patnum", s + "patient", "patnum") in pairs
    assert (s + "patient", "guarantor", s + "patient", "patnum") in pairs
    # procedurelog.provnum points to provider, which this project does not read: not drawn.
    assert all(r.parent.startswith(s) for r in erd.relationships)
    assert "provnum" not in entities["procedurelog"].foreign


def test_erd_draws_to_svg_with_links_to_the_docs(tmp_path: Path) -> None:
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed")
    project = project_from_artifacts(MANIFEST, {}, {}, {})
    erds = [marts_erd(project, MANIFEST), opendental_erd(project)]
    render([(e.picture.slug, erd_dot(project, e, "../dbt/index.html")) for e in erds], tmp_path)
    svg = (tmp_path / "erd_marts.svg").read_text()
    assert f'xlink:href="../dbt/index.html#!/model/model.{P}.fact_claim"' in svg
    assert svg.count('<g id="edge') == 2
    svg = (tmp_path / "erd_opendental.svg").read_text()
    assert f'xlink:href="../dbt/index.html#!/source/source.{P}.opendental.procedurelog"' in svg
    assert (tmp_path / "erd_opendental.png").stat().st_size > 1000
