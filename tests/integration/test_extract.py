"""`dental extract` from a MariaDB twin of OpenDental into DuckDB and PostgreSQL.

One scale-1 twin (the generator's practice) proves the extract equals a direct load, row for row,
and builds the same marts; small twins of the loader tests' awkward rows prove the incremental
merge, the deletes, the read-only access and what real databases hold that generated ones don't.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from tests.conftest import mysql
from tests.integration.docs_site_build import built_site
from tests.integration.raw_sample import sample_tables

from dental_analytics.errors import DentalError
from dental_analytics.extract import extract
from dental_analytics.opendental import TABLES
from dental_analytics.opendental.policy import REDACTED_VALUE
from dental_analytics.opendental.schema import Table
from dental_analytics.synthetic.generate import generate
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.mysql_twin import load_twin
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.url import Target, parse_target

pytestmark = pytest.mark.mariadb

AS_OF = dt.date(2026, 11, 24)
DENTAL = [sys.executable, "-m", "dental_analytics"]


# Helpers -------------------------------------------------------------------------------------


def source_rows(target: Target, table: Table) -> dict[int, tuple[Any, ...]]:
    """A twin table's rows by key, redacted columns left out (the extract writes them null)."""
    columns = ", ".join(f"`{c.name}`" for c in table.columns if not c.redacted)
    rows = mysql(target, f"SELECT `{table.key.name}`, {columns} FROM `{table.name}`")
    return {int(r[0]): tuple(r[1:]) for r in rows}


def source_counts(target: Target) -> dict[str, int]:
    return {name: mysql(target, f"SELECT COUNT(*) FROM `{name}`")[0][0] for name in TABLES}


def raw_rows(target: Target, table: Table) -> list[tuple[Any, ...]]:
    """`raw.<table>` without `_loaded_at`, in key order."""
    columns = ", ".join(c.raw_name for c in table.columns)
    with connect(target) as db:
        return db.fetchall(f"select {columns} from raw.{table.name} order by {table.key.raw_name}")


def raw_counts(target: Target) -> dict[str, int]:
    with connect(target) as db:
        return {name: db.fetchall(f"select count(*) from raw.{name}")[0][0] for name in TABLES}


def last_run_status(target: Target) -> dict[str, tuple[Any, ...]]:
    """The newest run's status rows by table: (status, strategy, inserted, updated, deleted)."""
    with connect(target) as db:
        rows = db.fetchall(
            "select table_name, status, strategy, rows_inserted, rows_updated, rows_deleted"
            " from raw.etl_load_status where load_id = (select load_id from raw.etl_load_status"
            " order by finished_at desc limit 1)"
        )
    return {r[0]: tuple(r[1:]) for r in rows}


def duck(tmp_path: Path, name: str) -> Target:
    return parse_target(f"duckdb:///{tmp_path / name}")


@pytest.fixture(scope="module")
def twin(mariadb_url: str) -> Target:
    """The generator's scale-1 practice in a MariaDB twin of OpenDental."""
    target = parse_target(mariadb_url)
    load_raw(target, generate(1, 42, AS_OF), source="test", as_of=AS_OF)
    return target


@pytest.fixture
def small_twin(mariadb_url: str) -> Iterator[Target]:
    """A twin of 12 awkward rows per table (quotes, newlines, negative times, 2**53 + 1...)."""
    target = parse_target(mariadb_url + "_small")
    load_twin(target, iter([sample_tables(rows=12)]))
    yield target
    mysql(target, f"DROP DATABASE IF EXISTS `{target.database}`")


# The generated practice, extracted ------------------------------------------------------------


