"""`portfolio.pdf`: the site as a printable report (overview and business logic, lineage
pictures, coverage, test summary, freshness, load status), drawn with ReportLab."""

from __future__ import annotations

import re
from html import escape
from io import BytesIO
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import BaseDocTemplate
from reportlab.platypus.frames import Frame

from dental_analytics.docs_site.artifacts import Project
from dental_analytics.docs_site.coverage import layer_coverage
from dental_analytics.docs_site.lineage import PNG_COLORS, Picture
from dental_analytics.docs_site.pages import LoadStatus

# Pictures are embedded at this resolution at the size they print (A4 landscape, about 26 cm
# wide): sharper than a printer shows at that size, a fraction of the full-size PNGs' bytes.
PDF_DPI = 200

MAX_LISTED = 60  # non-passing tests listed by name; the rest are counted
# The PDF's standard fonts have no arrows or box-drawing characters: draw them in ASCII.
_ASCII = str.maketrans(
    {"→": "->", "\u2212": "-", "─": "-", "│": "|", "┐": "+", "┘": "+", "├": "+", "└": "+", "┌": "+",
     "▼": "v", "≥": ">=", "≤": "<="}
)  # fmt: skip


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontSize=24, spaceAfter=12),
        "h1": ParagraphStyle("h1", parent=base["Heading1"], fontSize=17, spaceBefore=6),
        "h2": ParagraphStyle("h2", parent=base["Heading2"], fontSize=13),
        "h3": ParagraphStyle("h3", parent=base["Heading3"], fontSize=11),
        "body": ParagraphStyle("body", parent=base["BodyText"], fontSize=9.5, leading=12.5),
        "bullet": ParagraphStyle(
            "bullet",
            parent=base["BodyText"],
            fontSize=9.5,
            leading=12.5,
            leftIndent=12,
            bulletIndent=2,
        ),
        "small": ParagraphStyle("small", parent=base["BodyText"], fontSize=8, leading=10),
        "code": ParagraphStyle("code", parent=base["Code"], fontSize=7.5, leading=9),
    }


def _inline(text: str) -> str:
    """Markdown emphasis, code and links as ReportLab's paragraph markup."""
    out = escape(text.translate(_ASCII), quote=False)
    out = re.sub(r"`([^`]+)`", r'<font face="Courier">\1</font>', out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w*])\*([^*]+)\*(?!\w)", r"<i>\1</i>", out)
    return re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", out)


def markdown_flowables(markdown: str, styles: dict[str, ParagraphStyle]) -> list[Any]:
    """The overview's Markdown (headings, paragraphs, bullets, tables, code) as flowables."""
    flow: list[Any] = []
    paragraph: list[str] = []
    lines = markdown.splitlines()

    def flush() -> None:
        if paragraph:
            flow.append(Paragraph(_inline(" ".join(paragraph)), styles["body"]))
            paragraph.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            block = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                block.append(escape(lines[i].translate(_ASCII)).replace(" ", "&nbsp;"))
                i += 1
            flow.append(Paragraph("<br/>".join(block), styles["code"]))
        elif stripped.startswith("|"):
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                    rows.append([Paragraph(_inline(c), styles["small"]) for c in cells])
                i += 1
            flow.append(_table(rows, header=True))
            continue
        elif m := re.match(r"(#{1,4})\s+(.*)", stripped):
            flush()
            level = min(len(m.group(1)), 3)
            flow.append(Paragraph(_inline(m.group(2)), styles[f"h{level}"]))
        elif m := re.match(r"([-*]|\d+\.)\s+(.*)", stripped):
            flush()
            item = [m.group(2)]
            while (
                i + 1 < len(lines)
                and lines[i + 1].startswith("  ")
                and lines[i + 1].strip()
                and not re.match(r"\s*([-*]|\d+\.)\s", lines[i + 1])
            ):
                i += 1
                item.append(lines[i].strip())
            flow.append(Paragraph(_inline(" ".join(item)), styles["bullet"], bulletText="•"))
        elif not stripped:
            flush()
        else:
            paragraph.append(stripped)
        i += 1
    flush()
    return flow


