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
    assert images.count() == 6
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
