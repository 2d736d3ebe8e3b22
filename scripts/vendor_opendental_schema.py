"""Copy the facts the product needs from OpenDental's schema reference into the package.

Run from the repository root when the reference changes:

    python scripts/vendor_opendental_schema.py ../shared/opendental/schema.json

It keeps names, column order, MySQL types, keys and enum values, and leaves out OpenDental's
documentation sentences (`notes`, `summary`), which the product does not ship.

The reference's `schema.json` holds 57 tables. The more the product needs (`EXTRA_TABLES`) are
read from OpenDental's schema documentation (`OpenDentalDocumentation-24.3.xml`, beside
`schema.json`), which has every table's columns in order with their MySQL types, foreign keys and
enums, but not the C# facts `schema.json` carries (the C# type, CRUD attributes). Those are
derived from the MySQL type, and where the type alone cannot tell, stated per column below.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

TARGET = Path("src/dental_analytics/opendental/schema.json")
DOCUMENTATION = "OpenDentalDocumentation-24.3.xml"

# Tables beyond the reference's 57, read from the documentation XML, with what each unlocks.
EXTRA_TABLES = (
    "userodpref", "apptreminderrule", "apptremindersent",
    # Money: payments reconciled to bank deposits; payment plans' links to what they pay.
    "deposit", "payplanlink",
    # Insurance: government plans apart from commercial; claim follow-up and denial reasons;
    # the history of verifications; in-house membership plans.
    "insfilingcode", "claimtracking", "insverifyhist", "discountplan", "discountplansub",
    # Clinical: pocket depths, lab cases and their cost, ortho contracts, procedure notes,
    # medical history, treatment plans' procedures.
    "periomeasure", "laboratory", "labcase", "orthocase", "orthoschedule", "orthoplanlink",
    "orthoproclink", "procnote", "medication", "medicationpat", "allergydef", "allergy",
    "diseasedef", "disease", "treatplanattach",
    # Staff: employees and their time clock; which providers work in which clinic.
    "employee", "clockevent", "providerclinic",
    # Messaging beside the commlog: e-mail, texts both ways, confirmation requests.
    "emailmessage", "smstomobile", "smsfrommobile", "confirmationrequest",
    # The practice's own patient fields.
    "patfielddef", "patfield",
)  # fmt: skip

# The XML gives a C# bool as a plain tinyint, like a byte. Which tinyint columns are bools is
# listed here rather than guessed from the documentation's wording; `_vendor_xml_table` fails on
# any other tinyint column without an enum, so a new extra table forces the decision.
XML_BOOL_COLUMNS = {
    ("apptreminderrule", "IsSendAll"),
    ("apptreminderrule", "IsEnabled"),
    ("apptreminderrule", "IsAutoReplyEnabled"),
    ("apptreminderrule", "IsSendForMinorsBirthday"),
    ("deposit", "IsSentToQuickBooksOnline"),
    ("insfilingcode", "ExcludeOtherCoverageOnPriClaims"),
    ("laboratory", "IsHidden"),
    ("employee", "IsHidden"),
    ("employee", "IsFurloughed"),
    ("employee", "IsWorkingHome"),
    ("clockevent", "AdjustIsOverridden"),
    ("clockevent", "IsWorkingHome"),
    ("discountplan", "IsHidden"),
    ("orthocase", "IsTransfer"),
    ("orthocase", "IsActive"),
    ("orthoschedule", "IsActive"),
    ("orthoplanlink", "IsActive"),
    ("smstomobile", "IsTimeSensitive"),
    ("smstomobile", "IsHidden"),
    ("smsfrommobile", "IsHidden"),
    ("confirmationrequest", "DoNotResend"),
    ("procnote", "SigIsTopaz"),
    ("medicationpat", "IsCpoe"),
    ("allergy", "StatusIsActive"),
    ("allergydef", "IsHidden"),
    ("patfielddef", "IsHidden"),
    ("diseasedef", "IsHidden"),
}
# C# TimeSpan fields OpenDental stores as bigint ticks (CRUD special type TimeSpanLong).
XML_TIMESPAN_TICKS_COLUMNS = {
    ("apptreminderrule", "TSPrior"),
    ("apptreminderrule", "DoNotSendWithin"),
    ("apptreminderrule", "TimeSpanMultipleInvites"),
    ("apptremindersent", "TSPrior"),
    ("confirmationrequest", "TSPrior"),
}
# Columns whose XML entry names no enum although the C# field is one that the XML defines on
# other tables' columns: the send status and channel of an automated message (as on
# webschedrecall), and the email type of the single-message template (as its aggregate sibling).
XML_ENUM_OF_COLUMN = {
    ("apptremindersent", "SendStatus"): "AutoCommStatus",
    ("apptremindersent", "MessageType"): "CommType",
    ("apptreminderrule", "EmailTemplateType"): "EmailType",
    ("confirmationrequest", "SendStatus"): "AutoCommStatus",
    ("confirmationrequest", "MessageType"): "CommType",
    ("insverifyhist", "VerifyType"): "VerifyTypes",
}
# Foreign keys the XML states only in words (no `fk` attribute) or names by the C# class: the
# appointment reminded or confirmed, the user who tracked a claim, the verification copied.
XML_FOREIGN_KEYS = {
    ("apptremindersent", "ApptNum"): ("appointment", "AptNum"),
    ("confirmationrequest", "ApptNum"): ("appointment", "AptNum"),
    ("claimtracking", "UserNum"): ("userod", "UserNum"),
    ("insverifyhist", "InsVerifyNum"): ("insverify", "InsVerifyNum"),
    ("insverifyhist", "UserNum"): ("userod", "UserNum"),
    ("insverifyhist", "DefNum"): ("definition", "DefNum"),
}
# Date-times OpenDental sets to NOW() when the row is inserted (CRUD special type DateTEntry).
XML_ENTRY_DATETIME_COLUMNS = {
    ("apptremindersent", "DateTimeEntry"),
    ("confirmationrequest", "DateTimeEntry"),
    ("insverifyhist", "DateTimeEntry"),
}
# Dates and date-times OpenDental's security layer sets on insert, by their standard names.
_ENTRY_STAMPS = {"SecDateTEntry": "DateTEntry", "SecDateEntry": "DateEntry"}

_CSHARP_BY_MYSQL = {
    "bigint": "long",
    "int": "int",
    "smallint": "int",
    "tinyint": "byte",
    "double": "double",
    "float": "float",
    "date": "DateTime",
    "datetime": "DateTime",
    "timestamp": "DateTime",
    "varchar": "string",
    "char": "string",
    "text": "string",
    "mediumtext": "string",
    "longtext": "string",
    "time": "TimeSpan",
}
_ENUM_VALUE = re.compile(r"^\s*(-?\d+)")


def vendor(source: Path) -> dict[str, object]:
    reference = json.loads(source.read_text())
    tables: dict[str, dict[str, Any]] = {}
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
    documentation = ET.parse(source.parent / DOCUMENTATION).getroot()
    xml_tables = {t.get("name"): t for t in documentation.iter("table")}
    enums = _xml_enums(documentation)
    in_scope = set(tables) | set(EXTRA_TABLES)
    for name in EXTRA_TABLES:
        tables[name] = _vendor_xml_table(xml_tables[name], enums, in_scope)
    # A foreign key is in scope when its table is, whichever list brought the table in (the
    # reference's keys to `deposit` or `employee` come into scope with the extra tables). A key
    # that names only the table points at that table's key.
    key_of = {name: t["primary_key"][0] for name, t in tables.items()}
    for table in tables.values():
        for column in table["columns"]:
            if "fk_table" not in column:
                continue
            column["fk_in_scope"] = column["fk_table"] in tables
            if column["fk_in_scope"] and column["fk_column"] is None:
                column["fk_column"] = key_of[column["fk_table"]]
    return {
        "opendental_version": "24.3",
        "source": reference["source"],
        "tables": tables,
    }


def _xml_enums(documentation: ET.Element) -> dict[str, ET.Element]:
    """Every enum the documentation defines on some column, by name (its first definition)."""
    enums: dict[str, ET.Element] = {}
    for element in documentation.iter("Enumeration"):
        enums.setdefault(element.get("name") or "", element)
    return enums


def _enum_values(element: ET.Element) -> list[dict[str, object]]:
    """An enum's values with their codes: the code the documentation states, or, where it states
    none, the previous code plus one, as C# numbers an enum member without an initialiser."""
    values: list[dict[str, object]] = []
    code = -1
    for value in element.iter("EnumValue"):
        match = _ENUM_VALUE.match(value.text or "")
        code = int(match.group(1)) if match else code + 1
        values.append({"value": code, "name": value.get("name")})
    return values