def _table(
    rows: list[list[Any]], *, header: bool = True, widths: list[float] | None = None
) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    style: list[tuple[Any, ...]] = [
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#c5ccd4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6ebf1")))
    table.setStyle(TableStyle(style))
    return table


def _picture(path: Path, max_width: float, max_height: float) -> Image:
    """A picture fitted to the frame, resampled to `PDF_DPI` at its printed size when the file
    has more pixels than paper can show (the site keeps the full-size PNG and SVG to zoom)."""
    from PIL import Image as Pillow

    with Pillow.open(path) as picture:
        width, height = picture.size
        scale = min(max_width / width, max_height / height, 1.0)
        # ReportLab sizes in points (72 an inch): the printed width in inches, times PDF_DPI.
        pixels = round(width * scale / 72 * PDF_DPI)
        if pixels >= width:
            return Image(str(path), width=width * scale, height=height * scale)
        smaller = (
            picture.convert("RGB")
            .resize((pixels, max(1, round(height * pixels / width))), Pillow.Resampling.LANCZOS)
            .quantize(
                colors=PNG_COLORS, method=Pillow.Quantize.FASTOCTREE, dither=Pillow.Dither.NONE
            )
        )
    data = BytesIO()
    smaller.save(data, "PNG", optimize=True)
    data.seek(0)
    return Image(data, width=width * scale, height=height * scale)


def _count(n: int | None) -> str:
    return f"{n:,}" if n is not None else "-"


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def write_portfolio(
    path: Path,
    project: Project,
    pictures: list[Picture],
    load_status: list[LoadStatus],
    lineage_dir: Path,
) -> None:
    """Write the printable report of the site to `path`."""
    styles = _styles()
    portrait, wide = A4, landscape(A4)
    doc = BaseDocTemplate(
        str(path),
        pagesize=portrait,
        title=f"{project.name}: documentation and lineage",
        author="dental docs",
        invariant=1,
        leftMargin=1.6 * cm,
        rightMargin=1.6 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
    )

    def frame(size: tuple[float, float]) -> Frame:
        return Frame(1.5 * cm, 1.3 * cm, size[0] - 3 * cm, size[1] - 2.6 * cm, id="f")

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.HexColor("#6b7785"))
        canvas.drawString(1.5 * cm, 0.8 * cm, f"{project.name} · documentation and lineage")
        canvas.drawRightString(document.pagesize[0] - 1.5 * cm, 0.8 * cm, f"page {document.page}")
        canvas.restoreState()

    doc.addPageTemplates(
        [
            PageTemplate("portrait", [frame(portrait)], onPage=footer, pagesize=portrait),
            PageTemplate("landscape", [frame(wide)], onPage=footer, pagesize=wide),
        ]
    )
    wide_w, wide_h = wide[0] - 3.2 * cm, wide[1] - 4.5 * cm
    story: list[Any] = []

    totals = project.test_totals()
    fresh = project.freshness_totals()
    models = [n for n in project.nodes.values() if n.resource_type == "model"]
    story += [
        Paragraph(f"{escape(project.name)}: documentation and lineage", styles["title"]),
        Paragraph(
            f"Data as of {escape(project.as_of or 'unknown')} · build of "
            f"{escape(project.generated_at[:19].replace('T', ' '))} UTC · dbt {escape(project.dbt_version)}",
            styles["body"],
        ),
        Spacer(1, 8),
        _table(
            [
                ["models", "tests", "pass", "warn", "fail / error", "sources fresh"],
                [
                    str(len(models)),
                    str(len(project.tests)),
                    str(totals.get("pass", 0)),
                    str(totals.get("warn", 0)),
                    str(totals.get("fail", 0) + totals.get("error", 0)),
                    f"{fresh.get('pass', 0)}/{len(project.freshness)}",
                ],
            ]
        ),
        Spacer(1, 10),
    ]

    # Overview and business logic: the dbt project's own __overview__ docs block.
    story += markdown_flowables(project.overview, styles)

    # Lineage pictures, each on a landscape page.
    story += [NextPageTemplate("landscape"), PageBreak()]
    story.append(Paragraph("Lineage", styles["h1"]))
    story.append(
        Paragraph(
            "Drawn from the manifest, one column per layer. The site's SVGs link every box to its dbt docs page.",
            styles["body"],
        )
    )
    drawn = [
        ("layers", "Layers", "Nodes per layer and the edges between layers."),
        *((p.slug, p.title, p.summary) for p in pictures),
    ]
    for index, (slug, title, summary) in enumerate(drawn):
        png = lineage_dir / f"{slug}.png"
        story.append(
            KeepTogether(
                [
                    Paragraph(escape(title), styles["h2"]),
                    Paragraph(escape(summary), styles["small"]),
                    Spacer(1, 4),
                    _picture(png, wide_w, wide_h - 40),
                ]
            )
        )
        if index == len(drawn) - 1:
            story.append(NextPageTemplate("portrait"))
        story.append(PageBreak())

    # Coverage.
    story.append(Paragraph("Coverage", styles["h1"]))
    rows: list[list[Any]] = [
        ["layer", "nodes", "described", "with tests", "PK tested", "columns", "cols described", "cols tested"]
    ]  # fmt: skip
    for c in layer_coverage(project):
        rows.append(
            [
                c.layer, str(c.nodes), _pct(c.described, c.nodes), _pct(c.tested, c.nodes),
                str(c.keyed), str(c.columns), _pct(c.columns_described, c.columns),
                _pct(c.columns_tested, c.columns),
            ]
        )  # fmt: skip
    story.append(_table(rows))
    gaps = [
        n
        for n in project.nodes.values()
        if n.resource_type in {"model", "source", "seed"}
        and (not n.description.strip() or n.undocumented_columns or not n.test_count)
    ]
    story.append(Spacer(1, 6))
    if gaps:
        story.append(Paragraph("What is missing", styles["h2"]))
        for n in sorted(gaps, key=lambda n: n.label)[:MAX_LISTED]:
            missing = []
            if not n.description.strip():
                missing.append("description")
            if n.undocumented_columns:
                missing.append("columns " + ", ".join(n.undocumented_columns))
            if not n.test_count:
                missing.append("tests")
            story.append(
                Paragraph(
                    f"<b>{escape(n.label)}</b>: {escape('; '.join(missing))}", styles["small"]
                )
            )
    else:
        story.append(
            Paragraph(
                "Every model, source and seed and every column is described and tested.",
                styles["body"],
            )
        )

    # Test summary: counts by layer and status, then what did not pass.
    story.append(Paragraph("Tests", styles["h1"]))
    statuses = ["pass", "warn", "fail", "error", "skipped"]
    by_layer: dict[str, dict[str, int]] = {}
    by_type: dict[str, int] = {}
    for t in project.tests:
        by_layer.setdefault(t.layer, dict.fromkeys(statuses, 0))
        by_layer[t.layer][t.status] = by_layer[t.layer].get(t.status, 0) + 1
        by_type[t.test_type] = by_type.get(t.test_type, 0) + 1
    rows = [["layer", *statuses, "total"]]
    for layer, counts in sorted(by_layer.items()):
        rows.append([layer, *(str(counts.get(s, 0)) for s in statuses), str(sum(counts.values()))])
    rows.append(["all", *(str(totals.get(s, 0)) for s in statuses), str(len(project.tests))])
    story.append(_table(rows))
    story.append(Spacer(1, 4))
    story.append(
        Paragraph(
            "By type: " + ", ".join(f"{escape(k)} {v}" for k, v in sorted(by_type.items())),
            styles["small"],
        )
    )
    bad = [t for t in project.tests if t.status != "pass"]
    if bad:
        story.append(Paragraph("Tests that did not pass", styles["h2"]))
        rows = [["status", "model", "column", "type", "failing rows"]]
        for t in bad[:MAX_LISTED]:
            rows.append([t.status, t.model, t.column or "", t.test_type, str(t.failures or "")])
        story.append(_table(rows))
        if len(bad) > MAX_LISTED:
            story.append(Paragraph(f"… and {len(bad) - MAX_LISTED} more.", styles["small"]))

    # Freshness.
    story.append(Paragraph("Source freshness", styles["h1"]))
    story.append(
        Paragraph(
            ", ".join(f"{v} {escape(k)}" for k, v in sorted(fresh.items()))
            + f" of {len(project.freshness)} source tables.",
            styles["body"],
        )
    )
    rows = [["source table", "status", "last load (UTC)", "warn after", "error after"]]
    for f in project.freshness:
        rows.append(
            [
                f"{f.source}.{f.table}", f.status, (f.max_loaded_at or "-")[:19].replace("T", " "),
                f.warn_after or "-", f.error_after or "-",
            ]
        )  # fmt: skip
    story.append(_table(rows))

    if load_status:
        story.append(Paragraph("Load status", styles["h1"]))
        rows = [
            ["raw table", "state", "last success (UTC)", "strategy", "rows",
             "inserted /\nupdated / deleted", "as of", "loads", "failed"]
        ]  # fmt: skip
        for r in load_status:
            changes = " / ".join(
                _count(n) for n in (r.rows_inserted, r.rows_updated, r.rows_deleted)
            )
            rows.append(
                [
                    r.table, r.state, r.last_success_at or "-", r.strategy or "-", _count(r.rows),
                    changes, r.as_of or "-", str(r.loads), str(r.failed_loads),
                ]
            )  # fmt: skip
        story.append(_table(rows))
    doc.build(story)
