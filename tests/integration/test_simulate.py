"""`dental simulate` on a MariaDB twin of OpenDental, followed by `dental extract`.

One scale-1 twin moves on three practice days; an incremental extract must then leave the raw
layer equal to a fresh full extract (deletes included) and count exactly simulate's net changes.
A copy of the starting twin, simulated again through the CLI with the same seed, must end equal.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from tests.conftest import mysql

from dental_analytics.errors import DentalError
from dental_analytics.extract import extract
from dental_analytics.opendental import TABLES
from dental_analytics.synthetic.generate import generate
from dental_analytics.twin_simulation import simulate
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.url import Target, parse_target

pytestmark = pytest.mark.mariadb

AS_OF = dt.date(2026, 11, 24)  # a Tuesday
DENTAL = [sys.executable, "-m", "dental_analytics"]


def copy_twin(source: Target, name: str) -> Target:
    """A copy of the twin `source`, table for table, in the database `name` on the same server."""
    mysql(source, f"CREATE DATABASE `{name}` CHARACTER SET utf8")
    for table in TABLES:
        mysql(source, f"CREATE TABLE `{name}`.`{table}` LIKE `{table}`")
        mysql(source, f"INSERT INTO `{name}`.`{table}` SELECT * FROM `{table}`")
    return parse_target(f"mysql://{source.user}@{source.host}:{source.port or 3306}/{name}")


def checksums(target: Target) -> dict[str, int]:
    """Each table's content checksum (`CHECKSUM TABLE`: every column of every row)."""
    names = ", ".join(f"`{t}`" for t in TABLES)
    return {r[0].split(".")[-1]: r[1] for r in mysql(target, f"CHECKSUM TABLE {names} EXTENDED")}


def raw_rows(target: Target, name: str) -> list[tuple[Any, ...]]:
    table = TABLES[name]
    columns = ", ".join(c.raw_name for c in table.columns)
    with duckdb.connect(str(target.path), read_only=True) as con:
        return con.execute(
            f"select {columns} from raw.{name} order by {table.key.raw_name}"
        ).fetchall()


def last_run_counts(target: Target) -> dict[str, tuple[int, int, int]]:
    with duckdb.connect(str(target.path), read_only=True) as con:
        rows = con.execute(
            "select table_name, rows_inserted, rows_updated, rows_deleted"
            " from raw.etl_load_status where load_id = (select load_id from raw.etl_load_status"
            " order by finished_at desc limit 1)"
        ).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


@pytest.fixture(scope="module")
def twin(mariadb_url: str) -> Target:
    """The generator's scale-1 practice in a MariaDB twin of OpenDental."""
    target = parse_target(mariadb_url)
    load_raw(target, generate(1, 42, AS_OF), source="test", as_of=AS_OF)
    return target