def test_extract_equals_a_direct_load(
    twin: Target, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Twin -> DuckDB equals `dental generate` straight into DuckDB (seed 42, scale 1), policy
    columns aside. (That `dental build` of the extract makes every mart of the direct build is
    checked by the refresh test, whose first night is this extract and its build.)"""
    direct = built_site(tmp_path_factory.mktemp("docs_site")).warehouse
    target = duck(tmp_path, "extracted.duckdb")
    summary = extract(twin, target, as_of=AS_OF)
    assert summary.ok and summary.warnings == []
    assert {t.status for t in summary.tables} == {"success"}

    with duckdb.connect(str(target.path)) as con:
        con.execute(f"attach '{direct}' as direct (read_only)")
        for name, table in TABLES.items():
            columns = ", ".join(
                f"null as {c.raw_name}" if c.redacted else c.raw_name for c in table.columns
            )
            for a, b in (("raw", "direct.raw"), ("direct.raw", "raw")):
                differ = con.execute(
                    f"select count(*) from (select {columns} from {a}.{name}"
                    f" except all select {columns} from {b}.{name})"
                ).fetchall()
                assert differ == [(0,)], f"{name}: rows in {a} not in {b}"
        # A redacted value never arrives: only whether there was one.
        ssns = con.execute("select distinct ssn from raw.patient").fetchall()
        assert set(ssns) <= {(None,), (REDACTED_VALUE,)}
        signed = con.execute(
            "select count(*) from raw.procnote where signature = ?", [REDACTED_VALUE]
        )
        assert signed.fetchall()[0][0] > 0


@pytest.mark.postgres
def test_extract_into_postgres_equals_the_source_and_converges(
    twin: Target, postgres_url: str
) -> None:
    target = parse_target(postgres_url)
    first = extract(twin, target, as_of=AS_OF)
    assert first.ok
    assert first.total("inserted") == sum(source_counts(twin).values())
    for table in TABLES.values():
        source = source_rows(twin, table)
        keep = [i for i, c in enumerate(table.columns) if not c.redacted]
        raw = {r[0]: tuple(r[i] for i in keep) for r in raw_rows(target, table)}
        assert raw.keys() == source.keys(), table.name
        assert raw == source, table.name

    again = extract(twin, target, as_of=AS_OF)
    assert again.ok
    assert (again.total("inserted"), again.total("updated"), again.total("deleted")) == (0, 0, 0)
    statuses = last_run_status(target)
    assert len(statuses) == len(TABLES)  # a run that changes nothing still records each table
    assert {s[1] for s in statuses.values()} == {"stamp", "append", "full"}


# Incremental: edits, inserts and deletes --------------------------------------------------------


EDITS = [
    # A stamped table: OpenDental's ON UPDATE CURRENT_TIMESTAMP moves DateTStamp.
    "UPDATE patient SET LName = 'Edited' WHERE PatNum = 2",
    "UPDATE procedurelog SET ProcFee = ProcFee + 10 WHERE ProcNum IN (3, 4)",
    "INSERT INTO paysplit (SplitNum, SplitAmt, PatNum) VALUES (900, 12.5, 1)",
    "DELETE FROM procedurelog WHERE ProcNum = 5",
    "DELETE FROM paysplit WHERE SplitNum = 6",
    # A row written with an old stamp (an import tool, a restore): found by the key scan.
    "INSERT INTO procedurelog (ProcNum, ProcFee, DateTStamp) VALUES (901, 5, '2020-01-01')",
    # A table without a stamp: found by comparing every column.
    "UPDATE definition SET ItemName = 'Renamed' WHERE DefNum = 7",
    "DELETE FROM definition WHERE DefNum = 8",
    # An append-only log: new keys above the largest; a purge found by the key scan.
    "INSERT INTO securitylog (SecurityLogNum, LogText) VALUES (500, 'new entry')",
    "DELETE FROM securitylog WHERE SecurityLogNum = 1",
]


def test_incremental_extract_equals_a_full_one_and_counts_the_net_changes(
    small_twin: Target, tmp_path: Path
) -> None:
    incremental = duck(tmp_path, "incremental.duckdb")
    assert extract(small_twin, incremental, as_of=AS_OF).ok
    before = {t.name: source_rows(small_twin, t) for t in TABLES.values()}
    for sql in EDITS:
        mysql(small_twin, sql)
    after = {t.name: source_rows(small_twin, t) for t in TABLES.values()}

    summary = extract(small_twin, incremental, as_of=AS_OF)
    assert summary.ok
    assert summary.warnings == [
        "procedurelog: 1 rows had an edit stamp older than the last run's (written by another"
        " tool, or restored); read by their keys"
    ]
    fresh = duck(tmp_path, "fresh.duckdb")
    assert extract(small_twin, fresh, as_of=AS_OF).ok
    for table in TABLES.values():
        assert raw_rows(incremental, table) == raw_rows(fresh, table), table.name

    status = last_run_status(incremental)
    for name in TABLES:
        old, new = before[name], after[name]
        expected = (
            len(new.keys() - old.keys()),
            sum(1 for k in new.keys() & old.keys() if new[k] != old[k]),
            len(old.keys() - new.keys()),
        )
        assert status[name][2:] == expected, name
    assert status["patient"][1] == "stamp" and status["securitylog"][1] == "append"
    assert status["definition"][1] == "full"
    # Only the changed rows were read from the stamped and append-only tables.
    read = {t.table: t.rows_read for t in summary.tables}
    assert read["patient"] < len(after["patient"]) and read["securitylog"] == 1

    quiet = extract(small_twin, incremental, as_of=AS_OF)
    assert (quiet.total("inserted"), quiet.total("updated"), quiet.total("deleted")) == (0, 0, 0)


def test_full_forces_a_complete_read(small_twin: Target, tmp_path: Path) -> None:
    target = duck(tmp_path, "w.duckdb")
    assert extract(small_twin, target, as_of=AS_OF).ok
    summary = extract(small_twin, target, as_of=AS_OF, full=True, tables=["patient", "securitylog"])
    assert [t.table for t in summary.tables] == ["patient", "securitylog"]
    assert {t.strategy for t in summary.tables} == {"full"}
    assert all(t.rows_read == 12 and t.inserted + t.updated == 0 for t in summary.tables)


# Safe for the practice's server ---------------------------------------------------------------


def _source_state(target: Target) -> dict[str, int]:
    """Every table of the source database and a checksum of its rows: what a write would change.
    (Counted per database, not from the server's global counters, which other clients move.)"""
    tables = [name for name, _ in mysql(target, "SHOW FULL TABLES WHERE Table_type = 'BASE TABLE'")]
    quoted = ", ".join(f"`{name}`" for name in tables)
    return {
        name: int(checksum) for name, checksum in mysql(target, f"CHECKSUM TABLE {quoted} EXTENDED")
    }


def test_a_select_only_user_extracts_and_nothing_is_written_to_the_source(
    small_twin: Target, tmp_path: Path
) -> None:
    user, password = "dental_reader", "reader-secret-42"
    mysql(small_twin, f"DROP USER IF EXISTS '{user}'@'%'")
    mysql(small_twin, f"CREATE USER '{user}'@'%' IDENTIFIED BY '{password}'")
    mysql(small_twin, f"GRANT SELECT ON `{small_twin.database}`.* TO '{user}'@'%'")
    try:
        url = f"mysql://{user}@{small_twin.host}:{small_twin.port}/{small_twin.database}"
        before = _source_state(small_twin)
        # The password from the environment ...
        env = {**os.environ, "DENTAL_SOURCE_PASSWORD": password, "HOME": str(tmp_path)}
        to = f"duckdb:///{tmp_path / 'ro.duckdb'}"
        done = subprocess.run(
            [*DENTAL, "extract", "--from", url, "--to", to, "--as-of", str(AS_OF)],
            capture_output=True, text=True, env=env, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        # ... or from a MySQL option file, with the URL from DENTAL_SOURCE_URL.
        option_file = tmp_path / "client.cnf"
        option_file.write_text(f"[client]\npassword={password}\n")
        env = {**os.environ, "DENTAL_SOURCE_URL": url, "HOME": str(tmp_path)}
        done = subprocess.run(
            [*DENTAL, "extract", "--option-file", str(option_file), "--to", to],
            capture_output=True, text=True, env=env, timeout=300, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert password not in done.stdout + done.stderr
        assert _source_state(small_twin) == before
        with pytest.raises(DentalError, match=r"cannot read from MySQL .*access denied"):
            extract(parse_target(url), duck(tmp_path, "no.duckdb"), as_of=AS_OF)
    finally:
        mysql(small_twin, f"DROP USER IF EXISTS '{user}'@'%'")


def test_a_killed_run_publishes_nothing_and_the_next_run_finishes(
    twin: Target, tmp_path: Path
) -> None:
    """A DuckDB extract writes a copy of the warehouse and publishes it when it ends: killed
    midway, it leaves the warehouse as it was (here: none yet), and the next run's copy replaces
    the killed one's."""
    path = tmp_path / "killed.duckdb"
    to = f"duckdb:///{path}"
    run = subprocess.Popen(
        [*DENTAL, "extract", "--from", twin_url(twin), "--to", to, "--as-of", str(AS_OF)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    # Killed once its copy holds a few tables' rows (the whole warehouse is ~25 MB).
    copies = tmp_path / "killed.duckdb.versions"

    def written() -> int:
        return max((p.stat().st_size for p in copies.glob("*/killed.duckdb")), default=0)

    deadline = time.monotonic() + 60
    while written() <= 6_000_000 and time.monotonic() < deadline:
        time.sleep(0.02)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert written() > 6_000_000 and not path.exists(), "killed midway, nothing published"
    killed = list(copies.glob("*/killed.duckdb"))

    target = parse_target(to)
    assert extract(twin, target, as_of=AS_OF).ok
    assert raw_counts(target) == source_counts(twin)
    assert not any(p.exists() for p in killed)


def twin_url(target: Target) -> str:
    return f"mysql://{target.user}@{target.host}:{target.port}/{target.database}"


# What real databases hold ---------------------------------------------------------------------


ONE_MB_NOTE = "Lorem ipsum dolor sit amet. " * 37_450  # just over 1 MB


def test_real_data_outcomes(small_twin: Target, tmp_path: Path) -> None:
    loose = "NO_ENGINE_SUBSTITUTION,ALLOW_INVALID_DATES"
    mysql(small_twin, "UPDATE patient SET Birthdate = '0000-00-00' WHERE PatNum = 2", mode=loose)
    mysql(small_twin, "UPDATE patient SET Birthdate = '2023-02-30' WHERE PatNum = 3", mode=loose)
    mysql(
        small_twin,
        "UPDATE appointment SET AptDateTime = '0000-00-00 00:00:00' WHERE AptNum = 2",
        mode=loose,
    )
    # A latin1 table, a 4-byte character, bytes that are not UTF-8, a 1 MB note.
    mysql(small_twin, "ALTER TABLE zipcode CONVERT TO CHARACTER SET latin1")
    mysql(small_twin, "UPDATE zipcode SET City = 'Zürich' WHERE ZipCodeNum = 2")
    mysql(small_twin, "ALTER TABLE commlog MODIFY Note TEXT CHARACTER SET utf8mb4 NOT NULL")
    mysql(small_twin, "UPDATE commlog SET Note = 'Called back 😀' WHERE CommlogNum = 2")
    mysql(small_twin, "ALTER TABLE commlog MODIFY Signature BLOB NOT NULL")
    mysql(small_twin, "UPDATE commlog SET Signature = x'61FF62' WHERE CommlogNum = 3")
    mysql(small_twin, "UPDATE document SET Note = %s WHERE DocNum = 2", (ONE_MB_NOTE,))
    # An unsigned key within the signed range, a column OpenDental added later, a missing
    # optional table.
    mysql(small_twin, "ALTER TABLE sheet MODIFY SheetNum BIGINT UNSIGNED NOT NULL AUTO_INCREMENT")
    mysql(small_twin, "ALTER TABLE patient ADD COLUMN FutureColumn INT NOT NULL DEFAULT 0")
    mysql(small_twin, "DROP TABLE toothinitial")

    target = duck(tmp_path, "real.duckdb")
    summary = extract(small_twin, target, as_of=AS_OF)
    assert summary.ok
    assert "patient: source columns not in the schema, ignored: futurecolumn" in summary.warnings
    assert "patient.Birthdate: impossible dates loaded as 0001-01-01 (1 rows)" in summary.warnings
    assert any(
        w.startswith("toothinitial skipped: the source has no table") for w in summary.warnings
    )
    with connect(target) as db:

        def one(sql: str) -> Any:
            return db.fetchall(sql)[0][0]

        assert one("select birthdate from raw.patient where patnum = 2") == dt.date(1, 1, 1)
        assert one("select birthdate from raw.patient where patnum = 3") == dt.date(1, 1, 1)
        assert one("select aptdatetime from raw.appointment where aptnum = 2") == dt.datetime(
            1, 1, 1
        )
        assert one("select city from raw.zipcode where zipcodenum = 2") == "Zürich"
        assert one("select note from raw.commlog where commlognum = 2") == "Called back 😀"
        assert one("select signature from raw.commlog where commlognum = 3") == "a?b"
        assert one("select note from raw.document where docnum = 2") == ONE_MB_NOTE
        assert one("select count(*) from raw.sheet") == 12
        assert one("select count(*) from raw.toothinitial") == 0
        assert (
            one("select status from raw.etl_load_status where table_name = 'toothinitial'")
            == "skipped"
        )

    # A key above 2**63 - 1 fails its table, names the column, and the others still load.
    mysql(small_twin, "INSERT INTO sheet (SheetNum) VALUES (18446744073709551610)")
    summary = extract(small_twin, target, as_of=AS_OF)
    assert [t.table for t in summary.failed] == ["sheet"]
    assert "sheet.SheetNum: a value is not a whole number" in (summary.failed[0].error or "")
    assert "18446744073709551610" not in (summary.failed[0].error or "")
    assert len([t for t in summary.tables if t.status == "success"]) == len(TABLES) - 2

    # A core column the source lacks (an older OpenDental): nothing is written.
    mysql(small_twin, "ALTER TABLE procedurelog DROP COLUMN ProcFee")
    before = raw_counts(target)
    with pytest.raises(
        DentalError, match=r"procedurelog has no column ProcFee.*nothing was written"
    ):
        extract(small_twin, target, as_of=AS_OF)
    assert raw_counts(target) == before


def test_bad_arguments_are_one_line_errors(small_twin: Target, tmp_path: Path) -> None:
    to = duck(tmp_path, "w.duckdb")
    with pytest.raises(DentalError, match="not one of the 91 OpenDental tables"):
        extract(small_twin, to, as_of=AS_OF, tables=["nosuchtable"])
    with pytest.raises(DentalError, match=r"keep-column 'patient\.LName' is not a column"):
        extract(small_twin, to, as_of=AS_OF, keep_columns=["patient.LName"])
    with pytest.raises(DentalError, match="to must be a DuckDB or PostgreSQL"):
        extract(small_twin, small_twin, as_of=AS_OF)
    summary = extract(small_twin, to, as_of=AS_OF, keep_columns=["patient.SSN"], tables=["patient"])
    assert summary.ok
    with connect(to) as db:
        assert db.fetchall("select count(*) from raw.patient where ssn is null") == [(0,)]
    done = subprocess.run(
        [*DENTAL, "extract", "--from", "mysql://root@127.0.0.1:1/x", "--to", f"duckdb:///{to.path}"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
