"""Column-level lineage: for every column of every model, the columns of the models, seeds and
source tables it is made from, and how (passed through, renamed, cast, computed, window function,
aggregated), plus the columns each model filters or joins its rows on.

Read from the compiled SQL of each model (the manifest's `compiled_code`, DuckDB or PostgreSQL
dialect, macros already expanded) and the warehouse's columns (dbt's catalog), with sqlglot: each
query is qualified once against the catalog (so `select *` expands to real columns), then every
output column is traced through its CTEs, subqueries and unions down to the tables the model reads.
One hop per model: a column's path to OpenDental is the chain of those hops, source by source.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import Scope, build_scope
from sqlglot.schema import MappingSchema

log = logging.getLogger(__name__)

# How a step treats a column, weakest first: along a chain of CTEs the strongest step names it.
PASSED, RENAMED, CAST, COMPUTED, WINDOW, AGGREGATED = range(6)
KINDS = ("passed through", "renamed", "cast", "computed", "window function", "aggregated")
# dbt adapter type -> sqlglot dialect
DIALECTS = {"duckdb": "duckdb", "postgres": "postgres", "spark": "spark"}
_LEAF_TYPES = {"model", "seed", "snapshot", "source"}


@dataclass(frozen=True, order=True)
class ColumnRef:
    """A column of a model, seed or source table, by the node's unique_id."""

    node: str
    column: str


@dataclass
class ModelLineage:
    """One model's hop: each output column's upstream columns with how it treats each, and the
    upstream columns the model filters or joins its rows on."""

    unique_id: str
    columns: dict[str, dict[ColumnRef, int]] = field(default_factory=dict)
    filters: set[ColumnRef] = field(default_factory=set)
    error: str | None = None  # why the SQL could not be read (the model then has no hop)


@dataclass
class ColumnLineage:
    """Every model's hop, in manifest order, and how long computing them took."""

    dialect: str
    models: dict[str, ModelLineage]
    seconds: float

    def upstream(self, ref: ColumnRef) -> dict[ColumnRef, int]:
        model = self.models.get(ref.node)
        return dict(model.columns.get(ref.column, {})) if model else {}

    def path_to_sources(self, ref: ColumnRef) -> dict[ColumnRef, dict[ColumnRef, int]]:
        """Every hop on the way from `ref` to the tables nothing is made from: column ->
        its upstream columns, for `ref` and everything upstream of it."""
        seen: dict[ColumnRef, dict[ColumnRef, int]] = {}
        todo = [ref]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen[current] = self.upstream(current)
            todo.extend(seen[current])
        return {k: v for k, v in seen.items() if v}

    def sources_of(self, ref: ColumnRef) -> set[ColumnRef]:
        """The columns at the start of `ref`'s path (source tables and seeds)."""
        path = self.path_to_sources(ref)
        return {up for ups in path.values() for up in ups if up not in path}


def dialect_of(manifest: dict[str, Any]) -> str:
    adapter = str((manifest.get("metadata") or {}).get("adapter_type") or "")
    if adapter not in DIALECTS:
        raise ValueError(f"no SQL dialect for the dbt adapter {adapter or '(none)'}")
    return DIALECTS[adapter]


def _relation_key(node: dict[str, Any]) -> tuple[str, str, str]:
    ident = node.get("alias") or node.get("identifier") or node.get("name") or ""
    return (
        str(node.get("database") or "").lower(),
        str(node.get("schema") or "").lower(),
        str(ident).lower(),
    )