def test_simulated_days_extract_incrementally_to_what_a_full_extract_reads(
    twin: Target, tmp_path: Path
) -> None:
    incremental = parse_target(f"duckdb:///{tmp_path / 'incremental.duckdb'}")
    assert extract(twin, incremental, as_of=AS_OF).ok
    start = copy_twin(twin, f"{twin.database}_start")
    try:
        summary = simulate(twin, days=3, seed=7)
        # The twin's current day is its latest stamp (the as-of day): the next three open days.
        assert summary.days == [dt.date(2026, 11, 25), dt.date(2026, 11, 26), dt.date(2026, 11, 27)]
        changes = summary.changes
        # The office's work, edits and deletes all reach the twin.
        assert changes["appointment"][1] > 0 and changes["procedurelog"][1] > 0
        assert changes["procedurelog"][2] > 0 and changes["claimproc"][2] > 0
        assert changes["claim"][1] > 0 and changes["claimpayment"][0] > 0
        # New families join, with their coverage; new patients' first visits go on their charts;
        # checkout discounts are posted.
        assert changes["patient"][0] > 0 and changes["patient"][1] > 0
        assert changes["inssub"][0] > 0 and changes["patplan"][0] > 0
        assert changes["adjustment"][0] > 0
        # The front desk logs its reminder calls.
        assert changes["commlog"][0] > 0
        # Booked procedures get their insurance estimates; some appointments are moved, each
        # move in the appointment's history and the security log.
        assert changes["claimproc"][0] > 0
        assert changes["histappointment"][0] == changes["securitylog"][0] > 0
        # Every row written carries a stamp from the simulated clock, never the server's.
        for name in (
            "appointment", "procedurelog", "claim", "claimproc", "claimpayment", "patient",
            "inssub", "patplan", "adjustment", "commlog", "histappointment",
        ):  # fmt: skip
            stamp = TABLES[name].stamp_column
            assert stamp is not None
            latest = mysql(twin, f"SELECT MAX(`{stamp.name}`) FROM `{name}`")[0][0]
            assert dt.date(2026, 11, 25) <= latest.date() <= dt.date(2026, 11, 27), name

        last = summary.days[-1]
        again = extract(twin, incremental, as_of=last)
        assert again.ok
        fresh = parse_target(f"duckdb:///{tmp_path / 'fresh.duckdb'}")
        assert extract(twin, fresh, as_of=last).ok
        for name in TABLES:
            assert raw_rows(incremental, name) == raw_rows(fresh, name), name
        counted = last_run_counts(incremental)
        for name in TABLES:
            assert counted[name] == changes.get(name, (0, 0, 0)), name

        # The same starting twin and seed give the same twin, through the command line.
        result = subprocess.run(
            [*DENTAL, "simulate", "--days", "3", "--seed", "7", "--to", start.display],
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "2026-11-25 to 2026-11-27" in result.stdout and "procedurelog" in result.stdout
        assert checksums(start) == checksums(twin)

        # The next run starts after the weekend; another seed makes another day.
        monday = simulate(twin, days=1, seed=7)
        other = simulate(start, days=1, seed=8)
        assert monday.days == other.days == [dt.date(2026, 11, 30)]
        assert checksums(start) != checksums(twin)
    finally:
        mysql(twin, f"DROP DATABASE IF EXISTS `{start.database}`")


def test_bad_input_is_one_line(twin: Target) -> None:
    for args, says in (
        (["--days", "0", "--to", twin.display], "--days must be 1 or more"),
        (["--days", "1", "--to", "duckdb:///x.duckdb"], "must be a mysql:// twin"),
        (["--days", "1", "--to", "mysql://root@127.0.0.1:1/nowhere"], "cannot reach"),
        (["--days", "1", "--from-date", "someday", "--to", twin.display], "is not a date"),
    ):
        result = subprocess.run(
            [*DENTAL, "simulate", *args], capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 1, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and says in lines[0], result.stderr
    empty = parse_target(f"mysql://root@{twin.host}:{twin.port or 3306}/{twin.database}_empty")
    try:
        with pytest.raises(DentalError, match="has no rows to simulate from"):
            simulate(empty, days=1, seed=1)
    finally:
        mysql(twin, f"DROP DATABASE IF EXISTS `{empty.database}`")


@pytest.mark.postgres
def test_simulated_days_extract_incrementally_into_postgres(
    twin: Target, postgres_url: str, tmp_path: Path
) -> None:
    """The nightly extract into PostgreSQL follows simulated days as it does into DuckDB: raw
    ends equal to a fresh full extract's, and the run counts simulate's net changes. (The twin
    goes on from wherever the tests before left it.)"""
    warehouse = parse_target(postgres_url)
    assert extract(twin, warehouse, as_of=AS_OF).ok
    summary = simulate(twin, days=2, seed=11)
    last = summary.days[-1]
    assert extract(twin, warehouse, as_of=last).ok
    fresh = parse_target(f"duckdb:///{tmp_path / 'fresh.duckdb'}")
    assert extract(twin, fresh, as_of=last).ok
    changes = summary.changes
    changed = {name for name, counts in changes.items() if any(counts)}
    assert changed
    with connect(warehouse) as pg, connect(fresh) as duck:
        for name, table in TABLES.items():
            # The tables the days changed row for row; the others by their row counts.
            columns = ", ".join(c.raw_name for c in table.columns)
            sql = (
                f"select {columns} from raw.{name} order by {table.key.raw_name}"
                if name in changed
                else f"select count(*) from raw.{name}"
            )
            assert pg.fetchall(sql) == duck.fetchall(sql), name
        counted = pg.fetchall(
            "select table_name, rows_inserted, rows_updated, rows_deleted"
            " from raw.etl_load_status where load_id = (select load_id"
            " from raw.etl_load_status order by finished_at desc limit 1)"
        )
    assert {r[0]: tuple(r[1:]) for r in counted} == {
        name: changes.get(name, (0, 0, 0)) for name in TABLES
    }
