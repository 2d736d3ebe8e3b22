"""Benchmark: time until each dashboard page's charts are drawn, in headless Chromium.

`dental serve` runs as its own process on 127.0.0.1 over a copy of a built warehouse (built
here with `dental demo --no-serve --scale N` unless `--root` names a folder a run built before:
`warehouse.duckdb` and `site/`). Playwright drives Debian's Chromium, signed in as a user made
for the run. Each page is opened `--runs` times, each in a fresh browser context (empty HTTP
cache, plotly.js fetched again: a first visit); the time is the page's own
`performance.mark("dashboard-drawn")`, set once every chart has been drawn, measured from the
start of navigation. The first run of a page also fills the server's report cache; the others
are answered from it. Results go to bench/RESULTS.md by hand, with date and machine.

    python bench/dashboard_pages.py --root /tmp/wt18_root --runs 5
    python bench/dashboard_pages.py --scale 10 --runs 5
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dental_analytics.api.store import AppStore
from dental_analytics.dashboard.pages import PAGES
from dental_analytics.warehouse.url import parse_target

DENTAL = [sys.executable, "-m", "dental_analytics"]
PASSWORD = "bench password"


def _build(scale: int, root: Path) -> None:
    env = {
        **os.environ,
        "DBT_TARGET_PATH": str(root / "target"),
        "DBT_LOG_PATH": str(root / "logs"),
    }
    result = subprocess.run(
        [*DENTAL, "demo", "--no-serve", "--scale", str(scale), "--seed", "42",
         "--as-of", "2026-11-24", "--to", f"duckdb:///{root / 'warehouse.duckdb'}",
         "--site", str(root / "site")],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise SystemExit(f"dental demo failed: {result.stderr[-2000:]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def _serving(warehouse: Path, site: Path) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [*DENTAL, "serve", "--to", f"duckdb:///{warehouse}", "--site", str(site),
         "--port", str(port), "--rate-limit", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{url}/api/health", timeout=1).read()
                break
            time.sleep(0.1)
        else:
            raise SystemExit("dental serve did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


# Seconds from the start of navigation: until every chart is drawn, the page's report (or first
# work list) answered, plotly.js loaded, plotly.js compiled and run (ready to draw).
_TIMES = """() => {
    const end = (name) => {
        const e = performance.getEntriesByType('resource').filter(r => r.name.includes(name));
        return e.length ? e[e.length - 1].responseEnd / 1000 : 0;
    };
    return {
        drawn: performance.getEntriesByName('dashboard-drawn')[0].startTime / 1000,
        report: end(ROUTE + '?'),
        plotly: end('/static/vendor/plotly'),
        ready: (performance.getEntriesByName('plotly-ready')[0] || {startTime: 0}).startTime / 1000,
        charts: document.querySelectorAll('.plot.js-plotly-plot').length,
    };
}"""


def _visit(tab: Any, url: str, route: str) -> dict[str, float]:
    tab.goto(url)
    tab.wait_for_function(
        "() => ['true', 'error'].includes(document.body.dataset.ready)", timeout=60000
    )
    if tab.evaluate("document.body.dataset.ready") != "true":
        raise SystemExit(f"{url}: {tab.inner_text('#status')}")
    times: dict[str, float] = tab.evaluate(_TIMES.replace("ROUTE", repr(route)))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--root", type=Path, help="A folder with a built warehouse.duckdb, site/")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chromium = os.environ.get("DENTAL_CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is needed (make system-deps)")

    with tempfile.TemporaryDirectory(prefix="dashboard_bench_") as scratch:
        folder = Path(scratch)
        root = args.root
        if root is None:
            root = folder / "built"
            _build(args.scale, root)
        warehouse = folder / "warehouse.duckdb"
        shutil.copyfile(root / "warehouse.duckdb", warehouse)
        app_store = (root / "warehouse.duckdb").with_suffix(".app.sqlite")
        if app_store.is_file():
            shutil.copyfile(app_store, warehouse.with_suffix(".app.sqlite"))
        store = AppStore(parse_target(f"duckdb:///{warehouse}"))
        store.create_user("bench", PASSWORD, scope="phi")
        store.close()

        from playwright.sync_api import sync_playwright

        with _serving(warehouse, root / "site") as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            context = browser.new_context()
            response = context.request.post(
                f"{url}/api/session",
                data={"name": "bench", "password": PASSWORD},
                headers={"Origin": url},
            )
            assert response.status == 204, response.text()
            state = context.storage_state()
            context.close()
            print(
                "| page | first visit | median of the next "
                f"{args.runs - 1} | min - max | its report answered (first / next) | plotly.js loaded / "
                "ready (first) | charts |"
            )
            print("|---|---:|---:|---:|---:|---:|---:|")
            for page in PAGES:
                # One context per page: the first visit fetches plotly.js and fills the server's
                # report cache; the next ones are a returning user's (HTTP cache, report cached).
                context = browser.new_context(storage_state=state)
                tab = context.new_page()
                runs = [
                    _visit(tab, url + page.path, page.report_routes[0]) for _ in range(args.runs)
                ]
                context.close()
                first, rest = runs[0], runs[1:] or runs
                drawn = [r["drawn"] for r in rest]
                print(
                    f"| {page.title} (`{page.path}`) | {first['drawn']:.2f} s | "
                    f"{statistics.median(drawn):.2f} s | {min(drawn):.2f} - {max(drawn):.2f} s | "
                    f"{first['report']:.2f} / {statistics.median(r['report'] for r in rest):.2f} s | "
                    f"{first['plotly']:.2f} / {first['ready']:.2f} s | {first['charts']:.0f} |",
                    flush=True,
                )
            browser.close()


if __name__ == "__main__":
    main()
