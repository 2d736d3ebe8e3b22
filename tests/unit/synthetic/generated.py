"""The generated practice the synthetic-data tests share: its parameters and a query helper."""

from __future__ import annotations

import datetime as dt

import duckdb

AS_OF = dt.date(2026, 11, 24)
SEED = 42


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> object:
    """The single value `sql` returns."""
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]
