"""A generated practice on PostgreSQL: the same rows and the same fidelity figures as on DuckDB."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dental_analytics.synthetic.generate import generate
from dental_analytics.warehouse.fidelity import measure
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.url import parse_target

pytestmark = pytest.mark.postgres
AS_OF = dt.date(2026, 11, 24)


def test_postgres_and_duckdb_hold_the_same_practice(postgres_url: str, tmp_path: Path) -> None:
    pg = parse_target(postgres_url)
    duck = parse_target(f"duckdb:///{tmp_path}/w.duckdb")
    written_pg = load_raw(pg, generate(1, 42, AS_OF), source="test", as_of=AS_OF)
    written_duck = load_raw(duck, generate(1, 42, AS_OF), source="test", as_of=AS_OF)
    assert written_pg == written_duck

    sums = "select count(*), sum(procfee), sum(procnum) from raw.procedurelog"
    with connect(pg) as a, connect(duck) as b:
        assert [tuple(float(v) for v in r) for r in a.fetchall(sums)] == [
            tuple(float(v) for v in r) for r in b.fetchall(sums)
        ]

    on_pg, volumes_pg = measure(pg, AS_OF, scale=1)
    on_duck, volumes_duck = measure(duck, AS_OF, scale=1)
    assert on_pg == on_duck
    assert volumes_pg == volumes_duck
    assert all(m.ok for m in on_pg)
