"""The OpenDental twin on MariaDB: OpenDental's own DDL, the rows as given, an all-or-nothing swap."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pymysql
import pytest
from tests.integration.raw_contract import replace
from tests.integration.raw_sample import (
    Batch,
    invalid_utf8_strings,
    sample_tables,
    split_batches,
)

from dental_analytics.errors import DentalError
from dental_analytics.opendental.schema import TABLES, Column
from dental_analytics.synthetic.changes import ChangeSet
from dental_analytics.synthetic.frame import Frame
from dental_analytics.synthetic.generate import generate
from dental_analytics.synthetic.simulate import advance_day
from dental_analytics.synthetic.state import STATE_COLUMNS, PracticeState
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.mysql_twin import apply_changes, load_twin, read_state
from dental_analytics.warehouse.url import Target, parse_target

pytestmark = pytest.mark.mariadb

# OpenDental 24.3's DDL for the reference's 57 tables, as the schema reference ships it: the
# independent yardstick the twin's generated DDL is compared with, for the tables it declares.
# (The tables vendored from OpenDental's schema documentation have no DDL there.) Only this test
# reads it.
CREATE_TABLES = Path(__file__).resolve().parent / "fixtures" / "opendental_create_tables.sql"
AS_OF = dt.date(2025, 1, 31)


def connect(target: Target, database: str | None = None) -> pymysql.connections.Connection:
    return pymysql.connect(
        host=target.host,
        port=target.port or 3306,
        user=target.user,
        password=target.password or "",
        database=database,
        autocommit=True,
    )


def query(target: Target, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    conn = connect(target, target.database)
    try:
        with conn.cursor() as cur:
            cur.execute(sql, params)
            return list(cur.fetchall())
    finally:
        conn.close()


def table_names(target: Target) -> set[str]:
    rows = query(
        target,
        "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s",
        (target.database,),
    )
    return {name for (name,) in rows}


def snapshot(target: Target) -> dict[str, list[tuple[Any, ...]]]:
    return {
        name: query(target, f"SELECT * FROM `{name}` ORDER BY `{TABLES[name].primary_key[0]}`")
        for name in TABLES
    }


@pytest.fixture(scope="module")
def target(mariadb_url: str) -> Target:
    return parse_target(mariadb_url)


@pytest.fixture(scope="module")
def reference(target: Target) -> Iterator[str]:
    """A scratch database holding OpenDental's tables as `create_tables.sql` declares them."""
    name = f"{target.database}_reference"
    statements = [
        s.strip()
        for s in "\n".join(
            line for line in CREATE_TABLES.read_text().splitlines() if not line.startswith("--")
        ).split(";")
        if s.strip()
    ]
    conn = connect(target)
    try:
        with conn.cursor() as cur:
            cur.execute(f"CREATE DATABASE `{name}` CHARACTER SET utf8")
            cur.execute(f"USE `{name}`")
            for statement in statements:
                cur.execute(statement)
        yield name
    finally:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
        conn.close()


def _catalog(target: Target, database: str, sql: str) -> list[tuple[Any, ...]]:
    return sorted(query(target, sql, (database,)))


def reference_tables(reference_database: str, target: Target) -> set[str]:
    return {name for (name, *_) in tables_of(target, reference_database)}


