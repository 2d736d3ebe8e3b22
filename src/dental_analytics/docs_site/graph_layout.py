"""The docs page's whole-project lineage graph, laid out once when the site is built.

dbt docs lays its graph out in the browser (dagre, left to right) every time it is opened, and
with a few hundred nodes that layout is most of the wait: 2.2 of the 2.8 s from the click to a
drawn graph (headless Chromium, 220 nodes). Graphviz's `dot`, which draws the site's lineage
pictures already, lays the same graph out in a fraction of a second when the site is built. The
page then places the nodes where `dot` put them (Cytoscape's `preset` layout) whenever it shows
exactly the whole project; any other selection (a model and its parents, a tag, ...) is still laid
out by dagre in the browser, as dbt docs does, since it is small.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from typing import Any

from dental_analytics.docs_site.lineage import dot_binary
from dental_analytics.errors import DentalError

# The resource types dbt docs draws as graph nodes (its own filter), besides singular tests.
_DRAWN = {
    "model", "seed", "source", "snapshot", "analysis", "exposure", "metric", "semantic_model",
    "operation", "saved_query", "function",
}  # fmt: skip
# dbt docs' left-to-right layout, as its page declares it; the page is left unchanged if a dbt
# release words it differently.
DAGRE_LAYOUT = 'left_right:{name:"dagre",rankDir:"LR",rankSep:200,edgeSep:30,nodeSep:50}'
# The same layout, but `preset` at the laid-out positions while the graph holds exactly the nodes
# laid out. Cytoscape reads `name` when a layout runs, after the page has put the selection's
# elements in the graph, so the getter sees what is about to be laid out.
_PRESET_OR_DAGRE = (
    "left_right:{get name(){var g=window.dentalGraphLayout,c=document.getElementById('cy'),"
    "y=c&&c._cyreg&&c._cyreg.cy;if(!g||!y)return'dagre';var n=y.nodes().filter(function(e)"
    "{return!e.isParent()});return n.length===g.n&&n.every(function(e){return e.id()in g.p})"
    "?'preset':'dagre'},positions:function(e){var p=window.dentalGraphLayout.p[e.id()];"
    "return p?{x:p[0],y:p[1]}:{x:0,y:0}},"
    'rankDir:"LR",rankSep:200,edgeSep:30,nodeSep:50}'
)
# Points per inch in dot's output; node boxes sized like dbt docs' labels.
_POINTS = 72.0
_CHAR_INCHES = 0.09
_NODE_HEIGHT_INCHES = 0.45


def is_singular_test(node: Mapping[str, Any]) -> bool:
    """A data test written as its own SQL file (dbt docs draws these, not generic tests)."""
    return node.get("resource_type") == "test" and "test_metadata" not in node


def drawn_graph(manifest: Mapping[str, Any]) -> tuple[list[str], list[tuple[str, str]]]:
    """The nodes dbt docs draws for the whole project (in the order of the manifest) and the
    edges between them (parent, child), from the manifest the page inlines."""
    nodes: list[str] = []
    for key in ("nodes", "sources", "exposures", "metrics", "semantic_models", "saved_queries"):
        for uid, node in (manifest.get(key) or {}).items():
            shown = (node.get("docs") or {}).get("show", True)
            if (node.get("resource_type") in _DRAWN or is_singular_test(node)) and shown:
                nodes.append(uid)
    drawn = set(nodes)
    edges = [
        (parent, child)
        for child, parents in (manifest.get("parent_map") or {}).items()
        if child in drawn
        for parent in parents
        if parent in drawn and parent != child
    ]
    return nodes, edges


def layout(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Each node's centre in the page's pixels, laid out left to right by Graphviz's `dot`."""
    index = {uid: i for i, uid in enumerate(nodes)}
    lines = ["digraph g {", "  rankdir=LR; ranksep=3.0; nodesep=0.25;"]
    for uid, i in index.items():
        width = max(1.0, _CHAR_INCHES * len(uid.rsplit(".", 1)[-1]))
        lines.append(
            f"  n{i} [shape=box, fixedsize=true, width={width:.2f}, height={_NODE_HEIGHT_INCHES}];"
        )
    lines += [f"  n{index[p]} -> n{index[c]};" for p, c in edges]
    lines.append("}")
    result = subprocess.run(
        [dot_binary(), "-Tplain"],
        input="\n".join(lines),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        reason = result.stderr.strip().splitlines()
        raise DentalError(f"dot could not lay out the lineage graph: {reason[0] if reason else ''}")
    positions: dict[str, tuple[float, float]] = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            uid = nodes[int(parts[1][1:])]
            # dot's y grows upwards, the page's downwards.
            positions[uid] = (
                round(float(parts[2]) * _POINTS, 1),
                round(-float(parts[3]) * _POINTS, 1),
            )
    return positions


def with_precomputed_layout(page: str, manifest: Mapping[str, Any]) -> str:
    """dbt docs' page with its whole-project graph laid out by `dot`; the page unchanged if its
    layout is not worded as this module expects."""
    if page.count(DAGRE_LAYOUT) != 1 or "</head>" not in page:
        return page
    nodes, edges = drawn_graph(manifest)
    positions = layout(nodes, edges)
    data = json.dumps({"n": len(nodes), "p": positions}, separators=(",", ":"))
    script = f"<script>window.dentalGraphLayout={data};</script>"
    page = page.replace(DAGRE_LAYOUT, _PRESET_OR_DAGRE)
    return page.replace("</head>", f"{script}\n</head>", 1)
