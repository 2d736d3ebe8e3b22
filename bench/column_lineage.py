"""Benchmark: column-level lineage of every model (the step `dental docs` adds to read each model's
compiled SQL with sqlglot), and the size of the site files it and the search index make.

Reads `manifest.json` and `catalog.json` from a dbt target folder (after `dental docs`, or
`dbt docs generate` on any target: DuckDB or PostgreSQL). `--copies N` adds N copies of every
model (each a new model reading the same parents, with the same compiled SQL) to see how the time
grows past the project's own size. Results go to bench/RESULTS.md by hand.

    python bench/column_lineage.py --target /tmp/site/target --runs 5 [--copies 1]
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from dental_analytics.api.catalog import load_catalog
from dental_analytics.dbt import project_dir
from dental_analytics.docs_site.artifacts import project_from_artifacts
from dental_analytics.docs_site.column_lineage import compute
from dental_analytics.docs_site.lineage_file import lineage_document, write_lineage_file
from dental_analytics.docs_site.search_index import search_document, write_search_index


def with_copies(manifest: dict[str, Any], copies: int) -> dict[str, Any]:
    """The manifest with `copies` more models per model: same SQL and parents, new names."""
    if copies == 0:
        return manifest
    out = copy.deepcopy(manifest)
    for uid, node in manifest["nodes"].items():
        if node.get("resource_type") != "model":
            continue
        for i in range(1, copies + 1):
            twin = copy.deepcopy(node)
            twin["name"] = twin["alias"] = f"{node['name']}__copy{i}"
            twin["unique_id"] = f"{uid}__copy{i}"
            out["nodes"][twin["unique_id"]] = twin
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, required=True, help="dbt's target folder")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=0)
    args = parser.parse_args()
    manifest = with_copies(json.loads((args.target / "manifest.json").read_text()), args.copies)
    catalog = json.loads((args.target / "catalog.json").read_text())
    models = sum(1 for n in manifest["nodes"].values() if n.get("resource_type") == "model")

    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        lineage = compute(manifest, catalog)
        times.append(time.perf_counter() - start)
    columns = sum(len(m.columns) for m in lineage.models.values())
    traced = sum(1 for m in lineage.models.values() for ups in m.columns.values() if ups)
    unread = sum(1 for m in lineage.models.values() if m.error)

    results_path = args.target / "build_run_results.json"  # the tests, for the search index
    results = json.loads(results_path.read_text()) if results_path.is_file() else {}
    project = project_from_artifacts(manifest, results, {}, catalog)
    metrics = load_catalog(project_dir())
    with tempfile.TemporaryDirectory() as scratch:
        lineage_bytes = write_lineage_file(
            lineage_document(lineage, project, metrics), Path(scratch) / "lineage.js"
        )
        index_bytes = write_search_index(
            search_document(project, metrics), Path(scratch) / "index.js"
        )
    print(f"dialect {lineage.dialect}; {models} models, {columns} columns ({traced} traced)")
    print(f"models whose SQL could not be read: {unread}")
    print(
        f"column lineage: median {statistics.median(times):.2f} s, "
        f"min {min(times):.2f} s, max {max(times):.2f} s ({args.runs} runs)"
    )
    print(f"lineage file {lineage_bytes / 1e3:.0f} kB, search index {index_bytes / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
