"""What `dental build` leaves for the server: one row per build in the app store."""

from __future__ import annotations

import datetime as dt
import uuid

from dental_analytics.api.store import AppStore, BuildRecord
from dental_analytics.dbt import BuildSummary
from dental_analytics.warehouse.query import connect
from dental_analytics.warehouse.url import Target


def record_build(target: Target, summary: BuildSummary, started: dt.datetime) -> BuildRecord:
    """Record a finished build: its id (the marts' `mart_build.build_id` when this build made
    them), status, warnings by rule and freshness."""
    build_id = None
    try:
        with connect(target) as db:
            rows = db.fetchall("select build_id, built_at from marts.mart_build")
    except Exception:  # no marts at all: the build failed before making them
        rows = []
    if rows and _utc(rows[0][1]) >= started.replace(microsecond=0):
        build_id = str(rows[0][0])
    record = BuildRecord(
        build_id=build_id or f"unbuilt-{uuid.uuid4()}",
        started_at=started.isoformat(timespec="seconds"),
        finished_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        as_of_date=summary.as_of,
        status="pass" if summary.ok else "fail",
        summary={
            "models": dict(summary.models),
            "tests": dict(summary.tests),
            "unit_tests": dict(summary.unit_tests),
            "freshness": dict(summary.freshness),
            "warnings_by_rule": summary.warnings_by_rule(),
        },
    )
    store = AppStore(target)
    try:
        store.record_build(record)
    finally:
        store.close()
    return record


def _utc(value: object) -> dt.datetime:
    stamp = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)
