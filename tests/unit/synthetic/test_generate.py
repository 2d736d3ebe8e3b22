"""The whole generated practice: every table and column, the volumes, determinism."""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pyarrow as pa
import pytest
from tests.unit.synthetic.generated import AS_OF, SEED, scalar

from dental_analytics.opendental import TABLES
from dental_analytics.synthetic.generate import generate
from dental_analytics.synthetic.money_params import CAPITATION_PLANS
from dental_analytics.synthetic.params import PRACTICE_SIZE, TRANSACTION_VOLUMES

GLOBAL_TABLES = {"procedurecode", "definition", "fee", "feesched", "carrier", "insplan"}


def test_all_57_tables_with_every_column_in_order(raw: duckdb.DuckDBPyConnection) -> None:
    for name, table in TABLES.items():
        columns = [
            r[0]
            for r in raw.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'raw' and table_name = ? order by ordinal_position",
                [name],
            ).fetchall()
        ]
        assert columns == [c.raw_name for c in table.columns] + ["_loaded_at"], name


def test_load_status_has_one_row_per_table(raw: duckdb.DuckDBPyConnection) -> None:
    rows = raw.execute(
        "select table_name, rows_written, as_of_date, status from raw.etl_load_status"
    ).fetchall()
    assert {r[0] for r in rows} == set(TABLES)
    assert all(r[2] == AS_OF and r[3] == "success" for r in rows)


@pytest.mark.parametrize("name", sorted(PRACTICE_SIZE))
def test_practice_size_within_ten_percent(raw: duckdb.DuckDBPyConnection, name: str) -> None:
    count = scalar(raw, f"select count(*) from raw.{name}")
    assert abs(int(count) - PRACTICE_SIZE[name]) <= 0.1 * PRACTICE_SIZE[name]  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(TRANSACTION_VOLUMES))
def test_transactions_within_half_and_twice(raw: duckdb.DuckDBPyConnection, name: str) -> None:
    count = int(scalar(raw, f"select count(*) from raw.{name}"))  # type: ignore[call-overload]
    figure = TRANSACTION_VOLUMES[name]
    assert 0.5 * figure <= count <= 2 * figure, (name, count)


def test_every_other_table_has_rows(raw: duckdb.DuckDBPyConnection) -> None:
    empty = [n for n in TABLES if scalar(raw, f"select count(*) from raw.{n}") == 0]
    assert empty == []


def _digest(batches: list[dict[str, pa.Table]]) -> dict[str, str]:
    out: dict[str, hashlib._Hash] = {}
    for batch in batches:
        for name, data in batch.items():
            h = out.setdefault(name, hashlib.sha256())
            for column in data.columns:
                for chunk in column.chunks:
                    for buffer in chunk.buffers():
                        if buffer is not None:
                            h.update(buffer)
    return {name: h.hexdigest() for name, h in out.items()}


def test_same_seed_same_values_other_seed_other_values() -> None:
    first = _digest(list(generate(1, SEED, AS_OF)))
    again = _digest(list(generate(1, SEED, AS_OF)))
    other = _digest(list(generate(1, SEED + 1, AS_OF)))
    assert first == again
    assert first["patient"] != other["patient"]


def test_scale_multiplies_patients_and_offices() -> None:
    totals: dict[str, int] = {}
    for batch in generate(2, SEED, dt.date(2026, 11, 24)):
        for name, data in batch.items():
            totals[name] = totals.get(name, 0) + data.num_rows
    # Each unit's patients, and an account per capitation plan for the carrier's checks.
    assert totals["patient"] == 2 * (PRACTICE_SIZE["patient"] + CAPITATION_PLANS)
    # Each unit's providers, and its billing entity (a provider row that is no person).
    assert totals["provider"] == 2 * (PRACTICE_SIZE["provider"] + 1)
    assert totals["clinic"] == 2 * PRACTICE_SIZE["clinic"]
    for name in GLOBAL_TABLES:
        assert totals[name] <= 1.1 * PRACTICE_SIZE[name]


def test_scale_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        next(generate(0, SEED, AS_OF))
