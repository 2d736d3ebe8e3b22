"""The dbt project's files agree with the package: sources with the schema, the enum seed with
the labels module, the load-status values with what the loaders write."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from dental_analytics.dbt_sources import DOMAINS
from dental_analytics.opendental import TABLES
from dental_analytics.opendental.labels import enum_label_seed
from dental_analytics.synthetic.catalog import cdt_category_seed
from dental_analytics.warehouse.load_status import STATUSES

PROJECT = Path(__file__).resolve().parents[3] / "dbt_dental_models"
SOURCES = PROJECT / "models" / "staging" / "opendental" / "_sources"
STAGING = PROJECT / "models" / "staging"


@cache
def _source_tables() -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    for domain in DOMAINS:
        spec = yaml.safe_load((SOURCES / f"{domain}_sources.yml").read_text())
        (source,) = spec["sources"]
        assert source["name"] == "opendental" and source["schema"] == "raw"
        for table in source["tables"]:
            assert table["name"] in DOMAINS[domain], f"{table['name']} filed under {domain}"
            tables[table["name"]] = table
    return tables


def test_source_files_are_the_domains() -> None:
    assert sorted(p.name for p in SOURCES.glob("*.yml")) == sorted(
        f"{d}_sources.yml" for d in DOMAINS
    )
    assert sorted(t for ts in DOMAINS.values() for t in ts) == sorted(TABLES)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_source_columns_are_the_schemas_in_order(name: str) -> None:
    table = _source_tables()[name]
    columns = [c["name"] for c in table["columns"]]
    assert columns == [c.raw_name for c in TABLES[name].columns] + ["_loaded_at"]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_source_table_is_described_tested_and_watched(name: str) -> None:
    table = _source_tables()[name]
    assert table["description"].strip() and "TODO" not in table["description"]
    for column in table["columns"]:
        assert column.get("description", "").strip() not in ("", "TODO"), f"{name}.{column['name']}"
    key = TABLES[name].primary_key[0].lower()
    key_column = next(c for c in table["columns"] if c["name"] == key)
    assert "primary_key" in key_column["data_tests"]
    freshness = table["config"]["freshness"]
    assert table["config"]["loaded_at_field"] == "_loaded_at"
    assert freshness["warn_after"]["count"] < freshness["error_after"]["count"]


def test_enum_seed_is_written_from_the_schema() -> None:
    seed = (PROJECT / "seeds" / "opendental_enum_labels.csv").read_text()
    assert seed == enum_label_seed(), "run scripts/write_seeds.py"


def test_cdt_category_seed_is_written_from_the_catalog() -> None:
    seed = (PROJECT / "seeds" / "cdt_code_categories.csv").read_text()
    assert seed == cdt_category_seed(), "run scripts/write_seeds.py"


def test_load_status_values_are_the_loaders() -> None:
    spec = yaml.safe_load((STAGING / "raw" / "_etl__sources.yml").read_text())
    status = next(c for c in spec["sources"][0]["tables"][0]["columns"] if c["name"] == "status")
    accepted = status["data_tests"][0]["accepted_values"]["arguments"]["values"]
    assert sorted(accepted) == sorted(STATUSES)


def test_every_model_has_its_yaml_beside_it() -> None:
    models = sorted(STAGING.rglob("*.sql"))
    assert len(models) == len(TABLES) + 1
    for sql in models:
        assert sql.with_suffix(".yml").is_file(), sql.name
