"""Target URLs: which warehouse (or OpenDental twin) a command writes to.

A target is named the way SQLAlchemy names databases (DESIGN.md, "Warehouses and targets"):
`duckdb:///data/warehouse.duckdb` is relative to the working directory, `duckdb:////tmp/x.duckdb`
absolute; `postgresql://user:password@host:5432/db`; `mysql://root@127.0.0.1:3306/opendental_demo`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import quote, unquote

from dental_analytics.errors import DentalError

TargetKind = Literal["duckdb", "postgresql", "mysql"]

_SCHEMES: dict[str, TargetKind] = {
    "duckdb": "duckdb",
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "postgresql+psycopg": "postgresql",
    "mysql": "mysql",
    "mysql+pymysql": "mysql",
    "mariadb": "mysql",
}
_DEFAULT_PORT: dict[TargetKind, int] = {"postgresql": 5432, "mysql": 3306}
_DEFAULT_USER: dict[TargetKind, str] = {"postgresql": "postgres", "mysql": "root"}
_DEFAULT_HOST = "localhost"
_EXAMPLES = (
    "duckdb:///path/to/file.duckdb, postgresql://user@host:5432/db or mysql://root@host:3306/db"
)


@dataclass(frozen=True)
class Target:
    """A parsed target URL. Server fields are None for DuckDB; `path` is None for servers."""

    kind: TargetKind
    host: str | None = None
    port: int | None = None
    user: str | None = None
    # Kept out of repr() so a logged or printed Target never shows it.
    password: str | None = field(default=None, repr=False)
    database: str | None = None
    path: Path | None = None

    @property
    def display(self) -> str:
        """The target as a URL that is safe to show: the password, if any, is `***`."""
        if self.kind == "duckdb":
            return f"duckdb:///{self.path}"
        host = f"[{self.host}]" if self.host and ":" in self.host else self.host
        userinfo = quote(self.user or "", safe="")
        if self.password is not None:
            userinfo += ":***"
        return f"{self.kind}://{userinfo}@{host}:{self.port}/{self.database}"


def parse_target(url: str) -> Target:
    """Parse a target URL into a `Target`, or raise `DentalError` naming what is wrong with it.

    DuckDB paths follow SQLAlchemy's slash rule and come back absolute (relative ones are taken
    from the current working directory). PostgreSQL and MySQL URLs need a database name; the port
    defaults to 5432 / 3306, the user to `postgres` / `root`, the host to `localhost`. User,
    password and names may be percent-encoded. Error messages never contain the password.
    """
    text = url.strip()
    if not text:
        raise DentalError(f"empty target URL: expected {_EXAMPLES}")
    scheme, sep, rest = text.partition("://")
    if not sep:
        raise _bad(text, f"no scheme: expected {_EXAMPLES}")
    kind = _SCHEMES.get(scheme.lower())
    if kind is None:
        known = ", ".join(f"{s}://" for s in _SCHEMES)
        raise _bad(text, f"unknown scheme {scheme + '://'!r}: use one of {known}")
    if "?" in rest or "#" in rest:
        raise _bad(text, "query parameters and fragments are not supported")
    if kind == "duckdb":
        return _parse_duckdb(text, rest)
    return _parse_server(text, kind, rest)


def parse_warehouse(url: str) -> Target:
    """Parse the URL of a warehouse (DuckDB or PostgreSQL), or raise `DentalError`: a MySQL URL
    names an OpenDental database, which commands that write or read a warehouse refuse before
    they start."""
    target = parse_target(url)
    if target.kind == "mysql":
        raise DentalError(
            f"{target.display} is an OpenDental database, not a warehouse: "
            "use duckdb:///path/to/file.duckdb or postgresql://user@host:5432/db"
        )
    return target


def _parse_duckdb(text: str, rest: str) -> Target:
    if not rest.startswith("/"):
        raise _bad(
            text,
            "a DuckDB URL takes no host: use duckdb:///relative/path.duckdb "
            "or duckdb:////absolute/path.duckdb",
        )
    # SQLAlchemy's rule: the third slash only ends the (empty) host; what follows is the path.
    raw_path = unquote(rest[1:])
    if not raw_path or raw_path.endswith("/"):
        raise _bad(text, "no DuckDB file path: use e.g. duckdb:///data/warehouse.duckdb")
    return Target(kind="duckdb", path=Path(raw_path).absolute())


def _parse_server(text: str, kind: TargetKind, rest: str) -> Target:
    # The database follows the first slash after the authority; userinfo ends at the last '@'
    # before that slash, so a password may contain '@' (but '/' must be percent-encoded).
    authority, slash, db_part = rest.partition("/")
    userinfo, at, hostport = authority.rpartition("@")
    user: str | None = None
    password: str | None = None
    if at:
        raw_user, colon, raw_password = userinfo.partition(":")
        user = unquote(raw_user) or None
        password = unquote(raw_password) if colon else None
    host, port = _parse_hostport(text, hostport)
    database = unquote(db_part) if slash else ""
    if not database:
        raise _bad(text, f"no database name: add it after the host, e.g. {kind}://host/dbname")
    if "/" in database:
        raise _bad(text, f"database name {database!r} contains '/'")
    return Target(
        kind=kind,
        host=host or _DEFAULT_HOST,
        port=port if port is not None else _DEFAULT_PORT[kind],
        user=user or _DEFAULT_USER[kind],
        password=password,
        database=database,
    )


def _parse_hostport(text: str, hostport: str) -> tuple[str, int | None]:
    if hostport.startswith("["):
        host, bracket, after = hostport[1:].partition("]")
        if not bracket or not host:
            raise _bad(text, "unclosed '[' in the IPv6 host")
        if after and not after.startswith(":"):
            raise _bad(text, "unexpected text after the IPv6 host")
        port_text = after[1:] if after else None
    else:
        host, colon, port_str = hostport.partition(":")
        port_text = port_str if colon else None
        if ":" in port_str:
            raise _bad(text, "more than one ':' in the host (IPv6 hosts go in [brackets])")
    if port_text is None or port_text == "":
        return unquote(host), None
    if not (port_text.isascii() and port_text.isdigit()) or not 0 < int(port_text) < 65536:
        raise _bad(text, f"port {port_text!r} is not a number from 1 to 65535")
    return unquote(host), int(port_text)


def _bad(url: str, problem: str) -> DentalError:
    return DentalError(f"invalid target URL {_redact(url)!r}: {problem}")


def _redact(url: str) -> str:
    """`url` with the password between 'user:' and '@' replaced by '***'."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    userinfo, _, after = rest.rpartition("@")
    user, colon, _password = userinfo.partition(":")
    if not colon:
        return url
    return f"{scheme}://{user}:***@{after}"
