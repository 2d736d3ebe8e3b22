"""The site's one column-lineage file, `lineage/column-lineage.js`, that `lineage/columns.html`
draws any column's path from.

The file is one JSON document (assigned to `window.DENTAL_COLUMN_LINEAGE`, so the page loads it
with a script tag from `file://`, where browsers refuse to fetch a file). It holds each node once
(model, seed or source table: its label, layer, columns) and, per column, its upstream columns as
`[node index, column index, how]` triples, so the path of any column, and everything any column
feeds, is a walk over integer lists in the browser:

```
{"version": 1, "dialect": "duckdb", "kinds": ["passed through", ...],
 "nodes": [{"id": uid, "name": label, "layer": "marts", "type": "model",
            "columns": ["production_amount", ...],
            "up": [[n, c, k, n, c, k, ...], ...],     # one flat list per column
            "filters": [n, c, n, c, ...]}],           # columns its rows are filtered or joined on
 "metrics": [{"name", "label", "description", "unit", "up": [n, c, k, ...], "parts": [...]}],
 "exposures": [{"name", "label", "nodes": [n, ...]}],
 "unread": [{"model": uid, "error": "..."}]}                # models whose SQL could not be read
```
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from dental_analytics.api.catalog import Catalog
from dental_analytics.docs_site.artifacts import Project, layer_rank
from dental_analytics.docs_site.column_lineage import (
    AGGREGATED,
    KINDS,
    ColumnLineage,
    ColumnRef,
    columns_of_expression,
)

VERSION = 1
FILE = "column-lineage.js"
VARIABLE = "window.DENTAL_COLUMN_LINEAGE"


class _Index:
    """Node and column positions in the file, added as they are first met."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.nodes: list[dict[str, Any]] = []
        self.position: dict[str, int] = {}
        self.columns: dict[str, dict[str, int]] = {}

    def node(self, uid: str) -> int:
        if uid not in self.position:
            known = self.project.nodes.get(uid)
            self.position[uid] = len(self.nodes)
            self.nodes.append(
                {
                    "id": uid,
                    "name": known.label if known else uid.split(".")[-1],
                    "layer": known.layer if known else uid.split(".")[0],
                    "type": known.resource_type if known else uid.split(".")[0],
                    "columns": [],
                    "up": [],
                    "filters": [],
                }
            )
            self.columns[uid] = {}
            for column in known.columns if known else ():
                self.column(ColumnRef(uid, column.name))
        return self.position[uid]

    def column(self, ref: ColumnRef) -> tuple[int, int]:
        n = self.node(ref.node)
        names = self.columns[ref.node]
        if ref.column not in names:
            names[ref.column] = len(names)
            self.nodes[n]["columns"].append(ref.column)
            self.nodes[n]["up"].append([])
        return n, names[ref.column]


def lineage_document(
    lineage: ColumnLineage, project: Project, catalog: Catalog | None
) -> dict[str, Any]:
    """The lineage file's JSON document (see the module's docstring)."""
    index = _Index(project)
    models = sorted(
        (n for n in project.nodes.values() if n.resource_type in {"source", "seed", "model"}),
        key=lambda n: (layer_rank(n.layer), n.label),
    )
    for node in models:
        index.node(node.unique_id)
    for uid, model in lineage.models.items():
        for name, ups in model.columns.items():
            n, c = index.column(ColumnRef(uid, name))
            flat: list[int] = []
            for ref, kind in ups.items():
                flat.extend((*index.column(ref), kind))
            index.nodes[n]["up"][c] = flat
        filters: list[int] = []
        for ref in sorted(model.filters):
            filters.extend(index.column(ref))
        index.nodes[index.node(uid)]["filters"] = filters

    metrics: list[dict[str, Any]] = []
    if catalog is not None:
        marts = {n.name: n.unique_id for n in project.nodes.values() if n.layer == "marts"}
        for metric in sorted(catalog.metrics.values(), key=lambda m: m.name):
            flat = []
            seen: set[tuple[int, int]] = set()
            for measure in catalog.measures_of(metric.name):
                mart = marts.get(catalog.semantic_models[measure.semantic_model].mart)
                if mart is None:
                    continue
                for column in columns_of_expression(measure.expr, lineage.dialect):
                    position = index.column(ColumnRef(mart, column))
                    if position not in seen:
                        seen.add(position)
                        flat.extend((*position, AGGREGATED))
            metrics.append(
                {
                    "name": metric.name,
                    "label": metric.label,
                    "description": metric.description,
                    "unit": metric.unit,
                    "up": flat,
                    "parts": [p for p in (metric.numerator, metric.denominator) if p],
                }
            )
    exposures = [
        {
            "name": node.name,
            "label": node.label,
            "nodes": sorted(index.node(d) for d in node.depends_on if d in project.nodes),
        }
        for node in sorted(project.nodes.values(), key=lambda n: n.name)
        if node.resource_type == "exposure"
    ]
    return {
        "version": VERSION,
        "dialect": lineage.dialect,
        "kinds": list(KINDS),
        "nodes": index.nodes,
        "metrics": metrics,
        "exposures": exposures,
        "unread": [
            {"model": uid, "error": model.error}
            for uid, model in lineage.models.items()
            if model.error
        ],
    }


def write_lineage_file(document: dict[str, Any], dest: Path) -> int:
    """Write the lineage file; return its size in bytes."""
    data = json.dumps(document, separators=(",", ":")).replace("</", "<\\/")
    text = f"{VARIABLE} = {data};\n"
    dest.write_text(text, encoding="utf-8")
    return len(text.encode())


def read_lineage_file(path: Path) -> dict[str, Any]:
    """The JSON document of a lineage file written by `write_lineage_file`."""
    text = path.read_text(encoding="utf-8").strip()
    prefix = f"{VARIABLE} = "
    if not text.startswith(prefix) or not text.endswith(";"):
        raise ValueError(f"{path} is not a column-lineage file")
    document: dict[str, Any] = json.loads(text[len(prefix) : -1])
    return document
