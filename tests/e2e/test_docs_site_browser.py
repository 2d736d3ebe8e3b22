"""The site in a real browser: Playwright driving Debian's Chromium (never a downloaded one).

Serves a site built by `dental generate`, `dental build` and `dental docs`, then checks what a
reader sees: the dbt docs lineage graph draws its nodes, a model page shows its columns and
descriptions, the test-results page lists every test of the build with its status, and the
lineage pictures load. Every request to another host is blocked and recorded: there must be
none. Screenshots go to test-results/e2e/.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.integration.docs_site_build import BuiltSite, built_site

from dental_analytics.serve import create_app, running
from dental_analytics.warehouse.url import parse_target

pytestmark = pytest.mark.browser


# dbt docs draws its graph with Cytoscape in #cy; Cytoscape keeps its instance on the container.
CYTOSCAPE = "document.getElementById('cy')._cyreg.cy"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "e2e"


def chromium_path() -> str:
    """Debian's Chromium (or $DENTAL_CHROMIUM); skip without it, fail under CI=true."""
    path = os.environ.get("DENTAL_CHROMIUM") or shutil.which("chromium")
    if path is None:
        message = "Chromium is not installed (make system-deps installs Debian's chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: .ci/run installs it)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return built_site(tmp_path_factory.mktemp("docs_site"))


@pytest.fixture(scope="module")
def base_url(site: BuiltSite) -> Iterator[str]:
    """The site at /docs/ of `dental serve`'s app, as a reader finds it."""
    app = create_app(parse_target(f"duckdb:///{site.warehouse}"), site.site)
    with running(app) as url:
        yield f"{url}/docs"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, base_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A page that blocks and records every request leaving the site's server."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    remote: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(_origin(base_url) + "/") or url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            remote.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"))
    context.close()
    assert remote == [], f"requests to other hosts: {remote[:5]}"
    assert errors == [], f"script errors: {errors[:3]}"


def _origin(base_url: str) -> str:
    """The server's own origin: the site lives at its /docs/, the API at its /api/."""
    return base_url.removesuffix("/docs")


