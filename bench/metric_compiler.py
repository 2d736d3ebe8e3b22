"""Benchmark: the API's metric compiler (`api/queries.py`) against MetricFlow's, same query shapes.

For each query shape the API asks (metrics for a period, by month, by provider, A/R at a date
and at month-ends, a ratio across two semantic models, also for booked days ahead of the as-of
date; each with and without a clinic filter):
compile time (cold, then warm median), execution time of the compiled SQL (median), and whether
the two give the same numbers (money to the cent, ratios to 4 decimals, as the API rounds them).
MetricFlow reads dbt's `semantic_manifest.json` of the same YAML; its SQL is rendered for the
warehouse's dialect and run on the same database. Start-up (imports, reading the definitions,
the engine) is timed in fresh processes.

MetricFlow qualifies a dimension by its model's primary entity (`production_day__provider_id`,
`appointment_day__provider_id`), so a ratio across two models is grouped and filtered by provider
and clinic through the `provider` and `clinic` foreign entities every semantic model kept by them
declares (`tests/unit/test_semantic_layer.py` holds the YAML to that); MetricFlow's requests here
name those entities. The manifest is read as dbt writes it: the bench changes nothing in it.

MetricFlow is not a dependency of the product: run this from a side venv,

    python -m venv /tmp/mfvenv
    /tmp/mfvenv/bin/pip install "dbt-core>=1.11,<1.12" "dbt-duckdb>=1.11,<1.12" \\
        "dbt-postgres>=1.11,<1.12" dbt-metricflow==0.15.0
    /tmp/mfvenv/bin/pip install --no-deps -e . && /tmp/mfvenv/bin/pip install \\
        "psycopg[binary]" psycopg-pool fastapi fastapi-offline uvicorn pyyaml typer
    cp data/warehouse.duckdb /tmp/mfbench/wh.duckdb   # a built scale-1 warehouse, as-of 2026-11-24
    DBT_TARGET_PATH=/tmp/mfbench/target DBT_LOG_PATH=/tmp/mfbench/logs DENTAL_DBT_TARGET=duckdb \\
        DENTAL_DUCKDB_PATH=/tmp/mfbench/wh.duckdb /tmp/mfvenv/bin/dbt parse \\
        --project-dir dbt_dental_models --profiles-dir dbt_dental_models
    /tmp/mfvenv/bin/python bench/metric_compiler.py --warehouse duckdb:////tmp/mfbench/wh.duckdb \\
        --manifest /tmp/mfbench/target/semantic_manifest.json

For PostgreSQL, parse with `DENTAL_DBT_TARGET=postgres POSTGRES_ANALYTICS_DB=<db>` into another
target folder and pass `--warehouse postgresql://postgres@127.0.0.1:5432/<db>`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Imported where used, so start-up can time them in a fresh process.
    from dental_analytics.api.catalog import Catalog
    from dental_analytics.api.queries import MetricQuery, MetricResult
    from dental_analytics.api.warehouse import Warehouse
    from dental_analytics.warehouse.url import Target

PROJECT = Path(__file__).resolve().parents[1] / "dbt_dental_models"
START = dt.date(2026, 1, 1)
AS_OF = dt.date(2026, 11, 24)
AHEAD = dt.date(2026, 12, 31)
PRODUCTION = ("gross_production", "collections", "collection_rate")
AR = ("ar_balance", "ar_over_90_share")
PROVIDER = ("provider_id",)
PER_HOUR = ("production_per_scheduled_hour",)
ACCEPTANCE = ("treatment_presented", "treatment_accepted", "case_acceptance")
# The entities the YAML shares between semantic models: entity -> the column it reads.
SHARED_ENTITIES = {"provider": "provider_id", "clinic": "clinic_id"}


@dataclass(frozen=True)
class Shape:
    """One query shape as the API asks it (`MetricQuery`), with a name for the table."""

    name: str
    query: MetricQuery


def shapes() -> list[Shape]:
    """The API's query shapes, year to date, each also for clinic 1."""
    from dental_analytics.api.queries import MetricQuery

    def shape(name: str, metrics: tuple[str, ...], **kwargs: Any) -> Shape:
        return Shape(name, MetricQuery(metrics, START, AS_OF, **kwargs))

    base = [
        shape("production, collections, rate: period", PRODUCTION),
        shape("production, collections, rate: by month", PRODUCTION, grain="month"),
        shape("production, collections, rate: by provider", PRODUCTION, group_by=PROVIDER),
        Shape("A/R, over-90 share: at a date", MetricQuery(AR, None, AS_OF)),
        shape("A/R, over-90 share: each month-end", AR, grain="month"),
        shape("production per scheduled hour: by provider", PER_HOUR, group_by=PROVIDER),
        shape("production per scheduled hour: by month", PER_HOUR, grain="month"),
        shape("case acceptance: by provider", ACCEPTANCE, group_by=PROVIDER),
        # Booked days ahead of the as-of date: hours on the book, no production yet.
        Shape(
            "production per scheduled hour: by provider, days ahead",
            MetricQuery(PER_HOUR, AS_OF + dt.timedelta(days=1), AHEAD, group_by=PROVIDER),
        ),
    ]
    out = []
    for one in base:
        out.append(one)
        out.append(Shape(f"{one.name}, clinic 1", replace(one.query, clinic_ids=(1,))))
    return out


