"""Documentation and test coverage per layer: what share of models and columns are described and
tested, and which are not."""

from __future__ import annotations

from dataclasses import dataclass

from dental_analytics.docs_site.artifacts import LAYERS, Project


@dataclass(frozen=True)
class LayerCoverage:
    layer: str
    nodes: int
    described: int  # nodes with a description
    tested: int  # nodes with at least one test
    keyed: int  # nodes with a primary-key (unique) test
    columns: int
    columns_described: int
    columns_tested: int

    @property
    def described_share(self) -> float | None:
        return self.described / self.nodes if self.nodes else None

    @property
    def tested_share(self) -> float | None:
        return self.tested / self.nodes if self.nodes else None

    @property
    def columns_described_share(self) -> float | None:
        return self.columns_described / self.columns if self.columns else None

    @property
    def columns_tested_share(self) -> float | None:
        return self.columns_tested / self.columns if self.columns else None


def layer_coverage(project: Project) -> list[LayerCoverage]:
    """Coverage of every layer that has models, sources or seeds, in layer order, then a total."""
    rows = []
    total = [0] * 7
    for layer in LAYERS:
        nodes = [
            n for n in project.by_layer(layer) if n.resource_type in {"model", "source", "seed"}
        ]
        if not nodes:
            continue
        columns = [c for n in nodes for c in n.columns]
        values = (
            len(nodes),
            sum(1 for n in nodes if n.description.strip()),
            sum(1 for n in nodes if n.test_count),
            sum(1 for n in nodes if n.has_primary_key_test),
            len(columns),
            sum(1 for c in columns if c.description.strip()),
            sum(1 for c in columns if c.tested),
        )
        total = [a + b for a, b in zip(total, values, strict=True)]
        rows.append(LayerCoverage(layer, *values))
    if rows:
        rows.append(LayerCoverage("all", *total))
    return rows
