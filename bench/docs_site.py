"""Benchmark: `dental docs` (site/ from a build's artifacts), the site's size, and how long the
dbt docs lineage graph of the whole project takes to become interactive in headless Chromium.

A scale-1 warehouse is generated and built once (dbt's artifacts in a private target folder);
each `dental docs` run is a whole process. The browser figure is measured from navigation to the
dbt docs page until Cytoscape has drawn every node of the full-project graph, split into page
load (until the graph button shows) and graph (button click until nodes are drawn). Results go
to bench/RESULTS.md by hand.

    python bench/docs_site.py --runs 5

With `--page`, no site is built: each given dbt docs page is opened over file:// (pages taken
in turn, `--runs` times each, so a before and an after page share the machine's state), e.g.

    python bench/docs_site.py --runs 5 --page before/index.html --page site/dbt/index.html
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DENTAL = [sys.executable, "-m", "dental_analytics"]
CYTOSCAPE = "document.getElementById('cy')._cyreg.cy"


def _run(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([*DENTAL, *args], env={**os.environ, **env}, check=True, capture_output=True)
    return time.perf_counter() - start


def _browser(site: Path, warehouse: str, runs: int) -> list[tuple[float, float, int]]:
    from dental_analytics.serve import create_app, running
    from dental_analytics.warehouse.url import parse_target

    with running(create_app(parse_target(warehouse), site)) as base:
        return _lineage_timings(f"{base}/docs/dbt/index.html#!/overview", runs)


def _lineage_timings(url: str, runs: int) -> list[tuple[float, float, int]]:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("DENTAL_CHROMIUM") or shutil.which("chromium") or "chromium"
    out = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto(url)
            button = page.get_by_title("View Lineage Graph")
            button.wait_for()
            loaded = time.perf_counter()
            button.click()
            page.wait_for_function(
                f"() => {CYTOSCAPE} && {CYTOSCAPE}.nodes(':visible').length > 0", polling=20
            )
            drawn = time.perf_counter()
            nodes = int(page.evaluate(f"() => {CYTOSCAPE}.nodes(':visible').length"))
            out.append((loaded - start, drawn - loaded, nodes))
            page.close()
        browser.close()
    return out


def _summary(measured: list[tuple[float, float, int]]) -> str:
    load = [m[0] for m in measured]
    graph = [m[1] for m in measured]
    total = [m[0] + m[1] for m in measured]
    return (
        f"lineage graph ({measured[0][2]} nodes): navigation to interactive median "
        f"{statistics.median(total):.2f} s (min {min(total):.2f}, max {max(total):.2f}); "
        f"page load {statistics.median(load):.2f} s, graph drawn after click "
        f"{statistics.median(graph):.2f} s"
    )


def _compare_pages(pages: list[Path], runs: int) -> None:
    measured: dict[Path, list[tuple[float, float, int]]] = {page: [] for page in pages}
    for _ in range(runs):
        for page in pages:
            url = f"{page.resolve().as_uri()}#!/overview"
            measured[page] += _lineage_timings(url, 1)
    for page in pages:
        size = page.stat().st_size / 1e6
        print(f"{page} ({size:.1f} MB, {runs} runs): {_summary(measured[page])}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--page", type=Path, action="append", default=[])
    args = parser.parse_args()
    if args.page:
        _compare_pages(args.page, args.runs)
        return
    with tempfile.TemporaryDirectory(prefix="dental_bench_docs_") as tmp:
        root = Path(tmp)
        env = {"DBT_TARGET_PATH": str(root / "target")}
        url = f"duckdb:///{root / 'w.duckdb'}"
        gen = ["generate", "--scale", str(args.scale), "--as-of", "2026-11-24", "--to", url]
        _run(gen, env)
        _run(["build", "--to", url], env)
        site = root / "site"
        times = [_run(["docs", "--to", url, "--out", str(site)], env) for _ in range(args.runs)]
        files = [p for p in site.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        biggest = sorted(files, key=lambda p: -p.stat().st_size)[:5]
        manifest = json.loads((root / "target" / "manifest.json").read_text())
        kinds: dict[str, int] = {}
        for node in manifest["nodes"].values():
            kinds[node["resource_type"]] = kinds.get(node["resource_type"], 0) + 1
        print(f"project: {kinds}, sources {len(manifest['sources'])}")
        print(
            f"dental docs scale {args.scale}: median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)"
        )
        print(f"site/: {size / 1e6:.1f} MB in {len(files)} files; biggest:")
        for path in biggest:
            print(f"  {path.relative_to(site)}: {path.stat().st_size / 1e6:.2f} MB")
        print(_summary(_browser(site, url, args.runs)))


if __name__ == "__main__":
    main()
