"""Lineage pictures drawn from the manifest with Graphviz's `dot`: the whole DAG by layer, a
layer overview, and the four lineage patterns, each node linking to its page in the dbt docs.

The patterns are defined by the OpenDental tables they start from and by words in the names of
the models that carry them, not by lists of models: a model added later joins its pattern's
picture when its name says what it is about.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from dental_analytics.docs_site.artifacts import LAYERS, Node, Project
from dental_analytics.errors import DentalError

LAYER_COLORS = {
    "source": "#e8f1fb",
    "seed": "#f3f3f3",
    "staging": "#e3f4e8",
    "intermediate": "#fff3d6",
    "marts": "#fde2df",
    "exposure": "#ece4f7",
    "other": "#ffffff",
}
# The PNG fits in this many inches (Graphviz shrinks a larger DAG), at this resolution.
PNG_MAX_INCHES = 60
PNG_DPI = 96  # sharp enough to print at A4 width (the PDF shrinks every picture to fit)
PNG_COLORS = 32


@dataclass(frozen=True)
class Pattern:
    slug: str
    title: str
    summary: str
    tables: tuple[str, ...]  # OpenDental tables (source tables) the pattern starts from
    keywords: tuple[str, ...]  # words in intermediate / mart / exposure names that belong to it


PATTERNS = (
    Pattern(
        "patient_journey",
        "Patient journey",
        "A patient from first booking through completed procedures, treatment plans and recall.",
        (
            "patient",
            "appointment",
            "histappointment",
            "procedurelog",
            "recall",
            "treatplan",
            "proctp",
            "commlog",
        ),
        (
            "patient",
            "appointment",
            "visit",
            "procedure",
            "recall",
            "treatment",
            "schedul",
            "retention",
            "journey",
        ),
    ),
    Pattern(
        "insurance_claims",
        "Insurance claims",
        "From the procedures on a claim to the carrier's payment, write-off and the claim's status.",
        (
            "claim",
            "claimproc",
            "claimpayment",
            "claimsnapshot",
            "insplan",
            "inssub",
            "patplan",
            "carrier",
            "benefit",
            "etrans",
            "eobattach",
            "insverify",
        ),
        ("claim", "insurance", "carrier", "benefit", "eob", "payer", "coverage"),
    ),
    Pattern(
        "financial_analysis",
        "Financial analysis",
        "Production, adjustments, write-offs and collections, the way OpenDental's reports compute them.",
        (
            "procedurelog",
            "adjustment",
            "payment",
            "paysplit",
            "claimproc",
            "claimpayment",
            "fee",
            "feesched",
        ),
        (
            "production",
            "collection",
            "payment",
            "adjustment",
            "fee",
            "revenue",
            "income",
            "financial",
            "write_off",
            "writeoff",
        ),
    ),
    Pattern(
        "accounts_receivable",
        "A/R",
        "Family balances aged 0-30, 31-60, 61-90 and over 90 days, with pending insurance beside them.",
        (
            "procedurelog",
            "adjustment",
            "paysplit",
            "claimproc",
            "payplan",
            "payplancharge",
            "statement",
        ),
        ("ar_", "_ar", "aging", "balance", "statement", "payplan", "payment_plan", "receivable"),
    ),
)


@dataclass(frozen=True)
class Picture:
    slug: str
    title: str
    summary: str
    node_ids: tuple[str, ...]
    edges: tuple[tuple[str, str], ...]


def _edges(project: Project, keep: set[str]) -> tuple[tuple[str, str], ...]:
    edges = {
        (parent, uid)
        for uid in keep
        for parent in project.nodes[uid].depends_on
        if parent in keep and parent != uid
    }
    return tuple(sorted(edges))


def whole_dag(project: Project) -> Picture:
    keep = set(project.nodes)
    return Picture(
        "full_dag",
        "The whole DAG by layer",
        f"Every source, seed, model and exposure ({len(keep)} nodes), one column per layer.",
        tuple(sorted(keep)),
        _edges(project, keep),
    )


def pattern_picture(project: Project, pattern: Pattern) -> Picture:
    """The nodes of one lineage pattern: its source tables and their staging models, the
    intermediate and mart models whose names match it, what connects them, and the exposures
    that read them."""
    nodes = project.nodes
    children: dict[str, set[str]] = {}
    for uid, node in nodes.items():
        for parent in node.depends_on:
            children.setdefault(parent, set()).add(uid)
    roots = {
        uid for uid, n in nodes.items() if n.resource_type == "source" and n.name in pattern.tables
    }
    staging = {c for r in roots for c in children.get(r, set()) if nodes[c].layer == "staging"}
    matched = {
        uid
        for uid, n in nodes.items()
        if n.layer in {"intermediate", "marts", "exposure"}
        and any(word in n.name.lower() for word in pattern.keywords)
    }
    # What connects the matched models to the pattern's staging models: their ancestors in the
    # intermediate and mart layers, and the staging models they read directly.
    keep = roots | staging | matched
    frontier = list(matched)
    while frontier:
        uid = frontier.pop()
        for parent in nodes[uid].depends_on:
            if parent not in nodes or parent in keep:
                continue
            layer = nodes[parent].layer
            if layer in {"intermediate", "marts"}:
                keep.add(parent)
                frontier.append(parent)
            elif layer in {"staging", "seed"}:
                keep.add(parent)
    keep |= {uid for uid, n in nodes.items() if n.layer == "exposure" and set(n.depends_on) & keep}
    return Picture(
        pattern.slug, pattern.title, pattern.summary, tuple(sorted(keep)), _edges(project, keep)
    )


def layer_overview(
    project: Project,
) -> tuple[str, list[tuple[str, int]], dict[tuple[str, str], int]]:
    """Nodes per layer and edges between layers (for the layer overview picture)."""
    counts = [(layer, len(project.by_layer(layer))) for layer in project.layers()]
    edges: dict[tuple[str, str], int] = {}
    for node in project.nodes.values():
        for parent in node.depends_on:
            if parent in project.nodes:
                key = (project.nodes[parent].layer, node.layer)
                edges[key] = edges.get(key, 0) + 1
    return "layers", counts, edges


def _q(text: str) -> str:
    """A DOT double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _tooltip(node: Node) -> str:
    first = node.description.strip().split(". ")[0].strip()
    return f"{node.layer}: {node.label}" + (f" - {first}" if first else "")