def _leaf_nodes(manifest: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for section in ("nodes", "sources"):
        for node in (manifest.get(section) or {}).values():
            if node.get("resource_type") in _LEAF_TYPES:
                yield node


def compute(manifest: dict[str, Any], catalog: dict[str, Any]) -> ColumnLineage:
    """The lineage of every model of `manifest` with compiled SQL, read against `catalog`."""
    started = time.perf_counter()
    dialect = dialect_of(manifest)
    relations: dict[tuple[str, str, str], str] = {}
    schema_map: dict[str, Any] = {}
    cat_nodes = {**(catalog.get("nodes") or {}), **(catalog.get("sources") or {})}
    for node in _leaf_nodes(manifest):
        key = _relation_key(node)
        relations[key] = node["unique_id"]
        actual = (cat_nodes.get(node["unique_id"]) or {}).get("columns") or {}
        columns = {str(c["name"]).lower(): str(c.get("type") or "unknown") for c in actual.values()}
        if not columns:  # not in the warehouse (disabled, or not built): its YAML's columns
            columns = {str(name).lower(): "unknown" for name in node.get("columns") or {}}
        if columns:
            schema_map.setdefault(key[0], {}).setdefault(key[1], {})[key[2]] = columns
    schema = MappingSchema(schema_map, dialect=dialect)
    models: dict[str, ModelLineage] = {}
    for uid, node in (manifest.get("nodes") or {}).items():
        if node.get("resource_type") != "model" or not node.get("compiled_code"):
            continue
        models[uid] = model_lineage(uid, str(node["compiled_code"]), dialect, schema, relations)
    seconds = time.perf_counter() - started
    failed = [m.unique_id for m in models.values() if m.error]
    if failed:
        log.warning("column lineage: %d models could not be read: %s", len(failed), failed[:5])
    return ColumnLineage(dialect=dialect, models=models, seconds=seconds)


def model_lineage(
    unique_id: str,
    sql: str,
    dialect: str,
    schema: MappingSchema,
    relations: dict[tuple[str, str, str], str],
) -> ModelLineage:
    """One model's hop from its compiled SQL (see `ModelLineage`)."""
    result = ModelLineage(unique_id)
    try:
        tree = sqlglot.parse_one(sql, dialect=dialect)
        tree = qualify(
            tree,
            dialect=dialect,
            schema=schema,
            validate_qualify_columns=False,
            quote_identifiers=False,
            identify=False,
        )
        root = build_scope(tree)
    except (SqlglotError, RecursionError, ValueError, KeyError) as error:
        first = (str(error).strip().splitlines() or [""])[0]
        result.error = f"{type(error).__name__}: {first[:200]}"
        return result
    if root is None:
        result.error = "not a query"
        return result
    tracer = _Tracer(relations)
    for position, name in enumerate(_output_names(root)):
        leaves = tracer.trace(root, name, position)
        result.columns[name] = {
            ref: RENAMED if kind == PASSED and ref.column != name else kind
            for ref, kind in sorted(leaves.items())
        }
    for scope in root.traverse():
        for column in _filter_columns(scope.expression):
            result.filters.update(tracer.trace_column(scope, column))
    return result


def _output_names(scope: Scope) -> list[str]:
    query = scope.expression
    if isinstance(query, exp.SetOperation):
        return _output_names(scope.set_operation_scopes[0])
    if not isinstance(query, exp.Query):
        return []
    return [str(s.alias_or_name).lower() for s in query.selects]


def _filter_columns(query: exp.Expr) -> Iterator[exp.Column]:
    """The columns a query's WHERE, HAVING, QUALIFY and JOIN conditions read (not those of its
    subqueries: they are scopes of their own)."""
    clauses: list[exp.Expr | None] = [
        query.args.get("where"),
        query.args.get("having"),
        query.args.get("qualify"),
    ]
    for join in query.args.get("joins") or []:
        clauses.append(join.args.get("on"))
        clauses.extend(join.args.get("using") or [])
    for clause in clauses:
        if clause is None:
            continue
        for column in clause.find_all(exp.Column):
            if column.find_ancestor(exp.Select) is query:
                yield column


def _kind(expression: exp.Expr) -> int:
    """How one projection treats the columns it reads."""
    node = expression.unalias() if isinstance(expression, exp.Alias) else expression
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Column):
        return PASSED
    if isinstance(node, exp.Cast) and _kind(node.this) in (PASSED, CAST):
        return CAST
    if node.find(exp.Window) is not None:
        return WINDOW
    if node.find(exp.AggFunc) is not None:
        return AGGREGATED
    return COMPUTED


