"""The docs page's whole-project graph is laid out by Graphviz when the site is built."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from dental_analytics.docs_site.graph_layout import (
    DAGRE_LAYOUT,
    drawn_graph,
    layout,
    with_precomputed_layout,
)

P = "dbt_dental_models"
SOURCE = f"source.{P}.opendental.patient"
STAGING = f"model.{P}.stg_opendental__patient"
MART = f"model.{P}.dim_patient"
HIDDEN = f"model.{P}.int_hidden"
GENERIC = f"test.{P}.unique_dim_patient_patient_id"
EXPOSURE = f"exposure.{P}.dashboard"
MANIFEST = {
    "nodes": {
        STAGING: {"resource_type": "model"},
        MART: {"resource_type": "model"},
        HIDDEN: {"resource_type": "model", "docs": {"show": False}},
        GENERIC: {"resource_type": "test", "test_metadata": {"name": "unique"}},
    },
    "sources": {SOURCE: {"resource_type": "source"}},
    "exposures": {EXPOSURE: {"resource_type": "exposure"}},
    "parent_map": {
        STAGING: [SOURCE],
        MART: [STAGING],
        HIDDEN: [STAGING],
        GENERIC: [MART],
        EXPOSURE: [MART],
        SOURCE: [],
    },
}
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is needed")


def test_the_graph_is_what_dbt_docs_draws() -> None:
    # Generic tests and nodes hidden from the docs are not drawn; sources and exposures are.
    nodes, edges = drawn_graph(MANIFEST)
    assert sorted(nodes) == sorted([SOURCE, STAGING, MART, EXPOSURE])
    assert sorted(edges) == sorted([(SOURCE, STAGING), (STAGING, MART), (MART, EXPOSURE)])


@needs_dot
def test_layout_runs_left_to_right_in_lineage_order() -> None:
    positions = layout(*drawn_graph(MANIFEST))
    xs = [positions[uid][0] for uid in (SOURCE, STAGING, MART, EXPOSURE)]
    assert xs == sorted(xs) and len(set(xs)) == 4


@needs_dot
def test_page_places_the_whole_project_and_lays_out_selections_itself() -> None:
    page = f"<html><head></head><body><script>var d={{{DAGRE_LAYOUT},x:1}}</script></body></html>"
    patched = with_precomputed_layout(page, MANIFEST)
    assert DAGRE_LAYOUT not in patched and "'preset':'dagre'" in patched
    found = re.search(r"window\.dentalGraphLayout=(\{.*?\});</script>\s*</head>", patched)
    assert found is not None
    data = json.loads(found.group(1))
    assert data["n"] == 4 and sorted(data["p"]) == sorted([SOURCE, STAGING, MART, EXPOSURE])


def test_a_page_worded_otherwise_is_left_as_it_is() -> None:
    page = '<html><head></head><body>left_right:{name:"dagre"}</body></html>'
    assert with_precomputed_layout(page, MANIFEST) == page