def _vendor_xml_table(
    element: ET.Element, enums: dict[str, ET.Element], in_scope: set[str]
) -> dict[str, Any]:
    """One table of the documentation XML in the shape of the reference's tables."""
    name = element.get("name") or ""
    columns: list[dict[str, object]] = []
    primary_key = []
    timestamp_columns = []
    for col in sorted(element.findall("column"), key=lambda c: int(c.get("order") or 0)):
        col_name = col.get("name") or ""
        mysql_type = col.get("type") or ""
        base = mysql_type.split("(")[0].strip().lower()
        where = (name, col_name)
        enum_element = col.find("Enumeration")
        enum_name = enum_element.get("name") if enum_element is not None else None
        enum_name = XML_ENUM_OF_COLUMN.get(where, enum_name)
        special: list[str] = []
        if enum_name:
            csharp = enum_name
            if base in ("varchar", "char"):
                special.append("EnumAsString")
        elif where in XML_BOOL_COLUMNS:
            csharp = "bool"
        elif where in XML_TIMESPAN_TICKS_COLUMNS:
            csharp = "TimeSpan"
            special.append("TimeSpanLong")
        elif base == "tinyint":
            raise ValueError(f"{name}.{col_name}: tinyint without an enum; bool or byte?")
        else:
            csharp = _CSHARP_BY_MYSQL[base]
        if base in ("text", "mediumtext", "longtext"):
            special.append("IsText")
        if where in XML_ENTRY_DATETIME_COLUMNS:
            special.append("DateTEntry")
        elif col_name in _ENTRY_STAMPS:
            special.append(_ENTRY_STAMPS[col_name])
        elif base == "datetime":
            special.append("DateT")
        elif base == "timestamp":
            # MySQL sets a timestamp column on every insert and update (the row-edit stamp).
            special.append("TimeStamp")
            timestamp_columns.append(col_name)
        kept: dict[str, object] = {
            "name": col_name,
            "type": mysql_type,
            "ddl_type": mysql_type,
            "csharp_type": csharp,
        }
        summary = (col.findtext("summary") or "").strip().lower()
        if summary.startswith(("primary key", "pk")):
            kept["primary_key"] = True
            primary_key.append(col_name)
        if base == "timestamp":
            kept["is_row_timestamp"] = True
        if special:
            kept["special"] = special
        fk_table, fk_column = XML_FOREIGN_KEYS.get(where, (col.get("fk"), None))
        if fk_table and re.fullmatch(r"[a-z]+", fk_table.lower()) and base == "bigint":
            fk_table = fk_table.lower()
            kept["fk_table"] = fk_table
            kept["fk_column"] = fk_column
            kept["fk_in_scope"] = fk_table in in_scope
        if enum_name:
            kept["enum"] = {
                "name": enum_name,
                "flags": False,
                "values": _enum_values(enums[enum_name]),
            }
        columns.append(kept)
    return {"primary_key": primary_key, "timestamp_columns": timestamp_columns, "columns": columns}


if __name__ == "__main__":
    data = vendor(Path(sys.argv[1]))
    TARGET.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n")
    print(f"wrote {TARGET}: {len(data['tables'])} tables")
