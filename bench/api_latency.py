"""Benchmark: latency of each API report route under a bounded load, against `dental serve`.

A scale-N practice is generated and built once per engine (DuckDB file, PostgreSQL database),
then `dental serve` runs as its own process on 127.0.0.1 (no rate limit, no response cache: the
compiled-SQL cache warms on the first request of each shape, which the warm-up covers). The load
generator runs `--clients` workers (threads with keep-alive connections); each sends requests one
after another, so at most `--clients` requests are in flight. Per route: p50, p95, p99 over
`--requests` timed requests, each with the default period (month-to-date of the as-of date).
Results go to bench/RESULTS.md by hand, with date and machine.

    python bench/api_latency.py --scale 1 --engine duckdb
    python bench/api_latency.py --scale 10 --engine postgres --requests 300
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psycopg

DENTAL = [sys.executable, "-m", "dental_analytics"]
ROUTES = (
    "/api/reports/dashboard",
    "/api/reports/revenue",
    "/api/reports/providers",
    "/api/patients",
    "/api/reports/ar",
)
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
AS_OF = "2026-11-24"


def _dental(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [*DENTAL, *args], env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"dental {args[0]} failed: {result.stderr[-2000:]}")
    return result.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _load(base: str, key: str, route: str, clients: int, requests: int) -> list[float]:
    """`requests` timed GETs of `route` from `clients` threads; latencies in ms."""
    import http.client

    latencies: list[float] = []
    lock = threading.Lock()
    remaining = [requests]
    host, port = base.removeprefix("http://").split(":")

    def worker() -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        headers = {"Authorization": f"Bearer {key}"}
        while True:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            connection.request("GET", route, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                raise SystemExit(f"{route}: HTTP {response.status}")
            with lock:
                latencies.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--engine", choices=["duckdb", "postgres"], default="duckdb")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warehouse", help="An already built warehouse URL (skips the build).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dental_bench_api_") as tmp:
        root = Path(tmp)
        env = {"DBT_TARGET_PATH": str(root / "target")}
        database = None
        if args.warehouse:
            url = args.warehouse
        elif args.engine == "duckdb":
            url = f"duckdb:///{root / 'w.duckdb'}"
        else:
            database = f"dental_bench_api_{os.getpid()}"
            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f'create database "{database}"')
            url = f"postgresql://postgres@127.0.0.1:5432/{database}"
        try:
            if not args.warehouse:
                started = time.perf_counter()
                _dental(
                    "generate", "--scale", str(args.scale), "--as-of", AS_OF, "--to", url, env=env
                )
                _dental("build", "--to", url, env=env)
                print(f"generate + build: {time.perf_counter() - started:.0f} s", flush=True)
            key = _dental(
                "keys", "create", "--name", f"bench-{time.time_ns()}", "--to", url, env=env
            )
            key = key.strip().splitlines()[-1]
            port = _free_port()
            server = subprocess.Popen(
                [*DENTAL, "serve", "--to", url, "--port", str(port), "--rate-limit", "0",
                 "--site", str(root / "no-site")],
                env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                stderr=(root / "serve.log").open("w"),  # a line per request: never a pipe that fills
            )  # fmt: skip
            base = f"http://127.0.0.1:{port}"
            try:
                for _ in range(300):
                    try:
                        urllib.request.urlopen(f"{base}/api/health").read()
                        break
                    except OSError:
                        time.sleep(0.1)
                print(
                    f"engine {args.engine}, scale {args.scale}, {args.clients} clients, "
                    f"{args.requests} requests per route"
                )
                print("| route | p50 ms | p95 ms | p99 ms | requests/s |")
                print("|---|---:|---:|---:|---:|")
                for route in ROUTES:
                    _load(base, key, route, args.clients, 3 * args.clients)  # warm-up
                    started = time.perf_counter()
                    latencies = _load(base, key, route, args.clients, args.requests)
                    rate = len(latencies) / (time.perf_counter() - started)
                    print(
                        f"| `{route}` | {statistics.median(latencies):.1f} "
                        f"| {_percentile(latencies, 0.95):.1f} | {_percentile(latencies, 0.99):.1f} "
                        f"| {rate:.0f} |",
                        flush=True,
                    )
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            if database:
                with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                    admin.execute(f'drop database if exists "{database}" with (force)')


if __name__ == "__main__":
    main()
