"""The one-page dbt docs: its data read as JSON, its sidebar drawn as folders open."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dental_analytics.docs_site.build import SIDEBAR_FOLDER, docs_page

MANIFEST = {"nodes": {"model.p.m": {"description": "a </script><!-- b <c>", "name": "m"}}}
CATALOG = {"nodes": {"model.p.m": {"columns": {"id": {"type": "INTEGER"}}}}}
TEMPLATE = (
    '<html><head><meta charset="utf-8"><script>var n={manifest:"MANIFEST.JSON INLINE DATA",'
    'catalog:"CATALOG.JSON INLINE DATA"};var t=\'<li><ul ng-if="item.items"><x/></ul></li>\';'
    "</script></head><body></body></html>"
)


def _elements(page: str) -> dict[str, str]:
    return dict(re.findall(r'<script type="application/json" id="([^"]+)">(.*?)</script>', page))


def test_data_is_read_from_json_elements_the_script_parses() -> None:
    page = docs_page(TEMPLATE, {"manifest": MANIFEST, "catalog": CATALOG})
    assert "INLINE DATA" not in page
    assert 'manifest:JSON.parse(document.getElementById("dental-dbt-manifest").textContent)' in page
    assert 'catalog:JSON.parse(document.getElementById("dental-dbt-catalog").textContent)' in page
    elements = _elements(page)
    assert json.loads(elements["dental-dbt-manifest"]) == MANIFEST
    assert json.loads(elements["dental-dbt-catalog"]) == CATALOG
    # No `<` in the data: nothing in a description can end its element or open a comment.
    assert all("<" not in text for text in elements.values())
    # After the charset declaration, which must stay within the page's first bytes.
    assert page.index('<meta charset="utf-8">') < page.index("dental-dbt-manifest")


def test_sidebar_folders_draw_their_entries_once_open() -> None:
    page = docs_page(TEMPLATE, {"manifest": MANIFEST, "catalog": CATALOG})
    assert SIDEBAR_FOLDER not in page
    assert '<ul ng-if="item.items && item.active">' in page


def test_a_template_worded_otherwise_gets_the_data_inlined_as_dbt_does() -> None:
    template = TEMPLATE.replace("</head>", "")
    page = docs_page(template, {"manifest": MANIFEST, "catalog": CATALOG})
    assert "application/json" not in page and "INLINE DATA" not in page
    assert '"a <\\/script><!-- b <c>"' in page


def test_installed_dbt_docs_template_is_worded_as_the_page_expects() -> None:
    # A dbt release that words its page otherwise would silently lose the page's speed-ups.
    from dbt.task.docs import DOCS_INDEX_FILE_PATH

    template = Path(DOCS_INDEX_FILE_PATH).read_text(encoding="utf-8")
    for text in (SIDEBAR_FOLDER, '"MANIFEST.JSON INLINE DATA"', '"CATALOG.JSON INLINE DATA"'):
        assert template.count(text) == 1, text
    assert template.count("</head>") == 1
    # The folders' entries are shown exactly when the folder is active (`.active+ul`).
    assert ".menu .active+ul{display:block}" in template


TEST = "test.p.relationships_fact_claim_patient_id__patient_id__ref_dim_patient_.1a2b"
GENERIC_TEST = {
    "unique_id": TEST,
    "name": "relationships_fact_claim_patient_id__patient_id__ref_dim_patient_",
    "resource_type": "test",
    "package_name": "p",
    "description": "",
    "language": "sql",
    "raw_code": "{{ test_relationships(**_dbt_generic_test_kwargs) }}",
    "compiled_code": "select 1",
    "config": {"severity": "ERROR", "store_failures": None, "fail_calc": "count(*)"},
    "fqn": ["p", "marts", "relationships_fact_claim"],
    "checksum": {"name": "none", "checksum": ""},
    "refs": [{"name": "dim_patient", "package": None, "version": None}],
    "depends_on": {
        "macros": ["macro.p.test_relationships", "macro.dbt.get_where_subquery"],
        "nodes": ["model.p.dim_patient", "model.p.fact_claim"],
    },
    "column_name": "patient_id",
    "attached_node": "model.p.fact_claim",
    "test_metadata": {
        "name": "relationships",
        "kwargs": {"column_name": "patient_id", "to": "ref('dim_patient')", "field": "patient_id"},
        "namespace": None,
    },
}


def test_slimmed_generic_test_keeps_what_the_model_and_test_pages_show() -> None:
    from dental_analytics.docs_site.build import TEST_FIELDS_READ, slim_manifest

    manifest = {
        "metadata": {"project_name": "p"},
        "nodes": {TEST: GENERIC_TEST},
        "macros": {
            "macro.p.test_relationships": {"package_name": "p"},
            "macro.dbt.get_where_subquery": {"package_name": "dbt"},
        },
        "parent_map": {TEST: ["model.p.dim_patient", "model.p.fact_claim"]},
    }
    slim = slim_manifest(manifest)["nodes"][TEST]
    # The column badge (kind, column, the model it is on and the one it points to), the model
    # page's "Referenced By" list and the test's page (name, description, SQL, parents).
    for key in TEST_FIELDS_READ:
        if key != "depends_on":
            assert slim[key] == GENERIC_TEST[key], key
    assert slim["depends_on"] == {
        "nodes": ["model.p.dim_patient", "model.p.fact_claim"],
        "macros": ["macro.p.test_relationships"],  # the macros the page holds
    }
    assert not {"config", "fqn", "checksum", "compiled_code"} & set(slim)


def test_the_fields_dbt_docs_reads_of_a_test_are_kept() -> None:
    # The installed dbt docs script reads these of a generic test (column badges, references,
    # the test page); a field it reads that the slimmed test lacks fails here.
    from dbt.task.docs import DOCS_INDEX_FILE_PATH

    from dental_analytics.docs_site.build import TEST_FIELDS_READ

    script = Path(DOCS_INDEX_FILE_PATH).read_text(encoding="utf-8")
    read = {
        "test_metadata": "e.test_metadata.kwargs",
        "refs": "e.refs[0]",
        "depends_on": "e.depends_on.nodes",
        "column_name": "e.column_name||e.test_metadata.kwargs.column_name",
        "raw_code": "Source:e.model.raw_code",
        "language": "e.language=n.language",
    }
    for key, usage in read.items():
        assert usage in script, usage  # the page still reads it this way
        assert key in TEST_FIELDS_READ, key
    assert {"unique_id", "name", "resource_type", "description"} <= set(TEST_FIELDS_READ)
    # The graph's edges come from `parent_map`; nothing in the page reads `child_map`.
    assert "child_map" not in script and script.count("manifest.parent_map") == 1


def test_columns_keep_what_the_page_reads() -> None:
    from dental_analytics.docs_site.build import slim_manifest

    column = {
        "name": "patient_id",
        "description": "The patient.",
        "meta": {"pii": False},
        "constraints": [{"type": "not_null"}],
        "data_type": None,
        "quote": None,
        "config": {"meta": {}, "tags": []},
        "tags": [],
        "granularity": None,
        "doc_blocks": [],
    }
    model = {"resource_type": "model", "name": "dim_patient", "columns": {"patient_id": column}}
    source = {"resource_type": "source", "name": "patient", "columns": {"patnum": column}}
    slim = slim_manifest({"nodes": {"model.p.dim_patient": model}, "sources": {"s": source}})
    kept = {"name": "patient_id", "description": "The patient.", "meta": {"pii": False}}
    kept["constraints"] = [{"type": "not_null"}]
    assert slim["nodes"]["model.p.dim_patient"]["columns"] == {"patient_id": kept}
    assert slim["sources"]["s"]["columns"] == {"patnum": kept}
    assert slim["nodes"]["model.p.dim_patient"]["name"] == "dim_patient"


def test_the_page_reads_no_other_column_field() -> None:
    # Every `column.<field>` the installed dbt docs page reads is kept, comes from the catalog
    # (type, index) or is the page's own (tests, expanded).
    from dbt.task.docs import DOCS_INDEX_FILE_PATH

    from dental_analytics.docs_site.build import COLUMN_FIELDS_READ

    script = Path(DOCS_INDEX_FILE_PATH).read_text(encoding="utf-8")
    read = set(re.findall(r"\bcolumn\.([a-z_]+)", script))
    assert read and read <= {*COLUMN_FIELDS_READ, "type", "index", "tests", "expanded"}, read
    # The column table's details and the search read these off each column object.
    for usage in ("e.constraints||[]", "e.meta||{}", "t.columns[a].description"):
        assert usage in script, usage
