"""The site's pages, coverage and lineage pictures from small hand-written dbt artifacts."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from dental_analytics.docs_site.artifacts import project_from_artifacts
from dental_analytics.docs_site.build import pictures_of, slim_manifest
from dental_analytics.docs_site.coverage import layer_coverage
from dental_analytics.docs_site.lineage import PATTERNS, pattern_picture, picture_dot, render
from dental_analytics.docs_site.pages import LoadStatus, human_age, write_pages
from dental_analytics.errors import DentalError

P = "dbt_dental_models"


def _model(name: str, layer: str, deps: list[str], columns: dict[str, str]) -> dict[str, Any]:
    return {
        "unique_id": f"model.{P}.{name}",
        "name": name,
        "resource_type": "model",
        "fqn": [P, layer, name],
        "description": f"One row per {name}." if columns else "",
        "original_file_path": f"models/{layer}/{name}.sql",
        "config": {"materialized": "view"},
        "depends_on": {"nodes": deps},
        "columns": {c: {"name": c, "description": d} for c, d in columns.items()},
    }


def _test(name: str, kind: str, attached: str, column: str | None) -> dict[str, Any]:
    return {
        "unique_id": f"test.{P}.{name}",
        "name": name,
        "resource_type": "test",
        "attached_node": attached,
        "column_name": column,
        "depends_on": {"nodes": [attached]},
        "config": {"severity": "ERROR"},
        "test_metadata": {"name": kind},
    }


def artifacts() -> tuple[dict[str, Any], ...]:
    source = {
        "unique_id": f"source.{P}.opendental.claim",
        "name": "claim",
        "source_name": "opendental",
        "resource_type": "source",
        "fqn": [P, "staging", "opendental", "claim"],
        "description": "OpenDental's claims.",
        "columns": {},
        "loaded_at_field": None,
        "loaded_at_query": "select max(finished_at) from raw.etl_load_status\nwhere table_name = 'claim'",
        "freshness": {"warn_after": {"count": 26, "period": "hour"}, "error_after": {"count": 50, "period": "hour"}},
    }  # fmt: skip
    stg = _model("stg_opendental__claim", "staging", [source["unique_id"]],
                 {"claim_id": "The claim.", "claim_status": ""})  # fmt: skip
    inter = _model("int_claim_details", "intermediate", [stg["unique_id"]], {"claim_id": "x"})
    mart = _model("mart_production_summary", "marts", [inter["unique_id"]], {})
    rule = _test(
        "opendental_rule_claim_payment_adds_up", "opendental_rule", inter["unique_id"], None
    )
    rule["test_metadata"]["kwargs"] = {"rule": "claim_payment_adds_up"}
    rule["description"] = "A check whose amount differs from its claim payments."
    rule["config"] = {"severity": "warn", "meta": {"fix": "Batch Insurance: balance the check."}}
    tests = [
        _test("unique_stg_claim_claim_id", "unique", stg["unique_id"], "claim_id"),
        _test("not_null_stg_claim_claim_id", "not_null", stg["unique_id"], "claim_id"),
        rule,
    ]
    manifest = {
        "metadata": {"project_name": P, "dbt_version": "1.11.0"},
        "nodes": {n["unique_id"]: n for n in (stg, inter, mart, *tests)},
        "sources": {source["unique_id"]: source},
        "exposures": {},
        "docs": {f"doc.{P}.__overview__": {"name": "__overview__", "block_contents": "# Hello\n\n- **bold** item\n"}},
    }  # fmt: skip
    statuses = ["pass", "fail", "warn"]
    results = {
        "metadata": {"generated_at": "2026-11-25T10:00:00Z"},
        "args": {"vars": {"as_of_date": "2026-11-24"}},
        "results": [
            {"unique_id": t["unique_id"], "status": s, "failures": 0 if s == "pass" else 3,
             "execution_time": 0.1, "message": "Got 3 results" if s != "pass" else None}
            for t, s in zip(tests, statuses, strict=True)
        ] + [{"unique_id": m["unique_id"], "status": "success", "execution_time": 0.2}
             for m in (stg, inter, mart)],
    }  # fmt: skip
    sources = {
        "results": [
            {"unique_id": source["unique_id"], "status": "warn", "max_loaded_at": "2026-11-24T01:00:00+00:00",
             "snapshotted_at": "2026-11-25T05:00:00+00:00", "max_loaded_at_time_ago_in_s": 100800.0,
             "criteria": source["freshness"]}
        ]
    }  # fmt: skip
    catalog = {
        "nodes": {
            stg["unique_id"]: {"columns": {
                "claim_id": {"name": "claim_id", "index": 1, "type": "BIGINT"},
                "claim_status": {"name": "claim_status", "index": 2, "type": "VARCHAR"},
                "claim_fee": {"name": "claim_fee", "index": 3, "type": "DECIMAL(15,2)"},
            }}
        },
        "sources": {},
    }  # fmt: skip
    return manifest, results, sources, catalog


def test_project_reads_tests_freshness_and_columns() -> None:
    project = project_from_artifacts(*artifacts())
    assert project.as_of == "2026-11-24"
    assert project.test_totals() == {"pass": 1, "fail": 1, "warn": 1, "error": 0, "skipped": 0}
    assert project.model_status == {"success": 3}
    failing = next(t for t in project.tests if t.status == "fail")
    assert (failing.model, failing.column, failing.test_type, failing.failures) == (
        "stg_opendental__claim", "claim_id", "not_null", 3,
    )  # fmt: skip
    assert failing.layer == "staging"
    (rule,) = project.rule_tests
    assert (rule.rule, rule.status, rule.failures, rule.severity) == (
        "claim_payment_adds_up", "warn", 3, "warn",
    )  # fmt: skip
    assert rule.description == "A check whose amount differs from its claim payments."
    assert rule.fix == "Batch Insurance: balance the check."
    stg = project.nodes[f"model.{P}.stg_opendental__claim"]
    # The catalog's columns count: one the YAML leaves out is undocumented, not invisible.
    assert stg.undocumented_columns == ["claim_status", "claim_fee"]
    assert stg.untested_columns == ["claim_status", "claim_fee"]
    assert stg.has_primary_key_test
    (fresh,) = project.freshness
    assert (fresh.status, fresh.warn_after, fresh.error_after) == ("warn", "26 hours", "50 hours")
    assert fresh.loaded_at_field == ""
    assert fresh.loaded_at_query == (
        "select max(finished_at) from raw.etl_load_status where table_name = 'claim'"
    )
    assert project.overview.startswith("# Hello")


def test_coverage_per_layer_counts_what_is_missing() -> None:
    rows = {r.layer: r for r in layer_coverage(project_from_artifacts(*artifacts()))}
    assert list(rows) == ["source", "staging", "intermediate", "marts", "all"]
    assert (rows["staging"].columns, rows["staging"].columns_described) == (3, 1)
    assert rows["marts"].described == 0 and rows["marts"].tested == 0
    assert rows["all"].nodes == 4


def test_patterns_follow_names_not_lists() -> None:
    project = project_from_artifacts(*artifacts())
    claims = next(p for p in PATTERNS if p.slug == "insurance_claims")
    picture = pattern_picture(project, claims)
    assert set(picture.node_ids) == {
        f"source.{P}.opendental.claim", f"model.{P}.stg_opendental__claim",
        f"model.{P}.int_claim_details",
    }  # fmt: skip
    assert (f"model.{P}.stg_opendental__claim", f"model.{P}.int_claim_details") in picture.edges
    dot = picture_dot(project, picture, "../dbt/index.html")
    assert f'URL="../dbt/index.html#!/model/model.{P}.int_claim_details"' in dot
    assert 'subgraph "cluster_intermediate"' in dot


def test_pages_render_every_test_with_filters_and_no_remote_assets(tmp_path: Path) -> None:
    project = project_from_artifacts(*artifacts())
    pictures = pictures_of(project)
    (tmp_path / "lineage").mkdir()
    for slug in ["layers", *(p.slug for p in pictures)]:
        (tmp_path / "lineage" / f"{slug}.svg").write_text('<?xml version="1.0"?><svg></svg>')
    pages = write_pages(tmp_path, project, pictures, LOADS, "dbt/index.html")
    assert "tests.html" in pages and "lineage/full_dag.html" in pages
    html = (tmp_path / "tests.html").read_text()
    assert len(re.findall(r"<tr id=\"[^\"]*\" data-status=", html)) == 3
    # Unit and singular tests are not in the docs page's manifest: their row is their page.
    assert "#!/unit_test/" not in html
    assert 'id="filter-status"' in html and 'id="filter-layer"' in html
    # OpenDental's rules, each with its rows, what they mean and where to fix them.
    rule_row = re.search(r'<tr data-rule="claim_payment_adds_up">.*?</tr>', html, re.S)
    assert rule_row is not None
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", rule_row[0])]
    assert cells == [
        "warn", "claim_payment_adds_up", "3", "A check whose amount differs from its claim payments.",
        "Batch Insurance: balance the check.",
    ]  # fmt: skip
    assert "Fix in OpenDental: Batch Insurance: balance the check." in html
    assert 'href="dbt/index.html#!/model/model.dbt_dental_models.stg_opendental__claim"' in html
    freshness = (tmp_path / "freshness.html").read_text()
    assert (
        'title="select max(finished_at) from raw.etl_load_status where table_name = &#39;claim&#39;"'
        in freshness
    )
    lineage = (tmp_path / "lineage" / "full_dag.html").read_text()
    assert 'href="../tests.html"' in lineage and "<?xml" not in lineage
    for page in pages:
        text = (tmp_path / page).read_text()
        assert not re.search(r'(src|href)="(https?:)?//', text), page


LOADS = [
    LoadStatus("claim", "ok", "2026-11-24 01:00:00", 12, "2026-11-24", 0, 1, 0, None,
               "replace", 12, 0, 0),
    LoadStatus("patient", "failing", "2026-11-24 01:00:00", 1234, "2026-11-24", 0, 3, 1,
               "2026-11-25 01:00:00", "stamp", 1200, 34, 5),
    LoadStatus("eobattach", "skipped", None, None, None, None, 1, 0, None, None, None, None, None),
]  # fmt: skip


def test_load_status_page_shows_strategy_changes_and_skipped(tmp_path: Path) -> None:
    project = project_from_artifacts(*artifacts())
    pictures = pictures_of(project)
    (tmp_path / "lineage").mkdir()
    for slug in ["layers", *(p.slug for p in pictures)]:
        (tmp_path / "lineage" / f"{slug}.svg").write_text("<svg></svg>")
    write_pages(tmp_path, project, pictures, LOADS, "dbt/index.html")
    html = (tmp_path / "load-status.html").read_text()
    rows = {
        m.group(1): [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", m.group(0))]
        for m in re.finditer(r'<tr data-state="\w+"><td><code>raw\.(\w+)</code>.*?</tr>', html)
    }  # fmt: skip
    header = re.findall(r"<th[^>]*>(.*?)</th>", html)
    patient = dict(zip(header, rows["patient"], strict=True))
    assert patient["state"] == "failing" and patient["strategy"] == "stamp"
    assert (patient["rows written"], patient["inserted"], patient["updated"], patient["deleted"]) == (
        "1,234", "1,200", "34", "5",
    )  # fmt: skip
    skipped = dict(zip(header, rows["eobattach"], strict=True))
    assert skipped["state"] == "skipped" and skipped["strategy"] == skipped["inserted"] == "-"
    assert 'class="status s-skipped"' in html
    # One card per state, skipped among them.
    assert re.search(r'<div class="n s-skipped">1</div><div class="l">skipped</div>', html)


def test_human_age() -> None:
    assert [human_age(s) for s in (59, 3600 * 3 + 60, 3600 * 50)] == [
        "0 min",
        "3 h 1 min",
        "2 d 2 h",
    ]
    assert human_age(None) == "-"


def _need_dot() -> None:
    if shutil.which("dot") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Graphviz's dot is missing (CI=true: .ci/run installs it)")
        pytest.skip("Graphviz's dot is not installed (make system-deps)")


def test_render_writes_svg_and_png_with_links(tmp_path: Path) -> None:
    _need_dot()
    project = project_from_artifacts(*artifacts())
    picture = pictures_of(project)[0]
    render([(picture.slug, picture_dot(project, picture, "../dbt/index.html"))], tmp_path)
    svg = (tmp_path / "full_dag.svg").read_text()
    assert svg.count('class="node"') == len(project.nodes)
    assert f'xlink:href="../dbt/index.html#!/model/model.{P}.mart_production_summary"' in svg
    assert (tmp_path / "full_dag.png").read_bytes().startswith(b"\x89PNG")


def test_pdf_has_its_sections(tmp_path: Path) -> None:
    _need_dot()
    from dental_analytics.docs_site.lineage import overview_dot
    from dental_analytics.docs_site.pdf import write_portfolio

    project = project_from_artifacts(*artifacts())
    pictures = pictures_of(project)
    render(
        [("layers", overview_dot(project, "x")), *((p.slug, picture_dot(project, p, "x")) for p in pictures)],
        tmp_path,
    )  # fmt: skip
    write_portfolio(tmp_path / "p.pdf", project, pictures, LOADS, tmp_path)
    pdf = (tmp_path / "p.pdf").read_bytes()
    # Six pictures (ReportLab adds a soft-mask image for each one with transparency).
    assert pdf.startswith(b"%PDF-") and pdf.count(b"/Subtype /Image") >= 6


def _dental(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dental_analytics", *args],
        capture_output=True, text=True, cwd=cwd, env={**os.environ, **env}, timeout=120,
    )  # fmt: skip


def test_docs_before_build_is_one_line_and_exit_1(tmp_path: Path) -> None:
    result = _dental("docs", cwd=tmp_path, env={"DBT_TARGET_PATH": str(tmp_path / "empty")})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "build_run_results.json is missing" in lines[0] and "dental build" in lines[0]
    assert not (tmp_path / "site").exists()


def test_serve_refuses_an_opendental_database_in_one_line(tmp_path: Path) -> None:
    result = _dental("serve", "--to", "mysql://root@127.0.0.1/opendental", cwd=tmp_path, env={})
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "not a warehouse" in result.stderr


def test_docs_refuses_to_empty_a_folder_it_did_not_build(tmp_path: Path) -> None:
    from dental_analytics.docs_site.build import _prepare

    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(DentalError, match="was not built by dental docs"):
        _prepare(tmp_path)
    assert (tmp_path / "notes.txt").exists()


@pytest.mark.parametrize("stop_signal", ["SIGINT", "SIGTERM"])
def test_serve_serves_dashboard_api_and_site_on_one_port_until_stopped(
    tmp_path: Path, stop_signal: str
) -> None:
    import signal
    import socket
    import time
    import urllib.request

    site = tmp_path / "site"
    (site / "lineage").mkdir(parents=True)
    (site / "index.html").write_text("<h1>site</h1>")
    (site / "lineage" / "x.svg").write_text("<svg/>")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "dental_analytics", "serve", "--port", str(port), "--site", str(site),
         "--to", f"duckdb:///{tmp_path / 'warehouse.duckdb'}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"{base}/docs/index.html") as response:
                    assert response.read() == b"<h1>site</h1>"
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("dental serve did not answer")
        with urllib.request.urlopen(f"{base}/docs/lineage/x.svg") as response:
            assert response.headers["Content-Type"] == "image/svg+xml"
        with urllib.request.urlopen(f"{base}/docs/") as response:
            assert response.read() == b"<h1>site</h1>"
        with urllib.request.urlopen(f"{base}/") as response:
            assert b"api/docs" in response.read()
        with urllib.request.urlopen(f"{base}/api/health") as response:
            assert json.loads(response.read())["status"] == "not_built"
    finally:
        proc.send_signal(getattr(signal, stop_signal))
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"dental serve did not stop on {stop_signal}: {out!r} {err!r}")
    assert f"http://localhost:{port}/" in out
    assert proc.returncode == 0, err


def test_docs_page_manifest_leaves_out_unit_tests_and_other_packages_macros() -> None:
    """The docs page draws every unit test, singular test, semantic model and metric as a
    lineage node: the slimmed manifest has none, in its graph maps either, and keeps the
    project's models, generic tests and macros."""
    model = f"model.{P}.int_claim_details"
    unit = f"unit_test.{P}.int_claim_details.test_statuses"
    semantic = f"semantic_model.{P}.claims"
    metric = f"metric.{P}.claims_paid"
    test = f"test.{P}.unique_int_claim_details_claim_procedure_id"
    singular = f"test.{P}.reconcile_claims"
    manifest = {
        "metadata": {"project_name": P},
        "nodes": {
            model: _model("int_claim_details", "intermediate", [], {}),
            test: {**_test("unique", "unique", model, "claim_procedure_id"), "compiled_code": "x"},
            singular: {"unique_id": singular, "resource_type": "test", "name": "reconcile_claims"},
        },
        "unit_tests": {unit: {"unique_id": unit, "resource_type": "unit_test"}},
        "semantic_models": {semantic: {"unique_id": semantic}},
        "metrics": {metric: {"unique_id": metric}},
        "macros": {
            f"macro.{P}.ratio": {"package_name": P},
            "macro.dbt.run_query": {"package_name": "dbt"},
        },
        "parent_map": {
            model: [],
            test: [model],
            singular: [model],
            unit: [model],
            semantic: [model],
            metric: [semantic],
        },
        "child_map": {
            model: [test, singular, unit, semantic],
            test: [],
            singular: [],
            unit: [],
            semantic: [metric],
            metric: [],
        },
    }
    slim = slim_manifest(manifest)
    assert slim["unit_tests"] == slim["semantic_models"] == slim["metrics"] == {}
    # The page draws no edge into a generic test and never reads `child_map`.
    assert slim["parent_map"] == {model: []}
    assert slim["child_map"] == {}
    assert set(slim["nodes"]) == {model, test} and "compiled_code" not in slim["nodes"][test]
    assert set(slim["macros"]) == {f"macro.{P}.ratio"}
