"""`dental build` on generated data: every model and test passes on DuckDB and PostgreSQL, and
the tests catch what they are there to catch."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from dental_analytics.dbt import BuildSummary, build
from dental_analytics.errors import DentalError
from dental_analytics.opendental import TABLES
from dental_analytics.synthetic.generate import generate
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.url import Target, parse_target

AS_OF = dt.date(2026, 11, 24)
STAGING_MODELS = len(TABLES) + 1  # one per OpenDental table, and stg_etl_tracking_summary


def _load(url: str) -> Target:
    target = parse_target(url)
    load_raw(target, generate(1, 42, AS_OF), source="test", as_of=AS_OF)
    return target


def _assert_clean(summary: BuildSummary) -> None:
    assert [str(p) for p in summary.problems] == []
    assert summary.models["success"] >= STAGING_MODELS
    assert set(summary.models) == {"success"}
    assert set(summary.tests) == {"pass"}  # no WARN, no failure
    assert set(summary.freshness) == {"pass"}
    assert summary.ok


@pytest.fixture(scope="module")
def duckdb_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dbt") / "warehouse.duckdb"
    _load(f"duckdb:///{path}")
    return path


def test_build_passes_on_duckdb(duckdb_warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "w.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    summary = build(parse_target(f"duckdb:///{copy}"))
    _assert_clean(summary)
    assert summary.as_of == str(AS_OF)


@pytest.mark.postgres
def test_build_passes_on_postgres(postgres_url: str) -> None:
    _assert_clean(build(_load(postgres_url)))


def test_tests_fail_on_broken_data(duckdb_warehouse: Path, tmp_path: Path) -> None:
    """A duplicate key, an orphan foreign key, an unknown enum code and a stale table each fail
    exactly the tests that guard them (the duplicate at the source, which keeps its staging
    model from being built)."""
    copy = tmp_path / "broken.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "insert into raw.adjustment select * from raw.adjustment order by adjnum limit 1"
        )
        con.execute(
            "update raw.procedurelog set patnum = 987654321 where procnum = (select min(procnum) from raw.procedurelog)"
        )
        con.execute(
            "update raw.appointment set aptstatus = 42 where aptnum = (select min(aptnum) from raw.appointment)"
        )
        con.execute("update raw.commlog set _loaded_at = _loaded_at - interval 4 day")
    summary = build(parse_target(f"duckdb:///{copy}"))
    failed = {(p.status, p.test, p.model, p.column) for p in summary.problems}
    assert failed == {
        ("fail", "unique", "opendental.adjustment", "adjnum"),
        ("fail", "relationships", "stg_opendental__procedurelog", "patient_id"),
        ("fail", "accepted_enum_code", "stg_opendental__appointment", "appointment_status_code"),
        ("freshness error", None, "opendental.commlog", None),
    }
    # dbt build does not build a model whose source failed a test: the duplicate stops there.
    assert summary.models["skipped"] == 1
    assert not summary.ok


def test_missing_raw_column_is_named(duckdb_warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "missing.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("alter table raw.procedurelog drop column procfee")
    with pytest.raises(DentalError, match=r"raw\.procedurelog has no column procfee"):
        build(parse_target(f"duckdb:///{copy}"))


def test_missing_raw_table_is_named(duckdb_warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "missing.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table raw.claimproc")
    with pytest.raises(DentalError, match=r"raw\.claimproc is missing"):
        build(parse_target(f"duckdb:///{copy}"))
