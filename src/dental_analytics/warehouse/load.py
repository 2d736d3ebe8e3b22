"""Load a stream of OpenDental table batches into a target: the raw layer, or the MySQL twin.

The one entry point the CLI calls. It owns what every raw-layer engine shares: checking each
batch against the schema, counting rows and watermarks, the progress callback, and the
all-or-nothing contract (success rows with the data in one transaction; on failure a rollback,
`failed` status rows, and one `DentalError`). The engine modules only talk to their database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Protocol

import pyarrow as pa

from dental_analytics.errors import DentalError
from dental_analytics.opendental.schema import TABLES, Table
from dental_analytics.warehouse import versions
from dental_analytics.warehouse.load_status import LoadRun, LoadTally, utc_now
from dental_analytics.warehouse.raw_layer import conform, with_loaded_at
from dental_analytics.warehouse.reasons import describe
from dental_analytics.warehouse.url import Target

Batch = Mapping[str, pa.Table]
OnRows = Callable[[str, int], None]


class RawSession(Protocol):
    """One load's open transaction on a raw layer; implemented once per engine."""

    def replace_tables(self, tables: Sequence[Table]) -> None:
        """Begin the transaction and leave each of `tables` empty in the raw shape."""

    def append(self, table: Table, data: pa.Table) -> None:
        """Append rows (raw columns then `_loaded_at`) to `raw.<table>`."""

    def commit(self, status: pa.Table) -> None:
        """Append the `success` status rows and commit everything."""

    def abort(self, status: pa.Table) -> None:
        """Roll back, then write the `failed` status rows in a new transaction."""

    def close(self) -> None:
        """Release the connection."""


def load_raw(
    target: Target,
    batches: Iterable[Batch],
    *,
    source: str,
    as_of: dt.date,
    on_rows: OnRows | None = None,
) -> dict[str, int]:
    """Replace the target's tables with the rows of `batches`; return rows written per table.

    `batches` is consumed once, as a stream: each batch maps OpenDental table names to Arrow
    tables in the raw shape (`Table.arrow_schema`), and a table's rows from every batch are
    appended. Every OpenDental table is written, empty if no batch carries it. `on_rows(table, n)`
    is called after each append.

    On DuckDB and PostgreSQL this writes `raw.<table>` with `_loaded_at` and one
    `raw.etl_load_status` row per table (`source`, `as_of`), all in one transaction. On a MySQL
    target it writes an OpenDental twin instead (`mysql_twin`; `source` and `as_of` unused).

    Raises `DentalError` if the target cannot be reached, or if the load fails midway; then the
    previous tables are left exactly as they were and (raw layer) `failed` rows are recorded.
    """
    if target.kind == "mysql":
        # Imported here so a DuckDB load never imports the server drivers.
        from dental_analytics.warehouse.mysql_twin import load_twin

        return load_twin(target, batches, on_rows=on_rows)
    with _raw_session(target) as session:
        return _load_layer(session, target, batches, source=source, as_of=as_of, on_rows=on_rows)


@contextlib.contextmanager
def _raw_session(target: Target) -> Iterator[RawSession]:
    if target.kind == "postgresql":
        from dental_analytics.warehouse.postgres_raw import PostgresRawSession

        with contextlib.closing(PostgresRawSession(target)) as session:
            yield session
        return
    from dental_analytics.warehouse.duckdb_raw import DuckDBRawSession

    # A new version of the DuckDB file, published when the load ends, failed or not: a failed
    # load has rolled its tables back and recorded its failure (see `versions`).
    with (
        versions.writing(target, keep_failed=True) as version,
        contextlib.closing(DuckDBRawSession(version.target)) as duck,
    ):
        yield duck


def _load_layer(
    session: RawSession,
    target: Target,
    batches: Iterable[Batch],
    *,
    source: str,
    as_of: dt.date,
    on_rows: OnRows | None,
) -> dict[str, int]:
    run = LoadRun(load_id=str(uuid.uuid4()), source=source, as_of=as_of, started_at=utc_now())
    tally = LoadTally()
    try:
        session.replace_tables(list(TABLES.values()))
        for batch in batches:
            for name, arrow in batch.items():
                table, data = conform(name, arrow)
                tally.add(table, data)
                # _loaded_at is the load's start, so every row of one load carries the same value.
                session.append(table, with_loaded_at(data, run.started_at))
                if on_rows is not None:
                    on_rows(name, data.num_rows)
        session.commit(tally.success_rows(run, utc_now()))
    except BaseException as error:
        reason = describe(error)
        # If even the failed rows cannot be written, the load's own failure is the one to report.
        with contextlib.suppress(Exception):
            session.abort(tally.failed_rows(run, utc_now(), reason))
        if not isinstance(error, Exception):
            raise  # KeyboardInterrupt and friends keep their meaning for the caller.
        raise DentalError(
            f"load into {target.display} failed: {reason}; the previous raw tables are unchanged"
        ) from error
    return tally.rows
