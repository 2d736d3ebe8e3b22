"""The dashboard in a real browser: Playwright driving Debian's Chromium (never a downloaded one).

Serves a scale-1 practice built by `dental demo --no-serve` (shared with the other browser and
API tests) with users in its app store, signs in through the sign-in page, and checks what a
person sees against what the API answers the same cookie: every page draws with no script error,
no request to another host and no route beyond those its exposure declares; KPI cards equal the
API; filters live in the URL; a clinic-scoped user sees one clinic; a user without `phi` sees no
names; a CSV download equals the table on the page. Screenshots (light and dark) go to
test-results/dashboard/.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from tests.e2e.test_docs_site_browser import chromium_path
from tests.integration.docs_site_build import AS_OF, built_site

from dental_analytics.api.store import AppStore
from dental_analytics.dashboard.pages import PAGES, Page
from dental_analytics.serve import create_app, running
from dental_analytics.warehouse.url import parse_target

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "dashboard"
PASSWORD = "correct horse battery"
CLINIC = 1  # the clinic-scoped user's


@dataclass(frozen=True)
class Server:
    url: str
    store_target: str


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    built = built_site(tmp_path_factory.mktemp("docs_site"))
    folder = tmp_path_factory.mktemp("dashboard")
    shutil.copyfile(built.warehouse, folder / "warehouse.duckdb")
    shutil.copyfile(built.warehouse.with_suffix(".app.sqlite"), folder / "warehouse.app.sqlite")
    target = parse_target(f"duckdb:///{folder / 'warehouse.duckdb'}")
    store = AppStore(target)
    store.create_user("owner", PASSWORD, scope="phi")
    store.create_user("desk", PASSWORD, scope="reports", clinics=[CLINIC])
    store.close()
    with running(create_app(target, built.site, rate_limit_per_minute=0)) as url:
        yield Server(url, f"duckdb:///{folder / 'warehouse.duckdb'}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Visit:
    """A browser context on the server: what it requested, and what went wrong."""

    context: Any
    page: Any
    base: str
    remote: list[str]
    api_paths: list[str]
    errors: list[str]

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.wait_drawn()

    def wait_drawn(self) -> None:
        self.page.wait_for_function(
            "() => ['true', 'error'].includes(document.body.dataset.ready)", timeout=30000
        )
        assert self.page.evaluate("document.body.dataset.ready") == "true", self.page.inner_text(
            "#status"
        )

    def api(self, path: str, **params: Any) -> Any:
        """The API's answer to this context's cookie."""
        response = self.context.request.get(self.base + path, params=params)
        assert response.ok, (path, response.status, response.text())
        return response.json()


def _visit(
    browser: Any, server: Server, scheme: str = "light", state: dict[str, Any] | None = None
) -> Visit:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, accept_downloads=True,
        storage_state=state,
    )  # fmt: skip
    visit = Visit(context, context.new_page(), server.url, [], [], [])

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(server.url + "/") or url.startswith(("data:", "blob:", "about:")):
            if url.startswith(server.url + "/api/"):
                visit.api_paths.append(urlparse(url).path)
            r.continue_()
        else:
            visit.remote.append(url)
            r.abort()

    context.route("**/*", route)
    visit.page.on("pageerror", lambda e: visit.errors.append(str(e)))
    visit.page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
    return visit


def _sign_in(visit: Visit, name: str) -> None:
    visit.page.goto(f"{visit.base}/signin")
    visit.page.get_by_label("Name").fill(name)
    visit.page.get_by_label("Password").fill(PASSWORD)
    visit.page.get_by_role("button", name="Sign in", exact=True).click()
    visit.page.wait_for_url(f"{visit.base}/")
    visit.wait_drawn()


@pytest.fixture(scope="module")
def sessions(browser: Any, server: Server) -> dict[str, dict[str, Any]]:
    """Each user signed in once through the sign-in page; later contexts reuse the cookie."""
    states = {}
    for name in ("owner", "desk"):
        visit = _visit(browser, server)
        _sign_in(visit, name)
        states[name] = visit.context.storage_state()
        visit.context.close()
        assert visit.remote == [] and visit.errors == [], (visit.remote, visit.errors)
    return states


def _signed_in(
    browser: Any, server: Server, sessions: dict[str, dict[str, Any]], name: str
) -> Iterator[Visit]:
    visit = _visit(browser, server, state=sessions[name])
    visit.open("/")
    yield visit
    visit.context.close()
    assert visit.remote == [] and visit.errors == [], (visit.remote, visit.errors)


@pytest.fixture
def owner(browser: Any, server: Server, sessions: dict[str, dict[str, Any]]) -> Iterator[Visit]:
    yield from _signed_in(browser, server, sessions, "owner")


@pytest.fixture
def desk(browser: Any, server: Server, sessions: dict[str, dict[str, Any]]) -> Iterator[Visit]:
    yield from _signed_in(browser, server, sessions, "desk")


def _headline(visit: Visit) -> dict[tuple[str, str], float | None]:
    """The Dashboard's cards as shown: (metric, window) -> the value behind the text."""
    cells = visit.page.eval_on_selector_all(
        ".kpi-window",
        "els => els.map(e => [e.closest('.kpi').dataset.metric, e.dataset.window,"
        " e.dataset.value, e.querySelector('.kpi-value').textContent])",
    )
    shown = {}
    for metric, window, value, text in cells:
        number = float(value) if value != "" else None
        if number is not None:  # the text is the same number, formatted
            digits = "".join(c for c in text if c.isdigit())
            assert digits == str(round(abs(number))), (metric, window, value, text)
        shown[metric, window] = number
    return shown


