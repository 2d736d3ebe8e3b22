"""Copy the facts the product needs from OpenDental's schema reference into the package.

Run from the repository root when the reference changes:

    python scripts/vendor_opendental_schema.py ../shared/opendental/schema.json

It keeps names, column order, MySQL types, keys and enum values, and leaves out OpenDental's
documentation sentences (`notes`, `summary`), which the product does not ship.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TARGET = Path("src/dental_analytics/opendental/schema.json")


def vendor(source: Path) -> dict[str, object]:
    reference = json.loads(source.read_text())
    tables = {}
    for name, table in reference["tables"].items():
        columns = []
        for column in table["columns"]:
            kept: dict[str, object] = {
                "name": column["name"],
                "type": column["type"],
                "ddl_type": column["ddl_type"],
                "csharp_type": column["csharp_type"],
            }
            if column.get("primary_key"):
                kept["primary_key"] = True
            if column.get("is_row_timestamp"):
                kept["is_row_timestamp"] = True
            if column.get("crud_special_type"):
                kept["special"] = column["crud_special_type"]
            if column.get("fk_table"):
                kept["fk_table"] = column["fk_table"]
                kept["fk_column"] = column.get("fk_column")
                kept["fk_in_scope"] = bool(column.get("fk_in_scope"))
            if column.get("enum"):
                enum = column["enum"]
                kept["enum"] = {
                    "name": enum["name"],
                    "flags": bool(enum.get("flags")),
                    "values": [{"value": v["value"], "name": v["name"]} for v in enum["values"]],
                }
            columns.append(kept)
        tables[name] = {
            "primary_key": table["primary_key"],
            "timestamp_columns": table.get("timestamp_columns", []),
            "columns": columns,
        }
    return {
        "opendental_version": "24.3",
        "source": reference["source"],
        "tables": tables,
    }


if __name__ == "__main__":
    data = vendor(Path(sys.argv[1]))
    TARGET.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
    print(f"wrote {TARGET}: {len(data['tables'])} tables")
