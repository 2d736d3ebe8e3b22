"""A DuckDB warehouse as versions behind a pointer: writers publish whole files atomically, a
failed writer leaves the current version as it was, readers keep the version they opened."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest

from dental_analytics.errors import DentalError
from dental_analytics.warehouse import versions
from dental_analytics.warehouse.url import Target, parse_target


def _target(tmp_path: Path) -> Target:
    return parse_target(f"duckdb:///{tmp_path / 'warehouse.duckdb'}")


def _write(target: Target, value: int, **options: bool) -> None:
    with (
        versions.writing(target, **options) as version,
        duckdb.connect(str(version.target.path)) as con,
    ):
        con.execute("create or replace table t as select ? as v", [value])


def _read(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("select v from t").fetchone()
    assert row is not None
    return int(row[0])


def _versions(target: Target) -> list[Path]:
    assert target.path is not None
    return sorted(versions.versions_dir(target.path).glob(f"*/{target.path.name}"))


def test_a_write_publishes_a_new_version_behind_the_pointer(tmp_path: Path) -> None:
    target = _target(tmp_path)
    assert target.path is not None
    _write(target, 1)
    assert target.path.is_symlink() and _read(target.path) == 1
    first = target.path.resolve()
    _write(target, 2)
    assert _read(target.path) == 2 and target.path.resolve() != first
    assert _read(first) == 1  # the version before is kept for readers still on it
    _write(target, 3)
    assert len(_versions(target)) == 2  # the current one and the one before
    assert not first.parent.exists()
    assert {p.name for p in _versions(target)} == {"warehouse.duckdb"}  # DuckDB's catalog name


def test_a_plain_warehouse_file_becomes_the_first_version(tmp_path: Path) -> None:
    target = _target(tmp_path)
    assert target.path is not None
    with duckdb.connect(str(target.path)) as con:
        con.execute("create table t as select 7 as v")
    _write(target, 8)
    assert target.path.is_symlink() and _read(target.path) == 8
    assert sorted(_read(p) for p in _versions(target)) == [7, 8]


def test_a_failed_writer_leaves_the_current_version_unchanged(tmp_path: Path) -> None:
    target = _target(tmp_path)
    assert target.path is not None
    _write(target, 1)
    current = target.path.resolve()
    with pytest.raises(RuntimeError), versions.writing(target) as version:
        with duckdb.connect(str(version.target.path)) as con:
            con.execute("create or replace table t as select 99 as v")
        raise RuntimeError("the build broke")
    with versions.writing(target) as version:
        with duckdb.connect(str(version.target.path)) as con:
            con.execute("create or replace table t as select 98 as v")
        version.discard()  # a build whose tests failed
    assert target.path.resolve() == current and _read(target.path) == 1
    assert _versions(target) == [current]  # the copies are gone


def test_a_loader_that_recorded_its_failure_publishes_its_copy(tmp_path: Path) -> None:
    target = _target(tmp_path)
    assert target.path is not None
    _write(target, 1)
    with pytest.raises(DentalError), versions.writing(target, keep_failed=True) as version:
        with duckdb.connect(str(version.target.path)) as con:
            con.execute("create or replace table t as select 2 as v")
        raise DentalError("load failed: recorded in the load log")
    assert _read(target.path) == 2


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    target = _target(tmp_path)
    _write(target, 1)
    with (
        versions.writing(target),
        pytest.raises(DentalError, match="another dental command is writing"),
    ):
        _write(target, 2)


def test_a_reader_keeps_the_version_it_opened_while_a_writer_publishes(tmp_path: Path) -> None:
    target = _target(tmp_path)
    assert target.path is not None
    _write(target, 1)
    reader = duckdb.connect(str(target.path.resolve()), read_only=True)
    try:
        published = threading.Thread(target=_write, args=(target, 2))
        published.start()
        published.join()
        assert reader.execute("select v from t").fetchone() == (1,)
        assert _read(target.path) == 2
    finally:
        reader.close()


def test_other_engines_are_written_in_place() -> None:
    target = parse_target("postgresql://postgres@127.0.0.1:5432/analytics")
    with versions.writing(target) as version:
        assert version.target == target
