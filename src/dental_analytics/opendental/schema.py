"""The 91 OpenDental tables the product reads, loaded from the package's `schema.json`.

`schema.json` is copied from OpenDental's 24.3 schema reference (57 tables) and its schema
documentation (34 more, `EXTRA_TABLES` in the script, each with what it unlocks) by
`scripts/vendor_opendental_schema.py`: names, column order, MySQL types, keys and enum values,
without OpenDental's documentation sentences. Everything that needs a column list (the generator,
the loaders, the extractor, the dbt sources) reads it from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Literal

import pyarrow as pa

from dental_analytics.opendental.policy import REDACTED_COLUMNS, TABLE_POLICIES, Role, Strategy

Kind = Literal["integer", "float", "date", "timestamp", "string", "time"]

# MySQL base type -> (kind, raw-layer SQL type, Arrow type), after DESIGN.md's raw-layer contract.
_TYPE_MAP: dict[str, tuple[Kind, str, pa.DataType]] = {
    "bigint": ("integer", "bigint", pa.int64()),
    "int": ("integer", "integer", pa.int32()),
    "mediumint": ("integer", "integer", pa.int32()),
    "smallint": ("integer", "smallint", pa.int16()),
    "tinyint": ("integer", "smallint", pa.int16()),
    "double": ("float", "double precision", pa.float64()),
    "float": ("float", "double precision", pa.float64()),
    "date": ("date", "date", pa.date32()),
    "datetime": ("timestamp", "timestamp", pa.timestamp("us")),
    "timestamp": ("timestamp", "timestamp", pa.timestamp("us")),
    "varchar": ("string", "varchar", pa.string()),
    "char": ("string", "varchar", pa.string()),
    "text": ("string", "varchar", pa.string()),
    "mediumtext": ("string", "varchar", pa.string()),
    "longtext": ("string", "varchar", pa.string()),
    "time": ("time", "interval", pa.duration("us")),
}


@dataclass(frozen=True)
class EnumValue:
    value: int
    name: str


@dataclass(frozen=True)
class Enum:
    """An OpenDental C# enum a column stores, as codes (or, for a few, as names in varchar)."""

    name: str
    values: tuple[EnumValue, ...]
    flags: bool

    @property
    def codes(self) -> tuple[int, ...]:
        return tuple(v.value for v in self.values)

    def code(self, name: str) -> int:
        """The code of the value called `name`; KeyError if the enum has no such value."""
        for v in self.values:
            if v.name == name:
                return v.value
        raise KeyError(f"{self.name} has no value {name!r}")


@dataclass(frozen=True)
class Column:
    name: str
    mysql_type: str
    ddl_type: str
    csharp_type: str
    primary_key: bool
    is_row_timestamp: bool
    special: tuple[str, ...]
    fk_table: str | None
    fk_column: str | None
    fk_in_scope: bool
    enum: Enum | None
    # The column policy (policy.REDACTED_COLUMNS): a secret the extractor writes as null.
    redacted: bool = False

    @property
    def base_type(self) -> str:
        return self.mysql_type.split("(")[0].strip().lower()

    @property
    def kind(self) -> Kind:
        return _TYPE_MAP[self.base_type][0]

    @property
    def raw_name(self) -> str:
        """The column's name in the warehouse's raw layer (lower-cased, DESIGN.md)."""
        return self.name.lower()

    @property
    def raw_sql_type(self) -> str:
        return _TYPE_MAP[self.base_type][1]

    @property
    def arrow_type(self) -> pa.DataType:
        return _TYPE_MAP[self.base_type][2]

    @property
    def is_bool(self) -> bool:
        return self.csharp_type == "bool"

    @property
    def enum_as_string(self) -> bool:
        return "EnumAsString" in self.special


@dataclass(frozen=True)
class Table:
    name: str
    primary_key: tuple[str, ...]
    timestamp_columns: tuple[str, ...]
    columns: tuple[Column, ...]
    # The product's policy for the table (policy.TABLE_POLICIES).
    role: Role = "optional"
    strategy: Strategy = "full"
    when_unused: str = ""

    @cached_property
    def by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    def column(self, name: str) -> Column:
        return self.by_name[name]

    def enum(self, column_name: str) -> Enum:
        """The enum a column stores; KeyError if the column is not an enum column."""
        enum = self.by_name[column_name].enum
        if enum is None:
            raise KeyError(f"{self.name}.{column_name} is not an enum column")
        return enum

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def key(self) -> Column:
        """The primary key's column (every table in scope has a one-column key)."""
        return self.by_name[self.primary_key[0]]

    @property
    def stamp_column(self) -> Column | None:
        """The row-edit stamp (`DateTStamp` / `SecDateTEdit`) the database sets on every write."""
        return next((c for c in self.columns if c.name in self.timestamp_columns), None)

    @property
    def foreign_keys(self) -> list[Column]:
        return [c for c in self.columns if c.fk_table is not None]

    @cached_property
    def arrow_schema(self) -> pa.Schema:
        """The table's raw-layer Arrow schema: lower-cased names, raw types, no nulls."""
        return pa.schema([pa.field(c.raw_name, c.arrow_type, nullable=False) for c in self.columns])


def _load() -> dict[str, Table]:
    text = resources.files("dental_analytics.opendental").joinpath("schema.json").read_text()
    data = json.loads(text)
    tables: dict[str, Table] = {}
    for name, t in data["tables"].items():
        columns = []
        for c in t["columns"]:
            enum = None
            if "enum" in c:
                e = c["enum"]
                enum = Enum(
                    name=e["name"],
                    flags=e["flags"],
                    values=tuple(EnumValue(v["value"], v["name"]) for v in e["values"]),
                )
            columns.append(
                Column(
                    name=c["name"],
                    mysql_type=c["type"],
                    ddl_type=c["ddl_type"],
                    csharp_type=c["csharp_type"],
                    primary_key=c.get("primary_key", False),
                    is_row_timestamp=c.get("is_row_timestamp", False),
                    special=tuple(c.get("special", ())),
                    fk_table=c.get("fk_table"),
                    fk_column=c.get("fk_column"),
                    fk_in_scope=c.get("fk_in_scope", False),
                    enum=enum,
                    redacted=c["name"] in REDACTED_COLUMNS.get(name, ()),
                )
            )
        policy = TABLE_POLICIES[name]
        tables[name] = Table(
            name=name,
            primary_key=tuple(t["primary_key"]),
            timestamp_columns=tuple(t["timestamp_columns"]),
            columns=tuple(columns),
            role=policy.role,
            strategy=policy.strategy,
            when_unused=policy.when_unused,
        )
    return tables


TABLES: dict[str, Table] = _load()


def table(name: str) -> Table:
    """The table called `name` (OpenDental's lower-case table name)."""
    try:
        return TABLES[name]
    except KeyError:
        raise KeyError(
            f"OpenDental table {name!r} is not one of the {len(TABLES)} in scope"
        ) from None
