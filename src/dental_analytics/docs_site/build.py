"""`dental docs`: builds `site/` from the artifacts of the last `dental build`.

Runs `dbt docs generate --static` (the dbt documentation as one page), reads the build's test
results and source freshness, the warehouse's load status (`stg_etl_tracking_summary`), and
writes the site's own pages, the lineage pictures and `portfolio.pdf`. The site fetches nothing
from the network and holds no row data.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dental_analytics.api.catalog import Catalog, load_catalog, semantic_dir
from dental_analytics.dbt import read_json
from dental_analytics.docs_site.artifacts import Project, layer_rank, load_project
from dental_analytics.docs_site.column_lineage import ColumnLineage
from dental_analytics.docs_site.column_lineage import compute as compute_column_lineage
from dental_analytics.docs_site.erd import erd_dot, marts_erd, opendental_erd
from dental_analytics.docs_site.graph_layout import is_singular_test, with_precomputed_layout
from dental_analytics.docs_site.lineage import (
    PATTERNS,
    Picture,
    overview_dot,
    pattern_picture,
    picture_dot,
    render,
    whole_dag,
)
from dental_analytics.docs_site.lineage_file import FILE as LINEAGE_FILE
from dental_analytics.docs_site.lineage_file import lineage_document, write_lineage_file
from dental_analytics.docs_site.pages import LoadStatus, write_pages
from dental_analytics.docs_site.search_index import FILE as SEARCH_INDEX_FILE
from dental_analytics.docs_site.search_index import search_document, write_search_index
from dental_analytics.errors import DentalError
from dental_analytics.warehouse import versions
from dental_analytics.warehouse.url import Target

log = logging.getLogger(__name__)
OnStep = Callable[[str], None]
DOCS_PAGE = "dbt/index.html"
LOAD_STATUS_MODEL = "stg_etl_tracking_summary"


@dataclass
class SiteSummary:
    """What `dental docs` built, and the counts the demo prints."""

    out_dir: Path
    models: dict[str, int]  # layer -> models
    model_status: dict[str, int]  # status -> models in the build
    tests: dict[str, int]  # status -> tests
    freshness: dict[str, int]  # status -> source tables
    pictures: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    bytes: int = 0
    lineage_columns: int = 0  # columns whose upstream columns the column lineage traced
    lineage_seconds: float = 0.0  # reading every model's SQL for the column lineage


# What the one-page dbt docs never shows: other packages' macros (dbt's own, the adapter's) and
# the compiled SQL of tests (their source stays). Dropping them keeps the page small as the
# project grows. Unit tests and the semantic layer (semantic models, metrics, saved queries) are
# left out too: the page draws each of them as a node of the lineage graph, leaves on the marts
# that would more than double its clutter and its layout time (dbt docs' graph went from 3 s to
# 10 s with the 98 metrics). The site shows them where they say more: the test page lists the
# unit tests with their results, and the column lineage page each metric with its definition and
# its path to the OpenDental columns. Singular data tests (the reconciliations, OpenDental's rules)
# leave too, for the same reason: the graph draws each as a node with edges from the raw sources
# across to the marts, the longest edges of its layout; the test page lists them with results.
_LEFT_OUT = ("unit_tests", "semantic_models", "metrics", "saved_queries")
# What the page reads of a generic data test (its script, dbt 1.11): the model page's column
# badges (`test_metadata`, `column_name`, `depends_on.nodes`, and `refs` for a relationship), the
# "Referenced By" list of the model page (`depends_on.nodes`, `resource_type`, `name`,
# `unique_id`) and the test's own page (`name`, `description`, `language`, `raw_code`, its parents
# from `depends_on`). The rest (config, fqn, paths, checksum, contract, ...) is about 60% of the
# tests' bytes, which were more than a third of the page; the graph does not draw generic tests.
TEST_FIELDS_READ = (
    "unique_id", "name", "resource_type", "package_name", "description", "language",
    "raw_code", "depends_on", "refs", "column_name", "attached_node", "test_metadata",
)  # fmt: skip


# What the page reads of a documented column (the column table, its expanded details, search);
# its type and position come from the catalog. The rest (config, data_type, quote, granularity,
# doc_blocks, tags) is empty on almost every column and about 0.6 MB of the page at 209 models.
COLUMN_FIELDS_READ = ("name", "description", "meta", "constraints")


def slim_manifest(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest without what the docs page does not show or read (see `_LEFT_OUT`,
    `TEST_FIELDS_READ`, `COLUMN_FIELDS_READ`): the page's data, and its parse in the browser,
    a third smaller."""
    project = (manifest.get("metadata") or {}).get("project_name")
    nodes = manifest.get("nodes") or {}
    left_out = {uid for key in _LEFT_OUT for uid in manifest.get(key) or {}}
    left_out |= {uid for uid, node in nodes.items() if is_singular_test(node)}
    generic_tests = {
        uid for uid, node in nodes.items() if node.get("resource_type") == "test"
    } - left_out
    slim = dict(manifest)
    slim["macros"] = {
        uid: macro
        for uid, macro in (manifest.get("macros") or {}).items()
        if macro.get("package_name") == project
    }
    slim["nodes"] = {
        uid: _slim_test(node, slim["macros"]) if uid in generic_tests else _slim_columns(node)
        for uid, node in nodes.items()
        if uid not in left_out
    }
    slim["sources"] = {
        uid: _slim_columns(source) for uid, source in (manifest.get("sources") or {}).items()
    }
    for key in _LEFT_OUT:
        slim[key] = {}
    # The page draws the graph's edges from `parent_map` alone (skipping those into a generic
    # test) and never reads `child_map`.
    slim["parent_map"] = {
        uid: [other for other in others if other not in left_out]
        for uid, others in (manifest.get("parent_map") or {}).items()
        if uid not in left_out and uid not in generic_tests
    }
    slim["child_map"] = {}
    return slim


