"""The API over a built warehouse, on DuckDB and PostgreSQL: the numbers, the scoping, the keys and
sessions, the errors, CSV, and the lineage the exposures claim."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from tests.conftest import postgres_copy
from tests.integration.docs_site_build import AS_OF, built_site

from dental_analytics.api.catalog import load_catalog
from dental_analytics.api.store import AppStore
from dental_analytics.api.warehouse import Snapshot, Warehouse
from dental_analytics.dbt import project_dir
from dental_analytics.opendental import TABLES
from dental_analytics.serve import create_app
from dental_analytics.warehouse.fidelity import FAMILY_AGING_SQL, family_aging_params
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.url import Target, parse_target

ROUTES = (
    "/api/reports/dashboard",
    "/api/reports/revenue",
    "/api/reports/providers",
    "/api/patients",
    "/api/reports/ar",
)
PERIOD = {"start": "2026-01-01", "end": "2026-06-30"}
CENT = 0.005


@dataclass
class Api:
    client: TestClient
    target: Target
    key: str  # every clinic, scope reports
    clinic_key: str  # clinic 1 only
    clinic: int
    phi_key: str  # every clinic, scope phi: names and phone numbers in work lists

    def get(self, path: str, key: str | None = None, **params: Any) -> Any:
        response = self.client.get(path, params=params, headers=_bearer(key or self.key))
        assert response.status_code == 200, response.text
        return response.json()

    def marts(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with connect(self.target) as db:
            return db.fetchall(sql, params)


def _bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(
    scope="module", params=["duckdb", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    if request.param == "duckdb":
        built = built_site(tmp_path_factory.mktemp("docs_site"))
        folder = tmp_path_factory.mktemp("api")
        shutil.copyfile(built.warehouse, folder / "warehouse.duckdb")
        shutil.copyfile(built.warehouse.with_suffix(".app.sqlite"), folder / "warehouse.app.sqlite")
        target = parse_target(f"duckdb:///{folder / 'warehouse.duckdb'}")
        yield from _api(target, built.site, request.param)
        return
    url, _summary = request.getfixturevalue("built_postgres")
    # A copy of its own: these tests count the audit, which other workers' tests add to.
    with postgres_copy(url) as copy:
        yield from _api(parse_target(copy), tmp_path_factory.mktemp("no_site"), request.param)


def _api(target: Target, site: Path, engine: str) -> Iterator[Api]:
    store = AppStore(target)
    _, key = store.create_key(f"test-{engine}")
    _, clinic_key = store.create_key(f"test-{engine}-clinic-1", clinics=[1])
    _, phi_key = store.create_key(f"test-{engine}-phi", scope="phi")
    store.close()
    with TestClient(create_app(target, site, rate_limit_per_minute=0)) as client:
        yield Api(client, target, key, clinic_key, 1, phi_key)


def _table(report: dict[str, Any], name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = report["tables"][name]["rows"]
    return rows


# The numbers -------------------------------------------------------------------------------


def test_production_collections_and_ar_equal_the_marts_and_the_raw_layer(api: Api) -> None:
    revenue = api.get("/api/reports/revenue", **PERIOD, grain="year")
    [year] = _table(revenue, "trend")
    start, end = (dt.date.fromisoformat(PERIOD[k]) for k in ("start", "end"))
    [(production, collections)] = api.marts(
        "select sum(production_amount), sum(collections_amount)"
        " from marts.mart_production_summary where activity_date between %s and %s",
        (start, end),
    )
    assert year["gross_production"] == pytest.approx(float(production), abs=CENT)
    assert year["collections"] == pytest.approx(float(collections), abs=CENT)

    [(raw_production,)] = api.marts(
        """
        select sum(cast(p.procfee as decimal(15, 2)) * (p.unitqty + p.baseunits)
                   - coalesce(c.capitation, 0))
        from raw.procedurelog p
        left join (select procnum, sum(writeoff) as capitation from raw.claimproc
                   where status = 7 group by procnum) c on c.procnum = p.procnum
        where p.procstatus = 2 and p.procdate between %s and %s
        """,
        (start, end),
    )
    [(patient_income,)] = api.marts(
        "select sum(splitamt) from raw.paysplit"
        " where isdiscount = 0 and unearnedtype = 0 and datepay between %s and %s",
        (start, end),
    )
    [(insurance_income,)] = api.marts(
        "select sum(cp.inspayamt) from raw.claimproc cp join raw.claimpayment pay"
        " on pay.claimpaymentnum = cp.claimpaymentnum"
        " where cp.claimpaymentnum <> 0 and pay.checkdate between %s and %s",
        (start, end),
    )
    assert year["gross_production"] == pytest.approx(float(raw_production), abs=CENT)
    assert year["collections"] == pytest.approx(
        float(Decimal(patient_income) + Decimal(insurance_income)), abs=CENT
    )

    ar = api.get("/api/reports/ar")
    [buckets] = _table(ar, "buckets")
    [(_d0, d31, d61, over90)] = api.marts(
        f"select sum(d0), sum(d31), sum(d61), sum(over90) from ({FAMILY_AGING_SQL}) families"
        " where d0 + d31 + d61 + over90 > 0",
        tuple(family_aging_params(AS_OF)),
    )
    assert buckets["ar_31_60"] == pytest.approx(float(d31), abs=CENT)
    assert buckets["ar_61_90"] == pytest.approx(float(d61), abs=CENT)
    assert buckets["ar_over_90"] == pytest.approx(float(over90), abs=CENT)
    [(mart_balance,)] = api.marts(
        "select sum(balance) from marts.mart_ar_summary where snapshot_date = %s", (AS_OF,)
    )
    assert buckets["ar_balance"] == pytest.approx(float(mart_balance), abs=CENT)


def test_every_ratio_is_numerator_over_denominator_at_the_grain_asked(api: Api) -> None:
    """Each ratio the routes return, row by row, against its own numerator and denominator
    asked of the API at the same grain and grouping."""
    catalog = load_catalog(project_dir())
    ratios = [m for m in catalog.metrics.values() if m.is_ratio]
    assert len(ratios) >= 15
    seen = 0
    for path in ROUTES:
        report = api.get(path, start="2025-07-01", end=AS_OF.isoformat(), grain="quarter")
        for table in report["tables"].values():
            names = {c["name"] for c in table["columns"]}
            for ratio in (r for r in ratios if r.name in names):
                assert ratio.numerator is not None and ratio.denominator is not None
                for row in table["rows"]:
                    numerator = _metric_at(api, catalog, ratio.numerator, row, table, report)
                    denominator = _metric_at(api, catalog, ratio.denominator, row, table, report)
                    expected = numerator / denominator if denominator and denominator > 0 else None
                    if expected is None:
                        assert row[ratio.name] is None, (path, ratio.name, row)
                    else:
                        # The API's numerator and denominator are rounded (cents, hours to 0.01).
                        assert row[ratio.name] == pytest.approx(expected, rel=1e-4, abs=1e-4), (
                            path, ratio.name, row,
                        )  # fmt: skip
                    seen += 1
    assert seen > 50


def _metric_at(
    api: Api, catalog: Any, name: str, row: dict[str, Any], table: dict[str, Any], report: Any
) -> float | None:
    """A metric's value at the row's key, through the query layer (the same as the route)."""
    if name in row:
        return row[name]
    from dental_analytics.api import queries

    keys = [c["name"] for c in table["columns"] if c["unit"] in ("date", "id", "text")]
    group_by = tuple(k for k in keys if k != "period")
    query = queries.MetricQuery(
        metrics=(name,),
        start=dt.date.fromisoformat(table["start"]) if table["start"] else None,
        end=dt.date.fromisoformat(table["end"]) if table["end"] else None,
        grain=report["grain"] if "period" in keys else None,
        group_by=group_by,
    )
    warehouse = Warehouse(api.target)
    try:
        with warehouse.snapshot() as db:
            result = queries.run(db, catalog, query, queries.Scope(None))
    finally:
        warehouse.close()
    for other in result.rows:
        if all(other.get(k) == row.get(k) for k in keys):
            value = other[name]
            return float(value) if value is not None else None
    return None


def test_csv_equals_json_for_every_table(api: Api) -> None:
    for path in ROUTES:
        report = api.get(path, **PERIOD)
        for name, table in report["tables"].items():
            response = api.client.get(
                path, params={**PERIOD, "format": "csv", "table": name}, headers=_bearer(api.key)
            )
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/csv")
            lines = response.text.splitlines()
            columns = [c["name"] for c in table["columns"]]
            assert lines[0].split(",") == columns
            assert len(lines) == len(table["rows"]) + 1
            for line, row in zip(lines[1:], table["rows"], strict=True):
                expected = ["" if row[c] is None else str(row[c]).lower() if isinstance(row[c], bool) else str(row[c]) for c in columns]  # fmt: skip
                assert _csv_cells(line) == expected, (path, name)


def _csv_cells(line: str) -> list[str]:
    import csv

    return next(csv.reader([line]))


def test_every_response_names_its_build_and_as_of_date(api: Api) -> None:
    [(build_id, as_of)] = api.marts("select build_id, as_of_date from marts.mart_build")
    for path in ROUTES:
        report = api.get(path)
        assert report["build_id"] == str(build_id)
        assert report["as_of"] == str(as_of)[:10] == AS_OF.isoformat()
        assert report["end"] == AS_OF.isoformat() and report["start"] == "2026-11-01"


def test_health_needs_no_key_and_reports_the_build(api: Api) -> None:
    health = api.client.get("/api/health").json()
    assert health["status"] == "ok" and health["as_of"] == AS_OF.isoformat()
    assert health["last_build"]["status"] == "pass"
    assert health["last_build"]["freshness"] == {"pass": len(TABLES) + 1}  # and the load log
    assert health["build_id"] == health["last_build"]["build_id"]


def test_the_metric_catalog_lists_every_metric_with_its_definition(api: Api) -> None:
    catalog = api.get("/api/metrics")
    assert len(catalog) == len(load_catalog(project_dir()).metrics)
    for entry in catalog:
        assert entry["description"] and entry["label"] and entry["marts"]
    openapi = api.client.get("/api/openapi.json").json()
    by_name = {m["name"]: m for m in catalog}
    for path in ROUTES:
        described = openapi["paths"][path.removeprefix("/api")]["get"]["description"]
        report = api.get(path)
        for table in report["tables"].values():
            for column in table["columns"]:
                if column["name"] in by_name:  # the route's columns, defined in its description
                    assert by_name[column["name"]]["description"] in described, column["name"]


# Scoping ----------------------------------------------------------------------------------------


def test_a_clinic_key_sees_only_its_clinic_in_every_route(api: Api) -> None:
    """Each table of each route for a key limited to clinic 1 equals the same table asked for
    clinic 1 by an unlimited key; practice-wide metrics are withheld, never shown whole."""
    for path in ROUTES:
        scoped = api.get(path, key=api.clinic_key, **PERIOD)
        explicit = api.get(path, **PERIOD, clinic_id=api.clinic)
        everything = api.get(path, **PERIOD)
        for name, table in scoped["tables"].items():
            shown = {c["name"] for c in table["columns"]}
            assert table["rows"] == [
                {k: v for k, v in row.items() if k in shown}
                for row in explicit["tables"][name]["rows"]
            ], (path, name)
            for metric in table["unavailable"]:
                assert all(metric not in row for row in table["rows"])
                assert metric in {c["name"] for c in everything["tables"][name]["columns"]} or (
                    metric in everything["tables"][name]["unavailable"]
                )
    practice = api.get("/api/reports/revenue", **PERIOD, grain="year")
    clinic = api.get("/api/reports/revenue", key=api.clinic_key, **PERIOD, grain="year")
    assert (
        _table(clinic, "trend")[0]["gross_production"]
        < _table(practice, "trend")[0]["gross_production"]
    )
    assert "revenue_lost" in clinic["tables"]["lost_revenue"]["unavailable"]
    clinics = api.get("/api/clinics", key=api.clinic_key)
    assert [c["clinic_id"] for c in clinics["clinics"]] == [1]
    assert clinics["build_id"] == scoped["build_id"]
    providers = api.get("/api/providers", key=api.clinic_key)["providers"]
    assert 0 < len(providers) < len(api.get("/api/providers")["providers"])
    response = api.client.get(
        "/api/reports/dashboard", params={"clinic_id": 2}, headers=_bearer(api.clinic_key)
    )
    assert response.status_code == 403 and response.json()["parameter"] == "clinic_id"


# Keys and sessions ------------------------------------------------------------------------------


def test_key_lifecycle_create_use_expire_revoke(api: Api) -> None:
    store = AppStore(api.target)
    try:
        _, key = store.create_key(f"lifecycle-{id(api)}", expires_on=dt.date.today())
        assert api.client.get("/api/metrics", headers=_bearer(key)).status_code == 200
        tomorrow = dt.date.today() + dt.timedelta(days=1)
        assert store.check_key(key, today=tomorrow) is None  # past its last day
        record = store.revoke_key(key.split(".")[0])
        assert record.revoked_at
        response = api.client.get("/api/metrics", headers=_bearer(key))
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
        prefix, _, secret = key.partition(".")
        assert store.check_key(f"{prefix}.{secret[:-1]}x") is None
    finally:
        store.close()
    for headers in ({}, _bearer("dk_000000000000.nope"), _bearer("garbage")):
        assert api.client.get("/api/reports/ar", headers=headers).status_code == 401


def test_sessions_sign_in_check_origin_and_sign_out(api: Api) -> None:
    store = AppStore(api.target)
    name = f"office-{id(api)}"
    try:
        store.create_user(name, "correct horse", clinics=[api.clinic])
    finally:
        store.close()
    client = api.client
    origin = {"Origin": "http://testserver"}
    body = {"name": name, "password": "correct horse"}
    assert client.post("/api/session", json=body).status_code == 403  # no Origin
    assert (
        client.post("/api/session", json=body, headers={"Origin": "http://evil.example"})
    ).status_code == 403
    wrong = client.post("/api/session", json={**body, "password": "wrong"}, headers=origin)
    assert wrong.status_code == 401
    response = client.post("/api/session", json=body, headers=origin)
    assert response.status_code == 204
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    me = client.get("/api/session").json()
    assert me == {"kind": "session", "name": name, "scope": "reports", "clinics": [api.clinic]}
    assert client.get("/api/reports/dashboard").status_code == 200
    assert client.delete("/api/session").status_code == 403  # sign-out checks Origin too
    assert client.delete("/api/session", headers=origin).status_code == 204
    client.cookies.clear()
    assert client.get("/api/reports/dashboard").status_code == 401


def test_a_one_time_link_signs_in_once_from_this_servers_pages(api: Api) -> None:
    store = AppStore(api.target)
    name = f"linked-{id(api)}"
    try:
        store.create_user(name, "unused", scope="phi")
        token = store.create_signin_link(name)
    finally:
        store.close()
    client = api.client
    origin = {"Origin": "http://testserver"}
    assert client.post("/api/session/link", json={"link": token}).status_code == 403
    assert (
        client.post("/api/session/link", json={"link": "x" * 43}, headers=origin).status_code == 401
    )
    response = client.post("/api/session/link", json={"link": token}, headers=origin)
    assert response.status_code == 204 and "HttpOnly" in response.headers["set-cookie"]
    assert client.get("/api/session").json()["name"] == name
    client.cookies.clear()
    again = client.post("/api/session/link", json={"link": token}, headers=origin)
    assert again.status_code == 401 and "used" in again.json()["error"]


# Errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "status", "parameter"),
    [
        ({"grain": "decade"}, 422, "grain"),
        ({"start": "yesterday"}, 422, "start"),
        ({"start": "2026-07-01", "end": "2026-06-01"}, 422, "start"),
        ({"end": "0001-01-01"}, 422, "end"),
        ({"format": "xml"}, 422, "format"),
        ({"clinic_id": "one"}, 422, "clinic_id"),
        ({"format": "csv", "table": "nope"}, 422, "table"),
        ({"clinic_id": 999}, 404, "clinic_id"),
        ({"provider_id": 999}, 404, "provider_id"),
    ],
)
def test_a_bad_parameter_is_named(
    api: Api, params: dict[str, Any], status: int, parameter: str
) -> None:
    response = api.client.get("/api/reports/dashboard", params=params, headers=_bearer(api.key))
    assert response.status_code == status, response.text
    body = response.json()
    assert body["parameter"] == parameter and parameter in body["error"]
    assert "select" not in body["error"].lower() and "Traceback" not in body["error"]


def test_an_unbuilt_warehouse_is_503_and_health_says_so(tmp_path: Path) -> None:
    target = parse_target(f"duckdb:///{tmp_path / 'nothing.duckdb'}")
    store = AppStore(target)
    _, key = store.create_key("early")
    store.close()
    with TestClient(create_app(target, tmp_path)) as client:
        response = client.get("/api/reports/dashboard", headers=_bearer(key))
        assert response.status_code == 503
        assert "dental build" in response.json()["error"]
        assert client.get("/api/health").json()["status"] == "not_built"
        assert client.get("/docs/").status_code == 404  # no site: says to run dental docs


def test_security_headers_no_cors_and_a_rate_limit(api: Api, tmp_path: Path) -> None:
    response = api.client.get(
        "/api/reports/ar", headers={**_bearer(api.key), "Origin": "http://elsewhere.example"}
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "access-control-allow-origin" not in response.headers
    with TestClient(create_app(api.target, tmp_path, rate_limit_per_minute=60)) as client:
        statuses = [
            client.get("/api/metrics", headers=_bearer(api.key)).status_code for _ in range(40)
        ]
    assert statuses[:20] == [200] * 20 and 429 in statuses


def test_openapi_docs_load_nothing_from_another_host(api: Api) -> None:
    page = api.client.get("/api/docs")
    assert page.status_code == 200
    urls = re.findall(r"""(?:src|href|url)\s*[=:]\s*['"]([^'"]+)['"]""", page.text)
    assert urls
    for url in urls:
        assert url.startswith("/"), url
        assert api.client.get(url).status_code == 200, url


# Lineage ----------------------------------------------------------------------------------------


def test_each_api_exposure_lists_exactly_the_marts_its_route_reads(api: Api) -> None:
    exposures = yaml.safe_load((project_dir() / "models" / "marts" / "exposures.yml").read_text())[
        "exposures"
    ]
    api_exposures = [e for e in exposures if e["name"].startswith("api_")]
    reference = ("/api/clinics", "/api/providers", "/api/health")
    worklists = tuple(f"/api/worklists/{name}" for name in WORKLISTS)
    for paths in [(path,) for path in ROUTES] + [reference, worklists]:
        [exposure] = [
            e for e in api_exposures if paths[0] in re.findall(r"/api/[\w/]+", e["label"])
        ]
        declared = {re.sub(r"ref\('(\w+)'\)", r"\1", d) for d in exposure["depends_on"]}
        read = set().union(*(_marts_read(api, path) for path in paths))
        assert read == declared, (paths, sorted(read ^ declared))


def _marts_read(api: Api, path: str) -> set[str]:
    """The relations a route's SQL reads, from the statements the warehouse ran for it: asked
    once for everything and once for a clinic and a provider (which checks the ids)."""
    context = api.client.app.state.api_context  # type: ignore[attr-defined]
    context.cache.clear()  # every route answered from the warehouse, not from earlier requests
    statements: list[str] = []
    original, original_build = Snapshot.fetch, Snapshot.build_info

    def recording(self: Snapshot, sql: str, params: Any = ()) -> Any:
        statements.append(sql)
        return original(self, sql, params)

    def recording_build(self: Snapshot) -> Any:
        # On DuckDB the build is read once per version of the file, not per request.
        statements.append("select * from marts.mart_build")
        return original_build(self)

    monkey = pytest.MonkeyPatch()
    monkey.setattr(Snapshot, "fetch", recording)
    monkey.setattr(Snapshot, "build_info", recording_build)
    try:
        if path == "/api/health":
            api.client.get(path)
        elif path.startswith("/api/worklists/"):
            api.get(path, key=api.phi_key, clinic_id=api.clinic)
            if path.endswith(("unscheduled-treatment", "outstanding-claims")):  # by provider
                api.get(path, provider_id=1)
        else:
            api.get(path, **PERIOD)
            api.get(path, key=api.clinic_key, **PERIOD)
            api.get(path, **PERIOD, clinic_id=api.clinic, provider_id=1)
    finally:
        monkey.undo()
    relations = {
        m.group(1) + "." + m.group(2)
        for sql in statements
        for m in re.finditer(r"\b(?:from|join)\s+(\w+)\.(\w+)", sql)
    }
    assert relations and all(r.startswith("marts.") for r in relations), relations
    return {r.removeprefix("marts.") for r in relations}


@pytest.mark.postgres
def test_postgres_marts_are_indexed_on_the_api_dates_and_vacuumed(
    built_postgres: tuple[str, Any],
) -> None:
    """The dates every API query filters by are indexed on PostgreSQL, and the build leaves the
    marts vacuumed and analyzed (index-only scans and real statistics from the first request)."""
    target = parse_target(built_postgres[0])
    with connect(target) as db:
        indexed = db.fetchall(
            "select t.relname, a.attname from pg_index i"
            " join pg_class t on t.oid = i.indrelid"
            " join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'marts'"
            " join pg_attribute a on a.attrelid = t.oid and a.attnum = any(i.indkey)"
        )
        never_vacuumed = db.fetchall(
            "select relname from pg_stat_user_tables where schemaname = 'marts'"
            " and last_vacuum is null and last_autovacuum is null"
        )
    assert set(indexed) >= {
        ("mart_ar_summary", "snapshot_date"),
        ("mart_production_summary", "activity_date"),
        ("mart_appointment_summary", "calendar_date"),
        ("fact_procedure", "procedure_date"),
        ("dim_patient", "first_completed_procedure_date"),
    }
    assert never_vacuumed == []


# Work lists ---------------------------------------------------------------------------------------

WORKLISTS = {
    # name: (the SQL that counts the list, its rows' key)
    "collections": (
        "select count(*) from marts.mart_ar_summary where is_as_of_date"
        " and collection_priority in ('high', 'medium', 'low')",
        "guarantor_id",
    ),
    "unscheduled-treatment": (
        "select count(*) from (select distinct patient_id, clinic_id"
        " from marts.fact_unscheduled_treatment"
        " where is_diagnosed_treatment and fee_amount > 0) as listed",
        "patient_id",
    ),
    "recall-overdue": (
        "select count(*) from marts.dim_patient where recall_status = 'overdue'"
        " and patient_status = 'patient'",
        "patient_id",
    ),
    "outstanding-claims": (
        "select count(*) from marts.fact_claim where is_outstanding",
        "claim_id",
    ),
}
CONTACTS = {"patient_name", "preferred_phone", "mobile_phone", "is_do_not_call"}


def _audit_count(api: Api) -> int:
    store = AppStore(api.target)
    try:
        return len(store.audit_rows())
    finally:
        store.close()


@pytest.mark.parametrize("name", list(WORKLISTS))
def test_a_worklist_gives_ids_to_reports_callers_and_contacts_to_phi_callers(
    api: Api, name: str
) -> None:
    count_sql, key = WORKLISTS[name]
    [(expected,)] = api.marts(count_sql)
    assert expected > 0
    plain = api.get(f"/api/worklists/{name}", page_size=100)
    phi = api.get(f"/api/worklists/{name}", key=api.phi_key, page_size=100)
    assert plain["total"] == phi["total"] == expected
    assert not plain["contacts"] and phi["contacts"]
    assert not CONTACTS & {c["name"] for c in plain["columns"]}
    assert all(not CONTACTS & set(row) for row in plain["rows"])
    assert [r[key] for r in plain["rows"]] == [r[key] for r in phi["rows"]]
    assert all(row["patient_name"] for row in phi["rows"])
    assert any(row["preferred_phone"] for row in phi["rows"])
    response = api.client.get(f"/api/worklists/{name}", headers=_bearer(api.phi_key))
    assert response.headers["cache-control"] == "no-store"


def test_every_worklist_request_is_audited_before_it_answers_without_its_data(api: Api) -> None:
    before = _audit_count(api)
    page = api.get("/api/worklists/collections", key=api.phi_key, page_size=7, clinic_id=1)
    api.get("/api/worklists/recall-overdue", page_size=3)
    response = api.client.get(
        "/api/worklists/outstanding-claims", params={"format": "csv"}, headers=_bearer(api.key)
    )
    assert response.status_code == 200
    store = AppStore(api.target)
    try:
        rows = store.audit_rows()[before:]
    finally:
        store.close()
    assert [r.route for r in rows] == [
        "/api/worklists/collections", "/api/worklists/recall-overdue",
        "/api/worklists/outstanding-claims",
    ]  # fmt: skip
    first = rows[0]
    assert (first.caller, first.scope, first.row_count) == (
        f"test-{'duckdb' if api.target.kind == 'duckdb' else 'postgres'}-phi", "phi", 7,
    )  # fmt: skip
    assert '"clinic_id": [1]' in first.parameters and '"contacts": true' in first.parameters
    names = {row["patient_name"] for row in page["rows"]}
    recorded = " ".join(f"{r.parameters} {r.caller}" for r in rows)
    assert not any(n in recorded for n in names)


def test_worklist_pages_are_stable_and_csv_equals_json(api: Api) -> None:
    whole = api.get("/api/worklists/unscheduled-treatment", page_size=20)
    first = api.get("/api/worklists/unscheduled-treatment", page_size=10)
    second = api.get("/api/worklists/unscheduled-treatment", page_size=10, page=2)
    assert first["rows"] + second["rows"] == whole["rows"]
    assert first["total"] == second["total"] == whole["total"]
    far = api.get("/api/worklists/unscheduled-treatment", page=100_000)
    assert far["rows"] == [] and far["total"] == whole["total"]
    response = api.client.get(
        "/api/worklists/unscheduled-treatment",
        params={"page_size": 20, "format": "csv"},
        headers=_bearer(api.key),
    )
    lines = response.text.splitlines()
    columns = [c["name"] for c in whole["columns"]]
    assert lines[0].split(",") == columns
    for line, row in zip(lines[1:], whole["rows"], strict=True):
        assert _csv_cells(line) == ["" if row[c] is None else str(row[c]) for c in columns]


def test_a_clinic_key_works_only_its_clinics_list(api: Api) -> None:
    for name in WORKLISTS:
        scoped = api.get(f"/api/worklists/{name}", key=api.clinic_key, page_size=500)
        explicit = api.get(f"/api/worklists/{name}", clinic_id=api.clinic, page_size=500)
        assert scoped["rows"] == explicit["rows"] and scoped["total"] == explicit["total"]
        assert {row["clinic_id"] for row in scoped["rows"]} == {api.clinic}
    response = api.client.get(
        "/api/worklists/collections", params={"clinic_id": 2}, headers=_bearer(api.clinic_key)
    )
    assert response.status_code == 403
    wrong = api.client.get(
        "/api/worklists/recall-overdue", params={"provider_id": 1}, headers=_bearer(api.key)
    )
    assert wrong.status_code == 422 and wrong.json()["parameter"] == "provider_id"


# Caching --------------------------------------------------------------------------------------


def test_a_report_is_cached_with_an_etag_and_a_304_for_a_caller_that_holds_it(api: Api) -> None:
    cache = api.client.app.state.api_context.cache  # type: ignore[attr-defined]
    cache.clear()
    first = api.client.get("/api/reports/ar", params=PERIOD, headers=_bearer(api.key))
    hits = cache.hits
    again = api.client.get("/api/reports/ar", params=PERIOD, headers=_bearer(api.key))
    assert first.status_code == again.status_code == 200
    assert cache.hits == hits + 1 and again.content == first.content
    assert first.headers["cache-control"] == "private, no-cache"
    tag = first.headers["etag"]
    assert again.headers["etag"] == tag
    held = api.client.get(
        "/api/reports/ar", params=PERIOD, headers={**_bearer(api.key), "If-None-Match": tag}
    )
    assert held.status_code == 304 and held.content == b"" and held.headers["etag"] == tag
    # Defaults filled in are the same answer: the end defaults to the as-of date.
    explicit = api.client.get(
        "/api/reports/ar",
        params={"start": PERIOD["start"], "end": first.json()["as_of"]},
        headers=_bearer(api.key),
    )
    implicit = api.client.get(
        "/api/reports/ar", params={"start": PERIOD["start"]}, headers=_bearer(api.key)
    )
    assert explicit.headers["etag"] == implicit.headers["etag"]
    csv = api.client.get(
        "/api/reports/ar", params={**PERIOD, "format": "csv"}, headers=_bearer(api.key)
    )
    assert csv.headers["etag"] != tag and csv.headers["content-type"].startswith("text/csv")


def test_the_callers_clinics_and_scope_are_part_of_the_cache_key(api: Api) -> None:
    cache = api.client.app.state.api_context.cache  # type: ignore[attr-defined]
    cache.clear()
    hits = cache.hits
    answers = {
        name: api.client.get("/api/reports/dashboard", params=PERIOD, headers=_bearer(key))
        for name, key in (("phi", api.phi_key), ("reports", api.key), ("clinic", api.clinic_key))
    }
    assert cache.hits == hits  # three callers, three answers made
    assert len({a.headers["etag"] for a in answers.values()}) == 3
    assert answers["clinic"].json()["tables"] != answers["reports"].json()["tables"]
    for name, key in (("phi", api.phi_key), ("reports", api.key), ("clinic", api.clinic_key)):
        again = api.client.get("/api/reports/dashboard", params=PERIOD, headers=_bearer(key))
        assert again.content == answers[name].content
    assert cache.hits == hits + 3


def test_work_lists_are_never_cached_and_every_request_is_audited(api: Api) -> None:
    cache = api.client.app.state.api_context.cache  # type: ignore[attr-defined]
    before, hits = _audit_count(api), cache.hits
    for _ in range(3):
        response = api.client.get(
            "/api/worklists/collections", params={"page_size": 5}, headers=_bearer(api.phi_key)
        )
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store" and "etag" not in response.headers
    assert _audit_count(api) == before + 3 and cache.hits == hits