def test_api_docs_render_every_operation_from_this_server_alone(page: Any, base_url: str) -> None:
    """Swagger UI at /api/docs draws each operation of the OpenAPI schema with its assets served
    by `dental serve` itself: the page fixture blocks and records any request to another host."""
    page.goto(f"{_origin(base_url)}/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    operations = page.locator(".swagger-ui .opblock").count()
    assert operations >= 12, operations
    assert "Dental analytics API" in page.inner_text("body")


def test_dbt_docs_lineage_graph_draws_every_node(page: Any, base_url: str, site: BuiltSite) -> None:
    manifest = site.json("manifest.json")
    drawable = [n for n in manifest["nodes"].values() if n["resource_type"] in {"model", "seed"}]
    expected = len(drawable) + len(manifest["sources"]) + len(manifest["exposures"])
    page.goto(f"{base_url}/dbt/index.html#!/overview")
    page.get_by_title("View Lineage Graph").click()
    page.wait_for_function(f"() => {CYTOSCAPE} && {CYTOSCAPE}.nodes(':visible').length > 0")
    assert page.locator("#cy canvas").count() > 0
    drawn = page.evaluate(
        f"() => {CYTOSCAPE}.nodes(':visible').filter(n => n.renderedBoundingBox().w > 0).length"
    )
    assert drawn >= expected - len(manifest["exposures"]), (drawn, expected)
    # The whole project stands where `dental docs` laid it out, not where the page's own layout
    # would have put it after seconds of work in the browser.
    placed = page.evaluate(
        "() => { const g = window.dentalGraphLayout;"
        f" return {CYTOSCAPE}.nodes().filter(n => !n.isParent()).every(n => {{"
        " const p = g.p[n.id()]; const at = n.position();"
        " return p && Math.abs(at.x - p[0]) < 1 && Math.abs(at.y - p[1]) < 1; }); }"
    )
    assert placed


def test_model_page_shows_columns_and_descriptions(
    page: Any, base_url: str, site: BuiltSite
) -> None:
    manifest = site.json("manifest.json")
    model = next(
        n
        for n in sorted(manifest["nodes"].values(), key=lambda n: n["unique_id"])
        if n["resource_type"] == "model" and len(n["columns"]) >= 3
    )
    page.goto(f"{base_url}/dbt/index.html#!/model/{model['unique_id']}")
    page.wait_for_selector(f"text={model['name']}", timeout=15000)
    page.get_by_text("Columns", exact=True).first.wait_for(timeout=15000)
    text = " ".join(page.inner_text("body").split())
    for name, column in model["columns"].items():
        assert name in text, name
        # The column table shows each description as written (first line, unrendered).
        words = " ".join(column["description"].split()[:5])
        assert words in text, (name, words)


def _column_badges(manifest: dict[str, Any], model: str) -> dict[str, int]:
    """Column -> generic tests dbt docs badges on `model`'s column table, by dbt docs' own rule
    (the column a test names; its model the last parent of a relationship, else the first)."""
    badges: dict[str, int] = {}
    for node in manifest["nodes"].values():
        meta = node.get("test_metadata")
        if node["resource_type"] != "test" or meta is None:
            continue
        kwargs = meta.get("kwargs") or {}
        column = node.get("column_name") or kwargs.get("column_name") or kwargs.get("arg")
        parents = node["depends_on"]["nodes"]
        if not column or not parents:
            continue
        on = parents[-1] if meta["name"] == "relationships" else parents[0]
        if on == model:
            badges[column.lower()] = badges.get(column.lower(), 0) + 1
    return badges


def test_dbt_docs_model_page_badges_every_column_test_from_file(
    browser: Any, site: BuiltSite
) -> None:
    """From the folder (file://), a model's page holds the test badges of each column and its
    "Referenced By" tests, from the slimmed tests the page carries, and the sidebar shows the
    model's entry (its folders open) though closed folders draw nothing."""
    manifest = site.json("manifest.json")
    model = "model.dbt_dental_models.fact_procedure"
    expected = _column_badges(manifest, model)
    assert len(expected) >= 3
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site.site / "dbt" / "index.html").as_uri() + f"#!/model/{model}")
    page.get_by_text("Columns", exact=True).first.wait_for(timeout=15000)
    shown = page.evaluate(
        "async (uid) => { const p = angular.element(document.body).injector().get('project');"
        " await new Promise(r => p.ready(r)); const n = p.project.nodes[uid]; const b = {};"
        " for (const [c, col] of Object.entries(n.columns)) if (col.tests && col.tests.length)"
        " b[c.toLowerCase()] = col.tests.length;"
        " const refs = Object.values(p.project.nodes).filter(m => m.resource_type === 'test'"
        " && m.depends_on.nodes.includes(uid)).map(m => m.name);"
        " return {badges: b, refs: refs.length}; }",
        model,
    )
    assert shown["badges"] == expected
    tests_on = [
        n for n in manifest["nodes"].values()
        if "test_metadata" in n and model in n["depends_on"]["nodes"]
    ]  # fmt: skip
    assert shown["refs"] == len(tests_on)
    assert page.locator(f"[data-nav-unique-id='{model}']").first.is_visible()
    context.close()
    assert errors == []


def test_results_page_lists_every_test_with_its_status(
    page: Any, base_url: str, site: BuiltSite
) -> None:
    results = site.json("build_run_results.json")["results"]
    expected: dict[str, int] = {}
    for result in results:
        if result["unique_id"].split(".")[0] in {"test", "unit_test"}:
            expected[result["status"]] = expected.get(result["status"], 0) + 1
    page.goto(f"{base_url}/tests.html")
    rows = page.locator("#tests tbody tr")
    assert rows.count() == sum(expected.values())
    shown = page.evaluate(
        "() => { const c = {}; document.querySelectorAll('#tests tbody tr').forEach(r => {"
        " const s = r.querySelector('td.status').textContent.trim(); c[s] = (c[s] || 0) + 1; });"
        " return c; }"
    )
    assert shown == expected
    page.select_option("#filter-status", "pass")
    visible = page.locator("#tests tbody tr:visible").count()
    assert visible == expected.get("pass", 0)
    assert page.inner_text("#shown") == f"{visible} shown"