def _slim_columns(node: dict[str, Any]) -> dict[str, Any]:
    columns = node.get("columns")
    if not columns:
        return node
    return {
        **node,
        "columns": {
            name: {k: column[k] for k in COLUMN_FIELDS_READ if k in column}
            for name, column in columns.items()
        },
    }


def _slim_test(node: dict[str, Any], macros: dict[str, Any]) -> dict[str, Any]:
    slim = {k: node[k] for k in TEST_FIELDS_READ if k in node}
    depends_on = node.get("depends_on") or {}
    # The test page lists the macros it calls that the page holds: the project's own.
    slim["depends_on"] = {
        "nodes": list(depends_on.get("nodes") or []),
        "macros": [uid for uid in depends_on.get("macros") or [] if uid in macros],
    }
    return slim


# dbt docs' sidebar draws every folder's entries even while the folder is closed (CSS hides them):
# with a few hundred models that is a thousand nested tree lines compiled by Angular when the page
# opens, a third of its load at 209 models. The page draws a folder's entries once it is open,
# which shows the same: a closed folder's list is never displayed, and the folders on the way to
# the page's node are open (dbt docs marks them active before it draws the tree).
SIDEBAR_FOLDER = '<ul ng-if="item.items">'
_SIDEBAR_OPEN_FOLDER = '<ul ng-if="item.items && item.active">'
# The manifest and catalog are read from JSON script elements (`JSON.parse`, which the browser
# never compiles as code) rather than inlined in the page's script as object literals that V8
# parses as JavaScript, twice (a pre-parse of the whole script, then the function that holds them).
_INLINE = {"manifest": '"MANIFEST.JSON INLINE DATA"', "catalog": '"CATALOG.JSON INLINE DATA"'}
_DATA_ID = "dental-dbt-{}"
_READ_DATA = 'JSON.parse(document.getElementById("{}").textContent)'


def write_docs_page(static_page: Path, artifacts: Path, dest: Path) -> None:
    """The one-page dbt docs, as `dbt docs generate --static` makes it (dbt's page with the
    manifest and catalog inlined), with the slimmed manifest, the whole-project graph laid out
    in advance (`graph_layout`), the sidebar drawn as its folders open and the data read as JSON;
    dbt's own page if its template cannot be found."""
    try:
        from dbt.task.docs import DOCS_INDEX_FILE_PATH

        template = Path(DOCS_INDEX_FILE_PATH).read_text(encoding="utf-8")
    except (ImportError, OSError):
        shutil.copyfile(static_page, dest)
        return
    manifest = read_json(artifacts / "manifest.json", "dbt docs generate")
    catalog = read_json(artifacts / "catalog.json", "dbt docs generate")
    if _INLINE["manifest"] not in template:
        shutil.copyfile(static_page, dest)
        return
    slim = slim_manifest(manifest)
    page = docs_page(template, {"manifest": slim, "catalog": catalog})
    dest.write_text(with_precomputed_layout(page, slim), encoding="utf-8")


