"""The raw layer on PostgreSQL: the shared contract, plus what only a server can get wrong."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import psycopg
import pyarrow as pa
import pytest
from tests.integration.raw_contract import (
    AS_OF,
    RawLayerContract,
    a_source,
    fetch,
    replace,
    snapshot,
    status_rows,
)
from tests.integration.raw_sample import Batch, sample_tables, split_batches

from dental_analytics.errors import DentalError
from dental_analytics.opendental import TABLES
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.load_status import STATUS_FAILED
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.url import Target, parse_target

pytestmark = pytest.mark.postgres


def execute(target: Target, sql: str) -> None:
    """Run one statement on `target` outside the loader, committed."""
    with psycopg.connect(
        host=target.host, port=target.port, user=target.user, dbname=target.database
    ) as conn:
        conn.execute(sql)


class TestPostgresRawLayer(RawLayerContract):
    CATALOG_TYPES: ClassVar[dict[str, str]] = {
        "bigint": "bigint",
        "integer": "integer",
        "smallint": "smallint",
        "double precision": "double precision",
        "date": "date",
        "timestamp": "timestamp without time zone",
        "varchar": "character varying",
        "interval": "interval",
    }

    @pytest.fixture
    def target(self, postgres_url: str) -> Target:
        return parse_target(postgres_url)

    def create_view(self, target: Target, sql: str) -> None:
        execute(target, f"drop view if exists raw_patient_names; {sql}")


@pytest.fixture
def target(postgres_url: str) -> Target:
    return parse_target(postgres_url)


def test_a_value_postgres_rejects_fails_the_load_without_echoing_it(target: Target) -> None:
    load_raw(target, iter(split_batches()), source="test", as_of=AS_OF)
    before = snapshot(target)
    tables = sample_tables(3, first_key=70)
    # PostgreSQL text cannot hold a NUL character; DuckDB and Arrow can.
    tables["commlog"] = replace(
        tables["commlog"], "note", pa.array(["fine", "secret patient note \x00", "fine"])
    )
    source = a_source()
    with pytest.raises(DentalError) as raised:
        load_raw(target, iter([tables]), source=source, as_of=AS_OF)
    message = str(raised.value)
    assert message.startswith(f"load into {target.display} failed: PostgreSQL failed writing")
    assert "raw.commlog" in message
    assert "secret" not in message
    assert snapshot(target) == before
    assert {r["status"] for r in status_rows(target, source)} == {STATUS_FAILED}


def test_a_dropped_connection_rolls_back_and_is_recorded(target: Target) -> None:
    load_raw(target, iter(split_batches()), source="test", as_of=AS_OF)
    before = snapshot(target)
    source = a_source()

    def cut_off() -> Iterator[Batch]:
        yield sample_tables(2, first_key=80)
        # Kill the loader's session from outside, as a restarting server or a network cut would.
        execute(
            target,
            "select pg_terminate_backend(pid) from pg_stat_activity"
            " where datname = current_database() and application_name = 'dental'"
            " and pid <> pg_backend_pid()",
        )
        yield sample_tables(2, first_key=90)

    with pytest.raises(DentalError) as raised:
        load_raw(target, cut_off(), source=source, as_of=AS_OF)
    assert "the previous raw tables are unchanged" in str(raised.value)
    assert snapshot(target) == before
    rows = status_rows(target, source)
    assert len(rows) == len(TABLES)
    assert {r["status"] for r in rows} == {STATUS_FAILED}


def test_a_table_of_another_shape_is_replaced_with_the_views_on_it(target: Target) -> None:
    load_raw(target, iter(split_batches()), source="test", as_of=AS_OF)
    execute(
        target,
        "drop table raw.recalltype cascade;"
        " create table raw.recalltype (recalltypenum bigint, old_column text);"
        " create view recalltype_view as select old_column from raw.recalltype",
    )
    load_raw(target, iter(split_batches()), source="test", as_of=AS_OF)
    assert fetch(target, "select count(*) from raw.recalltype") == [(3,)]
    views = fetch(target, "select count(*) from pg_views where viewname = 'recalltype_view'")
    assert views == [(0,)]


def test_an_unreachable_server_is_one_dental_error() -> None:
    target = parse_target("postgresql://postgres@127.0.0.1:5999/nowhere")
    with pytest.raises(DentalError) as raised:
        load_raw(target, iter(split_batches()), source="test", as_of=AS_OF)
    assert str(raised.value) == "cannot reach PostgreSQL at 127.0.0.1:5999: connection refused"


def test_a_missing_database_is_one_dental_error(postgres_url: str) -> None:
    server = parse_target(postgres_url)
    target = parse_target(f"postgresql://{server.user}@{server.host}:{server.port}/no_such_db")
    with pytest.raises(DentalError) as raised, connect(target):
        pass
    where = f"{server.host}:{server.port}"
    expected = f'cannot reach PostgreSQL at {where}: database "no_such_db" does not exist'
    assert str(raised.value) == expected


def test_a_load_leaves_planner_statistics(target: Target) -> None:
    """The planner knows each table's size right after a load (autovacuum may never run)."""
    load_raw(target, iter(split_batches()), source=a_source(), as_of=AS_OF)
    unanalyzed = fetch(
        target,
        "select relname from pg_stat_user_tables "
        "where schemaname = 'raw' and last_analyze is null and relname <> 'etl_load_status'",
    )
    assert unanalyzed == []
