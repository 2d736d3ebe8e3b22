"""The dbt project's files agree with the package: sources with the schema, the enum seed with
the labels module, the load-status values with what the loaders write."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml

from dental_analytics.dbt_sources import DOMAINS
from dental_analytics.opendental import TABLES
from dental_analytics.opendental.labels import enum_label_seed
from dental_analytics.opendental.policy import Strategy
from dental_analytics.synthetic.catalog import cdt_category_seed
from dental_analytics.warehouse.load_status import (
    STATUS_COLUMNS,
    STATUS_SKIPPED,
    STATUS_SUCCESS,
    STATUSES,
    STRATEGY_REPLACE,
)

ROOT = Path(__file__).resolve().parents[3]
PROJECT = ROOT / "dbt_dental_models"
SCRIPTS = ROOT / "scripts"
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
    assert freshness["warn_after"]["count"] < freshness["error_after"]["count"]
    # Freshness is the table's last load, not its newest row: an empty table loaded today, or one
    # an incremental extract found unchanged, is fresh. dbt refuses a field and a query together.
    assert "loaded_at_field" not in table["config"]
    assert " ".join(table["config"]["loaded_at_query"].split()) == _loaded_at_query(name)


def _loaded_at_query(name: str) -> str:
    return (
        "select max(finished_at) from raw.etl_load_status "
        f"where table_name = '{name}' and status in ('{STATUS_SUCCESS}', '{STATUS_SKIPPED}')"
    )


def test_source_scaffold_writes_the_same_freshness_query() -> None:
    spec = importlib.util.spec_from_file_location("scaffold", SCRIPTS / "scaffold_dbt_sources.py")
    assert spec is not None and spec.loader is not None
    scaffold = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scaffold)
    for domain in DOMAINS:
        (source,) = yaml.safe_load(scaffold.scaffold(domain))["sources"]
        for table in source["tables"]:
            query = " ".join(table["config"]["loaded_at_query"].split())
            assert query == _loaded_at_query(table["name"])


def test_enum_seed_is_written_from_the_schema() -> None:
    seed = (PROJECT / "seeds" / "opendental_enum_labels.csv").read_text()
    assert seed == enum_label_seed(), "run scripts/write_seeds.py"


def test_cdt_category_seed_is_written_from_the_catalog() -> None:
    seed = (PROJECT / "seeds" / "cdt_code_categories.csv").read_text()
    assert seed == cdt_category_seed(), "run scripts/write_seeds.py"


def _load_status_accepted_values(column: str) -> list[str]:
    spec = yaml.safe_load((STAGING / "raw" / "_etl__sources.yml").read_text())
    spec_column = next(c for c in spec["sources"][0]["tables"][0]["columns"] if c["name"] == column)
    return list(spec_column["data_tests"][0]["accepted_values"]["arguments"]["values"])


def test_load_status_values_are_the_loaders() -> None:
    assert sorted(_load_status_accepted_values("status")) == sorted(STATUSES)


def test_load_strategies_are_the_loaders() -> None:
    # The generator replaces every table; the extractor follows each table's declared strategy.
    strategies = {STRATEGY_REPLACE, *get_args(Strategy)}
    assert sorted(_load_status_accepted_values("strategy")) == sorted(strategies)
    assert {TABLES[name].strategy for name in TABLES} <= strategies
    summary = yaml.safe_load((STAGING / "raw" / "stg_etl_tracking_summary.yml").read_text())
    (model,) = summary["models"]
    column = next(c for c in model["columns"] if c["name"] == "last_success_strategy")
    accepted = column["data_tests"][0]["accepted_values"]["arguments"]["values"]
    assert sorted(accepted) == sorted(strategies)


def test_load_status_columns_are_the_loaders() -> None:
    spec = yaml.safe_load((STAGING / "raw" / "_etl__sources.yml").read_text())
    columns = [c["name"] for c in spec["sources"][0]["tables"][0]["columns"]]
    assert columns == list(STATUS_COLUMNS)


def test_every_model_has_its_yaml_beside_it() -> None:
    models = sorted(STAGING.rglob("*.sql"))
    assert len(models) == len(TABLES) + 1
    for sql in models:
        assert sql.with_suffix(".yml").is_file(), sql.name


def test_unit_test_names_fit_a_postgresql_relation_name() -> None:
    # dbt names a unit test's relation after it; PostgreSQL cuts identifiers at 63 bytes.
    names = [
        test["name"]
        for path in (PROJECT / "models").rglob("*.yml")
        for test in (yaml.safe_load(path.read_text()) or {}).get("unit_tests") or []
    ]
    assert len(names) > 100
    assert [n for n in names if len(n.encode()) > 63] == []
