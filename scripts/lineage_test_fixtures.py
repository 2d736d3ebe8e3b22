"""Refresh the column-lineage test's fixtures from two compiles of the dbt project.

`tests/unit/docs_site/fixtures/compiled_<engine>.json` hold the compiled SQL of the few models
whose lineage `test_column_lineage.py` checks by hand, and the manifest and catalog entries of
what they read: the artifacts of `dbt docs generate` on a DuckDB and on a PostgreSQL target,
cut down to those models. After a change to one of those models, compile on both engines and run

    python scripts/lineage_test_fixtures.py --duckdb DUCKDB_TARGET --postgres POSTGRES_TARGET

(each a dbt target folder holding manifest.json and catalog.json), then check the hand-written
paths in the test against the models' SQL.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

MODELS = (
    "mart_production_summary",
    "int_procedure_complete",
    "stg_opendental__procedurelog",
    "stg_opendental__claimproc",
    "int_patient_visits",
)
FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "unit" / "docs_site" / "fixtures"
_KEPT = ("unique_id", "resource_type", "name", "database", "schema", "alias", "identifier")


def _slim(node: dict[str, Any], with_code: bool) -> dict[str, Any]:
    out = {k: node[k] for k in _KEPT if node.get(k) is not None}
    out["columns"] = {name: {} for name in node.get("columns") or {}}
    if with_code:
        out["compiled_code"] = node["compiled_code"]
    return out


def cut(target: Path) -> dict[str, Any]:
    """The fixture document of one dbt target folder."""
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    keep = {f"model.dbt_dental_models.{name}" for name in MODELS}
    parents = {p for uid in keep for p in manifest["nodes"][uid]["depends_on"]["nodes"]}
    wanted = keep | parents
    return {
        "manifest": {
            "metadata": {"adapter_type": manifest["metadata"]["adapter_type"]},
            "nodes": {
                uid: _slim(node, uid in keep)
                for uid, node in manifest["nodes"].items()
                if uid in wanted
            },
            "sources": {
                uid: _slim(node, False)
                for uid, node in manifest["sources"].items()
                if uid in parents
            },
        },
        "catalog": {
            section: {
                uid: {
                    "columns": {
                        key: {"name": c["name"], "type": c["type"], "index": c["index"]}
                        for key, c in entry["columns"].items()
                    }
                }
                for uid, entry in (catalog.get(section) or {}).items()
                if uid in wanted
            }
            for section in ("nodes", "sources")
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duckdb", type=Path, required=True, help="a DuckDB compile's target")
    parser.add_argument("--postgres", type=Path, required=True, help="a PostgreSQL one's")
    args = parser.parse_args()
    for engine, target in (("duckdb", args.duckdb), ("postgres", args.postgres)):
        path = FIXTURES / f"compiled_{engine}.json"
        path.write_text(json.dumps(cut(target), indent=1, sort_keys=True))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
