"""The schema module holds OpenDental's 57 tables as data, and nothing of OpenDental's prose."""

from __future__ import annotations

from importlib import resources

from dental_analytics.opendental import TABLES, table


def test_all_57_tables_and_1239_columns() -> None:
    assert len(TABLES) == 57
    assert sum(len(t.columns) for t in TABLES.values()) == 1239


def test_every_foreign_key_in_scope_points_at_a_table_in_scope() -> None:
    for t in TABLES.values():
        for column in t.foreign_keys:
            if column.fk_in_scope:
                assert column.fk_table in TABLES, (t.name, column.name)
                assert column.fk_column in TABLES[column.fk_table].by_name, (t.name, column.name)


def test_primary_keys_are_first_columns() -> None:
    for t in TABLES.values():
        assert t.columns[0].name == t.primary_key[0]


def test_raw_types_follow_the_raw_layer_contract() -> None:
    patient = table("patient")
    assert patient.column("PatNum").raw_sql_type == "bigint"
    assert patient.column("PatStatus").raw_sql_type == "smallint"
    assert patient.column("EstBalance").raw_sql_type == "double precision"
    assert patient.column("Birthdate").raw_sql_type == "date"
    assert patient.column("DateTStamp").raw_sql_type == "timestamp"
    assert patient.column("SchedBeforeTime").raw_sql_type == "interval"
    assert patient.column("LName").raw_name == "lname"


def test_enums_carry_codes_and_names() -> None:
    status = table("procedurelog").column("ProcStatus").enum
    assert status is not None
    assert status.code("C") == 2
    assert status.code("TP") == 1


def test_package_copy_leaves_out_opendentals_sentences() -> None:
    text = resources.files("dental_analytics.opendental").joinpath("schema.json").read_text()
    assert '"notes"' not in text
    assert '"summary"' not in text
