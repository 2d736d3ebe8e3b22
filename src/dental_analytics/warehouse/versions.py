"""A DuckDB warehouse is a file behind a pointer, replaced whole (DESIGN.md, "Serving").

The path a `duckdb:///…` URL names (`data/warehouse.duckdb`) is a symbolic link to one version
in `data/warehouse.duckdb.versions/<time>-<random>/warehouse.duckdb` (the same file name in a
folder of its own: DuckDB names the database after the file, and dbt's relations after it). A command that writes (a load, an extract, a build) takes
the writer's lock, copies the current version, writes the copy and, when it succeeds, points the
link at it with one rename(2), which is atomic: a server reading the warehouse answers every
request from the version it opened and moves to the new one on its next request, and a command
that fails leaves the current version exactly as it was. Readers never wait for a writer.

The version before the current one is kept (a server may still be answering from it); older ones
are removed when a new version is published. PostgreSQL swaps its marts schema instead
(`dental_analytics.dbt`); for it these functions change nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from dental_analytics.errors import DentalError
from dental_analytics.warehouse.url import Target


@dataclass
class Version:
    """The target a writer writes to; `discard()` throws it away instead of publishing it."""

    target: Target
    publish: bool = True

    def discard(self) -> None:
        self.publish = False


def versions_dir(pointer: Path) -> Path:
    return pointer.with_name(pointer.name + ".versions")


def current_version(pointer: Path) -> Path | None:
    """The file the pointer leads to now, or None when there is none yet."""
    try:
        return pointer.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        return None


@contextlib.contextmanager
def writing(target: Target, *, keep_failed: bool = False) -> Iterator[Version]:
    """A private copy of the current version to write, published when the block ends cleanly.

    With `keep_failed`, a block that raises an `Exception` publishes its copy too: a loader that
    rolled its transaction back and recorded the failure in `raw.etl_load_status` leaves a copy
    worth keeping. Raises `DentalError` when another command is writing the same warehouse.
    Not DuckDB: the target itself, unchanged.
    """
    if target.kind != "duckdb":
        yield Version(target)
        return
    pointer = target.path
    assert pointer is not None
    with _writer_lock(pointer, target.display):
        try:
            _adopt_plain_file(pointer)
            current = current_version(pointer)
            new = _new_version_path(pointer)
            new.parent.mkdir(parents=True)
        except OSError as error:
            raise DentalError(
                f"cannot open DuckDB file {pointer}: {error.strerror or error}"
            ) from None
        if current is not None:
            _copy_database(current, new)
        version = Version(replace(target, path=new))
        try:
            yield version
        except Exception:
            try:
                if not keep_failed:
                    raise
                _publish(pointer, version, current)
            except Exception:  # not worth keeping, or not a database at all
                _remove_database(new)
            raise
        except BaseException:
            _remove_database(new)
            raise
        _publish(pointer, version, current)


def _publish(pointer: Path, version: Version, replaced: Path | None) -> None:
    new = version.target.path
    assert new is not None
    if not version.publish or not new.is_file():
        _remove_database(new)
        return
    _checkpoint(new)
    _point(pointer, new)
    _prune(pointer, keep={new, *([replaced] if replaced else [])})


@contextlib.contextmanager
def _writer_lock(pointer: Path, display: str) -> Iterator[None]:
    lock_path = pointer.with_name(pointer.name + ".lock")
    try:
        pointer.parent.mkdir(parents=True, exist_ok=True)
        handle = lock_path.open("a+b")
    except OSError as error:
        raise DentalError(f"cannot open DuckDB file {pointer}: {error.strerror or error}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DentalError(
                f"another dental command is writing {display} (a load, an extract or a build): "
                "run this one when it has finished"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _adopt_plain_file(pointer: Path) -> None:
    """A warehouse file from before versions (a plain file at the pointer's path) becomes the
    first version; the path turns into a link to it without ever being missing."""
    if pointer.is_symlink() or not pointer.is_file():
        return
    first = _new_version_path(pointer)
    first.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(pointer, first)
    except OSError:  # a file system without hard links
        _copy_database(pointer, first)
    wal = Path(f"{pointer}.wal")
    if wal.is_file():
        wal.replace(f"{first}.wal")
    _point(pointer, first)


def _new_version_path(pointer: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    return versions_dir(pointer) / f"{stamp}-{secrets.token_hex(3)}" / pointer.name


def _copy_database(source: Path, destination: Path) -> None:
    try:
        shutil.copyfile(source, destination)
        wal = Path(f"{source}.wal")
        if wal.is_file():  # a writer that stopped before its checkpoint: its log goes along
            shutil.copyfile(wal, f"{destination}.wal")
    except OSError as error:
        _remove_database(destination)
        raise DentalError(
            f"cannot copy the warehouse to {destination.parent}: {error.strerror or error}"
        ) from None


def _checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so readers open one complete file."""
    import duckdb

    with duckdb.connect(str(path)) as con:
        con.execute("checkpoint")


def _point(pointer: Path, version: Path) -> None:
    """Point `pointer` at `version` (relative, so the folder can move) in one rename."""
    link = pointer.with_name(f".{pointer.name}.{secrets.token_hex(4)}")
    link.symlink_to(os.path.relpath(version, pointer.parent))
    link.replace(pointer)


def _prune(pointer: Path, keep: set[Path]) -> None:
    """Remove every version but `keep` (the new one and the one it replaced), including any a
    killed writer left behind. A server still answering from a removed version is unaffected:
    an open file outlives its name."""
    kept = {p.resolve() for p in keep}
    for path in versions_dir(pointer).glob(f"*/{pointer.name}"):
        if path.resolve() not in kept:
            _remove_database(path)


def _remove_database(path: Path) -> None:
    """Remove a version: its file, its log and its folder."""
    shutil.rmtree(path.parent, ignore_errors=True)


# PostgreSQL: a build makes its marts in a side schema, swapped with `marts` in one transaction.
# The API holds this advisory lock (shared) for the length of each request and the swap takes it
# exclusively, so a request reads one build's marts from its first query to its last.
MARTS_SCHEMA = "marts"
NEXT_MARTS_SCHEMA = "marts__next"
_PREVIOUS_MARTS_SCHEMA = "marts__previous"
MARTS_LOCK = 0x64656E74616C  # "dental"
_SWAP_LOCK_TIMEOUT = "30s"


def prepare_side_marts(target: Target) -> None:
    """Drop what an earlier build left in the side schema: each build starts from nothing."""
    _run_postgres(target, [f"drop schema if exists {NEXT_MARTS_SCHEMA} cascade"])


def swap_marts(target: Target) -> None:
    """Make the side schema's marts the served ones in one transaction, then drop the old ones.

    Raises `DentalError` when the swap cannot take its lock (a reader holding it for
    longer than the timeout); the served marts are then unchanged.
    """
    from dental_analytics.warehouse.postgres_raw import connect_postgres

    conn = connect_postgres(target)
    try:
        with conn.transaction():
            conn.execute(f"set local lock_timeout = '{_SWAP_LOCK_TIMEOUT}'")
            conn.execute("select pg_advisory_xact_lock(%s)", (MARTS_LOCK,))
            conn.execute(f"drop schema if exists {_PREVIOUS_MARTS_SCHEMA} cascade")
            if conn.execute(
                "select 1 from pg_namespace where nspname = %s", (MARTS_SCHEMA,)
            ).fetchone():
                conn.execute(f"alter schema {MARTS_SCHEMA} rename to {_PREVIOUS_MARTS_SCHEMA}")
            conn.execute(f"alter schema {NEXT_MARTS_SCHEMA} rename to {MARTS_SCHEMA}")
    except Exception as error:
        raise DentalError(
            f"the new marts could not replace the served ones ({type(error).__name__}): "
            f"they are kept in schema {NEXT_MARTS_SCHEMA}"
        ) from None
    finally:
        conn.close()
    # Outside the swap: a reader outside the API (a BI tool) may hold the old tables a while;
    # then they wait for the next build, which drops them first.
    with contextlib.suppress(DentalError):
        _run_postgres(
            target,
            [
                f"set lock_timeout = '{_SWAP_LOCK_TIMEOUT}'",
                f"drop schema if exists {_PREVIOUS_MARTS_SCHEMA} cascade",
            ],
        )


def _run_postgres(target: Target, statements: list[str]) -> None:
    from dental_analytics.warehouse.postgres_raw import connect_postgres

    conn = connect_postgres(target)
    try:
        conn.autocommit = True
        for statement in statements:
            conn.execute(statement)
    except Exception as error:
        raise DentalError(
            f"PostgreSQL refused {statements[-1]!r}: {type(error).__name__}"
        ) from None
    finally:
        conn.close()
