"""Runs the dbt project with dbt-core's Python runner against a target URL.

`build()` checks that the raw layer has every table and column the staging models read, reads
the as-of date the last load recorded, then runs `dbt build` and `dbt source freshness` and
returns what happened. dbt's own results files are kept for the docs site: `dbt docs generate`
overwrites `run_results.json`, so the build's copy is saved as `build_run_results.json`.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dental_analytics.errors import DentalError
from dental_analytics.opendental import TABLES
from dental_analytics.warehouse import versions
from dental_analytics.warehouse.load_status import STATUS_COLUMNS, STATUS_SUCCESS, STATUS_TABLE
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.raw_merge import create_skipped_tables
from dental_analytics.warehouse.url import Target

OnNode = Callable[[str, str], None]  # (node name, status)
BUILD_AS_OF = "build_as_of.json"  # in dbt's target folder: the as-of date the last build was for


def project_dir() -> Path:
    """The dbt project: $DENTAL_DBT_PROJECT_DIR, ./dbt_dental_models, or the repository's."""
    env = os.environ.get("DENTAL_DBT_PROJECT_DIR")
    candidates = [Path(env)] if env else []
    candidates += [
        Path.cwd() / "dbt_dental_models",
        Path(__file__).resolve().parents[2] / "dbt_dental_models",
    ]
    for path in candidates:
        if (path / "dbt_project.yml").is_file():
            return path
    raise DentalError(
        "dbt project not found: run from the repository root or set DENTAL_DBT_PROJECT_DIR"
    )


def artifacts_dir(project: Path) -> Path:
    """Where dbt writes its artifacts: $DBT_TARGET_PATH (dbt's own setting, relative to the
    project) or the project's `target/`."""
    return project / os.environ.get("DBT_TARGET_PATH", "target")


