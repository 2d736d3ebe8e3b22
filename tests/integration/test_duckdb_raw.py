"""The raw layer on DuckDB: the shared contract, plus what only a database file can get wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

import duckdb
import pytest
from tests.integration.raw_contract import AS_OF, RawLayerContract, fetch
from tests.integration.raw_sample import split_batches

from dental_analytics.errors import DentalError
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.url import Target, parse_target


class TestDuckDBRawLayer(RawLayerContract):
    CATALOG_TYPES: ClassVar[dict[str, str]] = {
        "bigint": "bigint",
        "integer": "integer",
        "smallint": "smallint",
        "double precision": "double",
        "date": "date",
        "timestamp": "timestamp",
        "varchar": "varchar",
        "interval": "interval",
    }

    @pytest.fixture
    def target(self, tmp_path: Path) -> Target:
        return parse_target(f"duckdb:///{tmp_path}/warehouse.duckdb")

    def create_view(self, target: Target, sql: str) -> None:
        con = duckdb.connect(str(target.path))
        try:
            con.execute(sql)
        finally:
            con.close()


def test_a_relative_path_is_created_with_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = parse_target("duckdb:///data/warehouse.duckdb")
    load_raw(target, iter(split_batches()), source="test", as_of=AS_OF)
    assert (tmp_path / "data" / "warehouse.duckdb").is_file()
    assert fetch(target, "select count(*) from raw.patient") == [(3,)]


def test_an_unwritable_path_is_a_dental_error(tmp_path: Path) -> None:
    # A regular file where a directory should be: unwritable even for root.
    (tmp_path / "blocker").write_text("")
    target = parse_target(f"duckdb:///{tmp_path}/blocker/warehouse.duckdb")
    with pytest.raises(
        DentalError, match=r"^cannot open DuckDB file .*/blocker/warehouse.duckdb: "
    ):
        load_raw(target, iter(split_batches()), source="test", as_of=AS_OF)


def test_a_file_that_is_not_duckdb_is_a_dental_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(DentalError, match="cannot open DuckDB file"):
        load_raw(parse_target(f"duckdb:///{path}"), iter([]), source="test", as_of=AS_OF)
    assert path.read_text().startswith("this is not a database")


def test_reading_a_missing_warehouse_is_a_dental_error(tmp_path: Path) -> None:
    target = parse_target(f"duckdb:///{tmp_path}/missing.duckdb")
    with pytest.raises(DentalError, match="does not exist"), connect(target):
        pass
    assert not (tmp_path / "missing.duckdb").exists()


def test_an_empty_stream_creates_every_table_empty(tmp_path: Path) -> None:
    target = parse_target(f"duckdb:///{tmp_path}/w.duckdb")
    written = load_raw(target, iter([]), source="test", as_of=dt.date(2025, 1, 31))
    assert set(written.values()) == {0}
    assert fetch(target, "select count(*) from raw.claim") == [(0,)]