# --- the API's compiler ---------------------------------------------------------------------


def no_rows(target: Target) -> Warehouse:
    """A warehouse that answers nothing: `run()` through it times everything but the database."""
    from dental_analytics.api.warehouse import Snapshot, Warehouse

    class NoRows(Snapshot):
        def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
            return []

    class NoWarehouse(Warehouse):
        @contextmanager
        def snapshot(self) -> Iterator[Snapshot]:
            yield NoRows()

    return NoWarehouse(target)


def run_ours(warehouse: Warehouse, catalog: Catalog, query: MetricQuery) -> MetricResult:
    """The API's `run()` for a caller who may see every clinic, as a request runs it."""
    from dental_analytics.api import queries

    with warehouse.snapshot() as db:
        return queries.run(db, catalog, query, queries.Scope(clinics=None))


def ours_rows(result: MetricResult) -> dict[tuple[Any, ...], dict[str, Any]]:
    keys = [k for k in ("period", "provider_id") if result.rows and k in result.rows[0]]
    return {
        tuple(row[k] for k in keys): {n: v for n, v in row.items() if n not in keys}
        for row in result.rows
    }


# --- MetricFlow -----------------------------------------------------------------------------


class BenchSqlClient:
    """The part of MetricFlow's `SqlClient` protocol that `explain()` uses: the dialect.

    dbt-metricflow's own client runs through a dbt adapter (the `mf` CLI loads the dbt project
    and profile for it); the bench runs MetricFlow's SQL itself, as the API would.
    """

    def __init__(self, kind: str) -> None:
        from metricflow.protocols.sql_client import SqlEngine

        if kind == "duckdb":
            from metricflow.sql.render.duckdb_renderer import DuckDbSqlPlanRenderer

            self._engine, self._renderer = SqlEngine.DUCKDB, DuckDbSqlPlanRenderer()
        else:
            from metricflow.sql.render.postgres import PostgresSQLSqlPlanRenderer

            self._engine, self._renderer = SqlEngine.POSTGRES, PostgresSQLSqlPlanRenderer()

    @property
    def sql_engine_type(self) -> Any:
        return self._engine

    @property
    def sql_plan_renderer(self) -> Any:
        return self._renderer

    def query(self, stmt: str, sql_bind_parameter_set: Any = None) -> Any:
        raise NotImplementedError("the bench runs the explained SQL itself")

    def execute(self, stmt: str, sql_bind_parameter_set: Any = None) -> None:
        raise NotImplementedError("the bench runs the explained SQL itself")

    def dry_run(self, stmt: str, sql_bind_parameter_set: Any = None) -> None:
        raise NotImplementedError("the bench runs the explained SQL itself")

    def close(self) -> None:
        pass

    def render_bind_parameter_key(self, bind_parameter_key: str) -> str:
        return f"${bind_parameter_key}"