def only(tables: set[str], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The catalog rows of `tables` (a catalog row starts with its table's name)."""
    return [row for row in rows if row[0] in tables]


def columns_of(target: Target, database: str) -> list[tuple[Any, ...]]:
    return _catalog(
        target,
        database,
        "SELECT TABLE_NAME, ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE,"
        " COLUMN_DEFAULT, EXTRA, CHARACTER_SET_NAME FROM information_schema.COLUMNS"
        " WHERE TABLE_SCHEMA = %s",
    )


def indexes_of(target: Target, database: str) -> list[tuple[Any, ...]]:
    return _catalog(
        target,
        database,
        "SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE"
        " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = %s",
    )


def tables_of(target: Target, database: str) -> list[tuple[Any, ...]]:
    return _catalog(
        target,
        database,
        "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES"
        " WHERE TABLE_SCHEMA = %s",
    )


def test_the_tables_are_declared_as_opendentals_own(target: Target, reference: str) -> None:
    load_twin(target, iter(split_batches()))
    assert table_names(target) == set(TABLES)
    declared = reference_tables(reference, target)
    assert len(declared) == 57 and declared < set(TABLES)
    twin = target.database or ""
    assert only(declared, tables_of(target, twin)) == tables_of(target, reference)
    reference_columns = columns_of(target, reference)
    assert len(reference_columns) == sum(len(TABLES[name].columns) for name in declared)
    assert only(declared, columns_of(target, twin)) == reference_columns
    assert only(declared, indexes_of(target, twin)) == indexes_of(target, reference)
    # The other tables are declared the same way: engine, collation, NOT NULL throughout.
    others = [row for row in tables_of(target, twin) if row[0] not in declared]
    assert {row[1:] for row in others} == {row[1:] for row in tables_of(target, reference)}
    assert {row[4] for row in columns_of(target, twin)} == {"NO"}


def _as_stored(column: Column, value: Any) -> Any:
    """What the twin holds for `value`: whole seconds; `float` columns in single precision."""
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    if column.base_type == "float":
        return pytest.approx(value, rel=1e-5)
    return value


def test_values_round_trip(target: Target) -> None:
    tables = sample_tables(3)
    written = load_twin(target, iter([tables]))
    assert written == dict.fromkeys(TABLES, 3)
    stored = snapshot(target)
    for name, data in tables.items():
        columns = TABLES[name].columns
        expected = [
            tuple(_as_stored(c, v) for c, v in zip(columns, row.values(), strict=True))
            for row in data.to_pylist()
        ]
        assert stored[name] == expected, name


def test_opendental_nothing_values_and_negative_times(target: Target) -> None:
    load_twin(target, iter(split_batches()))
    assert query(
        target, "SELECT LName, Birthdate, DateTimeDeceased FROM patient WHERE PatNum = 1"
    ) == [("", dt.date(1, 1, 1), dt.datetime(1, 1, 1))]
    assert query(target, "SELECT RegHours FROM timeadjust ORDER BY TimeAdjustNum") == [
        (dt.timedelta(0),),
        (dt.timedelta(hours=1, minutes=30),),
        (-dt.timedelta(hours=2, minutes=15),),
    ]


def test_rerunning_replaces_and_leaves_no_work_tables(target: Target) -> None:
    load_twin(target, iter(split_batches()))
    load_twin(target, iter([sample_tables(2, first_key=50)]))
    assert query(target, "SELECT PatNum FROM patient ORDER BY PatNum") == [(50,), (51,)]
    assert table_names(target) == set(TABLES)


def test_a_failure_midway_leaves_the_old_tables(target: Target) -> None:
    load_twin(target, iter(split_batches()))
    before = snapshot(target)

    def failing() -> Iterator[Batch]:
        yield sample_tables(1, first_key=500)
        raise RuntimeError("the generator broke")

    with pytest.raises(DentalError) as raised:
        load_twin(target, failing())
    assert str(raised.value) == (
        f"load into {target.display} failed: RuntimeError: the generator broke; "
        "the previous tables are unchanged"
    )
    assert snapshot(target) == before
    assert table_names(target) == set(TABLES)


def test_a_value_mysql_would_change_fails_the_load(target: Target) -> None:
    load_twin(target, iter(split_batches()))
    before = snapshot(target)
    tables = sample_tables(3, first_key=60)
    # PatStatus is tinyint unsigned: MySQL would store 300 as 255 and only warn.
    tables["patient"] = replace(tables["patient"], "patstatus", pa.array([0, 300, 1], pa.int16()))
    with pytest.raises(DentalError) as raised:
        load_twin(target, iter([tables]))
    message = str(raised.value)
    assert "MySQL rejected values in patient: Out of range value for column 'PatStatus'" in message
    assert snapshot(target) == before
    assert table_names(target) == set(TABLES)


def test_text_that_is_not_utf8_fails_the_load(target: Target) -> None:
    load_twin(target, iter(split_batches()))
    before = snapshot(target)
    tables = sample_tables(3, first_key=60)
    tables["commlog"] = replace(tables["commlog"], "note", invalid_utf8_strings())
    with pytest.raises(DentalError) as raised:
        load_twin(target, iter([tables]))
    assert "MySQL rejected values in commlog: Incorrect string value" in str(raised.value)
    assert "secret" not in str(raised.value)
    assert snapshot(target) == before


def test_the_database_is_created_if_missing(target: Target) -> None:
    fresh = Target(
        kind="mysql",
        host=target.host,
        port=target.port,
        user=target.user,
        password=target.password,
        database=f"dental_test_{secrets.token_hex(4)}",
    )
    try:
        written = load_twin(fresh, iter(split_batches(omit=("zipcode",))))
        assert written["zipcode"] == 0
        assert written["patient"] == 3
        assert table_names(fresh) == set(TABLES)
    finally:
        conn = connect(target)
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS `{fresh.database}`")
        conn.close()


def test_load_raw_writes_the_twin_for_a_mysql_target(target: Target) -> None:
    calls: list[tuple[str, int]] = []
    written = load_raw(
        target,
        iter(split_batches()),
        source="test",
        as_of=AS_OF,
        on_rows=lambda table, n: calls.append((table, n)),
    )
    assert written == dict.fromkeys(TABLES, 3)
    assert sum(n for table, n in calls if table == "claim") == 3
    # A twin is OpenDental's shape: no load tracking, no _loaded_at.
    assert "etl_load_status" not in table_names(target)
    assert query(
        target,
        "SELECT COUNT(*) FROM information_schema.COLUMNS"
        " WHERE TABLE_SCHEMA = %s AND COLUMN_NAME = '_loaded_at'",
        (target.database,),
    ) == [(0,)]


def test_an_unreachable_server_is_one_dental_error() -> None:
    target = parse_target("mysql://root@127.0.0.1:3999/opendental_demo")
    with pytest.raises(DentalError) as raised:
        load_twin(target, iter(split_batches()))
    assert str(raised.value) == "cannot reach MySQL at 127.0.0.1:3999: connection refused"


# A simulated clock far from the server's: a value the twin chose itself would show.
SIMULATED = np.datetime64("2031-03-04T10:15:00")


def _one_day_of_changes() -> ChangeSet:
    """A new patient, an edited patient and appointment, and a deleted appointment and claim."""
    changes = ChangeSet()
    new = Frame("patient", 1)
    new.update({"PatNum": 10, "LName": "Newcomer", "Guarantor": 10, "ClinicNum": 1})
    new.stamp(np.array([SIMULATED]))
    changes.add(new)
    changes.update("patient", [1], {"LName": "Edited", "BillingType": 7}, np.array([SIMULATED]))
    changes.update(
        "appointment", [1, 3], {"AptStatus": [2, 5]}, np.array([SIMULATED, SIMULATED + 60])
    )
    changes.delete("appointment", [2])
    changes.delete("claim", [1, 3])
    return changes


def test_a_change_set_is_applied_with_its_own_stamps(target: Target) -> None:
    load_twin(target, iter([sample_tables(3)]))
    written = apply_changes(target, _one_day_of_changes())
    assert written == {
        "patient": (1, 1, 0),
        "appointment": (0, 2, 1),
        "claim": (0, 0, 2),
    }
    stamp = SIMULATED.astype(dt.datetime)
    assert query(
        target, "SELECT PatNum, LName, BillingType, DateTStamp FROM patient WHERE PatNum IN (1, 10)"
    ) == [(1, "Edited", 7, stamp), (10, "Newcomer", 0, stamp)]
    # The twin declares DateTStamp ON UPDATE CURRENT_TIMESTAMP; the change set's stamps won.
    assert query(target, "SELECT AptNum, AptStatus, DateTStamp FROM appointment") == [
        (1, 2, stamp),
        (3, 5, stamp + dt.timedelta(minutes=1)),
    ]
    assert query(target, "SELECT ClaimNum FROM claim") == [(2,)]
    # Rows the change set did not touch keep their values, stamps included.
    untouched = sample_tables(3)["patient"].slice(1, 1).to_pylist()[0]
    assert query(target, "SELECT LName, DateTStamp FROM patient WHERE PatNum = 2") == [
        (untouched["lname"], untouched["datetstamp"].replace(microsecond=0))
    ]


def test_an_update_that_leaves_the_stamp_to_the_server_writes_nothing(target: Target) -> None:
    load_twin(target, iter([sample_tables(3)]))
    before = snapshot(target)
    changes = _one_day_of_changes()
    # Hand-made: ChangeSet.update always sets the stamps.
    changes.updates["procedurelog"] = [pa.table({"procnum": [1], "procfee": [99.0]})]
    with pytest.raises(DentalError) as raised:
        apply_changes(target, changes)
    assert "must set DateTStamp from the simulated clock" in str(raised.value)
    assert "nothing was written" in str(raised.value)
    assert snapshot(target) == before


def test_the_state_the_rules_read_comes_back_in_the_raw_shape(target: Target) -> None:
    load_twin(target, iter([sample_tables(3, first_key=5)]))
    state = read_state(target, {"patient": ("PatNum", "Birthdate", "EstBalance")})
    sample = sample_tables(3, first_key=5)["patient"]
    assert state.tables["patient"].column_names == ["patnum", "birthdate", "estbalance"]
    assert (
        state.tables["patient"].to_pylist()
        == sample.select(["patnum", "birthdate", "estbalance"]).to_pylist()
    )
    assert state.next_keys["patient"] == 8
    assert state.key_counter().take("patient", 2).tolist() == [8, 9]
    # Text comes back as written: quotes, commas, line breaks, backslashes, any script.
    awkward = 'O\'Brien, "Jr"\nline two \\ back\tslash, Zoë 王'
    query(target, "UPDATE patient SET LName = %s WHERE PatNum = 6", (awkward,))
    state = read_state(target, {"patient": ("PatNum", "LName", "EstBalance")})
    assert state.tables["patient"].column("lname").to_pylist()[1] == awkward
    assert (
        state.tables["patient"].column("estbalance").to_pylist() == sample["estbalance"].to_pylist()
    )


def test_a_simulated_day_moves_a_generated_twin_on(target: Target) -> None:
    as_of = dt.date(2026, 11, 24)
    load_twin(target, generate(1, 42, as_of))
    state = read_state(target)
    # The twin gives the rules the same state the generated batches do.
    expected = PracticeState.of_batches(generate(1, 42, as_of))
    assert state.next_keys == {**dict.fromkeys(TABLES, 1), **expected.next_keys}
    for name in STATE_COLUMNS:
        read = state.tables[name]
        assert read.equals(expected.tables[name].cast(read.schema)), name
    day = as_of + dt.timedelta(days=1)
    changes = advance_day(state, day, 42)
    updated_to = {
        part["claimstatus"][0].as_py(): part.num_rows for part in changes.updates["claim"]
    }
    written = apply_changes(target, changes)
    assert written["claim"][1] == updated_to["S"] + updated_to["R"]
    assert updated_to["S"] > 0 and updated_to["R"] > 0
    stamp = dt.datetime.combine(day, dt.time(16))
    # Claims the office sent and claims the carriers answered, stamped on the simulated clock.
    assert query(
        target,
        "SELECT COUNT(*), MIN(SecDateTEdit), MAX(SecDateTEdit) FROM claim"
        " WHERE ClaimStatus = 'S' AND DateSent = %s",
        (day,),
    ) == [(updated_to["S"], stamp, stamp)]
    assert query(
        target,
        "SELECT COUNT(*), MIN(SecDateTEdit), MAX(SecDateTEdit) FROM claim"
        " WHERE ClaimStatus = 'R' AND DateReceived = %s",
        (day,),
    ) == [(updated_to["R"], stamp, stamp)]
    assert query(target, "SELECT COUNT(*) FROM etrans WHERE DATE(DateTimeTrans) = %s", (day,)) == [
        (updated_to["S"],)
    ]
    # Checks add up to the claimprocs they pay, in the twin.
    assert query(
        target,
        "SELECT ROUND(SUM(c.CheckAmt) - (SELECT SUM(InsPayAmt) FROM claimproc"
        " WHERE DateCP = %s AND Status = 1), 2) FROM claimpayment c WHERE c.CheckDate = %s",
        (day, day),
    ) == [(0.0,)]
