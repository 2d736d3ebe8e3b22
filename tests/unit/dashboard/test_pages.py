"""Each dashboard page's exposure lists exactly the marts behind the API routes the page calls,
and the page scripts call the report routes `pages.py` declares."""

from __future__ import annotations

import re

import pytest
import yaml

from dental_analytics.api.app import create_api
from dental_analytics.dashboard.pages import COMMON_ROUTES, PAGES, WORKLIST_ROUTES
from dental_analytics.dashboard.routes import STATIC
from dental_analytics.dbt import project_dir

# Routes that read no mart: who is signed in, and the metric catalog (from dbt's manifest).
NO_MARTS = {"/api/session", "/api/metrics"}


def _exposures() -> dict[str, dict[str, object]]:
    text = (project_dir() / "models" / "marts" / "exposures.yml").read_text()
    return {e["name"]: e for e in yaml.safe_load(text)["exposures"]}


def _marts(exposure: dict[str, object]) -> set[str]:
    depends_on = exposure["depends_on"]
    assert isinstance(depends_on, list)
    return {re.sub(r"ref\('(\w+)'\)", r"\1", d) for d in depends_on}


def _api_exposure_of(route: str, exposures: dict[str, dict[str, object]]) -> str | None:
    named = [
        name
        for name, e in exposures.items()
        if name.startswith("api_") and route in re.findall(r"/api/[\w/-]+", str(e["label"]))
    ]
    assert len(named) <= 1, (route, named)
    return named[0] if named else None


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.slug)
def test_each_page_exposure_lists_exactly_the_marts_of_the_routes_it_calls(page: object) -> None:
    from dental_analytics.dashboard.pages import Page

    assert isinstance(page, Page)
    exposures = _exposures()
    expected: set[str] = set()
    for route in page.routes:
        api = _api_exposure_of(route, exposures)
        if api is None:
            assert route in NO_MARTS, f"{route} has no API exposure"
            continue
        expected |= _marts(exposures[api])
    assert exposures[page.exposure]["type"] == "dashboard"
    assert _marts(exposures[page.exposure]) == expected


def test_every_dashboard_exposure_is_a_page() -> None:
    dashboards = {n for n, e in _exposures().items() if e["type"] == "dashboard"}
    assert dashboards == {p.exposure for p in PAGES}


def test_the_routes_pages_call_exist_in_the_api() -> None:
    """A renamed API route cannot leave a page (or its exposure) pointing at nothing."""
    from dental_analytics.warehouse.url import parse_target

    api = create_api(parse_target("duckdb:////nonexistent/warehouse.duckdb"))
    paths = {"/api" + p for p in api.openapi()["paths"]}
    for page in PAGES:
        assert set(page.routes) <= paths, page.slug


def test_page_scripts_read_the_report_routes_pages_py_declares() -> None:
    script = (STATIC / "pages.js").read_text()
    declared = dict(re.findall(r"^  (\w+): \{\n    route: \"([^\"]+)\"", script, flags=re.M))
    reports = {p.slug: p.report_routes[0] for p in PAGES if p.charts}
    assert declared == reports
    lists = re.findall(r'\{ name: "([\w-]+)", title:', script)
    assert [f"/api/worklists/{name}" for name in lists] == list(WORKLIST_ROUTES)
    app = (STATIC / "app.js").read_text()
    called = set(re.findall(r'api\("(/api/[\w/-]+)"', app))
    assert called <= set(COMMON_ROUTES)


def test_chart_pages_fetch_plotly_from_their_head_and_every_page_has_an_icon() -> None:
    from fastapi.testclient import TestClient
    from starlette.applications import Starlette

    from dental_analytics.dashboard.routes import PLOTLY_FILE, PLOTLY_PATH, page_html, routes

    for page in PAGES:
        shell = page_html(page)
        assert (f'<link rel="preload" href="{PLOTLY_PATH}" as="script">' in shell) == page.charts
        assert '<link rel="icon" href="/static/icon.svg"' in shell
        modules = set(re.findall(r'<link rel="modulepreload" href="/static/(\w+\.js)">', shell))
        imported = set(re.findall(r'from "\./(\w+\.js)"', (STATIC / "app.js").read_text()))
        assert modules == imported, "every module app.js imports is preloaded, and no other"
    client = TestClient(Starlette(routes=routes({})))
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert client.get("/static/icon.svg").content == icon.content
    # plotly.js gzipped to a browser that takes it, as it is to one that does not.
    bundle = PLOTLY_FILE.read_bytes()
    zipped = client.get(PLOTLY_PATH, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip" and zipped.content == bundle
    assert int(zipped.headers["content-length"]) < len(bundle) / 2
    plain = client.get(PLOTLY_PATH, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == bundle
    assert b"plotly.js (basic - minified)" in bundle[:200]