def manifest_text(path: Path) -> str:
    """The semantic manifest as dbt wrote it, after checking it is one of the YAML as it now
    stands: every model with a `clinic_id` / `provider_id` dimension declares the shared entity
    (an older manifest cannot group a ratio of two models by provider: parse again)."""
    text = path.read_text(encoding="utf-8")
    for model in json.loads(text)["semantic_models"]:
        dimensions = {d["name"] for d in model["dimensions"]}
        entities = {(e["name"], e.get("expr")) for e in model["entities"]}
        for entity, column in SHARED_ENTITIES.items():
            if column in dimensions and (entity, column) not in entities:
                raise SystemExit(
                    f"{path}: semantic model {model['name']} has no {entity} entity:"
                    " a manifest of older YAML; run dbt parse again"
                )
    return text


def mf_engine(text: str, kind: str) -> Any:
    from metricflow.engine.metricflow_engine import MetricFlowEngine
    from metricflow_semantics.model.dbt_manifest_parser import (
        parse_manifest_from_dbt_generated_manifest,
    )
    from metricflow_semantics.model.semantic_manifest_lookup import SemanticManifestLookup

    manifest = parse_manifest_from_dbt_generated_manifest(manifest_json_string=text)
    return MetricFlowEngine(
        semantic_manifest_lookup=SemanticManifestLookup(manifest), sql_client=BenchSqlClient(kind)
    )


def clinic_filter(predicate: str) -> str:
    """A where filter on the shared clinic entity: `predicate` follows the column (`in (1)`)."""
    return f"{{{{ Entity('clinic') }}}} {predicate}"


@dataclass(frozen=True)
class MfRequest:
    request: Any
    key_columns: tuple[str, ...]
    params: dict[str, Any]


def mf_request(
    catalog: Catalog, shape: Shape, *, placeholders: str = "", time_constraint: bool = False,
    level: str = "",
) -> MfRequest:  # fmt: skip
    """The MetricFlow request for a shape: the period as a where filter on `metric_time` at the
    mart's grain (the API's inclusive days; MetricFlow's `time_constraint_start/end` widens the
    period to whole grain periods), the clinic filter as literal values or, with `placeholders`
    ('duckdb' or 'postgresql'), as named bind parameters passed through MetricFlow untouched."""
    from metricflow.engine.metricflow_engine import MetricFlowQueryRequest
    from metricflow.sql.optimizer.optimization_levels import SqlOptimizationLevel

    query = shape.query
    model = catalog.semantic_models_of(query.metrics[0])[0]
    grain = model.time_granularity
    start = query.start.replace(day=1) if query.start and grain == "month" else query.start
    params: dict[str, Any] = {}

    def value(name: str, literal: Any) -> str:
        if not placeholders:
            return f"'{literal}'" if isinstance(literal, dt.date) else str(literal)
        params[name] = literal
        return f"${name}" if placeholders == "duckdb" else f"%({name})s"

    where = []
    if not time_constraint:
        metric_time = f"{{{{ TimeDimension('metric_time', '{grain}') }}}}"
        if start is not None:
            where.append(f"{metric_time} >= {value('start', start)}")
        if query.end is not None:
            where.append(f"{metric_time} <= {value('end', query.end)}")
    if query.clinic_ids and not placeholders:
        where.append(clinic_filter(f"in ({', '.join(map(str, query.clinic_ids))})"))
    elif query.clinic_ids:
        params["clinic_ids"] = list(query.clinic_ids)
        predicate = (
            "in (select unnest($clinic_ids))"
            if placeholders == "duckdb"
            else "= any(%(clinic_ids)s)"
        )
        where.append(clinic_filter(predicate))
    group_by: list[str] = []
    keys: list[str] = []
    if query.grain:
        group_by.append(f"metric_time__{query.grain}")
        keys.append(f"metric_time__{query.grain}")
    for name in query.group_by:
        assert name == "provider_id", name
        group_by.append("provider")  # the shared entity; MetricFlow returns it as `provider`
        keys.append("provider")
    as_datetime = dt.datetime.combine
    request = MetricFlowQueryRequest.create(
        metric_names=list(query.metrics),
        group_by_names=group_by or None,
        where_constraints=where or None,
        time_constraint_start=as_datetime(start, dt.time()) if time_constraint and start else None,
        time_constraint_end=(
            as_datetime(query.end, dt.time()) if time_constraint and query.end else None
        ),
        sql_optimization_level=SqlOptimizationLevel[level] if level else None,
    )
    return MfRequest(request, tuple(keys), params)


