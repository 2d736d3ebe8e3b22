"""OpenDental's schema (24.3) as data: the one source of truth for tables, columns and keys."""

from dental_analytics.opendental.schema import TABLES, Column, Enum, Table, table

__all__ = ["TABLES", "Column", "Enum", "Table", "table"]
