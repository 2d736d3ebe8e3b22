"""Benchmark: reading every table of a MariaDB twin into Arrow, by three readers.

The extractor's own reader (`extract.source.MySQLSource`, rows written as CSV by the server,
parsed by Arrow), connectorx (Rust, `read_sql(..., return_type="arrow")`) and dlt's
`sql_table` resource with its pyarrow backend (SQLAlchemy + PyMySQL). Only the read is timed
(no warehouse write), each reader in a process of its own, whole tables, all 60.

connectorx and dlt are not dependencies of the product: run their cases from a side venv,

    python -m venv /tmp/readers && /tmp/readers/bin/pip install connectorx "dlt[sql_database]" pymysql
    /tmp/readers/bin/python bench/extract_readers.py --reader connectorx
    /tmp/readers/bin/python bench/extract_readers.py --reader dlt
    .venv/bin/python bench/extract_readers.py --reader dental
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

URL = "mysql://root@127.0.0.1:3306/dental_bench_twin_1"


def tables() -> list[str]:
    import pymysql

    conn = pymysql.connect(host="127.0.0.1", user="root", database=URL.rsplit("/", 1)[1])
    with conn.cursor() as cur:
        cur.execute("SHOW TABLES")
        names = sorted(r[0] for r in cur.fetchall())
    conn.close()
    return names


def read_dental() -> int:
    from dental_analytics.extract.source import MySQLSource
    from dental_analytics.opendental import TABLES
    from dental_analytics.warehouse.url import parse_target

    source = MySQLSource(parse_target(URL))
    rows = sum(b.num_rows for t in TABLES.values() for b in source.read_rows(t))
    source.close()
    return rows


def read_connectorx() -> int:
    """connectorx panics on a negative MySQL TIME (`-01:30:00`, which OpenDental's durations
    hold), so its TIME columns are read as text, as the project's reader parses them."""
    import connectorx as cx
    import pymysql

    conn = pymysql.connect(host="127.0.0.1", user="root", database=URL.rsplit("/", 1)[1])
    with conn.cursor() as cur:
        cur.execute(
            "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
            " WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION"
        )
        columns: dict[str, list[str]] = {}
        for table, column, kind in cur.fetchall():
            expr = f"CAST(`{column}` AS CHAR) AS `{column}`" if kind == "time" else f"`{column}`"
            columns.setdefault(table, []).append(expr)
    conn.close()
    return sum(
        cx.read_sql(URL, f"SELECT {', '.join(cols)} FROM `{name}`", return_type="arrow").num_rows
        for name, cols in columns.items()
    )


def read_dlt() -> int:
    os.environ["RUNTIME__DLTHUB_TELEMETRY"] = "false"
    from dlt.sources.sql_database import sql_table

    rows = 0
    for name in tables():
        resource_ = sql_table(
            credentials=URL.replace("mysql://", "mysql+pymysql://"),
            table=name,
            backend="pyarrow",
            chunk_size=20_000,
        )
        rows += sum(batch.num_rows for batch in resource_)
    return rows


READERS = {"dental": read_dental, "connectorx": read_connectorx, "dlt": read_dlt}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", choices=READERS, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        start = time.perf_counter()
        rows = READERS[args.reader]()
        wall = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps({"rows": rows, "wall": wall, "peak_mb": peak}))
        return
    results = []
    for _ in range(args.runs):
        done = subprocess.run(
            [sys.executable, __file__, "--reader", args.reader, "--once"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    walls = [r["wall"] for r in results]
    print(
        f"{args.reader}: {results[0]['rows']:,} rows, read median {statistics.median(walls):.2f} s"
        f" (min {min(walls):.2f}, max {max(walls):.2f}, {len(walls)} runs),"
        f" peak RSS median {statistics.median(r['peak_mb'] for r in results):.0f} MB"
    )


if __name__ == "__main__":
    main()
