"""Benchmark: `dental extract` from a MariaDB twin, as a whole process.

Cases: a full extract at scale 1 into DuckDB and into PostgreSQL (a fresh warehouse each run);
an incremental extract into DuckDB after a practice day's worth of changes to the twin (about
0.3 % of rows edited, inserted or deleted, applied before each run); a full extract at scale 10
into DuckDB. Each figure is a fresh `python -m dental_analytics extract` process: wall time and
peak memory (max RSS from wait4). Results go to bench/RESULTS.md by hand, with date and machine.

    python bench/extract.py                         # every case, 5 runs each
    python bench/extract.py --case incremental-duckdb-1 --runs 7
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

import psycopg
import pymysql

from dental_analytics.opendental import TABLES

MYSQL = "mysql://root@127.0.0.1:3306/"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_DB = "dental_bench_extract"
AS_OF = "2026-11-24"
CASES = ("full-duckdb-1", "full-postgres-1", "incremental-duckdb-1", "full-duckdb-10")
# Tables a practice day changes: every stamped one is edited; these also gain and lose rows.
GROWING = ("appointment", "procedurelog", "paysplit", "payment", "claimproc", "commlog")
SHARE = 0.001  # of each table's rows, per kind of change: ~0.3 % of rows changed in all


def dental(*args: str) -> tuple[float, float]:
    """(wall seconds, peak RSS MB) of one `dental` process; exits if it fails."""
    cmd = [sys.executable, "-m", "dental_analytics", *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed: {error}")
    return wall, usage.ru_maxrss / 1024


def twin(scale: int) -> str:
    """The URL of a scale-`scale` twin, generated once (kept between runs of this script)."""
    name = f"dental_bench_twin_{scale}"
    conn = pymysql.connect(host="127.0.0.1", user="root", autocommit=True)
    with conn.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = %s", (name,)
        )
        exists = cur.fetchone()[0] == len(TABLES)
    conn.close()
    url = MYSQL + name
    if not exists:
        print(f"generating the scale-{scale} twin {url} ...", file=sys.stderr)
        dental("generate", "--scale", str(scale), "--as-of", AS_OF, "--to", url)
    return url


def a_practice_day(database: str, day: int) -> int:
    """Edit, insert and delete about 0.3 % of the twin's rows as a day's work would; rows changed."""
    conn = pymysql.connect(host="127.0.0.1", user="root", database=database, autocommit=True)
    changed = 0
    with conn.cursor() as cur:
        for table in TABLES.values():
            key = table.key.name
            cur.execute(f"SELECT COUNT(*), MAX(`{key}`) FROM `{table.name}`")
            count, largest = cur.fetchone()
            modulus = max(int(1 / SHARE), 1)
            if not count:
                continue
            stamp = table.stamp_column
            if stamp is not None:  # OpenDental stamps every row it writes
                cur.execute(
                    f"UPDATE `{table.name}` SET `{stamp.name}` = NOW()"
                    f" WHERE `{key}` % {modulus} = {day % modulus}"
                )
                changed += cur.rowcount
            if table.name in GROWING:
                others = [c.name for c in table.columns if c.name != key]
                # A new row is stamped with the time it is written, as OpenDental's are.
                values = ["NOW()" if stamp and c == stamp.name else f"`{c}`" for c in others]
                cur.execute(
                    f"INSERT INTO `{table.name}` (`{key}`, {', '.join(f'`{c}`' for c in others)})"
                    f" SELECT `{key}` + {largest}, {', '.join(values)} FROM `{table.name}`"
                    f" WHERE `{key}` % {modulus} = {(day + 7) % modulus}"
                )
                changed += cur.rowcount
                cur.execute(
                    f"DELETE FROM `{table.name}` WHERE `{key}` % {modulus} = {(day + 13) % modulus}"
                )
                changed += cur.rowcount
    conn.close()
    return changed


def fresh_postgres() -> str:
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"drop database if exists {PG_DB} with (force)")
        admin.execute(f"create database {PG_DB}")
    return f"postgresql://postgres@127.0.0.1:5432/{PG_DB}"


def run_case(case: str, runs: int) -> list[tuple[float, float]]:
    results = []
    scale = 10 if case.endswith("-10") else 1
    source = twin(scale)
    with tempfile.TemporaryDirectory(prefix="dental-bench-") as tmp:
        warehouse = f"duckdb:///{Path(tmp) / 'w.duckdb'}"
        if case.startswith("incremental"):
            dental("extract", "--from", source, "--to", warehouse, "--as-of", AS_OF)
        for run in range(runs):
            if case.startswith("incremental"):
                a_practice_day(source.rsplit("/", 1)[1], run)
            elif case.startswith("full-duckdb"):
                Path(tmp, "w.duckdb").unlink(missing_ok=True)
            to = fresh_postgres() if "postgres" in case else warehouse
            results.append(dental("extract", "--from", source, "--to", to, "--as-of", AS_OF))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=CASES, action="append")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for case in args.case or CASES:
        results = run_case(case, args.runs)
        walls = [w for w, _ in results]
        print(
            f"{case}: wall median {statistics.median(walls):.2f} s"
            f" (min {min(walls):.2f}, max {max(walls):.2f}, {len(walls)} runs),"
            f" peak RSS median {statistics.median(m for _, m in results):.0f} MB"
        )


if __name__ == "__main__":
    main()