def mf_sql(engine: Any, request: MfRequest) -> str:
    statement = engine.explain(request.request).sql_statement
    assert not statement.bind_parameter_set.param_dict, "MetricFlow made its own bind parameters"
    return str(statement.sql)


# --- running SQL and comparing results ------------------------------------------------------


class Database:
    """One connection for MetricFlow's SQL: rows with their column names."""

    def __init__(self, target: Target) -> None:
        self.kind = target.kind
        if target.kind == "duckdb":
            import duckdb

            self._duckdb = duckdb.connect(str(target.path), read_only=True)
        else:
            import psycopg

            self._pg = psycopg.connect(
                host=target.host, port=target.port, user=target.user,
                password=target.password, dbname=target.database, autocommit=True,
            )  # fmt: skip

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        if self.kind == "duckdb":
            cursor = self._duckdb.cursor()
            try:
                cursor.execute(sql, params or None)
                names = [d[0] for d in cursor.description or ()]
                return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
            finally:
                cursor.close()
        with self._pg.cursor() as cur:
            cur.execute(sql, params or None)
            names = [d.name for d in cur.description or ()]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def close(self) -> None:
        if self.kind == "duckdb":
            self._duckdb.close()
        else:
            self._pg.close()


def mf_rows(
    rows: list[dict[str, Any]], request: MfRequest, shape: Shape
) -> dict[tuple[Any, ...], dict[str, Any]]:
    def key(value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        return value.isoformat() if isinstance(value, dt.date) else value

    return {
        tuple(key(row[k]) for k in request.key_columns): {m: row[m] for m in shape.query.metrics}
        for row in rows
    }


def rounded(catalog: Catalog, metric: str, value: Any) -> Decimal | None:
    if value is None:
        return None
    unit = catalog.metric(metric).unit
    if unit == "count":
        return Decimal(int(value))
    places = Decimal("0.01") if unit in ("money", "hours", "money_per_hour") else Decimal("0.0001")
    return Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP)


def differences(
    catalog: Catalog,
    ours: dict[tuple[Any, ...], dict[str, Any]],
    theirs: dict[tuple[Any, ...], dict[str, Any]],
) -> list[str]:
    """Every (key, metric) where the two disagree after the API's rounding."""
    out = []
    for key in sorted(set(ours) | set(theirs), key=str):
        mine, other = ours.get(key), theirs.get(key)
        if mine is None or other is None:
            out.append(f"{key}: only in {'ours' if other is None else 'MetricFlow'}")
            continue
        for metric in mine:
            a, b = rounded(catalog, metric, mine[metric]), rounded(catalog, metric, other[metric])
            if a != b:
                out.append(f"{key} {metric}: ours {a}, MetricFlow {b}")
    return out


def median_ms(action: Callable[[], object], runs: int, before: Callable[[], object] = int) -> float:
    """The median wall time of `action` over `runs` runs, each after an untimed `before`."""
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def cold_compile_ms(text: str, kind: str, request: MfRequest, runs: int) -> tuple[float, Any]:
    """The median time of MetricFlow's first compile of `request` on a freshly built engine
    (building it untimed), and the last engine."""
    times = []
    for _ in range(runs):
        engine = mf_engine(text, kind)
        start = time.perf_counter()
        mf_sql(engine, request)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), engine


# --- start-up, each in a fresh process ------------------------------------------------------


