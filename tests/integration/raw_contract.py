"""The raw layer contract every warehouse engine must keep, as tests a per-engine class inherits.

A subclass provides a `target` fixture (an empty warehouse of its engine) and `CATALOG_TYPES`
(how its information_schema spells each raw SQL type); everything else is checked the same way on
every engine, through `load_raw` and `query.connect`, as the CLI and the fidelity report use them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any, ClassVar

import pyarrow as pa
import pytest
from tests.integration.raw_sample import (
    LATEST_STAMP,
    Batch,
    invalid_utf8_strings,
    sample_tables,
    split_batches,
)

from dental_analytics.errors import DentalError
from dental_analytics.opendental.schema import TABLES
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.load_status import (
    STATUS_COLUMNS,
    STATUS_FAILED,
    STATUS_SUCCESS,
    row_timestamp_columns,
)
from dental_analytics.warehouse.query import Reader, connect
from dental_analytics.warehouse.url import Target

AS_OF = dt.date(2025, 1, 31)
# zipcode has no row timestamp, toothinitial has one: both must still exist, empty.
OMITTED = ("zipcode", "toothinitial")


def fetch(target: Target, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with connect(target) as db:
        return db.fetchall(sql, params)


def rows_in_db(db: Reader, table: str) -> list[tuple[Any, ...]]:
    """Every row of `raw.<table>` without `_loaded_at`, in primary-key order."""
    t = TABLES[table]
    columns = ", ".join(c.raw_name for c in t.columns)
    order = ", ".join(k.lower() for k in t.primary_key)
    return db.fetchall(f"select {columns} from raw.{table} order by {order}")


def rows_in_arrow(data: pa.Table) -> list[tuple[Any, ...]]:
    return [tuple(row.values()) for row in data.to_pylist()]


def snapshot(target: Target) -> dict[str, list[tuple[Any, ...]]]:
    """The whole raw layer (not the status table), to compare before and after a load."""
    with connect(target) as db:
        return {name: rows_in_db(db, name) for name in TABLES}


def status_rows(target: Target, source: str) -> list[dict[str, Any]]:
    rows = fetch(
        target,
        f"select {', '.join(STATUS_COLUMNS)} from raw.etl_load_status"
        " where source = %s order by started_at, table_name",
        (source,),
    )
    return [dict(zip(STATUS_COLUMNS, row, strict=True)) for row in rows]


def replace(data: pa.Table, column: str, values: pa.Array | pa.ChunkedArray) -> pa.Table:
    """`data` with `column` replaced by `values` (any type: the loader must judge it)."""
    return data.set_column(data.schema.get_field_index(column), column, values)


def a_source() -> str:
    """A source name no other test uses, to pick this test's status rows out of the history."""
    return f"test {uuid.uuid4().hex[:8]}"


