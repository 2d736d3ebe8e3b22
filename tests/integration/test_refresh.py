"""`dental refresh` on a MariaDB twin of OpenDental into DuckDB: the nightly job and its exit codes.

The commands run as a scheduler runs them: a process, the source from `DENTAL_SOURCE_URL`, the
password from `DENTAL_SOURCE_PASSWORD` (a SELECT-only user), never on the command line. Builds are
what cost: one refresh whose docs step fails (its marts compared with those of the generator's own
load of the same practice, the shared `dental demo` build), one that passes after two simulated
practice days (its marts compared with those the models make of a full extract of the same twin),
and one whose build fails early (a staging test on the patients fails, so little else is built).
dbt parses the project once, on the first night.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from tests.conftest import mysql
from tests.integration.docs_site_build import built_site, target_with_parse

from dental_analytics.opendental import TABLES
from dental_analytics.refresh import EXIT_CODES
from dental_analytics.synthetic.generate import generate
from dental_analytics.twin_simulation import simulate
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.url import Target, parse_target

pytestmark = pytest.mark.mariadb

AS_OF = dt.date(2026, 11, 24)
DENTAL = [sys.executable, "-m", "dental_analytics"]


@pytest.fixture(scope="module")
def twin(mariadb_url: str) -> Target:
    """The generator's scale-1 practice in a MariaDB twin of OpenDental."""
    target = parse_target(mariadb_url)
    load_raw(target, generate(1, 42, AS_OF), source="test", as_of=AS_OF)
    return target


@pytest.fixture(scope="module")
def reader(twin: Target) -> Iterator[tuple[str, str]]:
    """A SELECT-only user of the twin: its URL (no password) and its password."""
    user, password = f"reader_{secrets.token_hex(3)}", secrets.token_hex(12)
    mysql(twin, f"CREATE USER '{user}'@'%' IDENTIFIED BY '{password}'")
    mysql(twin, f"GRANT SELECT ON `{twin.database}`.* TO '{user}'@'%'")
    yield f"mysql://{user}@{twin.host}:{twin.port or 3306}/{twin.database}", password
    mysql(twin, f"DROP USER '{user}'@'%'")


def dental(
    command: str,
    source_url: str,
    password: str,
    warehouse: Path,
    *args: str,
    artifacts: Path,
) -> subprocess.CompletedProcess[str]:
    """`dental COMMAND --to WAREHOUSE ARGS` as a scheduler runs it: the source from the
    environment, dbt's artifacts in their own folder."""
    env = {
        **os.environ,
        "DENTAL_SOURCE_URL": source_url,
        "DENTAL_SOURCE_PASSWORD": password,
        "DBT_TARGET_PATH": str(artifacts),
        "COLUMNS": "200",
    }
    return subprocess.run(
        [*DENTAL, command, "--to", f"duckdb:///{warehouse}", *args],
        capture_output=True, text=True, env=env, timeout=1200, check=False,
    )  # fmt: skip


def refresh(
    source_url: str,
    password: str,
    warehouse: Path,
    *args: str,
    artifacts: Path,
    as_of: str = AS_OF.isoformat(),
) -> subprocess.CompletedProcess[str]:
    return dental(
        "refresh", source_url, password, warehouse, "--as-of", as_of, "--no-pdf", *args,
        artifacts=artifacts,
    )  # fmt: skip


def different_mart_rows(warehouse: Path, other: Path) -> dict[str, int]:
    """Rows of each mart that one warehouse has and the other has not (either way), but the
    build's own record (`mart_build`: its id and times)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        con.execute(f"ATTACH '{other}' AS other (READ_ONLY)")
        marts = [
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_catalog = "
                "current_database() and table_schema = 'marts' and table_name <> 'mart_build'"
            ).fetchall()
        ]
        differ = {}
        for name in marts:
            count = con.execute(
                f"select (select count(*) from (select * from marts.{name} except all "
                f"select * from other.marts.{name})) + (select count(*) from (select * from "
                f"other.marts.{name} except all select * from marts.{name}))"
            ).fetchall()[0][0]
            if count:
                differ[name] = count
    assert len(marts) > 20, marts
    return differ


def build_models(warehouse: Path, artifacts: Path) -> bool:
    """Every seed and model of the project built on the DuckDB file `warehouse`, no test, as
    `dental build` runs dbt."""
    from dbt.cli.main import dbtRunner

    from dental_analytics.dbt import _environment, profile_env, project_dir

    project = str(project_dir())
    env = {**profile_env(parse_target(f"duckdb:///{warehouse}")), "DBT_TARGET_PATH": str(artifacts)}
    with _environment(env):
        result = dbtRunner().invoke(
            ["build", "--project-dir", project, "--profiles-dir", project, "--quiet",
             "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"]
        )  # fmt: skip
    return bool(result.success)


def step_lines(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """Each step's row of the summary table, by step."""
    rows = {}
    for line in result.stdout.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        if cells and cells[0] in EXIT_CODES:
            rows[cells[0]] = " | ".join(cells[1:])
    return rows


