"""`dental build` on generated data: every model and test passes on DuckDB and PostgreSQL, and
the tests catch what they are there to catch."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import psycopg
import pytest
from tests.integration.broken_rules import BREAK_ONE_ROW
from tests.integration.docs_site_build import BuiltSite, built_site

from dental_analytics.dbt import BuildSummary, build, check_raw_layer
from dental_analytics.docs_site import build_site
from dental_analytics.errors import DentalError
from dental_analytics.opendental import TABLES
from dental_analytics.synthetic.generate import generate
from dental_analytics.warehouse.fidelity import FAMILY_AGING_SQL, family_aging_params
from dental_analytics.warehouse.load import load_raw
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.url import Target, parse_target

AS_OF = dt.date(2026, 11, 24)
STAGING_MODELS = len(TABLES) + 1  # one per OpenDental table, and stg_etl_tracking_summary
INTERMEDIATE_MODELS = 69  # the foundation, business systems A-H, J (clinical), K (orthodontics), L (staff) and data quality
MODELS = 209  # the whole project: staging, intermediate and marts
# DESIGN.md's definitions each checked against an independent raw-layer query (tests/singular).
RECONCILED_MEASURES = {
    "production",
    "adjustments",
    "write-offs",
    "patient income",
    "insurance income",
    "a/r",
    "new patients",
}
# The API's report routes and the dashboard's pages (models/marts/exposures.yml).
EXPOSED = {
    "/api/reports/dashboard",
    "/api/reports/revenue",
    "/api/reports/providers",
    "/api/patients",
    "/api/reports/ar",
}
PAGES = {"Dashboard", "Revenue", "Providers", "Patients", "A/R", "Work lists"}


def _load(url: str) -> Target:
    target = parse_target(url)
    load_raw(target, generate(1, 42, AS_OF), source="test", as_of=AS_OF)
    return target


def _assert_clean(summary: BuildSummary) -> None:
    assert [str(p) for p in summary.problems] == []
    assert summary.models["success"] >= STAGING_MODELS
    assert set(summary.models) == {"success"}
    assert set(summary.tests) == {"pass"}  # no WARN, no failure
    assert set(summary.unit_tests) <= {"pass"}
    assert set(summary.freshness) == {"pass"}
    assert summary.ok


@pytest.fixture(scope="module")
def duckdb_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dbt") / "warehouse.duckdb"
    _load(f"duckdb:///{path}")
    return path


@pytest.fixture(scope="module")
def clean_build(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[BuiltSite, Path, dict[str, Any]]:
    """The one build of clean generated data in a test run (`dental demo --no-serve`, shared
    with the docs tests): the build, a scratch copy of its warehouse, and its manifest."""
    built = built_site(tmp_path_factory.mktemp("docs_site"))
    copy = tmp_path_factory.mktemp("clean") / "w.duckdb"
    shutil.copyfile(built.warehouse, copy)
    return built, copy, built.json("manifest.json")


@pytest.fixture
def own_artifacts(
    clean_build: tuple[BuiltSite, Path, dict[str, Any]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """dbt's target folder for the test's own build of a `warehouse.duckdb`, which no other
    test's build shares, holding the clean build's parse of the project (`artifacts_with_parse`)."""
    built, _, _ = clean_build
    folder = built.artifacts_with_parse(tmp_path / "target")
    monkeypatch.setenv("DBT_TARGET_PATH", str(folder))
    return folder


def test_build_passes_on_duckdb(clean_build: tuple[BuiltSite, Path, dict[str, Any]]) -> None:
    built, _, manifest = clean_build
    run = built.json("build_run_results.json")
    # Exposures are no-ops: they name a reader and build nothing.
    built_nodes = [r for r in run["results"] if not r["unique_id"].startswith("exposure.")]
    statuses = Counter(r["status"] for r in built_nodes)
    assert set(statuses) == {"success", "pass"}  # no WARN, no failure, no error
    models = [r for r in run["results"] if r["unique_id"].startswith("model.")]
    assert len(models) == len([n for n in manifest["nodes"] if n.startswith("model.")])
    assert len(models) >= STAGING_MODELS
    assert {r["status"] for r in built.json("sources.json")["results"]} == {"pass"}
    # The as-of date of the load log, looked up by the models rather than passed as a var (a
    # var that changed every night would make dbt parse the whole project again).
    assert "as_of_date" not in (run["args"].get("vars") or {})
    assert built.json("build_as_of.json") == {"as_of_date": str(AS_OF)}


@pytest.mark.postgres
def test_build_passes_on_postgres(
    built_postgres: tuple[str, BuildSummary], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clean build, family aging to the cent, and the docs site of a PostgreSQL warehouse."""
    url, summary = built_postgres
    target = parse_target(url)
    _assert_clean(summary)
    monkeypatch.setenv("DBT_TARGET_PATH", str(summary.artifacts))
    with connect(target) as db:
        assert _aging_differences(db.fetchall) == []
    build_site(target, tmp_path / "site", with_pdf=False)
    load_status = (tmp_path / "site" / "load-status.html").read_text()
    assert all(f"<code>raw.{name}</code>" in load_status for name in TABLES)


