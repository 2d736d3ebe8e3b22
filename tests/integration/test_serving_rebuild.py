"""`dental build` while `dental serve` answers, on DuckDB and PostgreSQL: every request is
answered from one complete build, old or new, never a mix, and the server moves to the new build
when it is complete; keys and the audit keep working meanwhile.

The rebuild doubles every procedure fee first, so the two builds' answers differ in their
numbers: a response mixing them would equal neither build's answer. The server runs without its
report cache, so each of those requests reads the warehouse.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest
from tests.conftest import postgres_copy
from tests.integration.docs_site_build import built_site

from dental_analytics.api.store import AppStore
from dental_analytics.serve import create_app, running
from dental_analytics.warehouse import versions
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.url import Target, parse_target

REPORT = "/api/reports/dashboard"
PARAMS = {"start": "2026-01-01", "end": "2026-10-31", "grain": "month"}
# Every fee doubled, and with it what capitation plans write off of it (production is the fee
# less its capitation write-off, as OpenDental's production reports count it): production doubles.
DOUBLE_FEES = (
    "update raw.procedurelog set procfee = procfee * 2",
    "update raw.claimproc set writeoff = writeoff * 2 where status = 7",
)
CLIENTS = 3
PAUSE = 0.05  # seconds between a client's requests: steady traffic that leaves the build its CPU


@pytest.fixture(params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)])
def warehouse(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    """A built scale-1 warehouse of the test's own, to rebuild."""
    if request.param == "duckdb":
        built = built_site(tmp_path_factory.mktemp("docs_site"))
        folder = tmp_path_factory.mktemp("rebuild")
        shutil.copyfile(built.warehouse, folder / "warehouse.duckdb")
        yield parse_target(f"duckdb:///{folder / 'warehouse.duckdb'}")
        return
    url, _summary = request.getfixturevalue("built_postgres")
    with postgres_copy(url) as copy:
        yield parse_target(copy)


def _double_fees(target: Target) -> None:
    """Change the raw layer the way a load would: on DuckDB in a new version of the file (the
    server moves to it, with the same marts), on PostgreSQL in place (the API reads marts only)."""
    with versions.writing(target) as version:
        if target.kind == "duckdb":
            with duckdb.connect(str(version.target.path)) as con:
                for statement in DOUBLE_FEES:
                    con.execute(statement)
        else:
            from dental_analytics.warehouse.postgres_raw import connect_postgres

            with connect_postgres(target) as conn:
                for statement in DOUBLE_FEES:
                    conn.execute(statement)


def test_requests_through_a_rebuild_each_come_from_one_complete_build(
    warehouse: Target,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    artifacts = tmp_path / "target"
    if warehouse.kind == "duckdb":  # a copy of the shared build: its parse of the project too
        artifacts = built_site(tmp_path_factory.mktemp("docs_site")).artifacts_with_parse(artifacts)
    monkeypatch.setenv("DBT_TARGET_PATH", str(artifacts))
    store = AppStore(warehouse)
    _, key = store.create_key("rebuild")
    _, phi_key = store.create_key("rebuild-phi", scope="phi")
    store.close()
    headers = {"Authorization": f"Bearer {key}"}
    app = create_app(warehouse, tmp_path, rate_limit_per_minute=0, cache_mb=0)
    answers: list[tuple[int, Any]] = []
    with running(app) as url:
        old = httpx.get(url + REPORT, params=PARAMS, headers=headers, timeout=30).json()
        _double_fees(warehouse)
        # `dental build` as the nightly job runs it: a process of its own.
        builder = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dental_analytics",
                "build",
                "--to",
                _url(warehouse),
                "--skip-unit-tests",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

        def ask() -> None:
            with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
                while builder.poll() is None:
                    response = client.get(REPORT, params=PARAMS)
                    answers.append((response.status_code, response.json()))
                    time.sleep(PAUSE)

        clients = [threading.Thread(target=ask) for _ in range(CLIENTS)]
        for client in clients:
            client.start()
        # Keys and the audit, in the app store beside the warehouse, work while it builds.
        time.sleep(5)
        assert builder.poll() is None
        store = AppStore(warehouse)
        _, late_key = store.create_key("made-during-the-build")
        store.close()
        listed = httpx.get(
            url + "/api/worklists/collections",
            headers={"Authorization": f"Bearer {phi_key}"},
            timeout=30,
        )
        assert listed.status_code == 200, listed.text
        output, _ = builder.communicate()
        assert builder.returncode == 0, output[-3000:]
        assert "skipped (--skip-unit-tests)" in output
        for client in clients:
            client.join()
        # The build is complete: the very next request is answered from it.
        new = httpx.get(
            url + REPORT, params=PARAMS, headers={"Authorization": f"Bearer {late_key}"}, timeout=30
        ).json()

    with connect(warehouse) as db:
        [(build_id,)] = db.fetchall("select build_id from marts.mart_build")
    assert new["build_id"] == build_id != old["build_id"]
    assert _production(new) == pytest.approx(2 * _production(old), rel=1e-9)
    assert len(answers) >= 10
    assert {status for status, _ in answers} == {200}
    mixed = [a["build_id"] for _, a in answers if a not in (old, new)]
    assert mixed == []
    assert {a["build_id"] for _, a in answers} <= {old["build_id"], new["build_id"]}


def _url(target: Target) -> str:
    if target.kind == "duckdb":
        return f"duckdb:///{target.path}"
    return f"postgresql://{target.user}@{target.host}:{target.port}/{target.database}"


def _production(report: dict[str, Any]) -> float:
    return float(sum(row["gross_production"] or 0 for row in report["tables"]["trend"]["rows"]))
