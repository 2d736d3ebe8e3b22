"""Keys: primary keys unique, every in-scope foreign key resolves, out-of-scope keys are 0."""

from __future__ import annotations

import duckdb
import pytest
from tests.unit.synthetic.generated import scalar, unless_deleted_appointment

from dental_analytics.opendental import TABLES

# Keys that OpenDental leaves pointing at a deleted row, by design.
OUTLIVES_ITS_ROW = {
    ("claimsnapshot", "ClaimProcNum"): "deleting a claim deletes its claim procedures; the "
    "snapshot taken when it was created stays for reporting",
}
IN_SCOPE = [
    (t.name, c.name)
    for t in TABLES.values()
    for c in t.foreign_keys
    if c.fk_in_scope and (t.name, c.name) not in OUTLIVES_ITS_ROW
]
OUT_OF_SCOPE = [
    (t.name, c.name) for t in TABLES.values() for c in t.foreign_keys if not c.fk_in_scope
]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_primary_key_unique(raw: duckdb.DuckDBPyConnection, name: str) -> None:
    key = TABLES[name].primary_key[0].lower()
    dupes = scalar(raw, f"select count(*) - count(distinct {key}) from raw.{name}")
    assert dupes == 0


@pytest.mark.parametrize(("table", "column"), IN_SCOPE)
def test_foreign_key_resolves(raw: duckdb.DuckDBPyConnection, table: str, column: str) -> None:
    col = TABLES[table].column(column)
    target, target_col = col.fk_table, (col.fk_column or "").lower()
    none = "''" if col.kind == "string" else "0"
    orphans = scalar(
        raw,
        f"""
        select count(*) from raw.{table} s
        where s.{col.raw_name} <> {none}
          and not exists (select 1 from raw.{target} t where t.{target_col} = s.{col.raw_name})
          {unless_deleted_appointment(target or "", "s." + col.raw_name)}
        """,
    )
    assert orphans == 0, f"{table}.{column} -> {target}.{target_col}"


@pytest.mark.parametrize(("table", "column"), OUT_OF_SCOPE)
def test_out_of_scope_keys_are_none(
    raw: duckdb.DuckDBPyConnection, table: str, column: str
) -> None:
    col = TABLES[table].column(column)
    none = "''" if col.kind == "string" else "0"
    assert scalar(raw, f"select count(*) from raw.{table} where {col.raw_name} <> {none}") == 0


@pytest.mark.parametrize("name", sorted(TABLES))
def test_enum_columns_hold_codes_of_their_enum(raw: duckdb.DuckDBPyConnection, name: str) -> None:
    for column in TABLES[name].columns:
        enum = column.enum
        if enum is None or enum.flags or column.enum_as_string:
            continue
        codes = ", ".join(str(code) for code in enum.codes)
        bad = scalar(
            raw, f"select count(*) from raw.{name} where {column.raw_name} not in ({codes})"
        )
        assert bad == 0, f"{name}.{column.name}"
