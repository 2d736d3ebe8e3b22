"""What `dental build` leaves for the server: one row per build in the app store."""

from __future__ import annotations

import datetime as dt
import uuid

from dental_analytics.api.store import AppStore, BuildRecord
from dental_analytics.dbt import BuildSummary
from dental_analytics.warehouse.url import Target


def record_build(target: Target, summary: BuildSummary, started: dt.datetime) -> BuildRecord:
    """Record a finished build in `target`'s app store: its id (dbt's invocation id, which
    `marts.mart_build` carries when the build made the marts), status, warnings by rule and
    freshness: what `/api/health` reports."""
    record = BuildRecord(
        build_id=summary.build_id or f"no-results-{uuid.uuid4()}",
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
