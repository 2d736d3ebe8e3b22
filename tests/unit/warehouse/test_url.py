"""Target URLs: SQLAlchemy's slash rule, the accepted schemes, defaults, and one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from dental_analytics.errors import DentalError
from dental_analytics.warehouse.url import Target, parse_target


def test_duckdb_three_slashes_is_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = parse_target("duckdb:///data/warehouse.duckdb")
    assert target.kind == "duckdb"
    assert target.path == tmp_path / "data" / "warehouse.duckdb"
    assert target.path.is_absolute()
    assert (target.host, target.port, target.user, target.database) == (None, None, None, None)


def test_duckdb_four_slashes_is_absolute() -> None:
    target = parse_target("duckdb:////tmp/x.duckdb")
    assert target.path == Path("/tmp/x.duckdb")
    assert target.display == "duckdb:////tmp/x.duckdb"


def test_duckdb_path_may_be_percent_encoded() -> None:
    assert parse_target("duckdb:////tmp/my%20warehouse.duckdb").path == Path(
        "/tmp/my warehouse.duckdb"
    )


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg", "POSTGRESQL"])
def test_postgres_schemes_and_defaults(scheme: str) -> None:
    target = parse_target(f"{scheme}://db.example.com/analytics")
    assert target == Target(
        kind="postgresql", host="db.example.com", port=5432, user="postgres", database="analytics"
    )
    assert target.path is None


@pytest.mark.parametrize("scheme", ["mysql", "mysql+pymysql", "mariadb"])
def test_mysql_schemes_and_defaults(scheme: str) -> None:
    target = parse_target(f"{scheme}://127.0.0.1/opendental_demo")
    assert target == Target(
        kind="mysql", host="127.0.0.1", port=3306, user="root", database="opendental_demo"
    )


def test_every_part_of_a_server_url() -> None:
    target = parse_target("postgresql://alice:s3cr%40t:x@db.example.com:6543/analytics")
    assert target.user == "alice"
    assert target.password == "s3cr@t:x"
    assert target.host == "db.example.com"
    assert target.port == 6543
    assert target.database == "analytics"


def test_host_defaults_to_localhost() -> None:
    assert parse_target("postgresql:///analytics").host == "localhost"
    assert parse_target("mysql://root@/opendental_demo").host == "localhost"


def test_ipv6_host() -> None:
    target = parse_target("postgresql://bob@[::1]:5433/db")
    assert (target.host, target.port) == ("::1", 5433)
    assert target.display == "postgresql://bob@[::1]:5433/db"


def test_display_masks_the_password() -> None:
    target = parse_target("postgresql://alice:hunter2@db:5432/analytics")
    assert target.display == "postgresql://alice:***@db:5432/analytics"
    assert "hunter2" not in repr(target)
    assert "hunter2" not in str(target)


def test_display_without_a_password_shows_defaults() -> None:
    assert parse_target("mariadb://h/od").display == "mysql://root@h:3306/od"
    assert parse_target("postgres://h/w").display == "postgresql://postgres@h:5432/w"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("", "empty target URL"),
        ("   ", "empty target URL"),
        ("warehouse.duckdb", "no scheme"),
        ("sqlite:///x.db", "unknown scheme 'sqlite://'"),
        ("postgresql+asyncpg://h/db", "unknown scheme"),
        ("http://example.com/x", "unknown scheme"),
        ("duckdb://", "takes no host"),
        ("duckdb:///", "no DuckDB file path"),
        ("duckdb:////tmp/", "no DuckDB file path"),
        ("duckdb://somehost/x.duckdb", "takes no host"),
        ("postgresql://db.example.com", "no database name"),
        ("postgresql://db.example.com/", "no database name"),
        ("mysql://root@127.0.0.1:3306", "no database name"),
        ("postgresql://h/db/extra", "contains '/'"),
        ("mysql://root@127.0.0.1:abc/db", "port 'abc' is not a number"),
        ("postgresql://h:0/db", "port '0'"),
        ("postgresql://h:70000/db", "port '70000'"),
        ("postgresql://h:-1/db", "port '-1'"),
        ("postgresql://h:1:2/db", "more than one ':'"),
        ("postgresql://[::1/db", "unclosed '['"),
        ("postgresql://h/db?sslmode=require", "query parameters"),
        ("::::", "no scheme"),
    ],
)
def test_bad_urls_raise_one_clear_line(url: str, problem: str) -> None:
    with pytest.raises(DentalError) as raised:
        parse_target(url)
    message = str(raised.value)
    assert problem in message
    assert "\n" not in message


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://alice:hunter2@db.example.com",
        "postgresql://alice:hunter2@db.example.com:port/db",
        "mysql://alice:hunter2@h/a/b",
        "oracle://alice:hunter2@h/db",
        "postgresql://alice:hunter2@h/db?sslmode=require",
    ],
)
def test_errors_never_echo_the_password(url: str) -> None:
    with pytest.raises(DentalError) as raised:
        parse_target(url)
    assert "hunter2" not in str(raised.value)
    assert "alice" in str(raised.value)