# The family A/R of the intermediate layer against the fidelity report's SQL over the raw layer
# (warehouse/fidelity.py), written apart from the models. Families in credit: the models keep
# every bucket at 0 and show the credit in credit_balance, which that SQL leaves in 0-30.
AGING_DIFFERENCES_SQL = f"""
    with models as (
        select guarantor_id, balance_0_30 + credit_balance as d0, balance_31_60 as d31,
            balance_61_90 as d61, balance_over_90 as over90
        from intermediate.int_ar_balance
    ),
    independent as ({FAMILY_AGING_SQL})
    select coalesce(m.guarantor_id, i.guarantor) as guarantor
    from models m
    full outer join independent i on i.guarantor = m.guarantor_id
    where abs(coalesce(m.d0, 0) - coalesce(i.d0, 0)) >= 0.005
       or abs(coalesce(m.d31, 0) - coalesce(i.d31, 0)) >= 0.005
       or abs(coalesce(m.d61, 0) - coalesce(i.d61, 0)) >= 0.005
       or abs(coalesce(m.over90, 0) - coalesce(i.over90, 0)) >= 0.005
"""


def _aging_differences(
    fetchall: Callable[[str, tuple[object, ...]], list[tuple[Any, ...]]],
) -> list[tuple[Any, ...]]:
    """Families whose aging buckets differ by a cent or more between the two computations."""
    return fetchall(AGING_DIFFERENCES_SQL, tuple(family_aging_params(AS_OF)))


def test_family_aging_agrees_with_an_independent_query(
    clean_build: tuple[BuiltSite, Path, dict[str, Any]],
) -> None:
    _, copy, _ = clean_build
    with duckdb.connect(str(copy)) as con:  # the same configuration as dbt-duckdb's open handle
        differences = _aging_differences(
            lambda sql, params: con.execute(sql.replace("%s", "?"), list(params)).fetchall()
        )
        assert con.execute("select count(*) from intermediate.int_ar_balance").fetchone() != (0,)
    assert differences == []


