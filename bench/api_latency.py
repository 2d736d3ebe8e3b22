"""Benchmark: the API under a bounded load, against `dental serve`.

A scale-N practice is generated and built once per engine (DuckDB file, PostgreSQL database),
then `dental serve` runs as its own process on 127.0.0.1 (no rate limit). The load generator runs
`--clients` workers (threads with keep-alive connections); each sends requests one after another,
so at most `--clients` requests are in flight. Results go to bench/RESULTS.md by hand, with date
and machine.

- `--mode routes`: each report route with the report cache off (every request reads the
  warehouse; the compiled-SQL cache warms on the warm-up): p50, p95, p99 over `--requests`.
- `--mode cached`: the cached dashboard only.
- `--mode load`: the cached dashboard (the cache on, as served), each work list (never cached,
  each request audited), then the dashboard while `dental build` rebuilds the warehouse, with
  parameters that change on every request so each one reads the warehouse: latencies, the
  slowest, and errors.

    python bench/api_latency.py --scale 1 --engine duckdb
    python bench/api_latency.py --scale 10 --engine postgres --requests 300 --mode load
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
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
WORKLISTS = ("collections", "unscheduled-treatment", "recall-overdue", "outstanding-claims")
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


def _load(
    base: str,
    key: str,
    route: str | Callable[[int], str],
    clients: int,
    requests: int,
    *,
    until: threading.Event | None = None,
    errors: list[int] | None = None,
) -> list[float]:
    """`requests` timed GETs of `route` from `clients` threads (or, with `until`, as many as
    are sent before it is set); a callable `route` makes request n's path; latencies in ms.
    A status other than 200 stops the run, or with `errors` is counted there."""
    import http.client

    latencies: list[float] = []
    lock = threading.Lock()
    sent = [0]
    host, port = base.removeprefix("http://").split(":")

    def worker() -> None:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        headers = {"Authorization": f"Bearer {key}"}
        while True:
            with lock:
                if (until is None and sent[0] >= requests) or (until and until.is_set()):
                    break
                sent[0] += 1
                number = sent[0]
            started = time.perf_counter()
            path = route(number) if callable(route) else route
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            if response.status != 200:
                if errors is None:
                    raise SystemExit(f"{route}: HTTP {response.status}")
                errors.append(response.status)
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
    parser.add_argument("--mode", choices=["routes", "load", "cached"], default="routes")
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
            print(
                f"engine {args.engine}, scale {args.scale}, {args.clients} clients, "
                f"{args.requests} requests per line"
            )
            print("| what | p50 ms | p95 ms | p99 ms | max ms | requests/s |")
            print("|---|---:|---:|---:|---:|---:|")
            if args.mode == "routes":
                with _server(url, env, root, cache_mb=0) as base:
                    key = _key(url, env)
                    for route in ROUTES:
                        _measure(f"`{route}`", base, key, route, args)
            elif args.mode == "cached":
                with _server(url, env, root, cache_mb=64) as base:
                    route = "/api/reports/dashboard"
                    _measure(f"`{route}`, cached", base, _key(url, env), route, args)
            else:
                with _server(url, env, root, cache_mb=64) as base:
                    _load_mode(base, url, env, args)
        finally:
            if database:
                with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                    admin.execute(f'drop database if exists "{database}" with (force)')


def _key(url: str, env: dict[str, str], scope: str = "reports") -> str:
    out = _dental(
        "keys", "create", "--name", f"bench-{time.time_ns()}", "--scope", scope, "--to", url,
        env=env,
    )  # fmt: skip
    return out.strip().splitlines()[-1]


@contextlib.contextmanager
def _server(url: str, env: dict[str, str], root: Path, *, cache_mb: int) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [*DENTAL, "serve", "--to", url, "--port", str(port), "--rate-limit", "0",
         "--cache-mb", str(cache_mb), "--site", str(root / "no-site")],
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
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _measure(
    label: str, base: str, key: str, route: str, args: argparse.Namespace, warm: int = 3
) -> None:
    _load(base, key, route, args.clients, warm * args.clients)
    started = time.perf_counter()
    latencies = _load(base, key, route, args.clients, args.requests)
    _print_row(label, latencies, time.perf_counter() - started)


def _print_row(label: str, latencies: list[float], seconds: float) -> None:
    print(
        f"| {label} | {statistics.median(latencies):.1f} | {_percentile(latencies, 0.95):.1f} "
        f"| {_percentile(latencies, 0.99):.1f} | {max(latencies):.1f} "
        f"| {len(latencies) / seconds:.0f} |",
        flush=True,
    )


def _load_mode(base: str, url: str, env: dict[str, str], args: argparse.Namespace) -> None:
    key, phi_key = _key(url, env), _key(url, env, "phi")
    _measure("`/api/reports/dashboard`, cached", base, key, "/api/reports/dashboard", args)
    for name in WORKLISTS:
        route = f"/api/worklists/{name}"
        _measure(f"`{route}` (phi, audited)", base, phi_key, route, args)

    grains = ("day", "week", "month", "quarter", "year")

    def uncached(n: int) -> str:  # a period and grain of its own: each reads the warehouse
        end = dt.date.fromisoformat(AS_OF) - dt.timedelta(days=n % 3650)
        grain = grains[n // 3650 % len(grains)]
        return f"/api/reports/dashboard?start={end.replace(day=1)}&end={end}&grain={grain}"

    done = threading.Event()
    errors: list[int] = []
    took: list[float] = []

    def rebuild() -> None:
        started = time.perf_counter()
        _dental("build", "--to", url, env=env)
        took.append(time.perf_counter() - started)
        done.set()

    builder = threading.Thread(target=rebuild)
    started = time.perf_counter()
    builder.start()
    latencies = _load(base, key, uncached, args.clients, 0, until=done, errors=errors)
    builder.join()
    _print_row(
        f"`/api/reports/dashboard` during `dental build` ({took[0]:.0f} s), each request "
        f"uncached; errors: {len(errors)}",
        latencies,
        time.perf_counter() - started,
    )


if __name__ == "__main__":
    main()