def read_json(path: Path, made_by: str) -> dict[str, Any]:
    """The JSON object in `path`; a `DentalError` saying which command makes it if it is missing."""
    if not path.is_file():
        raise DentalError(f"{path} is missing: {made_by}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DentalError(f"{path} is not a dbt artifact: {type(error).__name__}") from None
    if not isinstance(data, dict):
        raise DentalError(f"{path} is not a dbt artifact")
    return data


def profile_env(target: Target) -> dict[str, str]:
    """The environment variables `profiles.yml` reads, for `target`."""
    if target.kind == "duckdb":
        return {"DENTAL_DBT_TARGET": "duckdb", "DENTAL_DUCKDB_PATH": str(target.path)}
    if target.kind == "postgresql":
        return {
            "DENTAL_DBT_TARGET": "postgres",
            "POSTGRES_HOST": target.host or "localhost",
            "POSTGRES_PORT": str(target.port or 5432),
            "POSTGRES_USER": target.user or "postgres",
            "POSTGRES_PASSWORD": target.password or "",
            "POSTGRES_ANALYTICS_DB": target.database or "",
        }
    raise DentalError(
        f"{target.display} is an OpenDental twin, not a warehouse: build on DuckDB or PostgreSQL"
    )


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """dbt's profile variables set for the block. Afterwards no dbt handle on a DuckDB file is
    left open in this process: dbt-duckdb keeps its database open between invocations
    (`keep_open`), and a version of the warehouse is published, copied or opened read-only only
    once its writer has closed it."""
    if values.get("DENTAL_DBT_TARGET") == "duckdb":
        _parse_state_without_duckdb_path()
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if values.get("DENTAL_DBT_TARGET") == "duckdb":
            _close_duckdb_handle()


def _parse_state_without_duckdb_path() -> None:
    """Let dbt keep its parse of the project across versions of a DuckDB warehouse.

    dbt parses the whole project again (about 20 s) when any connection value of the profile has
    changed since its last parse, and the DuckDB file's path changes with every version of the
    warehouse (`versions`) and for the private copy `dental docs` reads. No model or macro of the
    project reads the path, so it is left out of the values dbt compares; the file's name (the
    catalog dbt's relations are named in) still counts. Only the comparison changes: dbt-duckdb
    opens the path it is given."""
    from dbt.adapters.duckdb.credentials import DuckDBCredentials

    keys = DuckDBCredentials._connection_keys
    if getattr(keys, "without_path", False):
        return

    def without_path(self: DuckDBCredentials) -> tuple[str, ...]:
        return tuple(key for key in keys(self) if key != "path")  # type: ignore[no-untyped-call]

    without_path.without_path = True  # type: ignore[attr-defined]
    DuckDBCredentials._connection_keys = without_path  # type: ignore[method-assign]


def _close_duckdb_handle() -> None:
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        environment = DuckDBConnectionManager._ENV
        DuckDBConnectionManager._ENV = None
    if environment is not None:
        environment.close()


def check_raw_layer(target: Target) -> str:
    """Check the raw layer has what the staging models read; return the as-of date it describes.

    Raises `DentalError` naming the first missing core table or column. An optional table that
    is missing (a feature the practice's OpenDental does not have) is created empty with a
    `skipped` row in `raw.etl_load_status`, and a status table from an older version of the
    product gains today's columns.
    """
    with connect(target) as db:
        rows = db.fetchall(
            "select table_name, column_name from information_schema.columns where table_schema = 'raw'"
        )
        present: dict[str, set[str]] = {}
        for table_name, column_name in rows:
            present.setdefault(str(table_name), set()).add(str(column_name))
        if STATUS_TABLE not in present:
            raise DentalError(
                f"raw.{STATUS_TABLE} is missing from {target.display}: no load recorded"
            )
        missing = []
        for table in TABLES.values():
            if table.name not in present:
                if table.role == "optional":
                    missing.append(table)
                    continue
                raise DentalError(
                    f"raw.{table.name} is missing from {target.display}: "
                    f"stg_opendental__{table.name} reads it "
                    "(load the raw layer with dental generate or dental extract)"
                )
            for column in table.columns:
                if column.raw_name not in present[table.name]:
                    raise DentalError(
                        f"raw.{table.name} has no column {column.raw_name}, "
                        f"which stg_opendental__{table.name} reads"
                    )
        # The latest successful load says what date the raw layer describes now.
        rows = db.fetchall(
            f"select as_of_date from raw.{STATUS_TABLE} where status = %s "
            "order by finished_at desc limit 1",
            (STATUS_SUCCESS,),
        )
    as_of = rows[0][0] if rows else None
    if as_of is None:
        raise DentalError(f"no successful load recorded in raw.{STATUS_TABLE} of {target.display}")
    if missing or not set(STATUS_COLUMNS) <= present[STATUS_TABLE]:
        create_skipped_tables(target, missing, as_of=as_of)
    return str(as_of)


def unused_features(target: Target) -> list[str]:
    """The optional OpenDental tables that are empty in the raw layer, each with what its being
    empty means for the numbers ("adjustment: no adjustments: net production equals ...")."""
    optional = [t for t in TABLES.values() if t.role == "optional"]
    with connect(target) as db:
        flags = db.fetchall(
            "select "
            + ", ".join(
                f"(select count(*) from (select 1 from raw.{t.name} limit 1) as {t.name})"
                for t in optional
            )
        )[0]
    return [
        f"{t.name}: {t.when_unused}"
        for t, has_rows in zip(optional, flags, strict=True)
        if not has_rows
    ]


@dataclass(frozen=True)
class Problem:
    """A node that did not pass: a failing test, a model that errored, a stale source."""

    status: str
    node: str  # dbt's node name
    test: str | None = None  # generic test name (unique, relationships, ...), if a test
    model: str | None = None  # the model or source the test is attached to
    column: str | None = None
    message: str = ""
    failures: int | None = None  # the rows a test found
    rule: str | None = None  # the OpenDental rule an opendental_rule test checks
    meaning: str = ""  # the test's description: what its rows mean for the numbers

    @property
    def what(self) -> str:
        """The rule, or the test and where it sits, or the node."""
        where = ".".join(p for p in (self.model, self.column) if p)
        return self.rule or (f"{self.test} on {where}" if self.test and where else self.node)

    def __str__(self) -> str:
        return f"{self.status}: {self.what}" + (f": {self.message}" if self.message else "")


@dataclass
class BuildSummary:
    as_of: str
    models: Counter[str] = field(default_factory=Counter)  # status -> count
    tests: Counter[str] = field(default_factory=Counter)  # data tests
    unit_tests: Counter[str] = field(default_factory=Counter)
    seeds: Counter[str] = field(default_factory=Counter)
    freshness: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    # Optional features the practice does not use (empty optional tables), with their meaning.
    unused: list[str] = field(default_factory=list)
    artifacts: Path | None = None
    # dbt's invocation id of the build: `marts.mart_build.build_id` of the marts it made.
    build_id: str | None = None

    @property
    def warnings(self) -> list[Problem]:
        """Tests of severity warn that found rows (OpenDental's rules among them)."""
        return [p for p in self.problems if p.status == "warn"]

    def warnings_by_rule(self) -> dict[str, int]:
        """Rows found by each warning, by rule (or test), most rows first."""
        counts: Counter[str] = Counter()
        for problem in self.warnings:
            counts[problem.what] += problem.failures or 0
        return dict(counts.most_common())

    @property
    def passed(self) -> bool:
        """Every model built and no test failed: the marts are complete and may be served."""
        bad = {"error", "fail", "runtime error"}
        return not (
            bad & set(self.models)
            or bad & set(self.tests)
            or bad & set(self.unit_tests)
            or bad & set(self.seeds)
        )

    @property
    def ok(self) -> bool:
        """Passed, and every source is fresh enough."""
        return self.passed and not {"error", "runtime error"} & set(self.freshness)


def _node_callback(on_node: OnNode | None) -> Callable[[Any], None]:
    def callback(event: Any) -> None:
        if on_node is None or event.info.name != "NodeFinished":
            return
        node = event.data.node_info
        on_node(node.node_name, node.node_status)

    return callback


def build(
    target: Target, *, on_node: OnNode | None = None, unit_tests: bool = True
) -> BuildSummary:
    """Run `dbt build` and `dbt source freshness` on `target`; return the counts and problems.

    `unit_tests=False` leaves out dbt's unit tests: they check the models' SQL against fixed
    inputs, not the data, so a build of unchanged code on new data (the nightly job) gains
    nothing from them (dbt's own advice is to run them in development and CI only).

    The marts a server reads change in one step, when the build has passed (`versions`): on
    DuckDB the build writes a new version of the file, on PostgreSQL a side schema swapped with
    `marts`. A build with a failing model or test leaves the served marts as they were.
    """
    with versions.writing(target) as version:
        if target.kind == "postgresql":
            versions.prepare_side_marts(target)
        summary = _build(version.target, on_node, unit_tests)
        if not summary.passed:
            version.discard()
        elif target.kind == "postgresql":
            vacuum_marts(target, versions.NEXT_MARTS_SCHEMA)
            versions.swap_marts(target)
    return summary


def _build(target: Target, on_node: OnNode | None, unit_tests: bool) -> BuildSummary:
    from dbt.cli.main import dbtRunner

    project = project_dir()
    env = profile_env(target)
    if target.kind == "postgresql":
        env["DENTAL_MARTS_SCHEMA"] = versions.NEXT_MARTS_SCHEMA
    as_of = check_raw_layer(target)
    summary = BuildSummary(as_of=as_of, unused=unused_features(target))
    # No `--vars`: the models read the as-of date from the load log (macro `as_of_date`), the
    # same lookup as `check_raw_layer`'s. dbt parses the whole project again whenever its vars
    # change (about 20 s at 209 models), and a var holding the date would change every night.
    common = ["--project-dir", str(project), "--profiles-dir", str(project), "--quiet"]
    runner = dbtRunner(callbacks=[_node_callback(on_node)])
    with _environment(env):
        skip = [] if unit_tests else ["--exclude-resource-type", "unit_test"]
        result = runner.invoke(["build", *common, *skip])
        if result.exception is not None:
            raise DentalError(f"dbt build could not run: {_first_line(result.exception)}")
        build_results: Any = result.result  # a RunExecutionResult for `build`
        for node_result in build_results or []:
            node = node_result.node
            if node.resource_type == "exposure":  # a no-op: it names a reader, builds nothing
                continue
            status = str(node_result.status)
            bucket = {
                "model": summary.models,
                "test": summary.tests,
                "unit_test": summary.unit_tests,
                "seed": summary.seeds,
            }.get(node.resource_type, summary.models)
            bucket[status] += 1
            if status in {"error", "fail", "warn", "runtime error"}:
                summary.problems.append(_problem(status, node, node_result))
        target_dir = artifacts_dir(project)
        if (target_dir / "run_results.json").is_file():
            shutil.copyfile(target_dir / "run_results.json", target_dir / "build_run_results.json")
            (target_dir / BUILD_AS_OF).write_text(json.dumps({"as_of_date": as_of}) + "\n")
            run_results = json.loads((target_dir / "run_results.json").read_text())
            summary.build_id = run_results["metadata"].get("invocation_id")

        fresh = runner.invoke(["source", "freshness", *common])
        if fresh.exception is not None:
            raise DentalError(f"dbt source freshness could not run: {_first_line(fresh.exception)}")
        freshness_results: Any = fresh.result  # a FreshnessResult for `source freshness`
        for source_result in freshness_results or []:
            status = str(source_result.status)
            summary.freshness[status] += 1
            if status != "pass":
                node = source_result.node
                summary.problems.append(
                    Problem(
                        f"freshness {status}", node.name, model=f"{node.source_name}.{node.name}"
                    )
                )
        summary.artifacts = target_dir
    return summary


def vacuum_marts(target: Target, schema: str = versions.MARTS_SCHEMA) -> None:
    """VACUUM ANALYZE every mart of a PostgreSQL warehouse: fresh planner statistics and a
    visibility map, so the API's first queries after a build use the marts' indexes (index-only
    scans) instead of waiting for autovacuum."""
    from dental_analytics.warehouse.postgres_raw import connect_postgres

    conn = connect_postgres(target)
    try:
        conn.autocommit = True  # VACUUM cannot run inside a transaction
        tables = conn.execute(
            "select table_name from information_schema.tables"
            " where table_schema = %s and table_type = 'BASE TABLE'",
            (schema,),
        ).fetchall()
        for (name,) in tables:
            conn.execute(f'vacuum (analyze) {schema}."{name}"')
    finally:
        conn.close()


def _problem(status: str, node: Any, result: Any) -> Problem:
    metadata = getattr(node, "test_metadata", None)
    attached = getattr(node, "attached_node", None) or ""
    source = getattr(node, "sources", None)
    model = attached.split(".")[-1] if attached else (".".join(source[0]) if source else None)
    rule = (metadata.kwargs or {}).get("rule") if metadata is not None else None
    return Problem(
        status=status,
        node=node.name,
        test=metadata.name if metadata is not None else None,
        model=model,
        column=getattr(node, "column_name", None),
        message=_first_line(result.message),
        failures=getattr(result, "failures", None),
        rule=str(rule) if rule else None,
        meaning=_first_line(getattr(node, "description", "")),
    )


def _first_line(value: object) -> str:
    text = str(value or "").strip()
    return text.splitlines()[0] if text else ""


def generate_docs(target: Target, project: Path, artifacts: Path) -> Path:
    """Run `dbt docs generate --static` on `target`; return the path of the one-page docs.

    Needs the build's artifacts first (its results and freshness). The compiled SQL it documents
    reads the as-of date from the load log, as the build's did.
    """
    from dbt.cli.main import dbtRunner

    results = read_json(
        artifacts / "build_run_results.json",
        "run `dental build` first (dental docs documents the last build)",
    )
    read_json(artifacts / "sources.json", "run `dental build` first (it runs dbt source freshness)")
    if target.kind == "duckdb" and not Path(str(target.path)).is_file():
        raise DentalError(f"{target.display} does not exist: run dental generate and dental build")
    # The build's vars, if it was given any: the same SQL, and the same parse of the project.
    variables = (results.get("args") or {}).get("vars") or {}
    args = [
        "docs", "generate", "--static", "--project-dir", str(project), "--profiles-dir",
        str(project), "--target-path", str(artifacts), "--quiet",
        *(["--vars", json.dumps(variables)] if variables else []),
        # Models, seeds and sources are compiled and catalogued; the site shows no test's
        # compiled SQL, and compiling about 1,800 tests was two thirds of this step (20 s -> 7 s).
        "--exclude", "resource_type:test", "resource_type:unit_test",
    ]  # fmt: skip
    with _environment(profile_env(target)):
        result = dbtRunner().invoke(args)
    if result.exception is not None or not result.success:
        reason = _first_line(result.exception) or "see dbt's log"
        raise DentalError(f"dbt docs generate failed: {reason}")
    page = artifacts / "static_index.html"
    if not page.is_file():
        raise DentalError("dbt docs generate wrote no static_index.html")
    return page
