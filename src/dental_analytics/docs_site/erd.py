"""Entity-relationship diagrams, drawn with Graphviz from what the project already states once:

- the marts as star schemas: each fact (and summary mart) and the dimensions its `relationships`
  tests point to, key columns from its `primary_key` / `unique` tests;
- the OpenDental tables the project reads, grouped by domain (the source file each is declared in,
  `_sources/<domain>_sources.yml`), with their keys from the schema module (`schema.json`'s
  primary and foreign keys between tables in use).

Every entity links to its page in the dbt docs. Nothing here is typed twice: a new relationships
test or a new source table shows up in the next `dental docs`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Any

from dental_analytics.docs_site.artifacts import Project
from dental_analytics.docs_site.lineage import LAYER_COLORS, Picture
from dental_analytics.opendental import TABLES

_KEY_TESTS = {"primary_key", "unique"}
_DOMAIN = re.compile(r"_sources/([a-z_]+?)_sources\.yml$")
_MART_KINDS = (("dim_", "dimensions"), ("fact_", "facts"), ("mart_", "summaries"))


@dataclass(frozen=True)
class Relationship:
    """`child.child_column` refers to `parent.parent_column`."""

    child: str
    child_column: str
    parent: str
    parent_column: str


@dataclass(frozen=True)
class Entity:
    unique_id: str
    label: str
    group: str  # the cluster it is drawn in (a mart kind, an OpenDental domain)
    keys: tuple[str, ...]  # primary key columns
    foreign: tuple[str, ...]  # columns that refer to another entity in the picture


@dataclass(frozen=True)
class Erd:
    picture: Picture  # slug, title, summary, entities and edges, as the site lists pictures
    entities: tuple[Entity, ...]
    relationships: tuple[Relationship, ...]


def relationships_of(manifest: dict[str, Any]) -> list[Relationship]:
    """Every `relationships` test of the manifest, as child column -> parent column."""
    found = set()
    for test in (manifest.get("nodes") or {}).values():
        meta = test.get("test_metadata") or {}
        if test.get("resource_type") != "test" or meta.get("name") != "relationships":
            continue
        child = test.get("attached_node")
        kwargs = meta.get("kwargs") or {}
        column = test.get("column_name") or kwargs.get("column_name")
        field = kwargs.get("field")
        if not child or not column or not field:
            continue
        others = [n for n in (test.get("depends_on") or {}).get("nodes") or [] if n != child]
        parent = others[0] if others else child  # a model that refers to itself
        found.add(Relationship(str(child), str(column).lower(), str(parent), str(field).lower()))
    return sorted(found, key=lambda r: (r.child, r.child_column, r.parent))


def _key_columns(manifest: dict[str, Any]) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for test in (manifest.get("nodes") or {}).values():
        meta = test.get("test_metadata") or {}
        if test.get("resource_type") == "test" and meta.get("name") in _KEY_TESTS:
            node, column = test.get("attached_node"), test.get("column_name")
            if node and column:
                keys.setdefault(str(node), set()).add(str(column).lower())
    return keys


def _mart_kind(name: str) -> str:
    return next((kind for prefix, kind in _MART_KINDS if name.startswith(prefix)), "marts")


def marts_erd(project: Project, manifest: dict[str, Any]) -> Erd:
    """The marts as star schemas: every mart in a relationship with another mart."""
    marts = {uid for uid, n in project.nodes.items() if n.layer == "marts"}
    relationships = tuple(
        r
        for r in relationships_of(manifest)
        if r.child in marts and r.parent in marts and r.child != r.parent
    )
    keys = _key_columns(manifest)
    members = sorted({r.child for r in relationships} | {r.parent for r in relationships})
    entities = tuple(
        Entity(
            uid,
            project.nodes[uid].label,
            _mart_kind(project.nodes[uid].name),
            tuple(sorted(keys.get(uid, ()))),
            tuple(sorted({r.child_column for r in relationships if r.child == uid})),
        )
        for uid in members
    )
    facts = sum(1 for e in entities if e.group != "dimensions")
    picture = Picture(
        "erd_marts",
        "Marts: star schemas",
        f"Each of the {facts} facts and summary marts and the dimensions its relationships tests "
        "point to: a line runs from a mart's key column to the dimension's primary key.",
        tuple(members),
        tuple(sorted({(r.parent, r.child) for r in relationships})),
    )
    return Erd(picture, entities, relationships)


def opendental_erd(project: Project) -> Erd:
    """The OpenDental tables the project reads, by domain, with the keys between them."""
    sources = {
        n.name: n
        for n in project.nodes.values()
        if n.resource_type == "source" and n.unique_id.split(".")[2] == "opendental"
    }
    in_use = {name: TABLES[name] for name in sources if name in TABLES}
    relationships: set[Relationship] = set()
    for name, table in in_use.items():
        for column in table.foreign_keys:
            parent = (column.fk_table or "").lower()
            if column.fk_in_scope and parent in in_use and column.fk_column:
                relationships.add(
                    Relationship(
                        sources[name].unique_id,
                        column.raw_name,
                        sources[parent].unique_id,
                        column.fk_column.lower(),
                    )
                )
    ordered = tuple(sorted(relationships, key=lambda r: (r.child, r.child_column, r.parent)))
    entities = tuple(
        Entity(
            sources[name].unique_id,
            name,
            _domain(sources[name].path),
            tuple(c.lower() for c in table.primary_key),
            tuple(sorted({r.child_column for r in ordered if r.child == sources[name].unique_id})),
        )
        for name, table in sorted(in_use.items())
    )
    picture = Picture(
        "erd_opendental",
        "OpenDental tables",
        f"The {len(entities)} OpenDental tables the warehouse reads, grouped by domain, with "
        "their primary keys and the foreign keys between them (OpenDental's schema).",
        tuple(e.unique_id for e in entities),
        tuple(sorted({(r.parent, r.child) for r in ordered if r.parent != r.child})),
    )
    return Erd(picture, entities, ordered)


def _domain(path: str) -> str:
    match = _DOMAIN.search(path)
    return match.group(1).replace("_", " ") if match else "other"


def _port(column: str) -> str:
    return "c_" + re.sub(r"[^a-z0-9_]", "_", column)


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def erd_dot(project: Project, erd: Erd, docs_href: str) -> str:
    """The DOT text of an ERD: each entity a table of its key columns, in one cluster per group,
    linking to `docs_href` + its dbt docs anchor; one edge per foreign key."""
    lines = [
        f"digraph {_q(erd.picture.slug)} {{",
        "  graph [rankdir=LR, ranksep=1.1, nodesep=0.25, fontname=Helvetica, "
        f"label={_q(erd.picture.title)}, labelloc=t, fontsize=20, bgcolor=white];",
        "  node [shape=plain, fontname=Helvetica, fontsize=10];",
        '  edge [color="#8893a0", arrowsize=0.6, arrowhead=crow, arrowtail=none, dir=back];',
    ]
    referenced: dict[str, list[str]] = {}
    for r in erd.relationships:
        if r.parent_column not in referenced.setdefault(r.parent, []):
            referenced[r.parent].append(r.parent_column)
    groups: dict[str, list[Entity]] = {}
    for entity in erd.entities:
        groups.setdefault(entity.group, []).append(entity)
    for group in sorted(groups):
        lines.append(f"  subgraph {_q('cluster_' + group)} {{")
        lines.append(
            f'    label={_q(f"{group} ({len(groups[group])})")}; style="rounded,dashed"; '
            'color="#b8c0c8"; fontsize=14;'
        )
        for entity in groups[group]:
            node = project.nodes[entity.unique_id]
            fill = LAYER_COLORS.get(node.layer, "#ffffff")
            rows = [
                f'<tr><td bgcolor="{fill}"><b>{escape(entity.label)}</b></td></tr>',
                *(
                    f'<tr><td port="{_port(c)}" align="left">{escape(c)}  <i>PK</i></td></tr>'
                    for c in entity.keys
                ),
                *(
                    f'<tr><td port="{_port(c)}" align="left">{escape(c)}  <i>FK</i></td></tr>'
                    for c in entity.foreign
                    if c not in entity.keys
                ),
                *(  # a column other entities refer to that is not its primary key
                    f'<tr><td port="{_port(c)}" align="left">{escape(c)}</td></tr>'
                    for c in referenced.get(entity.unique_id, [])
                    if c not in entity.keys and c not in entity.foreign
                ),
            ]
            table = (
                '<table border="0" cellborder="1" cellspacing="0" cellpadding="3" '
                f'bgcolor="white">{"".join(rows)}</table>'
            )
            lines.append(
                f"    {_q(entity.unique_id)} [label=<{table}>, "
                f"URL={_q(docs_href + node.docs_anchor)}, target=_top, "
                f"tooltip={_q(f'{node.layer}: {node.label}')}, id={_q('n_' + entity.unique_id)}];"
            )
        lines.append("  }")
    for r in erd.relationships:
        if r.child == r.parent:
            continue
        # Drawn parent -> child (dir=back puts the crow's foot at the child, the many side).
        lines.append(
            f"  {_q(r.parent)}:{_port(r.parent_column)} -> {_q(r.child)}:{_port(r.child_column)} "
            f"[tooltip={_q(f'{r.child_column} -> {r.parent_column}')}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