def startup(which: str, warehouse_url: str, manifest: Path) -> dict[str, float]:
    """Seconds to import, read the definitions and build the compiler, then compile one shape
    (production by provider); and the process's peak RSS."""
    figures: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        figures[name] = now - clock
        clock = now

    if which == "mf":
        import metricflow.engine.metricflow_engine  # noqa: F401
        import metricflow_semantics.model.semantic_manifest_lookup  # noqa: F401

        lap("import")
        engine = mf_engine(manifest_text(manifest), _kind(warehouse_url))
        lap("definitions + engine")
        from dental_analytics.api.catalog import load_catalog

        catalog = load_catalog(PROJECT)  # only to name the request's parts: not timed
        clock = time.perf_counter()
        mf_sql(engine, mf_request(catalog, shapes()[2]))
        lap("first compile")
    else:
        from dental_analytics.api.catalog import load_catalog
        from dental_analytics.api.queries import run  # noqa: F401
        from dental_analytics.warehouse.url import parse_target

        lap("import")
        catalog = load_catalog(PROJECT)
        lap("definitions + engine")
        run_ours(no_rows(parse_target(warehouse_url)), catalog, shapes()[2].query)
        lap("first compile")
    figures["peak RSS MB"] = _peak_rss_mb()
    return figures


def _peak_rss_mb() -> float:
    """This process's peak RSS (`VmHWM`: unlike `ru_maxrss`, not inherited across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _kind(warehouse_url: str) -> str:
    return "duckdb" if warehouse_url.startswith("duckdb:") else "postgresql"


def startup_medians(args: argparse.Namespace) -> dict[str, dict[str, float]]:
    out = {}
    for which in ("mf", "ours"):
        runs = []
        for _ in range(args.startup_runs):
            done = subprocess.run(
                [sys.executable, __file__, "--warehouse", args.warehouse, "--manifest",
                 str(args.manifest), "--startup-only", which],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        out[which] = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    return out


# --- the comparison -------------------------------------------------------------------------


@dataclass
class Row:
    shape: str
    mf_cold: float
    mf_warm: float
    mf_execute: float
    ours_compile_cold: float
    ours_compile_warm: float
    ours_run: float
    equal: str
    time_constraint: str
    placeholders: str
    notes: list[str]


def measure(args: argparse.Namespace) -> tuple[list[Row], list[tuple[str, str]]]:
    """Every shape through both compilers; MetricFlow's SQL of each shape by name."""
    from dental_analytics.api import queries
    from dental_analytics.api.catalog import load_catalog
    from dental_analytics.api.warehouse import Warehouse
    from dental_analytics.warehouse.url import parse_target

    target = parse_target(args.warehouse)
    catalog = load_catalog(PROJECT)
    warehouse, empty, database = Warehouse(target), no_rows(target), Database(target)
    text = manifest_text(args.manifest)
    all_shapes = shapes()
    # A warm-up of both (imports, Jinja, the first statement) so the first shape pays for none.
    warm_up = mf_engine(text, target.kind)
    database.rows(mf_sql(warm_up, mf_request(catalog, all_shapes[-1])))
    run_ours(warehouse, catalog, all_shapes[-1].query)
    sqls: list[tuple[str, str]] = []
    rows = []
    for shape in all_shapes:
        # MetricFlow: cold is the shape's first compile on a freshly built engine.
        request = mf_request(catalog, shape, level=args.mf_level)
        mf_cold, engine = cold_compile_ms(text, target.kind, request, args.runs)
        compile_mf = partial(mf_sql, engine, request)
        mf_warm = median_ms(compile_mf, args.runs)
        sql = compile_mf()
        sqls.append((shape.name, sql))
        execute_mf = partial(database.rows, sql)
        execute_mf()
        mf_execute = median_ms(execute_mf, args.runs)
        theirs = mf_rows(execute_mf(), request, shape)
        # The API's compiler: cold after clearing its SQL cache; run() is compile + fetch.
        compile_ours = partial(run_ours, empty, catalog, shape.query)
        ours_cold = median_ms(compile_ours, args.runs, before=queries.compile_sql.cache_clear)
        ours_warm = median_ms(compile_ours, args.runs)
        run = partial(run_ours, warehouse, catalog, shape.query)
        run()
        ours_run = median_ms(run, args.runs)
        ours = ours_rows(run())
        diff = differences(catalog, ours, theirs)
        notes = [f"{len(ours)} rows", *diff[:4]] + [f"... {len(diff) - 4} more"] * (len(diff) > 4)
        # MetricFlow's own period parameters instead of a where filter on metric_time.
        constrained = mf_request(catalog, shape, time_constraint=True, level=args.mf_level)
        tc_rows = mf_rows(database.rows(mf_sql(engine, constrained)), constrained, shape)
        tc_diff = differences(catalog, ours, tc_rows)
        if tc_diff:
            notes.append(f"with time_constraint: {tc_diff[0]}")
        # The period and the clinics as named bind parameters written into the where filters.
        bound = mf_request(catalog, shape, placeholders=target.kind, level=args.mf_level)
        bound_rows = mf_rows(database.rows(mf_sql(engine, bound), bound.params), bound, shape)
        rows.append(
            Row(shape.name, mf_cold, mf_warm, mf_execute, ours_cold, ours_warm, ours_run,
                f"no ({len(diff)})" if diff else "yes",
                f"differs ({len(tc_diff)})" if tc_diff else "equal",
                "differs" if differences(catalog, theirs, bound_rows) else "equal", notes)
        )  # fmt: skip
    warehouse.close()
    database.close()
    return rows, sqls


