"""Write the skeleton of the `opendental` dbt source files from the schema module.

Run once per new table: it lists every table and column of a domain in OpenDental's order, with
freshness windows (judged from the load log, `raw.etl_load_status`) and primary-key tests, and
leaves descriptions for people to write. A test (`tests/unit/dbt/test_project_files.py`) keeps the
files and the schema module in step afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dental_analytics.dbt_sources import DOMAINS, FRESHNESS_HOURS, is_transactional
from dental_analytics.opendental import TABLES

SOURCES = Path("dbt_dental_models/models/staging/opendental/_sources")


def loaded_at_query(table: str) -> list[str]:
    """The `loaded_at_query` lines of a table's config: the finish of its last load that
    succeeded or was skipped (from `raw.etl_load_status`), so a table a load left empty, or an
    incremental extract left unchanged, is still fresh."""
    return [
        "          loaded_at_query: >-",
        "            select max(finished_at) from raw.etl_load_status",
        f"            where table_name = '{table}' and status in ('success', 'skipped')",
    ]


def scaffold(domain: str) -> str:
    lines = ["version: 2", "", "sources:", "  - name: opendental", "    schema: raw", "    tables:"]
    for name in DOMAINS[domain]:
        table = TABLES[name]
        warn, error = FRESHNESS_HOURS[is_transactional(name)]
        lines += [
            f"      - name: {name}",
            "        description: >",
            "          TODO",
            "        config:",
            *loaded_at_query(name),
            "          freshness:",
            f"            warn_after: {{count: {warn}, period: hour}}",
            f"            error_after: {{count: {error}, period: hour}}",
            "        columns:",
        ]
        for column in table.columns:
            lines += [f"          - name: {column.raw_name}", "            description: TODO"]
            if column.primary_key:
                lines += ["            data_tests: [primary_key]"]
        lines += [
            "          - name: _loaded_at",
            "            description: '{{ doc(\"_loaded_at\") }}'",
        ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for domain in sys.argv[1:] or DOMAINS:
        path = SOURCES / f"{domain}_sources.yml"
        if path.exists():
            print(f"{path} exists; not overwritten")
            continue
        path.write_text(scaffold(domain))
        print(f"wrote {path}")
