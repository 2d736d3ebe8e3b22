"""The generated practice the synthetic-data tests share: its parameters and a query helper."""

from __future__ import annotations

import datetime as dt

import duckdb

AS_OF = dt.date(2026, 11, 24)
SEED = 42


def unless_deleted_appointment(target: str, column: str) -> str:
    """A condition leaving out rows whose key `column` is an appointment OpenDental recorded as
    deleted (its history's Deleted row), when `target` is the appointment table: OpenDental
    hard-deletes an appointment but keeps the reminders, requests and e-mails sent for it."""
    if target != "appointment":
        return ""
    return f"and {column} not in (select aptnum from raw.histappointment where histapptaction = 4)"


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> object:
    """The single value `sql` returns."""
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]
