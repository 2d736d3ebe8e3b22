"""Benchmark: `dental simulate` on a MariaDB twin (scale 1 unless `--scale`), and one day's
`dental refresh`.

Cases, each a whole `python -m dental_analytics …` process (wall time from start to exit):
- `simulate-1`: `dental simulate --days 1`, run after run on one copy of the twin (each run is
  the next practice day);
- `simulate-30`: `dental simulate --days 30` on a fresh copy of the twin each run;
- `refresh`: a warehouse extracted once from a copy of the twin; before each run one practice
  day is simulated (not timed), then `dental refresh` runs extract, build and docs; the figures
  are the process's wall time and each step's seconds from its summary.
The generated twin of each scale is kept between runs of this script
(`dental_bench_sim_base_<scale>`); the copies (named for the scale too) are dropped at the end.
Results go to bench/RESULTS.md by hand, with date and machine.

    python bench/simulate_refresh.py                       # every case, 3 runs each
    python bench/simulate_refresh.py --case simulate-1 --runs 7
    python bench/simulate_refresh.py --scale 10 --case refresh --runs 1
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymysql

from dental_analytics.opendental import TABLES

SERVER = "mysql://root@127.0.0.1:3306/"
AS_OF = "2026-11-24"
CASES = ("simulate-1", "simulate-30", "refresh")


def dental(*args: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    """(wall seconds, stdout) of one `dental` process; exits if it fails."""
    cmd = [sys.executable, "-m", "dental_analytics", *args]
    start = time.perf_counter()
    result = subprocess.run(
        cmd, capture_output=True, text=True, env={**os.environ, "COLUMNS": "200", **(env or {})}
    )
    wall = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr[-2000:]}")
    return wall, result.stdout


def sql(statement: str) -> list[tuple[object, ...]]:
    conn = pymysql.connect(host="127.0.0.1", user="root", autocommit=True)
    try:
        with conn.cursor() as cur:
            cur.execute(statement)
            return list(cur.fetchall())
    finally:
        conn.close()


def base_twin(scale: int) -> str:
    """The name of the twin of `scale`, generated once."""
    base = f"dental_bench_sim_base_{scale}"
    query = f"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '{base}'"
    if sql(query)[0][0] != len(TABLES):
        dental(
            "generate", "--scale", str(scale), "--seed", "42", "--as-of", AS_OF,
            "--to", SERVER + base,
        )  # fmt: skip
    return base


def copy_twin(base: str, name: str) -> str:
    sql(f"DROP DATABASE IF EXISTS `{name}`")
    sql(f"CREATE DATABASE `{name}` CHARACTER SET utf8")
    for table in TABLES:
        sql(f"CREATE TABLE `{name}`.`{table}` LIKE `{base}`.`{table}`")
        sql(f"INSERT INTO `{name}`.`{table}` SELECT * FROM `{base}`.`{table}`")
    return SERVER + name


def report(case: str, walls: list[float]) -> None:
    print(
        f"{case}: median {statistics.median(walls):.2f} s, min {min(walls):.2f} s, "
        f"max {max(walls):.2f} s ({len(walls)} runs)",
        flush=True,
    )


def simulate_days(base: str, days: int, runs: int) -> None:
    walls = []
    work = f"{base}_work"
    url = copy_twin(base, work)
    for _ in range(runs):
        if days > 1:
            url = copy_twin(base, work)
        wall, out = dental("simulate", "--days", str(days), "--seed", "42", "--to", url)
        walls.append(wall)
        print("  " + out.strip().splitlines()[-1], flush=True)
    report(f"simulate-{days}", walls)
    sql(f"DROP DATABASE IF EXISTS `{work}`")


def refresh_day(base: str, runs: int) -> None:
    work = f"{base}_refresh"
    url = copy_twin(base, work)
    steps: dict[str, list[float]] = {"extract": [], "build": [], "docs": []}
    walls = []
    with tempfile.TemporaryDirectory(prefix="dental-bench-refresh-") as tmp:
        root = Path(tmp)
        env = {"DBT_TARGET_PATH": str(root / "target"), "DBT_LOG_PATH": str(root / "logs")}
        warehouse = f"duckdb:///{root / 'warehouse.duckdb'}"
        dental("extract", "--from", url, "--to", warehouse, "--as-of", AS_OF, env=env)
        for _ in range(runs):
            _, out = dental("simulate", "--days", "1", "--seed", "42", "--to", url)
            day = re.search(r"current day is now (\S+)", out)
            assert day is not None
            wall, out = dental(
                "refresh", "--from", url, "--to", warehouse, "--as-of", day.group(1),
                "--out", str(root / "site"), env=env,
            )  # fmt: skip
            walls.append(wall)
            for line in out.splitlines():
                cells = [c.strip() for c in line.strip("│┃ ").split("│")]
                if cells and cells[0] in steps:
                    steps[cells[0]].append(float(cells[2]))
                    if cells[0] == "extract":
                        print(f"  {day.group(1)} extract: {cells[3]}", flush=True)
    report("refresh (whole process)", walls)
    for name, seconds in steps.items():
        report(f"refresh {name}", seconds)
    sql(f"DROP DATABASE IF EXISTS `{work}`")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", choices=CASES, action="append")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    base = base_twin(args.scale)
    for case in args.case or CASES:
        if case == "simulate-1":
            simulate_days(base, 1, args.runs)
        elif case == "simulate-30":
            simulate_days(base, 30, args.runs)
        else:
            refresh_day(base, args.runs)


if __name__ == "__main__":
    main()