def docs_page(template: str, data: dict[str, dict[str, Any]]) -> str:
    """dbt docs' page template with `data` (manifest, catalog) in it: in JSON script elements
    the page's script reads, or inlined in the script as dbt does it if the template is worded
    otherwise than this function expects; the sidebar drawn as its folders open."""
    if template.count(SIDEBAR_FOLDER) == 1:
        template = template.replace(SIDEBAR_FOLDER, _SIDEBAR_OPEN_FOLDER)
    if "</head>" in template and all(template.count(_INLINE[key]) == 1 for key in data):
        elements = []
        for key, value in data.items():
            element = _DATA_ID.format(key)
            template = template.replace(_INLINE[key], _READ_DATA.format(element))
            # `\u003c` for every `<`: no `</script>` or `<!--` in a description ends the element.
            text = json.dumps(value, separators=(",", ":")).replace("<", "\\u003c")
            elements.append(f'<script type="application/json" id="{element}">{text}</script>')
        return template.replace("</head>", "\n".join([*elements, "</head>"]), 1)
    for key, value in data.items():
        # `<\/` keeps a `</script>` inside a description from closing the page's script.
        text = json.dumps(value, separators=(",", ":")).replace("</", "<\\/")
        template = template.replace(_INLINE[key], text)
    return template


def read_load_status(target: Target, project: Project) -> list[LoadStatus]:
    """One row per raw table from `stg_etl_tracking_summary` (aggregates of the load log)."""
    from dental_analytics.warehouse.query import connect

    node = next((n for n in project.nodes.values() if n.name == LOAD_STATUS_MODEL), None)
    if node is None:
        return []
    sql = (
        "select table_name, load_state, last_success_at, last_success_rows, "
        "last_success_as_of_date, data_lag_days, loads, failed_loads, last_failure_at, "
        "last_success_strategy, last_success_rows_inserted, last_success_rows_updated, "
        f"last_success_rows_deleted from staging.{LOAD_STATUS_MODEL} order by table_name"
    )
    with connect(target) as db:
        rows = db.fetchall(sql)
    return [
        LoadStatus(
            table=str(r[0]),
            state=str(r[1]),
            last_success_at=_text(r[2]),
            rows=_int(r[3]),
            as_of=_text(r[4]),
            lag_days=_int(r[5]),
            loads=int(r[6] or 0),
            failed_loads=int(r[7] or 0),
            last_failure_at=_text(r[8]),
            strategy=_text(r[9]),
            rows_inserted=_int(r[10]),
            rows_updated=_int(r[11]),
            rows_deleted=_int(r[12]),
        )
        for r in rows
    ]


def _int(value: Any) -> int | None:
    return int(value) if value is not None else None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text[:19] if len(text) > 19 and text[10] in " T" else text


def _check_out_dir(out_dir: Path) -> None:
    """Refuse an `out_dir` the site cannot be built in: a file, or a folder of something else."""
    if out_dir.exists():
        if not out_dir.is_dir():
            raise DentalError(f"{out_dir} is a file, not a site folder")
        entries = list(out_dir.iterdir())
        if entries and not (out_dir / ".dental-site").is_file():
            raise DentalError(
                f"{out_dir} is not empty and was not built by dental docs: choose another --out"
            )


