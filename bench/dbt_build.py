"""Benchmark: `dbt parse`, `dbt build` (with and without dbt's unit tests: the nightly refresh
leaves them out), and the build's two halves (`dbt seed` + `dbt run`, then `dbt test`) of the
whole project, with node counts and the ten slowest nodes of the last build.

Each figure is the median of several whole `dbt` processes. The warehouse is generated once per
engine and scale; the build replaces the models each run. Results go to bench/RESULTS.md by hand.

    python bench/dbt_build.py --runs 3                       # scale 1, DuckDB and PostgreSQL
    python bench/dbt_build.py --runs 3 --scale 10 --engine duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ROOT / "dbt_dental_models"
DBT = str(Path(sys.executable).parent / "dbt")
DENTAL = str(Path(sys.executable).parent / "dental")
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "dental_bench_dbt"


def _timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _case(name: str, url: str, env: dict[str, str], runs: int, scale: int, target: Path) -> None:
    subprocess.run(
        [DENTAL, "generate", "--as-of", "2026-11-24", "--scale", str(scale), "--to", url],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    base = [DBT, "--quiet"]
    flags = [
        "--project-dir",
        str(PROJECT),
        "--profiles-dir",
        str(PROJECT),
        "--target-path",
        str(target),
    ]
    parse = [_timed([*base, "parse", "--no-partial-parse", *flags], env) for _ in range(runs)]
    # What the nightly `dental refresh` runs: the build without dbt's unit tests (they check the
    # models' SQL against fixed inputs, not the practice's data; `make test` runs them).
    nightly = [
        _timed([*base, "build", "--exclude-resource-type", "unit_test", *flags], env)
        for _ in range(runs)
    ]
    builds = [_timed([*base, "build", *flags], env) for _ in range(runs)]
    results = json.loads((target / "run_results.json").read_text())["results"]
    # The same work in two steps: seeds and models (`dbt run`, `dbt seed`), then every test.
    runs_only = [
        _timed([*base, "seed", *flags], env) + _timed([*base, "run", *flags], env)
        for _ in range(runs)
    ]
    tests_only = [_timed([*base, "test", *flags], env) for _ in range(runs)]
    kinds = Counter(r["unique_id"].split(".")[0] for r in results)
    busy: Counter[str] = Counter()
    for r in results:
        busy[r["unique_id"].split(".")[0]] += r["execution_time"]
    slowest = sorted(results, key=lambda r: -r["execution_time"])[:10]
    print(
        f"{name} scale {scale} ({runs} runs, medians): parse {_spread(parse)}; "
        f"build {_spread(builds)}; build without unit tests {_spread(nightly)}; "
        f"seed+run {_spread(runs_only)}; test {_spread(tests_only)}"
    )
    print(
        "  nodes: " + ", ".join(f"{kinds[k]} {k} ({busy[k]:.1f} s summed)" for k in sorted(kinds))
    )
    print(
        "  slowest: "
        + ", ".join(f"{r['unique_id'].split('.')[-1]} {r['execution_time']:.2f} s" for r in slowest)
    )


def _spread(times: list[float]) -> str:
    return f"{statistics.median(times):.1f} s ({min(times):.1f}-{max(times):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--engine", choices=["duckdb", "postgres"], action="append")
    args = parser.parse_args()
    engines = args.engine or ["duckdb", "postgres"]
    with tempfile.TemporaryDirectory() as tmp:
        if "duckdb" in engines:
            path = Path(tmp) / "bench.duckdb"
            _case(
                "duckdb",
                f"duckdb:///{path}",
                {"DENTAL_DUCKDB_PATH": str(path)},
                args.runs,
                args.scale,
                Path(tmp) / "t1",
            )
        if "postgres" not in engines:
            return
        with psycopg.connect(PG_ADMIN, autocommit=True) as con:
            con.execute(f"drop database if exists {PG_DB}")
            con.execute(f"create database {PG_DB}")
        try:
            _case(
                "postgres",
                f"postgresql://postgres@127.0.0.1:5432/{PG_DB}",
                {"DENTAL_DBT_TARGET": "postgres", "POSTGRES_ANALYTICS_DB": PG_DB},
                args.runs,
                args.scale,
                Path(tmp) / "t2",
            )
        finally:
            with psycopg.connect(PG_ADMIN, autocommit=True) as con:
                con.execute(f"drop database if exists {PG_DB}")


if __name__ == "__main__":
    main()