def test_a_source_that_cannot_be_read_fails_the_extract_step(
    reader: tuple[str, str], tmp_path: Path
) -> None:
    url, password = reader
    wrong = "not-" + password
    result = refresh(url, wrong, tmp_path / "w.duckdb", artifacts=tmp_path / "target")
    assert result.returncode == EXIT_CODES["extract"] == 3, result.stderr
    steps = step_lines(result)
    assert steps["extract"].startswith("failed") and "access denied" in steps["extract"]
    assert steps["build"].startswith("not run") and steps["docs"].startswith("not run")
    assert result.stderr.strip().splitlines()[-1] == (
        "error: refresh failed at extract; not run: build, docs"
    )
    assert wrong not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr

    missing = refresh(url + "_none", password, tmp_path / "w.duckdb", artifacts=tmp_path / "t")
    assert missing.returncode == 3 and "failed at extract" in missing.stderr

    # No source at all is bad input, before any step.
    env = {k: v for k, v in os.environ.items() if k != "DENTAL_SOURCE_URL"}
    bare = subprocess.run(
        [*DENTAL, "refresh", "--to", f"duckdb:///{tmp_path / 'w.duckdb'}"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert bare.returncode == 1 and "--from is required" in bare.stderr


def test_refresh_runs_the_night_and_names_the_step_that_fails(
    twin: Target,
    reader: tuple[str, str],
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    url, password = reader
    warehouse = tmp_path / "warehouse.duckdb"
    artifacts = tmp_path / "target"  # dbt parses the project once; the later nights reuse it
    site = tmp_path / "site"

    # The docs step fails (its folder is a file): extract and build have done their work.
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("not a site\n")
    first = refresh(url, password, warehouse, "--out", str(not_a_folder), artifacts=artifacts)
    assert first.returncode == EXIT_CODES["docs"] == 5, first.stderr[-2000:]
    steps = step_lines(first)
    assert steps["extract"].startswith("ok") and steps["build"].startswith("ok")
    assert steps["docs"].startswith("failed") and "is a file" in steps["docs"]
    assert first.stderr.strip().splitlines()[-1] == "error: refresh failed at docs"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for name in TABLES:
            raw = con.execute(f"select count(*) from raw.{name}").fetchall()[0][0]
            assert raw == mysql(twin, f"SELECT COUNT(*) FROM `{name}`")[0][0], name
    # The practice extracted from its twin builds the marts the generator's own load builds
    # (`dental demo` of the same seed, scale and day): redaction and the round trip through
    # MariaDB change no mart row.
    direct = built_site(tmp_path_factory.mktemp("docs_site")).warehouse
    assert different_mart_rows(warehouse, direct) == {}

    # The practice works two days; the next night passes end to end: an incremental extract of
    # what the days changed, a build with no failure, the site.
    days = simulate(twin, days=2, seed=4)
    night = days.days[-1].isoformat()
    # Among them new families with their coverage, and discounts posted at checkout (the seed's
    # two days bring an insured family: whether one comes in two days is the draw's).
    for name in ("patient", "patplan", "inssub", "adjustment"):
        assert days.changes[name][0] > 0, name
    second = refresh(url, password, warehouse, "--out", str(site), artifacts=artifacts, as_of=night)
    assert second.returncode == 0, second.stderr[-2000:] + second.stdout[-3000:]
    steps = step_lines(second)
    assert all(steps[s].startswith("ok") for s in EXIT_CODES), steps
    net = [sum(c[i] for c in days.changes.values()) for i in range(3)]
    assert all(net), net
    assert f"{net[0]:,} inserted, {net[1]:,} updated, {net[2]:,} deleted" in steps["extract"]
    assert " 0 failed" in steps["build"] and "stale" not in steps["build"]
    assert (site / "index.html").is_file() and (site / "freshness.html").is_file()
    assert "refresh ok in" in second.stdout
    with duckdb.connect(str(warehouse), read_only=True) as con:
        served = con.execute("select build_id from marts.mart_build").fetchall()

    # What the nights kept equals the twin loaded whole this morning: every mart, row for row.
    # The seeds and models alone make the marts of the full extract: the tests are the build's.
    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    fresh.parent.mkdir()
    done = dental("extract", url, password, fresh, "--as-of", night, artifacts=tmp_path / "t")
    assert done.returncode == 0, done.stderr[-2000:]
    # The nights' parse: the file has their name.
    assert build_models(fresh, target_with_parse(artifacts, tmp_path / "fresh_target"))
    assert different_mart_rows(warehouse, fresh) == {}

    # A row that breaks a dbt test: the build fails, the served marts stay, the site is not
    # rebuilt.
    mysql(
        twin, "UPDATE patient SET PatStatus = 99 WHERE PatNum = (SELECT MIN(PatNum) FROM patient)"
    )
    try:
        third = refresh(
            url, password, warehouse, "--out", str(site), artifacts=artifacts, as_of=night
        )
    finally:
        mysql(twin, "UPDATE patient SET PatStatus = 0 WHERE PatStatus = 99")
    assert third.returncode == EXIT_CODES["build"] == 4, third.stderr[-2000:]
    steps = step_lines(third)
    assert "0 inserted, 1 updated, 0 deleted" in steps["extract"]
    assert steps["build"].startswith("failed") and "served marts are unchanged" in steps["build"]
    assert steps["docs"].startswith("not run")
    assert "patient_status_code" in third.stdout
    assert third.stderr.strip().splitlines()[-1] == "error: refresh failed at build; not run: docs"
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("select build_id from marts.mart_build").fetchall() == served
