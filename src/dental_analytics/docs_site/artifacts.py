"""dbt's artifacts read into what the site shows: nodes by layer, test results, freshness, coverage.

Reads `manifest.json` and `catalog.json` (from `dbt docs generate`), `build_run_results.json`
(the copy `dental build` keeps of `dbt build`'s results) and `sources.json` (from `dbt source
freshness`). Nothing here reads row data: test results carry counts, never failing rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dental_analytics.dbt import BUILD_AS_OF, read_json

# Layers in the order the site lists them (and the lineage pictures draw them, left to right).
LAYERS = ("source", "seed", "staging", "intermediate", "marts", "exposure")
MODEL_LAYERS = ("staging", "intermediate", "marts")


def layer_rank(layer: str) -> int:
    """A layer's place in `LAYERS` (unknown layers last), for sorting."""
    return LAYERS.index(layer) if layer in LAYERS else len(LAYERS)


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    data_type: str | None
    tested: bool


@dataclass(frozen=True)
class Node:
    """A model, source table, seed or exposure."""

    unique_id: str
    name: str
    resource_type: str  # model, source, seed, exposure
    layer: str
    description: str
    path: str
    materialized: str
    depends_on: tuple[str, ...]
    columns: tuple[Column, ...] = ()
    test_count: int = 0
    has_primary_key_test: bool = False
    access: str = ""  # a model's dbt access: public, protected or private
    group: str = ""  # the dbt group that owns it, if any

    @property
    def label(self) -> str:
        """The name a reader knows it by: `opendental.patient` for a source table."""
        if self.resource_type == "source":
            return ".".join(self.unique_id.split(".")[2:])
        return self.name

    @property
    def docs_anchor(self) -> str:
        """The dbt docs page of the node, as a fragment of its single-page app."""
        return f"#!/{self.resource_type}/{self.unique_id}"

    @property
    def undocumented_columns(self) -> list[str]:
        return [c.name for c in self.columns if not c.description.strip()]

    @property
    def untested_columns(self) -> list[str]:
        return [c.name for c in self.columns if not c.tested]


@dataclass(frozen=True)
class TestResult:
    unique_id: str
    name: str
    test_type: str  # unique, not_null, relationships, ..., singular, unit
    model: str  # label of the node it is attached to
    model_id: str
    column: str | None
    layer: str
    severity: str
    status: str  # pass, warn, fail, error, skipped
    failures: int | None
    seconds: float
    message: str
    description: str = ""  # what the test's rows mean for the numbers, when it says
    rule: str | None = None  # the OpenDental rule an opendental_rule test checks
    fix: str = ""  # where to fix its rows in OpenDental (the test's meta.fix)

    @property
    def in_docs_page(self) -> bool:
        """Whether the dbt docs page has the test: unit and singular tests are left out of its
        manifest (`build.slim_manifest`), so the test page is where they are shown."""
        return self.test_type not in ("unit", "singular")


@dataclass(frozen=True)
class Freshness:
    source: str  # source name
    table: str
    unique_id: str
    status: str  # pass, warn, error, runtime error
    max_loaded_at: str | None
    snapshotted_at: str | None
    age_seconds: float | None
    warn_after: str
    error_after: str
    loaded_at_field: str  # the column freshness reads, or "" when a query gives the time
    loaded_at_query: str = ""  # the SQL that gives the last load's time, one line


@dataclass(frozen=True)
class Group:
    """A dbt group: who answers for the models in it."""

    name: str
    owner: str  # the owner's name, else e-mail
    description: str