def _api_headline(report: dict[str, Any]) -> dict[tuple[str, str], float | None]:
    return {(r["metric"], r["window"]): r["value"] for r in report["tables"]["headline"]["rows"]}


# -- every page ----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.slug)
def test_every_page_draws_from_its_own_routes_only(
    browser: Any, server: Server, sessions: dict[str, dict[str, Any]], page: Page, scheme: str
) -> None:
    visit = _visit(browser, server, scheme, sessions["owner"])
    visit.open(page.path)
    plots = visit.page.locator(".plot").count()
    drawn = visit.page.locator(".plot .main-svg").count()
    if page.charts:
        assert plots >= 1 and drawn >= plots, (plots, drawn)
    if page.slug == "revenue":
        # Category codes read as words, and ordered bands in their order.
        backlog = visit.page.locator("[data-table='unscheduled_backlog'] .xtick text")
        bands = ["0 to 2 months", "3 to 5 months", "6 to 11 months"]
        assert backlog.all_text_contents()[:3] == bands
    assert visit.page.locator("table[data-table]").count() >= 1
    assert visit.page.locator("details.info").count() >= 1
    assert set(visit.api_paths) <= set(page.routes), set(visit.api_paths) - set(page.routes)
    background = visit.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert (background == "rgb(247, 247, 245)") == (scheme == "light"), background
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=str(SCREENSHOTS / f"{page.slug}-{scheme}.png"), full_page=True)
    visit.context.close()
    assert visit.remote == [], visit.remote
    assert visit.errors == [], visit.errors


# -- numbers and filters -------------------------------------------------------------------


def test_kpis_equal_the_api_and_filters_live_in_the_url(owner: Visit) -> None:
    year = {"start": "2025-11-25", "end": AS_OF.isoformat(), "grain": "month"}
    shown = _headline(owner)
    assert shown == _api_headline(owner.api("/api/reports/dashboard", **year))
    assert ("gross_production", "month_to_date") in shown
    # A/R, a balance, against the month-end before: both figures from the API.
    card = owner.page.locator(".kpi[data-metric='ar_over_90']")
    [now] = owner.api("/api/reports/dashboard", **year)["tables"]["ar_buckets"]["rows"]
    [before] = owner.api(
        "/api/reports/dashboard", start="2026-10-01", end="2026-10-31", grain="month"
    )["tables"]["ar_buckets"]["rows"]
    assert float(card.get_attribute("data-value")) == pytest.approx(now["ar_over_90"])
    assert float(card.get_attribute("data-previous")) == pytest.approx(before["ar_over_90"])
    assert "since 2026-10-31" in card.inner_text()

    owner.page.select_option("#clinic_id", str(CLINIC))
    owner.wait_drawn()
    assert parse_qs(urlparse(owner.page.url).query)["clinic_id"] == [str(CLINIC)]
    clinic = _headline(owner)
    assert clinic == _api_headline(owner.api("/api/reports/dashboard", **year, clinic_id=CLINIC))
    assert clinic != shown

    owner.page.select_option("#preset", "last_month")
    owner.wait_drawn()
    assert "preset=last_month" in owner.page.url
    october = _headline(owner)
    assert october == _api_headline(
        owner.api(
            "/api/reports/dashboard", start="2026-10-01", end="2026-10-31", clinic_id=CLINIC,
            grain="month",
        )
    )  # fmt: skip
    assert october != clinic

    owner.page.reload()
    owner.wait_drawn()
    assert owner.page.input_value("#clinic_id") == str(CLINIC)
    assert owner.page.input_value("#preset") == "last_month"
    assert owner.page.input_value("#start") == "2026-10-01"
    assert _headline(owner) == october


