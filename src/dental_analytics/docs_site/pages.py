"""The site's own pages, rendered from Jinja2 templates with one look and one navigation bar."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from dental_analytics.docs_site.artifacts import MODEL_LAYERS, Node, Project, layer_rank
from dental_analytics.docs_site.column_lineage import ColumnLineage
from dental_analytics.docs_site.coverage import LayerCoverage, layer_coverage
from dental_analytics.docs_site.lineage import PATTERNS, Picture
from dental_analytics.docs_site.lineage_file import FILE as LINEAGE_FILE
from dental_analytics.docs_site.search_index import FILE as SEARCH_INDEX_FILE


@dataclass(frozen=True)
class LoadStatus:
    """One raw table's load history, as `stg_etl_tracking_summary` summarises it.

    `state` is ok, failing, skipped (the newest load skipped an optional table the source does
    not have) or never_loaded; the strategy and counts are those of the last successful load.
    """

    table: str
    state: str
    last_success_at: str | None
    rows: int | None
    as_of: str | None
    lag_days: int | None
    loads: int
    failed_loads: int
    last_failure_at: str | None
    strategy: str | None  # replace (the generator), or the extractor's stamp, append or full
    rows_inserted: int | None
    rows_updated: int | None
    rows_deleted: int | None


NAV = (
    ("index.html", "Overview"),
    ("DOCS", "dbt docs"),
    ("tests.html", "Test results"),
    ("freshness.html", "Freshness"),
    ("coverage.html", "Coverage"),
    ("lineage/index.html", "Lineage"),
    ("lineage/columns.html", "Column lineage"),
    ("load-status.html", "Load status"),
    ("portfolio.pdf", "PDF"),
)


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("dental_analytics.docs_site", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["age"] = human_age
    env.filters["first_sentence"] = first_sentence
    env.filters["pct"] = lambda x: f"{x:.0%}" if x is not None else "-"
    return env


def human_age(seconds: float | None) -> str:
    """`3 h 12 min`, `2 d 4 h`: the age of a load, for a reader."""
    if seconds is None:
        return "-"
    minutes = int(seconds // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


def first_sentence(text: str) -> str:
    """The first sentence of a description (its grain), without Markdown emphasis."""
    plain = re.sub(r"[*_`]", "", " ".join(text.split()))
    match = re.match(r"(.+?[.!?])(\s|$)", plain)
    return match.group(1) if match else plain


def write_pages(
    out_dir: Path,
    project: Project,
    pictures: list[Picture],
    load_status: list[LoadStatus],
    docs_page: str,
    *,
    with_pdf: bool = True,
    lineage: ColumnLineage | None = None,
    with_search: bool = False,
    erds: list[Picture] | None = None,
) -> list[str]:
    """Write the landing page and every page of the site into `out_dir`; return their paths.

    With `lineage` (its file is written in `lineage/`), the column lineage page
    too; with `with_search` (the search index is in `out_dir`), the search page and the search
    box in every page's header; with `erds`, a page per entity-relationship diagram (its SVG
    is in `lineage/`)."""
    env = _environment()
    coverage = layer_coverage(project)
    models = [n for n in project.nodes.values() if n.resource_type == "model"]
    common = {
        "project": project,
        "docs_page": docs_page,
        "built": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "test_totals": project.test_totals(),
        "freshness_totals": project.freshness_totals(),
        "nav": [
            item
            for item in NAV
            if (with_pdf or item[0] != "portfolio.pdf")
            and (lineage is not None or item[0] != "lineage/columns.html")
        ],
        "patterns": PATTERNS,
        "pictures": pictures,
        "model_layers": MODEL_LAYERS,
        "search": with_search,
        "erds": erds or [],
        "column_lineage": lineage is not None,
    }
    pages: dict[str, tuple[str, dict[str, object]]] = {
        "index.html": (
            "index.html.j2",
            {
                "coverage": coverage,
                "models_by_layer": _count_by_layer(models),
                "load_counts": _load_counts(load_status),
            },
        ),
        "tests.html": ("tests.html.j2", {"layers": sorted({t.layer for t in project.tests})}),
        "freshness.html": ("freshness.html.j2", {}),
        "coverage.html": (
            "coverage.html.j2",
            {"coverage": coverage, "covered": _covered_nodes(project)},
        ),
        "load-status.html": (
            "load_status.html.j2",
            {"rows": load_status, "counts": _load_counts(load_status)},
        ),
        "lineage/index.html": ("lineage_index.html.j2", {}),
    }
    if lineage is not None:
        pages["lineage/columns.html"] = (
            "column_lineage.html.j2",
            {
                "dialect": lineage.dialect,
                "lineage_file": LINEAGE_FILE,
                "unread": sum(1 for m in lineage.models.values() if m.error),
            },
        )
    if with_search:
        pages["search.html"] = ("search.html.j2", {"index_file": SEARCH_INDEX_FILE})
    drawn = [*pictures, *(erds or [])]
    for picture in ["layers", *(p.slug for p in drawn)]:
        pages[f"lineage/{picture}.html"] = ("lineage_picture.html.j2", {"slug": picture})
    written = []
    for path, (template, context) in pages.items():
        root = "../" * path.count("/")
        extra: dict[str, object] = {"root": root, "current": path}
        if path.startswith("lineage/") and path not in {
            "lineage/index.html",
            "lineage/columns.html",
        }:
            slug = path.removeprefix("lineage/").removesuffix(".html")
            svg = (out_dir / "lineage" / f"{slug}.svg").read_text(encoding="utf-8")
            extra["svg"] = _inline_svg(svg)
            extra["picture"] = next((p for p in drawn if p.slug == slug), None)
        html = env.get_template(template).render(**common, **context, **extra)
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        written.append(path)
    return written


def _inline_svg(svg: str) -> str:
    """The `<svg>` element of a Graphviz SVG file, without its XML prologue, for inlining."""
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def _count_by_layer(nodes: list[Node]) -> dict[str, int]:
    """Nodes per layer, in layer order (staging before intermediate before marts)."""
    counts: dict[str, int] = {}
    for node in sorted(nodes, key=lambda n: layer_rank(n.layer)):
        counts[node.layer] = counts.get(node.layer, 0) + 1
    return counts


def _load_counts(rows: list[LoadStatus]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    return counts


def _covered_nodes(project: Project) -> list[Node]:
    return sorted(
        (n for n in project.nodes.values() if n.resource_type in {"model", "source", "seed"}),
        key=lambda n: (layer_rank(n.layer), n.label),
    )


__all__ = ["LayerCoverage", "LoadStatus", "write_pages"]