def report(rows: list[Row], start: dict[str, dict[str, float]], args: argparse.Namespace) -> str:
    from importlib.metadata import version

    lines = [
        f"{args.warehouse.split(':')[0]}; metricflow {version('metricflow')}, SQL optimization"
        f" level {args.mf_level or 'O5 (its default)'}; medians of {args.runs} runs",
        "",
        "| shape | MF compile cold ms | MF compile warm ms | MF execute ms | ours compile ms"
        " (cold / warm) | ours run ms | equal? |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r.shape} | {r.mf_cold:.1f} | {r.mf_warm:.1f} | {r.mf_execute:.2f} |"
            f" {r.ours_compile_cold:.3f} / {r.ours_compile_warm:.3f} | {r.ours_run:.2f} |"
            f" {r.equal} |"
        )
    lines += [
        "",
        "| shape | MF with time_constraint_start/end | MF with bound parameters |",
        "|---|---|---|",
    ]
    lines += [f"| {r.shape} | {r.time_constraint} | {r.placeholders} |" for r in rows]
    lines += ["", f"Start-up, median of {args.startup_runs} fresh processes (ms):", ""]
    lines += ["| | import | definitions + engine | first compile | peak RSS MB |"]
    lines += ["|---|---:|---:|---:|---:|"]
    for which, label in (("mf", "MetricFlow"), ("ours", "ours")):
        f = start[which]
        lines.append(
            f"| {label} | {f['import'] * 1000:.0f} | {f['definitions + engine'] * 1000:.0f} |"
            f" {f['first compile'] * 1000:.2f} | {f['peak RSS MB']:.0f} |"
        )
    lines += ["", "Notes per shape:"]
    lines += [f"- {r.shape}: " + "; ".join(r.notes) for r in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", required=True, help="duckdb:////path or postgresql://...")
    parser.add_argument("--manifest", type=Path, required=True, help="dbt's semantic_manifest.json")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument(
        "--mf-level", default="", help="MetricFlow's SQL optimization level (default its own, O5)"
    )
    parser.add_argument("--sql-dir", type=Path, help="write MetricFlow's SQL of each shape here")
    parser.add_argument("--startup-only", choices=("mf", "ours"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_only:
        print(json.dumps(startup(args.startup_only, args.warehouse, args.manifest)))
        return
    rows, sqls = measure(args)
    start = startup_medians(args)
    if args.sql_dir:
        args.sql_dir.mkdir(parents=True, exist_ok=True)
        for i, (name, sql) in enumerate(sqls):
            (args.sql_dir / f"{i:02d}.sql").write_text(f"-- {name}\n{sql}\n")
    print(report(rows, start, args))


if __name__ == "__main__":
    main()
