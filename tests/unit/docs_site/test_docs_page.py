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