def test_tests_fail_on_broken_data(
    duckdb_warehouse: Path, tmp_path: Path, own_artifacts: Path
) -> None:
    """A duplicate key, an orphan foreign key, an unknown enum code and a stale table each fail
    exactly the tests that guard them (the duplicate at the source, which keeps its staging
    model and every model downstream of it from being built, and with them the tests that
    need them)."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute(
            "insert into raw.adjustment select * from raw.adjustment order by adjnum limit 1"
        )
        con.execute(
            "update raw.procedurelog set patnum = 987654321 where procnum = (select min(procnum) from raw.procedurelog)"
        )
        con.execute(
            "update raw.appointment set aptstatus = 42 where aptnum = (select min(aptnum) from raw.appointment)"
        )
        # Freshness is the table's last load in the load log, not its rows' _loaded_at.
        con.execute(
            "update raw.etl_load_status set finished_at = finished_at - interval 4 day"
            " where table_name = 'commlog'"
        )
    summary = build(parse_target(f"duckdb:///{copy}"), unit_tests=False)
    failed = {(p.status, p.test, p.model, p.column) for p in summary.problems}
    assert failed == {
        ("fail", "primary_key", "opendental.adjustment", "adjnum"),
        ("fail", "relationships", "stg_opendental__procedurelog", "patient_id"),
        ("fail", "accepted_enum_code", "stg_opendental__appointment", "appointment_status_code"),
        ("freshness error", None, "opendental.commlog", None),
    }
    # dbt build does not build a model whose source failed a test, nor anything downstream of it
    # (nor what sits downstream of a model whose own test failed); untouched tables still build.
    assert summary.artifacts is not None
    manifest = json.loads((summary.artifacts / "manifest.json").read_text())
    results = json.loads((summary.artifacts / "build_run_results.json").read_text())["results"]
    status = {r["unique_id"]: r["status"] for r in results}
    adjustment = "model.dbt_dental_models.stg_opendental__adjustment"
    assert {status[m] for m in {adjustment} | _models_downstream(manifest, adjustment)} == {
        "skipped"
    }
    assert status["model.dbt_dental_models.stg_opendental__patient"] == "success"
    assert not summary.ok


def _leave_optional_features_unused() -> list[str]:
    """Statements that turn a generated practice into one that uses no optional feature: every
    optional table empty, and the keys core tables hold to them 0, as OpenDental writes them
    when a feature is off (no clinics: ClinicNum 0 everywhere)."""
    optional = {name for name, t in TABLES.items() if t.role == "optional"}
    statements = [f"delete from raw.{name}" for name in sorted(optional)]
    statements += [f"delete from raw.{t} where {c} <> 0" for t, c in _ONLY_WITH_THE_FEATURE]
    for table in TABLES.values():
        if table.role == "core":
            statements += [
                f"update raw.{table.name} set {c.raw_name} = 0 where {c.raw_name} <> 0"
                for c in table.columns
                if c.fk_table in optional and c.fk_in_scope
            ]
    return statements


# Core rows that exist only for an optional feature's row: a fee localised to a clinic is not
# kept by a practice without clinics (its ClinicNum 0 would repeat the schedule's default fee).
_ONLY_WITH_THE_FEATURE = (("fee", "clinicnum"),)


def _assert_passes_with_every_optional_feature_unused(summary: BuildSummary) -> None:
    _assert_clean(summary)  # the reconciliations to the cent among its tests
    optional = sorted(name for name, t in TABLES.items() if t.role == "optional")
    assert sorted(u.split(":")[0] for u in summary.unused) == optional
    assert "adjustment: no adjustments: net production equals gross production less write-offs" in (
        summary.unused
    )


def test_a_practice_that_uses_no_optional_feature_builds_clean(
    duckdb_warehouse: Path, tmp_path: Path, own_artifacts: Path
) -> None:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        for statement in _leave_optional_features_unused():
            con.execute(statement)
    _assert_passes_with_every_optional_feature_unused(
        build(parse_target(f"duckdb:///{copy}"), unit_tests=False)
    )


@pytest.mark.postgres
def test_a_practice_that_uses_no_optional_feature_builds_clean_on_postgres(
    postgres_url: str,
) -> None:
    target = _load(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        for statement in _leave_optional_features_unused():
            conn.execute(statement.encode())
    _assert_passes_with_every_optional_feature_unused(build(target, unit_tests=False))


# Where each rule's broken row is carried, flagged in opendental_rules_broken. A claim line whose
# claim was deleted and that no check paid sits in no mart: its warning is all there is.
FLAGGED_IN = {
    "marts.fact_payment": {
        "payment_splits_add_up", "split_dated_with_payment", "split_payment_exists",
        "split_procedure_exists", "split_adjustment_exists", "claim_payment_adds_up",
        "claim_procedure_dated_with_check", "claim_procedure_check_exists",
        "claim_procedure_patient_matches_claim", "claim_procedure_procedure_exists",
    },
    "marts.fact_appointment": {"completed_appointment_within_practice_days"},
    "marts.fact_procedure": {
        "completed_procedure_within_practice_days", "procedure_fee_not_negative",
        "procedure_appointment_exists",
    },
    "intermediate.int_adjustments": {"adjustment_sign_matches_type", "adjustment_procedure_exists"},
}  # fmt: skip


def _assert_each_rule_warns_once(
    summary: BuildSummary, fetchall: Callable[[str], list[tuple[Any, ...]]]
) -> None:
    """Each broken rule is one warning counting one row, with what it means; nothing fails (the
    reconciliations to OpenDental's totals among the tests), and the marts flag the rows."""
    assert [str(p) for p in summary.problems if p.status != "warn"] == []
    assert summary.ok
    assert not summary.unit_tests  # left out (unit_tests=False): they check SQL, not data
    assert summary.warnings_by_rule() == dict.fromkeys(BREAK_ONE_ROW, 1)
    assert all(p.meaning for p in summary.warnings)
    for relation, rules in FLAGGED_IN.items():
        flags = fetchall(
            f"select distinct opendental_rules_broken from {relation}"
            " where opendental_rules_broken is not null"
        )
        assert {rule for (flag,) in flags for rule in flag.split(", ")} == rules, relation


def test_each_opendental_rule_broken_once_is_one_counted_warning(
    duckdb_warehouse: Path, tmp_path: Path, own_artifacts: Path
) -> None:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        for statement in BREAK_ONE_ROW.values():
            assert con.execute(statement).fetchall() == [(1,)], statement
    summary = build(parse_target(f"duckdb:///{copy}"), unit_tests=False)
    with duckdb.connect(str(copy)) as con:  # the same configuration as dbt-duckdb's open handle
        _assert_each_rule_warns_once(summary, lambda sql: con.execute(sql).fetchall())


@pytest.mark.postgres
def test_each_opendental_rule_broken_once_is_one_counted_warning_on_postgres(
    postgres_url: str,
) -> None:
    target = _load(postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        for statement in BREAK_ONE_ROW.values():
            assert conn.execute(statement.encode()).rowcount == 1, statement
    summary = build(target, unit_tests=False)
    with connect(target) as db:
        _assert_each_rule_warns_once(summary, lambda sql: db.fetchall(sql))


def test_as_of_date_is_the_latest_loads(duckdb_warehouse: Path, tmp_path: Path) -> None:
    """A reload with an earlier as-of date replaces the data, so the build follows it."""
    copy = tmp_path / "reloaded.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    target = parse_target(f"duckdb:///{copy}")
    earlier = AS_OF - dt.timedelta(days=30)
    load_raw(target, generate(1, 42, earlier), source="test", as_of=earlier)
    assert check_raw_layer(target) == str(earlier)


def test_missing_raw_column_is_named(duckdb_warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "missing.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("alter table raw.procedurelog drop column procfee")
    with pytest.raises(DentalError, match=r"raw\.procedurelog has no column procfee"):
        build(parse_target(f"duckdb:///{copy}"))


def test_missing_core_table_is_named(duckdb_warehouse: Path, tmp_path: Path) -> None:
    copy = tmp_path / "missing.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table raw.procedurelog")
    with pytest.raises(DentalError, match=r"raw\.procedurelog is missing"):
        build(parse_target(f"duckdb:///{copy}"))


def test_missing_optional_table_is_created_empty_and_skipped(
    duckdb_warehouse: Path, tmp_path: Path
) -> None:
    """A feature the practice's OpenDental lacks: the table is created empty, marked skipped."""
    copy = tmp_path / "missing.duckdb"
    shutil.copyfile(duckdb_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("drop table raw.claimproc")
    assert check_raw_layer(parse_target(f"duckdb:///{copy}")) == str(AS_OF)
    with duckdb.connect(str(copy)) as con:
        assert con.execute("select count(*) from raw.claimproc").fetchall() == [(0,)]
        rows = con.execute(
            "select status, strategy, rows_written, error from raw.etl_load_status"
            " where table_name = 'claimproc' order by finished_at desc limit 1"
        ).fetchall()
    assert rows[0][:3] == ("skipped", "full", 0)
    assert "raw.claimproc was missing: created empty (no claim procedures" in rows[0][3]


def _models_downstream(manifest: dict[str, Any], node: str) -> set[str]:
    """Every model built from `node`, directly or through other models."""
    found: set[str] = set()
    todo = [node]
    while todo:
        for child in manifest["child_map"].get(todo.pop(), []):
            if child.startswith("model.") and child not in found:
                found.add(child)
                todo.append(child)
    return found


def _tests_by_model(manifest: dict[str, Any]) -> dict[str, set[str]]:
    """The generic tests attached to each model, by test name."""
    tests: dict[str, set[str]] = {}
    for node in manifest["nodes"].values():
        if (
            node["resource_type"] == "test"
            and node.get("attached_node")
            and node.get("test_metadata")
        ):
            model = node["attached_node"].split(".")[-1]
            tests.setdefault(model, set()).add(node["test_metadata"]["name"])
    return tests


def test_every_model_is_described_and_keyed(
    clean_build: tuple[BuiltSite, Path, dict[str, Any]],
) -> None:
    """100% of models and columns described (the YAML matches what the model returns), and every
    model has a primary-key test."""
    _, copy, manifest = clean_build
    models = {n["name"]: n for n in manifest["nodes"].values() if n["resource_type"] == "model"}
    assert len([name for name in models if name.startswith("stg_")]) == STAGING_MODELS
    tests = _tests_by_model(manifest)
    with duckdb.connect(str(copy)) as con:  # the same configuration as dbt-duckdb's open handle
        for name, node in models.items():
            assert node["description"].strip(), name
            actual = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position",
                    [node["schema"], name],
                ).fetchall()
            ]
            assert actual, f"{name} is not in the warehouse"
            documented = {c: v["description"].strip() for c, v in node["columns"].items()}
            missing = [c for c in actual if not documented.get(c)]
            assert missing == [], f"{name}: undocumented {missing}"
            assert set(documented) <= set(actual), f"{name}: documents columns it does not have"
            assert tests.get(name, set()) & {"primary_key", "unique_combination"}, (
                f"{name} has no primary-key test"
            )


def test_intermediate_layer_reads_staging_and_is_never_empty(
    clean_build: tuple[BuiltSite, Path, dict[str, Any]],
) -> None:
    """Intermediate models sit on staging (never a source) and each has a not-empty test, which
    the clean build passed; but the rows that break OpenDental's rules, which a healthy database
    has none of, and which are checked by one warning per rule instead."""
    _, _, manifest = clean_build
    intermediate = [
        n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["schema"] == "intermediate"
    ]
    assert len(intermediate) >= INTERMEDIATE_MODELS
    tests = _tests_by_model(manifest)
    for node in intermediate:
        assert node["name"].startswith("int_"), node["name"]
        assert node["description"].lower().startswith("one row per"), node["name"]
        parents = node["depends_on"]["nodes"]
        assert not [p for p in parents if p.startswith("source.")], node["name"]
        expected = (
            "opendental_rule" if node["name"] == "int_opendental_rule_breaks" else "not_empty"
        )
        assert expected in tests.get(node["name"], set()), f"{node['name']} has no {expected} test"


def test_marts_are_contracted_tables_read_by_the_api_and_dashboard(
    clean_build: tuple[BuiltSite, Path, dict[str, Any]],
) -> None:
    """Every mart is a table under an enforced contract with a type for every column, read from
    the intermediate layer or other marts, never empty; exposures name each API endpoint group
    and dashboard page and read marts only; the whole project has at least MODELS models."""
    _, _, manifest = clean_build
    nodes = manifest["nodes"]
    models = [n for n in nodes.values() if n["resource_type"] == "model"]
    assert len(models) >= MODELS
    marts = [n for n in models if n["schema"] == "marts"]
    tests = _tests_by_model(manifest)
    for node in marts:
        name = node["name"]
        assert name.split("_")[0] in {"dim", "fact", "mart"}, name
        assert node["config"]["materialized"] == "table", name
        assert node["contract"]["enforced"], name
        assert all(c.get("data_type") for c in node["columns"].values()), name
        assert node["description"].lower().startswith("one row per"), name
        assert "not_empty" in tests.get(name, set()), f"{name} has no not_empty test"
        for parent in node["depends_on"]["nodes"]:
            assert parent.split(".")[0] in {"model", "seed"}, f"{name} reads {parent}"
            if parent.startswith("model."):
                assert nodes[parent]["schema"] in {"intermediate", "marts"}, (
                    f"{name} reads {parent}"
                )
    exposures = list(manifest["exposures"].values())
    labels = " ".join(e["label"] for e in exposures)
    assert all(group in labels for group in EXPOSED), labels
    assert {e["label"].split(": ", 1)[1] for e in exposures if e["type"] == "dashboard"} == PAGES
    for exposure in exposures:
        parents = exposure["depends_on"]["nodes"]
        assert parents and all(nodes[p]["schema"] == "marts" for p in parents), exposure["name"]


# DESIGN.md's "Practice KPIs" table: each is carried by one mart and checked by a singular test
# (meta.kpi) that recomputes it from the raw layer.
PRACTICE_KPIS = {
    "Gross / net production", "Scheduled production", "Collection rate", "A/R over 90 days",
    "A/R to production", "Days sales outstanding", "Production per scheduled hour",
    "Chair (schedule) utilisation", "New patients", "Active patients", "Patient retention",
    "Hygiene reappointment", "Case (treatment) acceptance", "Unscheduled treatment",
    "No-show / cancellation", "Perio share", "Outstanding claims",
}  # fmt: skip


def _kpi_tests(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        n
        for n in manifest["nodes"].values()
        if n["resource_type"] == "test" and (n["config"].get("meta") or {}).get("kpi")
    ]


def _kpis_of(test: dict[str, Any]) -> list[str]:
    kpi = test["config"]["meta"]["kpi"]
    return [kpi] if isinstance(kpi, str) else list(kpi)


def test_every_practice_kpi_has_an_independent_test(
    clean_build: tuple[BuiltSite, Path, dict[str, Any]],
) -> None:
    """Each KPI of DESIGN.md's table has a singular test that reads the raw layer and the one mart
    that carries it (never the staging or intermediate SQL), names that mart's numerator (and
    denominator) columns, and says how to break the mart so the test fails."""
    _, _, manifest = clean_build
    nodes = manifest["nodes"]
    tests = _kpi_tests(manifest)
    assert PRACTICE_KPIS - {kpi for t in tests for kpi in _kpis_of(t)} == set()
    for test in tests:
        meta = test["config"]["meta"]
        parents = test["depends_on"]["nodes"]
        assert any(p.startswith("source.") for p in parents), test["name"]
        models = {nodes[p]["name"] for p in parents if p.startswith("model.")}
        assert models == {meta["model"]}, test["name"]
        mart = next(n for n in nodes.values() if n["name"] == meta["model"])
        assert mart["schema"] == "marts", test["name"]
        for role in ("numerator", "denominator"):
            assert meta.get(role) is None or meta[role] in mart["columns"], (test["name"], role)
        assert meta["breaks_with"].lower().startswith(("update ", "delete ")), test["name"]


def test_each_kpi_test_fails_when_its_mart_is_wrong(
    clean_build: tuple[BuiltSite, Path, dict[str, Any]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each KPI test's `breaks_with` statement changes its mart's rows on a scratch copy of the
    clean warehouse, and then the test fails. A test reads only its own mart, so tests of
    different marts share a copy and one `dbt test` run; tests of the same mart get a copy each
    (rounds: the first test of every mart, then the second, ...)."""
    from dbt.cli.main import dbtRunner

    from dental_analytics.dbt import _environment, profile_env, project_dir

    built, _, manifest = clean_build
    project = project_dir()
    monkeypatch.setenv("DBT_TARGET_PATH", str(built.artifacts_with_parse(tmp_path / "target")))
    by_mart: dict[str, list[dict[str, Any]]] = {}
    for test in sorted(_kpi_tests(manifest), key=lambda t: t["name"]):
        by_mart.setdefault(test["config"]["meta"]["model"], []).append(test)
    rounds = [
        [tests[i] for tests in by_mart.values() if i < len(tests)]
        for i in range(max(len(tests) for tests in by_mart.values()))
    ]
    not_failing = []
    for number, tests in enumerate(rounds):
        copy = tmp_path / f"round{number}" / "warehouse.duckdb"  # the name the parse was made for
        copy.parent.mkdir()
        shutil.copyfile(built.warehouse, copy)
        with duckdb.connect(str(copy)) as con:
            for test in tests:
                con.execute(test["config"]["meta"]["breaks_with"])
        # As `dental build` runs dbt: its profile's values, the file's path left out of the parse.
        with _environment(profile_env(parse_target(f"duckdb:///{copy}"))):
            result = dbtRunner().invoke([
                "test", "--project-dir", str(project), "--profiles-dir", str(project), "--quiet",
                "--select", *(t["name"] for t in tests),
            ])  # fmt: skip
        status = {r.node.name: str(r.status) for r in result.result or []}
        not_failing += [
            (t["name"], status.get(t["name"])) for t in tests if status.get(t["name"]) != "fail"
        ]
    assert not_failing == []


def test_reconciliation_tests_read_the_raw_layer_and_a_mart_only(
    clean_build: tuple[BuiltSite, Path, dict[str, Any]],
) -> None:
    """Each of DESIGN.md's measures has a singular test comparing a mart with an independent query
    over the raw layer: it reads sources and marts, never the staging or intermediate SQL."""
    _, _, manifest = clean_build
    nodes = manifest["nodes"]
    reconciliations = [
        n
        for n in nodes.values()
        if n["resource_type"] == "test"
        and not n.get("test_metadata")
        and n["name"].startswith("reconcile_")
    ]
    covered = " ".join(n["description"].lower() for n in reconciliations)
    assert [m for m in sorted(RECONCILED_MEASURES) if m not in covered] == []
    for test in reconciliations:
        parents = test["depends_on"]["nodes"]
        assert any(p.startswith("source.") for p in parents), test["name"]
        models = [p for p in parents if p.startswith("model.")]
        assert models and all(nodes[p]["schema"] == "marts" for p in models), test["name"]


# Values an intermediate model's or mart's `accepted_values` test allows that clean generated
# data holds no row of, each with why. Every other branch those models handle must occur at
# scale 1, so they are exercised by data, not only by unit tests; a value listed here that the
# data does hold fails the test too, so the list stays exact (but for the night hours, which a
# patient's late reply may or may not reach). (Staging's accepted values are
# OpenDental's enum codes, the domain a column may hold, not branches of a rule.)
_FALLBACK = "the rule's fallback for a value OpenDental does not define; clean data has none"
_PRACTICE_SIZE = (
    "a provider row per assistant would take the practice past its reference count of providers"
)
_COPIED_INTERVAL = (
    "OpenDental copies the recall type's interval onto each recall it adds; only an interval "
    "cleared by hand falls back to the type's"
)
_DUE_TODAY = (
    "due on the as-of date itself and not booked (no grace days): recalls fall due six months "
    "after a cleaning or four after perio maintenance, and 2026-11-24 is six months after a "
    "Sunday and four after a Friday, when hygienists do not work"
)
# Accepted either way: offices are closed at night, but a patient may answer a text late.
_NIGHT = "offices are closed at night; a patient's late text reply may fall in these hours or not"
NOT_GENERATED: dict[tuple[str, str], dict[object, str]] = {
    ("int_procedure_catalog", "cdt_category"): {"other": _FALLBACK},
    ("int_provider_profile", "provider_role"): {
        "other": _FALLBACK, "assistant": _PRACTICE_SIZE,
    },
    ("dim_provider", "provider_role"): {
        "other": _FALLBACK, "assistant": _PRACTICE_SIZE,
    },
    ("int_patient_referral_bridge", "referral_direction"): {"other": _FALLBACK},
    ("int_claim_follow_up", "follow_up_reason"): {"other": _FALLBACK},
    ("mart_claim_denials", "follow_up_reason"): {"other": _FALLBACK},
    ("int_insurance_coverage", "coverage_priority"): {"other": _FALLBACK},
    ("int_insurance_eob_attachments", "file_type"): {"other": _FALLBACK, "unknown": _FALLBACK},
    ("int_patient_communications_base", "communication_hour"): {
        hour: _NIGHT for hour in (0, 1, 2, 3, 4, 5, 6, 20, 21, 22, 23)
    },
    ("int_recall_management", "interval_source"): {
        "recall_type": _COPIED_INTERVAL, "default": _FALLBACK,
    },
    ("int_recall_management", "recall_status"): {"due": _DUE_TODAY},
    ("dim_patient", "recall_status"): {"due": _DUE_TODAY},
    ("int_communication_templates", "template_channels"): {"none": _FALLBACK},
}  # fmt: skip
# The layers whose branches are rules of the practice's numbers.
_RULE_LAYERS = {"intermediate", "marts"}


def _accepted_values(manifest: dict[str, Any]) -> list[tuple[dict[str, Any], str, list[object]]]:
    """(model node, column, accepted values) for every accepted_values test on a model."""
    nodes = manifest["nodes"]
    found = []
    for test in nodes.values():
        meta = test.get("test_metadata") or {}
        attached = test.get("attached_node") or ""
        if meta.get("name") != "accepted_values" or not attached.startswith("model."):
            continue
        kwargs = meta["kwargs"]
        values = kwargs.get("values") or kwargs.get("arguments", {}).get("values")
        found.append((nodes[attached], kwargs["column_name"], list(values)))
    return found


def test_every_branch_a_model_handles_occurs_in_the_generated_practice(
    clean_build: tuple[BuiltSite, Path, dict[str, Any]],
) -> None:
    """Each claim status, plan type, adjustment class, payment kind, ... that a model's
    accepted_values test names has at least one row in the scale-1 practice."""
    _, warehouse, manifest = clean_build
    missing: dict[tuple[str, str], list[object]] = {}
    stale: list[tuple[str, str, object]] = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for node, column, values in _accepted_values(manifest):
            if node["schema"] not in _RULE_LAYERS:
                continue
            relation = f'"{node["schema"]}"."{node["alias"] or node["name"]}"'
            present = {
                str(v)
                for (v,) in con.execute(f"select distinct {column} from {relation}").fetchall()
            }
            exempt = NOT_GENERATED.get((node["name"], column), {})
            absent = [v for v in values if str(v) not in present and v not in exempt]
            if absent:
                missing[(node["name"], column)] = absent
            stale += [
                (node["name"], column, v)
                for v in exempt
                if str(v) in present and exempt[v] is not _NIGHT
            ]
    assert missing == {}, "branches no generated row reaches"
    assert stale == [], "listed as not generated, but generated"
