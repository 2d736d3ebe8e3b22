"""Benchmark: `dental generate` end to end (generate + load) as a whole process.

Runs each case several times in a fresh process and reports the median wall time, rows per
second and peak memory (the child's max RSS from wait4). Results go to bench/RESULTS.md by hand,
with the date and machine.

    python bench/generate_load.py                      # the recorded cases
    python bench/generate_load.py --runs 5 --case duckdb-1
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import psycopg

CASES = {
    "duckdb-1": (1, "duckdb"),
    "duckdb-10": (10, "duckdb"),
    "postgres-1": (1, "postgresql"),
}
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "dental_bench"


def _run(scale: int, url: str) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one `dental generate` process."""
    cmd = [
        sys.executable,
        "-m",
        "dental_analytics",
        "generate",
        "--scale",
        str(scale),
        "--seed",
        "42",
        "--as-of",
        "2026-11-24",
        "--to",
        url,
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(
            f"{' '.join(cmd)} failed: {proc.stderr.read().decode() if proc.stderr else ''}"
        )
    return wall, usage.ru_maxrss / 1024


def _rows(kind: str, url: str, path: Path) -> int:
    sql = "select sum(rows_written) from raw.etl_load_status where load_id = (select max(load_id) from raw.etl_load_status where finished_at = (select max(finished_at) from raw.etl_load_status))"
    if kind == "duckdb":
        with duckdb.connect(str(path), read_only=True) as con:
            return int(con.execute(sql).fetchone()[0])  # type: ignore[index]
    with psycopg.connect(url.replace("postgresql://", "postgresql://", 1)) as con:
        return int(con.execute(sql).fetchone()[0])  # type: ignore[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--case", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    for name in args.case or list(CASES):
        scale, kind = CASES[name]
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.duckdb"
            if kind == "duckdb":
                url = f"duckdb:///{path}"
            else:
                with psycopg.connect(PG_ADMIN, autocommit=True) as con:
                    con.execute(f"drop database if exists {PG_DB}")
                    con.execute(f"create database {PG_DB}")
                url = f"postgresql://postgres@127.0.0.1:5432/{PG_DB}"
            results = [_run(scale, url) for _ in range(args.runs)]
            rows = _rows(kind, url, path)
            if kind == "postgresql":
                with psycopg.connect(PG_ADMIN, autocommit=True) as con:
                    con.execute(f"drop database if exists {PG_DB}")
        walls = sorted(r[0] for r in results)
        peak = max(r[1] for r in results)
        median = statistics.median(walls)
        print(
            f"{name}: {rows:,} rows; wall median {median:.2f} s (min {walls[0]:.2f}, max {walls[-1]:.2f}, "
            f"{args.runs} runs); {rows / median:,.0f} rows/s; peak RSS {peak:,.0f} MB"
        )


if __name__ == "__main__":
    main()