def picture_dot(project: Project, picture: Picture, docs_href: str) -> str:
    """The DOT text of `picture`: one cluster per layer, left to right; each node links to
    `docs_href` + its dbt docs anchor."""
    lines = [
        f"digraph {_q(picture.slug)} {{",
        "  graph [rankdir=LR, ranksep=1.2, nodesep=0.12, fontname=Helvetica, "
        f"label={_q(picture.title)}, labelloc=t, fontsize=20, bgcolor=white];",
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=11, '
        'color="#6b7785", height=0.3];',
        '  edge [color="#8893a0", arrowsize=0.6];',
    ]
    members = [project.nodes[uid] for uid in picture.node_ids]
    for layer in (*LAYERS, "other"):
        in_layer = sorted((n for n in members if n.layer == layer), key=lambda n: n.label)
        if not in_layer:
            continue
        lines.append(f"  subgraph {_q('cluster_' + layer)} {{")
        lines.append(
            f'    label={_q(f"{layer} ({len(in_layer)})")}; style="rounded,dashed"; color="#b8c0c8"; fontsize=14;'
        )
        for node in in_layer:
            lines.append(
                f"    {_q(node.unique_id)} [label={_q(node.label)}, "
                f"fillcolor={_q(LAYER_COLORS.get(layer, '#ffffff'))}, "
                f"URL={_q(docs_href + node.docs_anchor)}, target=_top, "
                f"tooltip={_q(_tooltip(node))}, id={_q('n_' + node.unique_id)}];"
            )
        lines.append("  }")
    for parent, child in picture.edges:
        lines.append(f"  {_q(parent)} -> {_q(child)};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def overview_dot(project: Project, docs_href: str) -> str:
    """The DOT text of the layer overview: one box per layer with its node count."""
    _, counts, edges = layer_overview(project)
    lines = [
        'digraph "layers" {',
        '  graph [rankdir=LR, fontname=Helvetica, label="Layers", labelloc=t, fontsize=20];',
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=14, '
        'color="#6b7785"];',
        '  edge [color="#8893a0", fontname=Helvetica, fontsize=11];',
    ]
    for layer, count in counts:
        lines.append(
            f"  {_q(layer)} [label={_q(f'{layer}: {count} nodes')}, "
            f"fillcolor={_q(LAYER_COLORS.get(layer, '#ffffff'))}, URL={_q(docs_href)}, target=_top];"
        )
    for (parent, child), n in sorted(edges.items()):
        if parent != child:
            lines.append(f"  {_q(parent)} -> {_q(child)} [label={_q(str(n))}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_binary() -> str:
    """The path of Graphviz's `dot`; a `DentalError` saying how to install it if it is missing."""
    found = shutil.which("dot")
    if found is None:
        raise DentalError(
            "Graphviz's dot is not installed: run `make system-deps` (apt-get install graphviz)"
        )
    return found


def render(dot_sources: Iterable[tuple[str, str]], out_dir: Path) -> list[str]:
    """Write `<slug>.svg` and `<slug>.png` in `out_dir` for each (slug, DOT text); return slugs."""
    dot = dot_binary()
    out_dir.mkdir(parents=True, exist_ok=True)
    running: list[tuple[str, subprocess.Popen[bytes]]] = []
    slugs = []
    for slug, text in dot_sources:
        (out_dir / f"{slug}.dot").write_text(text, encoding="utf-8")
        slugs.append(slug)
        for fmt, extra in (("svg", []), ("png", [f"-Gdpi={PNG_DPI}", f"-Gsize={PNG_MAX_INCHES}"])):
            command = [dot, f"-T{fmt}", *extra, "-o", str(out_dir / f"{slug}.{fmt}")]
            command.append(str(out_dir / f"{slug}.dot"))
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            running.append((f"{slug}.{fmt}", proc))
    for name, proc in running:
        _, stderr = proc.communicate(timeout=300)
        if proc.returncode != 0:
            reason = stderr.decode(errors="replace").strip().splitlines()
            raise DentalError(f"dot could not draw {name}: {reason[0] if reason else 'failed'}")
    for slug in slugs:
        (out_dir / f"{slug}.dot").unlink()
        palette_png(out_dir / f"{slug}.png")
    return slugs


def palette_png(path: Path) -> None:
    """Rewrite a PNG with a palette of `PNG_COLORS` colours. Graphviz draws with a handful of
    fills, greys and their anti-aliased edges: the picture looks the same at a quarter of the
    bytes, which the site's size budget needs (the whole DAG: 3.2 MB -> 0.7 MB)."""
    from PIL import Image

    with Image.open(path) as picture:
        small = picture.convert("RGB").quantize(
            colors=PNG_COLORS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
    small.save(path)