def test_a_csv_download_equals_the_table_on_the_page(owner: Visit) -> None:
    owner.open("/revenue?grain=quarter")
    table = owner.page.eval_on_selector_all(
        "table[data-table='trend'] tbody tr",
        "rows => rows.map(r => [...r.cells].map(c => c.dataset.raw))",
    )
    header = owner.page.eval_on_selector_all(
        "table[data-table='trend'] thead th", "ths => ths.map(t => t.dataset.column)"
    )
    assert len(table) >= 4
    with owner.page.expect_download() as download:
        owner.page.click("a[data-csv='trend']")
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text())))
    assert rows[0] == header
    assert len(rows[1:]) == len(table)
    for downloaded, shown in zip(rows[1:], table, strict=True):
        for a, b in zip(downloaded, shown, strict=True):
            assert a == b or float(a) == pytest.approx(float(b)), (a, b)


# -- who sees what -------------------------------------------------------------------------


def test_a_clinic_scoped_user_sees_only_their_clinic(desk: Visit, owner: Visit) -> None:
    options = desk.page.eval_on_selector_all("#clinic_id option", "os => os.map(o => o.value)")
    assert options == ["", str(CLINIC)]
    year = {"start": "2025-11-25", "end": AS_OF.isoformat(), "grain": "month"}
    shown = _headline(desk)
    assert shown == _api_headline(desk.api("/api/reports/dashboard", **year))
    assert shown == _api_headline(owner.api("/api/reports/dashboard", **year, clinic_id=CLINIC))
    assert shown != _headline(owner)
    other = desk.context.request.get(
        f"{desk.base}/api/reports/dashboard", params={**year, "clinic_id": CLINIC + 1}
    )
    assert other.status == 403
    clinics = desk.api("/api/clinics")["clinics"]
    assert [c["clinic_id"] for c in clinics] == [CLINIC]


def test_a_user_without_phi_sees_no_names_on_the_work_lists(desk: Visit, owner: Visit) -> None:
    contacts = {"patient_name", "preferred_phone", "mobile_phone"}
    for visit, expect_names in ((desk, False), (owner, True)):
        visit.open("/worklists")
        columns = set(
            visit.page.eval_on_selector_all(
                "section[data-worklist] thead th", "ths => ths.map(t => t.dataset.column)"
            )
        )
        assert bool(columns & contacts) == expect_names, columns
        answer = visit.api("/api/worklists/collections")
        assert answer["contacts"] == expect_names
    names = [r["patient_name"] for r in owner.api("/api/worklists/collections")["rows"]][:5]
    desk.open("/worklists")
    text = desk.page.inner_text("main")
    assert names and not any(name and name in text for name in names)


# -- signing in and out, and the empty states ------------------------------------------------


def test_a_one_time_link_signs_in_once_and_sign_out_ends_the_session(
    browser: Any, server: Server
) -> None:
    store = AppStore(parse_target(server.store_target))
    token = store.create_signin_link("owner")
    store.close()
    visit = _visit(browser, server)
    visit.page.goto(f"{server.url}/")
    visit.page.wait_for_url(f"{server.url}/signin?next=%2F")  # not signed in yet
    visit.page.goto(f"{server.url}/signin?link={token}")
    assert token not in visit.page.url  # taken out of the address bar
    visit.page.get_by_role("button", name="Sign in with this link").click()
    visit.page.wait_for_url(f"{server.url}/")
    visit.wait_drawn()
    assert "owner" in visit.page.inner_text("#who")
    cookies = visit.context.cookies()
    [session] = [c for c in cookies if c["name"] == "dental_session"]
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    html = visit.page.content()
    assert session["value"] not in html and token not in html

    visit.page.get_by_role("button", name="Sign out").click()
    visit.page.wait_for_url(f"{server.url}/signin")
    assert visit.context.request.get(f"{server.url}/api/session").status == 401

    again = _visit(browser, server)
    again.page.goto(f"{server.url}/signin?link={token}")
    again.page.get_by_role("button", name="Sign in with this link").click()
    again.page.wait_for_function(
        "() => document.getElementById('message').textContent.includes('used')"
    )
    again.context.close()
    visit.context.close()
    assert visit.remote == [] and again.remote == []