@dataclass
class Project:
    """Everything the site draws, read from one build's artifacts."""

    name: str
    dbt_version: str
    generated_at: str
    as_of: str | None
    nodes: dict[str, Node]
    tests: list[TestResult]
    freshness: list[Freshness]
    model_status: dict[str, int] = field(default_factory=dict)  # status -> models
    overview: str = ""  # the Markdown of the project's __overview__ docs block
    groups: dict[str, Group] = field(default_factory=dict)

    def by_layer(self, layer: str) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.layer == layer), key=lambda n: n.label)

    def layers(self) -> list[str]:
        present = {n.layer for n in self.nodes.values()}
        return [layer for layer in LAYERS if layer in present]

    @property
    def rule_tests(self) -> list[TestResult]:
        """The tests of OpenDental's own rules, those that found rows first."""
        rules = [t for t in self.tests if t.rule]
        return sorted(rules, key=lambda t: (-(t.failures or 0), t.rule or ""))

    def test_totals(self) -> dict[str, int]:
        totals = dict.fromkeys(("pass", "warn", "fail", "error", "skipped"), 0)
        for test in self.tests:
            totals[test.status] = totals.get(test.status, 0) + 1
        return totals

    def freshness_totals(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for item in self.freshness:
            totals[item.status] = totals.get(item.status, 0) + 1
        return totals


def _layer(node: dict[str, Any]) -> str:
    kind = str(node.get("resource_type", ""))
    if kind == "model":
        fqn = node.get("fqn") or []
        folder = fqn[1] if len(fqn) > 2 else ""
        return folder if folder in MODEL_LAYERS else "other"
    return kind


def _window(criteria: dict[str, Any] | None, key: str) -> str:
    rule = (criteria or {}).get(key) or {}
    if not rule.get("count") or not rule.get("period"):
        return ""
    return f"{rule['count']} {rule['period']}{'s' if rule['count'] != 1 else ''}"


def load_project(target: Path) -> Project:
    """Read the artifacts in dbt's target directory `target` (after `dental build` and
    `dbt docs generate`)."""
    manifest = read_json(
        target / "manifest.json", "run `dental build` and then `dental docs` to create it"
    )
    results = read_json(
        target / "build_run_results.json", "run `dental build` first (it keeps dbt build's results)"
    )
    sources = read_json(
        target / "sources.json", "run `dental build` first (it runs dbt source freshness)"
    )
    catalog_path = target / "catalog.json"
    catalog = read_json(catalog_path, "dbt docs generate") if catalog_path.is_file() else {}
    as_of_path = target / BUILD_AS_OF
    as_of = (
        read_json(as_of_path, "dental build").get("as_of_date") if as_of_path.is_file() else None
    )
    return project_from_artifacts(manifest, results, sources, catalog, as_of=as_of)


def project_from_artifacts(
    manifest: dict[str, Any],
    results: dict[str, Any],
    sources: dict[str, Any],
    catalog: dict[str, Any],
    *,
    as_of: str | None = None,
) -> Project:
    """The site's view of one build, from the four artifacts as parsed JSON and the as-of date
    the build was for."""
    raw_nodes: dict[str, dict[str, Any]] = {}
    for section in ("nodes", "sources", "exposures"):
        for uid, node in (manifest.get(section) or {}).items():
            if node.get("resource_type") in {"model", "source", "seed", "exposure"}:
                raw_nodes[uid] = node
    tests_raw = {
        uid: node
        for uid, node in (manifest.get("nodes") or {}).items()
        if node.get("resource_type") == "test"
    }
    tests_raw.update(manifest.get("unit_tests") or {})

    # What each node's tests cover: the node, and which of its columns.
    tested_columns: dict[str, set[str]] = {}
    test_counts: dict[str, int] = {}
    keyed: set[str] = set()
    for test in tests_raw.values():
        attached = _attached(test)
        if attached is None:
            continue
        test_counts[attached] = test_counts.get(attached, 0) + 1
        column = test.get("column_name")
        if column:
            tested_columns.setdefault(attached, set()).add(str(column).lower())
        kind = (test.get("test_metadata") or {}).get("name")
        if kind in {"primary_key", "unique", "unique_combination", "unique_combination_of_columns"}:
            keyed.add(attached)

    cat_nodes = {**(catalog.get("nodes") or {}), **(catalog.get("sources") or {})}
    nodes: dict[str, Node] = {}
    for uid, node in raw_nodes.items():
        documented = {str(name).lower(): col for name, col in (node.get("columns") or {}).items()}
        actual = cat_nodes.get(uid, {}).get("columns") or {}
        names = [str(c["name"]).lower() for c in sorted(actual.values(), key=lambda c: c["index"])]
        names += [name for name in documented if name not in names and not actual]
        columns = tuple(
            Column(
                name=name,
                description=str((documented.get(name) or {}).get("description") or ""),
                data_type=(actual.get(name) or actual.get(name.upper()) or {}).get("type")
                or (documented.get(name) or {}).get("data_type"),
                tested=name in tested_columns.get(uid, set()),
            )
            for name in names
        )
        nodes[uid] = Node(
            unique_id=uid,
            name=str(node.get("name", uid)),
            resource_type=str(node["resource_type"]),
            layer=_layer(node),
            description=str(node.get("description") or ""),
            path=str(node.get("original_file_path") or ""),
            materialized=str((node.get("config") or {}).get("materialized") or ""),
            depends_on=tuple((node.get("depends_on") or {}).get("nodes") or ()),
            columns=columns,
            test_count=test_counts.get(uid, 0),
            has_primary_key_test=uid in keyed,
            access=str(node.get("access") or "") if node.get("resource_type") == "model" else "",
            group=str(node.get("group") or (node.get("config") or {}).get("group") or ""),
        )

    tests: list[TestResult] = []
    model_status: dict[str, int] = {}
    for result in results.get("results") or []:
        uid = str(result.get("unique_id", ""))
        status = str(result.get("status", ""))
        if uid in raw_nodes and raw_nodes[uid].get("resource_type") == "model":
            model_status[status] = model_status.get(status, 0) + 1
        test = tests_raw.get(uid)
        if test is None:
            continue
        attached = _attached(test)
        parent = nodes.get(attached) if attached else None
        kind = (test.get("test_metadata") or {}).get("name") or (
            "unit" if test.get("resource_type") == "unit_test" else "singular"
        )
        failures = result.get("failures")
        tests.append(
            TestResult(
                unique_id=uid,
                name=str(test.get("name", uid)),
                test_type=str(kind),
                model=parent.label if parent else (attached or ""),
                model_id=attached or "",
                column=test.get("column_name"),
                layer=parent.layer if parent else "other",
                severity=str((test.get("config") or {}).get("severity") or "error").lower(),
                status=status,
                failures=int(failures) if isinstance(failures, int | float) else None,
                seconds=float(result.get("execution_time") or 0.0),
                message=_first_line(result.get("message")) if status != "pass" else "",
                description=" ".join(str(test.get("description") or "").split()),
                rule=((test.get("test_metadata") or {}).get("kwargs") or {}).get("rule"),
                fix=str(((test.get("config") or {}).get("meta") or {}).get("fix") or ""),
            )
        )
    tests.sort(key=lambda t: (t.layer, t.model, t.column or "", t.name))

    freshness: list[Freshness] = []
    for item in sources.get("results") or []:
        uid = str(item.get("unique_id", ""))
        source = (manifest.get("sources") or {}).get(uid, {})
        criteria = item.get("criteria") or source.get("freshness")
        freshness.append(
            Freshness(
                source=str(source.get("source_name") or uid.split(".")[-2]),
                table=str(source.get("name") or uid.split(".")[-1]),
                unique_id=uid,
                status=str(item.get("status", "")),
                max_loaded_at=item.get("max_loaded_at"),
                snapshotted_at=item.get("snapshotted_at"),
                age_seconds=item.get("max_loaded_at_time_ago_in_s"),
                warn_after=_window(criteria, "warn_after"),
                error_after=_window(criteria, "error_after"),
                loaded_at_field=str(source.get("loaded_at_field") or ""),
                loaded_at_query=" ".join(str(source.get("loaded_at_query") or "").split()),
            )
        )
    freshness.sort(key=lambda f: (f.source, f.table))

    meta = manifest.get("metadata") or {}
    # The date `dental build` recorded, or the var of a build run with one.
    as_of = as_of or ((results.get("args") or {}).get("vars") or {}).get("as_of_date")
    return Project(
        name=str(meta.get("project_name") or "dbt project"),
        dbt_version=str(meta.get("dbt_version") or ""),
        generated_at=str((results.get("metadata") or {}).get("generated_at") or ""),
        as_of=str(as_of) if as_of else None,
        nodes=nodes,
        tests=tests,
        freshness=freshness,
        model_status=model_status,
        overview=_overview(manifest, str(meta.get("project_name") or "")),
        groups={
            str(g["name"]): Group(
                name=str(g["name"]),
                owner=str(
                    (g.get("owner") or {}).get("name") or (g.get("owner") or {}).get("email") or ""
                ),
                description=" ".join(str(g.get("description") or "").split()),
            )
            for g in (manifest.get("groups") or {}).values()
        },
    )


def _overview(manifest: dict[str, Any], project_name: str) -> str:
    docs = manifest.get("docs") or {}
    block: dict[str, Any] = docs.get(f"doc.{project_name}.__overview__") or next(
        (
            d
            for d in docs.values()
            if d.get("name") == "__overview__" and d.get("package_name") != "dbt"
        ),
        {},
    )
    return str(block.get("block_contents") or "")


def _attached(test: dict[str, Any]) -> str | None:
    """The model, source or seed a test guards: its attached node, else its first parent."""
    if test.get("resource_type") == "unit_test":
        model = test.get("model")
        deps = (test.get("depends_on") or {}).get("nodes") or []
        named = [d for d in deps if d.split(".")[-1] == model]
        return named[0] if named else (deps[0] if deps else None)
    attached = test.get("attached_node")
    if attached:
        return str(attached)
    deps = (test.get("depends_on") or {}).get("nodes") or []
    return str(deps[0]) if deps else None


def _first_line(value: object) -> str:
    text = str(value or "").strip()
    return text.splitlines()[0][:300] if text else ""