class _Tracer:
    """Traces columns of one query's scopes down to the tables it reads, memoised per scope."""

    def __init__(self, relations: dict[tuple[str, str, str], str]) -> None:
        self.relations = relations
        self.memo: dict[tuple[int, str, int], dict[ColumnRef, int]] = {}

    def trace(self, scope: Scope, name: str, position: int = -1) -> dict[ColumnRef, int]:
        """The table columns that make output column `name` of `scope`, each with the strongest
        step on the way."""
        key = (id(scope), name, position)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = {}  # a recursive CTE refers to itself: stop there
        result: dict[ColumnRef, int] = {}
        query = scope.expression
        if isinstance(query, exp.SetOperation):
            # Union branches line up by position; the first branch names the columns.
            if position < 0:
                names = _output_names(scope)
                position = names.index(name) if name in names else -1
            for branch in scope.set_operation_scopes:
                names = _output_names(branch)
                if 0 <= position < len(names):
                    _merge(result, self.trace(branch, names[position], position))
        elif isinstance(query, exp.Select):
            projection = self._projection(query, name, position)
            if projection is not None:
                kind = _kind(projection)
                for column in projection.find_all(exp.Column):
                    for ref, deeper in self.trace_column(scope, column).items():
                        _merge(result, {ref: max(kind, deeper)})
        self.memo[key] = result
        return result

    @staticmethod
    def _projection(query: exp.Select, name: str, position: int) -> exp.Expr | None:
        selects = query.selects
        for projection in selects:
            if str(projection.alias_or_name).lower() == name:
                return projection
        if 0 <= position < len(selects):
            return selects[position]
        return None

    def trace_column(self, scope: Scope, column: exp.Column) -> dict[ColumnRef, int]:
        """The table columns a column reference in `scope` reads."""
        name = str(column.name).lower()
        table = str(column.table).lower()
        source = self._source(scope, table)
        if source is None:
            return {}
        if isinstance(source, Scope):
            return self.trace(source, name)
        if isinstance(source, exp.Table):
            key = (
                str(source.catalog).lower(),
                str(source.db).lower(),
                str(source.name).lower(),
            )
            uid = self.relations.get(key)
            return {ColumnRef(uid, name): PASSED} if uid else {}
        return {}

    @staticmethod
    def _source(scope: Scope, table: str) -> Scope | exp.Expr | None:
        """What a column's table alias names in `scope` (or, for a correlated subquery, in the
        scopes around it); the one source when the column has no alias."""
        current: Scope | None = scope
        while current is not None:
            sources = current.selected_sources
            if table and table in sources:
                return sources[table][1]
            if not table and len(sources) == 1:
                return next(iter(sources.values()))[1]
            if table and table in current.sources:
                found: Scope | exp.Expr = current.sources[table]
                return found
            current = current.parent
        return None


def _merge(into: dict[ColumnRef, int], more: dict[ColumnRef, int]) -> None:
    for ref, kind in more.items():
        into[ref] = max(kind, into.get(ref, -1))


def columns_of_expression(sql: str, dialect: str) -> list[str]:
    """The column names a SQL expression (a metric's measure) reads, in order of appearance."""
    try:
        tree = sqlglot.parse_one(sql, dialect=dialect)
    except SqlglotError:
        return []
    return list(dict.fromkeys(str(c.name).lower() for c in tree.find_all(exp.Column)))


def used_by(lineage: ColumnLineage, refs: Iterable[ColumnRef]) -> set[ColumnRef]:
    """Every model column whose path reaches one of `refs` ("what breaks if these change")."""
    down: dict[ColumnRef, set[ColumnRef]] = {}
    for model in lineage.models.values():
        for name, ups in model.columns.items():
            for up in ups:
                down.setdefault(up, set()).add(ColumnRef(model.unique_id, name))
    seen: set[ColumnRef] = set()
    todo = list(refs)
    while todo:
        for child in down.get(todo.pop(), ()):
            if child not in seen:
                seen.add(child)
                todo.append(child)
    return seen