def test_a_warehouse_not_built_yet_says_so(browser: Any, tmp_path: Path) -> None:
    target = parse_target(f"duckdb:///{tmp_path / 'empty' / 'warehouse.duckdb'}")
    store = AppStore(target)
    store.create_user("owner", PASSWORD, scope="phi")
    store.close()
    with running(create_app(target, tmp_path / "no_site", rate_limit_per_minute=0)) as url:
        visit = _visit(browser, Server(url, ""))
        visit.page.goto(f"{url}/signin")
        visit.page.get_by_label("Name").fill("owner")
        visit.page.get_by_label("Password").fill(PASSWORD)
        visit.page.get_by_role("button", name="Sign in", exact=True).click()
        visit.page.wait_for_function("() => document.body.dataset.ready === 'error'", timeout=15000)
        assert "not been built" in visit.page.inner_text("#status")
        assert visit.page.locator(".plot").count() == 0
        visit.context.close()
    # The browser logs each 503 the page was answered (the pickers' routes are asked alongside
    # the health check); nothing else may go wrong.
    assert [e for e in visit.errors if "status of 503" not in e] == [] and visit.remote == []


def test_a_period_with_no_data_and_an_api_error_each_say_so(
    browser: Any, server: Server, sessions: dict[str, dict[str, Any]]
) -> None:
    visit = _visit(browser, server, state=sessions["owner"])
    visit.open("/revenue?preset=custom&start=2001-01-01&end=2001-01-31")
    assert visit.page.locator("#start").input_value() == "2001-01-01"
    empty = visit.page.locator(".block .empty")
    assert empty.count() >= 3
    assert "No data for this period" in empty.first.inner_text()
    assert visit.page.locator(".plot").count() < visit.page.locator(".block").count()

    visit.page.goto(f"{server.url}/providers?provider_id=999999")
    visit.page.wait_for_function("() => document.body.dataset.ready === 'error'", timeout=15000)
    message = visit.page.inner_text("#status")
    assert "provider" in message and visit.page.locator(".plot").count() == 0, message
    visit.context.close()
    # The browser logs the API's 404 it was answered; no script error, nothing from elsewhere.
    assert [e for e in visit.errors if "status of 404" not in e] == [] and visit.remote == []


def test_the_keyboard_reaches_the_content_and_the_definitions(owner: Visit) -> None:
    """Tab and Enter reach a KPI's definition; its link (the second click from the number) opens
    the metric's column lineage down to the OpenDental columns it comes from."""
    owner.page.keyboard.press("Tab")
    assert owner.page.evaluate("document.activeElement.textContent") == "Skip to content"
    labelled = owner.page.eval_on_selector_all(
        ".plot", "ps => ps.every(p => p.getAttribute('role') === 'img' && p.ariaLabel)"
    )
    assert labelled
    mark = owner.page.locator(".kpi[data-metric='ar_over_90'] details.info")
    mark.locator("summary").focus()
    owner.page.keyboard.press("Enter")
    assert mark.get_attribute("open") is not None
    definition = mark.locator(".info-body")
    assert "90" in definition.inner_text()
    href = definition.locator("a").get_attribute("href")
    assert href == "/docs/lineage/columns.html#metric=ar_over_90"
    # The headline's production: its mark, then its link.
    mark = owner.page.locator(".kpi[data-metric='gross_production'] details.info")
    mark.locator("summary").click()
    mark.locator(".info-body a").click()
    owner.page.wait_for_selector("#cl-graph .cl-box[data-layer='source']", timeout=15000)
    assert owner.page.url.endswith("/docs/lineage/columns.html#metric=gross_production")
    boxes = owner.page.eval_on_selector_all(
        "#cl-graph .cl-box[data-column]", "bs => bs.map(b => b.dataset.column)"
    )
    assert "mart_production_summary.production_amount" in boxes
    for column in ("procfee", "unitqty", "baseunits"):
        assert f"opendental.procedurelog.{column}" in boxes, boxes


@pytest.mark.parametrize("path", ["/", "/worklists"])
def test_pages_fit_a_tablet_and_print_without_the_controls(
    browser: Any, server: Server, sessions: dict[str, dict[str, Any]], path: str
) -> None:
    visit = _visit(browser, server, state=sessions["owner"])
    visit.page.set_viewport_size({"width": 768, "height": 1024})
    visit.open(path)
    overflow = visit.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, overflow
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = "home" if path == "/" else path.strip("/")
    visit.page.screenshot(path=str(SCREENSHOTS / f"{name}-tablet.png"), full_page=True)
    visit.page.emulate_media(media="print")
    assert not visit.page.locator("#filters").is_visible()
    assert not visit.page.locator("nav").is_visible()
    visit.context.close()
    assert visit.errors == [] and visit.remote == []
