"""One generated practice (scale 1, seed 42), loaded into a DuckDB raw layer, shared by the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from tests.unit.synthetic.generated import AS_OF, SEED

from dental_analytics.synthetic.generate import generate
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.url import Target, parse_target


@pytest.fixture(scope="session")
def warehouse_target(tmp_path_factory: pytest.TempPathFactory) -> Target:
    path: Path = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    target = parse_target(f"duckdb:///{path}")
    load_raw(target, generate(1, SEED, AS_OF), source="test", as_of=AS_OF)
    return target


@pytest.fixture(scope="session")
def raw(warehouse_target: Target) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the generated raw layer."""
    con = duckdb.connect(str(warehouse_target.path), read_only=True)
    yield con
    con.close()