def _prepare(out_dir: Path) -> None:
    """Empty `out_dir` if it is a site this command built (or empty); refuse anything else."""
    _check_out_dir(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    (out_dir / ".dental-site").write_text("built by dental docs\n", encoding="utf-8")


def write_column_lineage(
    artifacts: Path, project: Project, metrics: Catalog | None, lineage_dir: Path
) -> ColumnLineage | None:
    """Trace every model's columns from the compiled SQL in the manifest and write the site's
    lineage file (with the metric catalog's metrics, when there is one) into `lineage_dir`.

    None (the site is built without the column lineage page, and says why in the log) when the
    warehouse's SQL dialect is not one the tracer reads."""
    manifest = read_json(artifacts / "manifest.json", "dbt docs generate")
    catalog = read_json(artifacts / "catalog.json", "dbt docs generate")
    try:
        lineage = compute_column_lineage(manifest, catalog)
    except ValueError as error:
        log.warning("no column lineage: %s", error)
        return None
    write_lineage_file(lineage_document(lineage, project, metrics), lineage_dir / LINEAGE_FILE)
    return lineage


def pictures_of(project: Project) -> list[Picture]:
    """The lineage pictures the site draws: the whole DAG, then the four patterns."""
    return [whole_dag(project), *(pattern_picture(project, p) for p in PATTERNS)]


def build_site(
    target: Target,
    out_dir: Path,
    *,
    on_step: OnStep | None = None,
    with_pdf: bool = True,
) -> SiteSummary:
    """Build the documentation and lineage site of the last `dental build` in `out_dir`."""
    from dental_analytics.dbt import artifacts_dir, generate_docs, project_dir

    def step(text: str) -> None:
        if on_step is not None:
            on_step(text)

    _check_out_dir(out_dir)  # before the slow part: a folder that cannot be used fails at once
    project_path = project_dir()
    artifacts = artifacts_dir(project_path)
    # dbt reads the catalog from a private copy of a DuckDB warehouse, thrown away after: a
    # server reading the warehouse is neither waited for nor locked out.
    with versions.writing(target) as copy:
        copy.discard()
        step("dbt docs generate")
        docs_page = generate_docs(copy.target, project_path, artifacts)
        project = load_project(artifacts)
        step("load status")
        load_status = read_load_status(copy.target, project)

    step("pages")
    _prepare(out_dir)
    (out_dir / "dbt").mkdir()
    write_docs_page(docs_page, artifacts, out_dir / DOCS_PAGE)
    pictures = pictures_of(project)
    erds = [
        marts_erd(project, read_json(artifacts / "manifest.json", "dbt docs generate")),
        opendental_erd(project),
    ]
    lineage_dir = out_dir / "lineage"
    step("lineage pictures")
    docs_href = f"../{DOCS_PAGE}"
    render(
        [
            ("layers", overview_dot(project, docs_href)),
            *((p.slug, picture_dot(project, p, docs_href)) for p in pictures),
            *((e.picture.slug, erd_dot(project, e, docs_href)) for e in erds),
        ],
        lineage_dir,
    )
    step("column lineage")
    metrics = load_catalog(project_path) if any(semantic_dir(project_path).glob("*.yml")) else None
    lineage = write_column_lineage(artifacts, project, metrics, lineage_dir)
    write_search_index(search_document(project, metrics), out_dir / SEARCH_INDEX_FILE)
    pages = write_pages(
        out_dir,
        project,
        pictures,
        load_status,
        DOCS_PAGE,
        with_pdf=with_pdf,
        lineage=lineage,
        with_search=True,
        erds=[e.picture for e in erds],
    )
    if with_pdf:
        from dental_analytics.docs_site.pdf import write_portfolio

        step("portfolio.pdf")
        write_portfolio(
            out_dir / "portfolio.pdf",
            project,
            [*pictures, *(e.picture for e in erds)],
            load_status,
            lineage_dir,
        )
    size = sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file())
    models: dict[str, int] = {}
    for node in sorted(project.nodes.values(), key=lambda n: layer_rank(n.layer)):
        if node.resource_type == "model":
            models[node.layer] = models.get(node.layer, 0) + 1
    return SiteSummary(
        out_dir=out_dir,
        models=models,
        model_status=project.model_status,
        tests=project.test_totals(),
        freshness=project.freshness_totals(),
        pictures=["layers", *(p.slug for p in pictures), *(e.picture.slug for e in erds)],
        pages=pages,
        bytes=size,
        lineage_columns=sum(len(m.columns) for m in lineage.models.values()) if lineage else 0,
        lineage_seconds=lineage.seconds if lineage else 0.0,
    )