def test_lineage_pictures_load_and_link_to_dbt_docs(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/lineage/index.html")
    images = page.locator(".gallery img")
    assert images.count() == 8  # the layers, the whole DAG, 4 patterns, 2 ERDs
    page.wait_for_function(
        "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)", timeout=15000
    )
    page.goto(f"{base_url}/lineage/full_dag.html")
    nodes = page.locator("#picture svg g.node")
    assert nodes.count() > 0
    link = page.locator("#picture svg g.node a").first.get_attribute("xlink:href")
    assert link is not None and link.startswith("../dbt/index.html#!/")
    page.locator("#picture svg g.node a").first.click()
    page.wait_for_url(re.compile(r".*/dbt/index\.html#!/"), timeout=15000)


def test_landing_page_links_every_page(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/index.html")
    hrefs = set(
        page.eval_on_selector_all("header a", "els => els.map(e => e.getAttribute('href'))")
    )
    for target in ("tests.html", "freshness.html", "coverage.html", "lineage/index.html",
                   "load-status.html", "portfolio.pdf", "dbt/index.html"):  # fmt: skip
        assert target in hrefs
        response = page.request.get(f"{base_url}/{target}")
        assert response.ok, target


def _column_boxes(page: Any) -> list[str]:
    page.wait_for_selector("#cl-graph svg.cl-edges path", state="attached", timeout=15000)
    boxes: list[str] = page.eval_on_selector_all(
        "#cl-graph .cl-box[data-column]", "bs => bs.map(b => b.dataset.column)"
    )
    return boxes


def test_column_lineage_page_draws_a_mart_columns_path_to_opendental(
    page: Any, base_url: str
) -> None:
    """A mart column's path, every box linking to its model's dbt docs page, one edge per step;
    clicking an upstream column follows that column's own path."""
    page.goto(f"{base_url}/lineage/columns.html#column=mart_production_summary.production_amount")
    boxes = _column_boxes(page)
    for column in ("procfee", "unitqty", "baseunits"):
        assert f"opendental.procedurelog.{column}" in boxes, boxes
    assert "int_procedure_complete.production_amount" in boxes
    links = page.eval_on_selector_all(
        "#cl-graph .cl-box a.cl-model", "as => as.map(a => a.getAttribute('href'))"
    )
    assert links and all(link.startswith("../dbt/index.html#!/") for link in links)
    steps = page.locator("#cl-steps tbody tr").count()
    assert page.locator("#cl-graph svg.cl-edges path").count() == steps
    kinds = set(
        page.eval_on_selector_all("#cl-steps tbody tr", "rs => rs.map(r => r.dataset.kind)")
    )
    assert {"aggregated", "cast", "renamed"} <= kinds, kinds
    page.locator(
        '#cl-graph .cl-box[data-column="stg_opendental__procedurelog.procedure_fee"] a.cl-col'
    ).click()
    page.wait_for_function(
        "() => document.querySelector('#cl-title').textContent"
        " === 'stg_opendental__procedurelog.procedure_fee'"
    )
    assert _column_boxes(page) == [
        "opendental.procedurelog.procfee",
        "stg_opendental__procedurelog.procedure_fee",
    ]


def test_column_lineage_page_shows_what_uses_an_opendental_column(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/lineage/columns.html")
    page.fill("#cl-input", "opendental.procedurelog.procfee")
    page.press("#cl-input", "Enter")
    page.wait_for_selector("#cl-used-columns li", timeout=15000)
    used = page.inner_text("#cl-used-columns")
    assert "mart_production_summary.production_amount" in used
    assert "fact_procedure." in used
    assert "gross_production" in page.inner_text("#cl-used-metrics")
    exposures = page.inner_text("#cl-used-exposures")
    assert "dashboard_home" in exposures and "api_reports_revenue" in exposures
    assert re.match(r"\d+ columns in \d+ models, \d+ metrics", page.inner_text("#cl-used-summary"))
    # Served under /docs/ by `dental serve`, the header links back to the dashboard.
    assert page.locator("#to-dashboard").is_visible()
    assert page.locator("#to-dashboard").get_attribute("href") == "/"
    page.goto(f"{base_url}/lineage/columns.html#column=no_such_model.no_such_column")
    assert (
        page.inner_text("#cl-message") == "No column no_such_model.no_such_column in the lineage."
    )
    assert page.locator("#cl-view").is_hidden()


def test_column_lineage_and_search_work_from_file(browser: Any, site: BuiltSite) -> None:
    """Opened from the folder (file://), with no server: the lineage page draws a metric's path
    and the header's search box finds columns, metrics and tests."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((site.site / "lineage" / "columns.html").as_uri() + "#metric=collection_rate")
    boxes = _column_boxes(page)
    assert "mart_production_summary.collections_amount" in boxes
    assert "opendental.paysplit.splitamt" in boxes
    assert page.locator("#to-dashboard").is_hidden()  # no dashboard beside a folder
    page.goto((site.site / "index.html").as_uri())
    page.fill("header form.site-search input", "capitation")
    page.press("header form.site-search input", "Enter")
    page.wait_for_selector("body[data-search-ready='true']", timeout=15000)
    assert page.url.endswith("search.html?q=capitation")
    hits = page.eval_on_selector_all(
        "#search-results li",
        "ls => ls.map(l => [l.dataset.kind, l.querySelector('a').textContent])",
    )
    assert ["column", "capitation_write_off_amount"] in hits, hits[:10]
    page.fill("#search-input", "procfee procedurelog")
    first = page.locator("#search-results li").first
    assert (
        first.get_attribute("data-kind") == "column"
        and first.locator("a").inner_text() == "procfee"
    )
    first.locator("a").click()
    page.wait_for_selector("#cl-used-columns li", timeout=15000)
    assert page.inner_text("#cl-title") == "opendental.procedurelog.procfee"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "column-lineage-from-file.png"))
    context.close()
    assert errors == []


def test_search_finds_models_metrics_and_tests_and_links_to_their_pages(
    page: Any, base_url: str
) -> None:
    page.goto(f"{base_url}/search.html?q=mart_production_summary")
    page.wait_for_selector("body[data-search-ready='true']", timeout=15000)
    first = page.locator("#search-results li").first
    assert first.get_attribute("data-kind") == "model"
    assert first.locator("a").get_attribute("href") == (
        "dbt/index.html#!/model/model.dbt_dental_models.mart_production_summary"
    )
    page.fill("#search-input", "collection rate")
    kinds = page.eval_on_selector_all("#search-results li", "ls => ls.map(l => l.dataset.kind)")
    assert kinds[0] == "metric", kinds[:5]
    page.fill("#search-input", "relationships mart_production_summary")
    assert page.locator("#search-results li[data-kind='test']").count() > 0
    page.fill("#search-input", "zzqx-nothing")
    assert page.inner_text("#search-count") == "0 found."


def test_erds_link_every_table_to_its_dbt_docs_page(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/lineage/erd_marts.html")
    links = page.eval_on_selector_all(
        "#picture svg g.node a", "as => as.map(a => a.getAttribute('xlink:href'))"
    )
    assert "../dbt/index.html#!/model/model.dbt_dental_models.fact_procedure" in links
    assert "../dbt/index.html#!/model/model.dbt_dental_models.dim_patient" in links
    page.goto(f"{base_url}/lineage/erd_opendental.html")
    link = page.locator('#picture svg g.node[id$="opendental.procedurelog"] a').first
    href = "../dbt/index.html#!/source/source.dbt_dental_models.opendental.procedurelog"
    assert link.get_attribute("xlink:href") == href
    # (following such a link into the dbt docs is checked on the lineage pictures)