class RawLayerContract:
    """Tests of `load_raw` that hold on every warehouse engine."""

    CATALOG_TYPES: ClassVar[dict[str, str]]

    @pytest.fixture
    def target(self) -> Target:
        raise NotImplementedError("an engine's test class provides the target")

    def load(self, target: Target, batches: Any, source: str = "test") -> dict[str, int]:
        return load_raw(target, batches, source=source, as_of=AS_OF)

    def test_every_table_and_the_status_table_exist(self, target: Target) -> None:
        self.load(target, iter(split_batches(omit=OMITTED)))
        names = fetch(
            target,
            "select table_name from information_schema.tables where table_schema = 'raw'",
        )
        assert {n for (n,) in names} == {*TABLES, "etl_load_status"}

    def test_columns_and_types_follow_the_schema(self, target: Target) -> None:
        self.load(target, iter(split_batches()))
        found: dict[str, list[tuple[str, str]]] = {}
        for table, column, data_type in fetch(
            target,
            "select table_name, column_name, data_type from information_schema.columns"
            " where table_schema = 'raw' order by table_name, ordinal_position",
        ):
            found.setdefault(table, []).append((column, data_type.lower()))
        for name, table in TABLES.items():
            expected = [(c.raw_name, self.CATALOG_TYPES[c.raw_sql_type]) for c in table.columns]
            expected.append(("_loaded_at", self.CATALOG_TYPES["timestamp"]))
            assert found[name] == expected, name

    def test_rows_per_table_are_returned_and_stored(self, target: Target) -> None:
        written = self.load(target, iter(split_batches(omit=OMITTED)))
        expected = {name: 0 if name in OMITTED else 3 for name in TABLES}
        assert written == expected
        with connect(target) as db:
            stored = {
                name: db.fetchall(f"select count(*) from raw.{name}")[0][0] for name in TABLES
            }
        assert stored == expected

    def test_values_round_trip_exactly(self, target: Target) -> None:
        tables = sample_tables(3)
        self.load(target, iter([tables]))
        with connect(target) as db:
            for name, data in tables.items():
                assert rows_in_db(db, name) == rows_in_arrow(data), name

    def test_empty_strings_stay_empty_and_zero_dates_stay(self, target: Target) -> None:
        self.load(target, iter(split_batches()))
        assert fetch(
            target,
            "select lname, fname, birthdate, datetimedeceased from raw.patient where patnum = 1",
        ) == [("", "", dt.date(1, 1, 1), dt.datetime(1, 1, 1))]
        assert fetch(target, "select count(*) from raw.patient where lname is null") == [(0,)]

    def test_negative_durations_survive(self, target: Target) -> None:
        self.load(target, iter(split_batches()))
        hours = fetch(target, "select reghours from raw.timeadjust order by timeadjustnum")
        assert [h for (h,) in hours] == [
            dt.timedelta(0),
            dt.timedelta(hours=1, minutes=30),
            -dt.timedelta(hours=2, minutes=15),
        ]

    def test_loaded_at_is_one_utc_time_for_the_whole_load(self, target: Target) -> None:
        before = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        self.load(target, iter(split_batches()))
        after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        union = " union all ".join(f"select _loaded_at from raw.{name}" for name in TABLES)
        stamps = fetch(target, f"select distinct _loaded_at from ({union}) t")
        assert len(stamps) == 1
        assert before <= stamps[0][0] <= after

    def test_a_successful_load_writes_one_success_row_per_table(self, target: Target) -> None:
        source = a_source()
        written = self.load(target, iter(split_batches(omit=OMITTED)), source=source)
        rows = status_rows(target, source)
        assert sorted(r["table_name"] for r in rows) == sorted(TABLES)
        assert len({r["load_id"] for r in rows}) == 1
        for row in rows:
            name = row["table_name"]
            assert row["status"] == STATUS_SUCCESS
            assert row["rows_read"] == row["rows_written"] == written[name]
            assert row["as_of_date"] == AS_OF
            assert row["started_at"] <= row["finished_at"]
            assert row["error"] is None
            has_stamp = bool(row_timestamp_columns(TABLES[name]))
            expected_watermark = LATEST_STAMP if has_stamp and written[name] else None
            assert row["watermark"] == expected_watermark, name

    def test_rerunning_replaces_rows_and_keeps_the_status_history(self, target: Target) -> None:
        source = a_source()
        self.load(target, iter(split_batches()), source=source)
        written = self.load(target, iter([sample_tables(2, first_key=100)]), source=source)
        assert set(written.values()) == {2}
        assert fetch(target, "select patnum from raw.patient order by patnum") == [(100,), (101,)]
        rows = status_rows(target, source)
        assert len(rows) == 2 * len(TABLES)
        assert len({r["load_id"] for r in rows}) == 2

    def test_a_failure_midway_leaves_the_previous_load_and_records_it(self, target: Target) -> None:
        self.load(target, iter(split_batches()))
        before = snapshot(target)
        source = a_source()

        def failing() -> Iterator[Batch]:
            yield sample_tables(1, first_key=500)
            raise RuntimeError("the generator broke")

        with pytest.raises(DentalError) as raised:
            self.load(target, failing(), source=source)
        message = str(raised.value)
        assert message == (
            f"load into {target.display} failed: RuntimeError: the generator broke; "
            "the previous raw tables are unchanged"
        )
        assert snapshot(target) == before
        rows = status_rows(target, source)
        assert len(rows) == len(TABLES)
        for row in rows:
            assert row["status"] == STATUS_FAILED
            assert row["error"] == "RuntimeError: the generator broke"
            assert (row["rows_read"], row["rows_written"]) == (1, 0)
            assert row["watermark"] is None

    @pytest.mark.parametrize(
        ("spoil", "reason"),
        [
            (lambda b: {**b, "nosuchtable": b["patient"]}, "'nosuchtable', which is not one of"),
            (lambda b: {**b, "patient": b["patient"].drop(["lname"])}, "missing columns lname"),
            (
                lambda b: {
                    **b,
                    "claim": replace(b["claim"], "patnum", pa.array([None], pa.int64())),
                },
                "claim.patnum: 1 null values",
            ),
            (
                lambda b: {**b, "fee": replace(b["fee"], "amount", pa.array(["1.5x"]))},
                "fee.amount: cannot convert string to double",
            ),
        ],
        ids=["unknown-table", "missing-column", "null", "bad-type"],
    )
    def test_a_bad_batch_fails_the_load_naming_the_table(
        self, target: Target, spoil: Any, reason: str
    ) -> None:
        self.load(target, iter(split_batches()))
        before = snapshot(target)
        with pytest.raises(DentalError) as raised:
            self.load(target, iter([spoil(sample_tables(1, first_key=900))]))
        assert reason in str(raised.value)
        assert "1.5x" not in str(raised.value)
        assert snapshot(target) == before

    def test_a_value_the_engine_rejects_fails_the_load_without_echoing_it(
        self, target: Target
    ) -> None:
        self.load(target, iter(split_batches()))
        before = snapshot(target)
        tables = sample_tables(3, first_key=70)
        tables["commlog"] = replace(tables["commlog"], "note", invalid_utf8_strings())
        source = a_source()
        with pytest.raises(DentalError) as raised:
            self.load(target, iter([tables]), source=source)
        message = str(raised.value)
        assert message.startswith(f"load into {target.display} failed: ")
        assert "raw.commlog" in message
        assert "secret" not in message
        assert snapshot(target) == before
        rows = status_rows(target, source)
        assert {r["status"] for r in rows} == {STATUS_FAILED}
        assert {r["error"] for r in rows} == {message.split(" failed: ", 1)[1].split(";")[0]}

    def test_lossless_casts_are_accepted(self, target: Target) -> None:
        tables = sample_tables(3)
        patient = tables["patient"]
        tables["patient"] = replace(patient, "patstatus", patient["patstatus"].cast(pa.int64()))
        self.load(target, iter([tables]))
        assert fetch(target, "select patstatus from raw.patient order by patnum") == [
            (0,),
            (1,),
            (7,),
        ]

    def test_batches_are_streamed_not_collected_first(self, target: Target) -> None:
        events: list[str] = []

        def stream() -> Iterator[Batch]:
            for i, batch in enumerate(split_batches()):
                events.append(f"yield {i}")
                yield batch

        load_raw(
            target,
            stream(),
            source="test",
            as_of=AS_OF,
            on_rows=lambda table, n: events.append(f"{table} {n}"),
        )
        first_rows = events.index("patient 1")
        assert events.index("yield 0") < first_rows < events.index("yield 1")
        assert events.count("patient 2") == 1

    def test_views_over_raw_tables_survive_a_reload(self, target: Target) -> None:
        self.load(target, iter(split_batches()))
        self.create_view(target, "create view raw_patient_names as select lname from raw.patient")
        self.load(target, iter([sample_tables(2, first_key=40)]))
        assert fetch(target, "select count(*) from raw_patient_names") == [(2,)]

    def create_view(self, target: Target, sql: str) -> None:
        raise NotImplementedError("an engine's test class runs DDL its own way")

    def test_query_placeholders_are_percent_s_on_every_engine(self, target: Target) -> None:
        self.load(target, iter(split_batches()))
        assert fetch(
            target,
            "select count(*) from raw.patient where patnum >= %s and lname like 'O%%'",
            (2,),
        ) == [(1,)]
        assert fetch(target, "select count(*) from raw.patient where lname like 'O%'") == [(1,)]
