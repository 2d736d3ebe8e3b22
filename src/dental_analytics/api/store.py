"""The app store: the server's own state (API keys, users, sessions, builds), never in a dbt schema.

A SQLite file beside a DuckDB warehouse (`data/warehouse.duckdb` -> `data/warehouse.app.sqlite`:
DuckDB allows one writer per file, and the server writes here while builds run), the `app` schema
of a PostgreSQL warehouse. It carries its own schema version and runs its migrations on open.

Secrets are never stored: a key is `prefix.secret` and the store keeps the prefix and the
SHA-256 of the secret (looked up by prefix, compared in constant time); a session cookie's token
is kept as its SHA-256; a password as scrypt. Times are ISO-8601 UTC text on both engines.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from dental_analytics.errors import DentalError
from dental_analytics.warehouse.url import Target

if TYPE_CHECKING:
    from psycopg_pool import ConnectionPool

AccessScope = Literal["reports", "phi"]
AUDIT_RETENTION_DAYS = 6 * 366  # six years, as HIPAA keeps its documentation
SCOPES: tuple[AccessScope, ...] = ("reports", "phi")
KEY_PREFIX = "dk_"
SESSION_IDLE = dt.timedelta(minutes=30)
SESSION_LIFETIME = dt.timedelta(hours=12)
SIGNIN_LINK_LIFETIME = dt.timedelta(minutes=15)

# Each migration moves the store one version up; a store is at the version of its last one.
_MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "create table api_keys (prefix text primary key, name text not null unique,"
        " secret_hash text not null, scope text not null, clinics text,"
        " created_at text not null, expires_on text, revoked_at text, last_used_at text)",
        "create table users (name text primary key, password_hash text not null,"
        " scope text not null, clinics text, created_at text not null, disabled_at text)",
        "create table sessions (token_hash text primary key, user_name text not null,"
        " created_at text not null, last_seen_at text not null)",
        "create table builds (build_id text primary key, started_at text not null,"
        " finished_at text not null, as_of_date text, status text not null, summary text not null)",
    ),
    (
        # Who read patient contacts, when, through which route, with which parameters, how
        # many rows: never the data itself.
        "create table audit (audit_id text primary key, at text not null, caller_kind text not null,"
        " caller text not null, scope text not null, route text not null, parameters text not null,"
        " row_count integer not null)",
        "create index audit_at on audit (at)",
    ),
    (
        # One-time sign-in links (`dental demo` prints one): kept as the SHA-256 of the token,
        # used once, within SIGNIN_LINK_LIFETIME.
        "create table signin_links (token_hash text primary key, user_name text not null,"
        " created_at text not null, expires_at text not null, used_at text, session_hash text)",
    ),
)


@dataclass(frozen=True)
class Principal:
    """Who is calling: a key or a signed-in user, with what they may see."""

    kind: Literal["key", "session"]
    name: str
    scope: AccessScope
    clinics: frozenset[int] | None  # None: every clinic
    ident: str  # the key's prefix or the user's name (rate limits, audit)


@dataclass(frozen=True)
class KeyRecord:
    prefix: str
    name: str
    scope: AccessScope
    clinics: tuple[int, ...] | None
    created_at: str
    expires_on: str | None
    revoked_at: str | None
    last_used_at: str | None

    def state(self, today: dt.date) -> str:
        if self.revoked_at:
            return "revoked"
        if self.expires_on and dt.date.fromisoformat(self.expires_on) < today:
            return "expired"
        return "active"


@dataclass(frozen=True)
class UserRecord:
    name: str
    scope: AccessScope
    clinics: tuple[int, ...] | None
    created_at: str
    disabled_at: str | None

    @property
    def state(self) -> str:
        return "disabled" if self.disabled_at else "active"


@dataclass(frozen=True)
class AuditRow:
    at: str
    caller_kind: str
    caller: str
    scope: str
    route: str
    parameters: str  # JSON
    row_count: int


@dataclass(frozen=True)
class BuildRecord:
    build_id: str
    started_at: str
    finished_at: str
    as_of_date: str | None
    status: str
    summary: dict[str, Any]


def store_location(target: Target) -> str:
    """Where the app store of `target` lives, to show."""
    if target.kind == "duckdb":
        return str(_sqlite_path(target))
    return f"{target.display} schema app"


class AppStore:
    """The app store of one warehouse; thread-safe (one connection per thread or a pool)."""

    def __init__(self, target: Target) -> None:
        if target.kind not in ("duckdb", "postgresql"):
            raise DentalError(
                f"{target.display} is not a warehouse: the app store lives beside one"
            )
        self.target = target
        self._local = threading.local()
        self._pool: ConnectionPool[Any] | None = None
        self._sqlite = target.kind == "duckdb"
        self._migrate()

    # -- keys -------------------------------------------------------------------------------

    def create_key(
        self,
        name: str,
        scope: AccessScope = "reports",
        clinics: Sequence[int] = (),
        expires_on: dt.date | None = None,
    ) -> tuple[KeyRecord, str]:
        """A new key; returns its record and `prefix.secret`, the only time the secret exists."""
        name = name.strip()
        if not name:
            raise DentalError("a key needs a --name")
        if scope not in SCOPES:
            raise DentalError(f"--scope {scope!r}: use one of {', '.join(SCOPES)}")
        if self._one("select 1 from {s}api_keys where name = %s", (name,)):
            raise DentalError(f"a key named {name!r} exists: revoke it or choose another name")
        prefix = KEY_PREFIX + secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)  # 256 bits
        now = _now()
        self._execute(
            "insert into {s}api_keys (prefix, name, secret_hash, scope, clinics, created_at,"
            " expires_on) values (%s, %s, %s, %s, %s, %s, %s)",
            (prefix, name, _sha256(secret), scope, _clinics_text(clinics), now,
             expires_on.isoformat() if expires_on else None),
        )  # fmt: skip
        record = self.key(prefix)
        assert record is not None
        return record, f"{prefix}.{secret}"

    def key(self, name_or_prefix: str) -> KeyRecord | None:
        row = self._one(
            "select prefix, name, scope, clinics, created_at, expires_on, revoked_at, last_used_at"
            " from {s}api_keys where prefix = %s or name = %s",
            (name_or_prefix, name_or_prefix),
        )
        return _key_record(row) if row else None

    def keys(self) -> list[KeyRecord]:
        rows = self._all(
            "select prefix, name, scope, clinics, created_at, expires_on, revoked_at, last_used_at"
            " from {s}api_keys order by created_at, name"
        )
        return [_key_record(r) for r in rows]

    def revoke_key(self, name_or_prefix: str) -> KeyRecord:
        record = self.key(name_or_prefix)
        if record is None:
            raise DentalError(f"no key named {name_or_prefix!r}: dental keys list shows them")
        if not record.revoked_at:
            self._execute(
                "update {s}api_keys set revoked_at = %s where prefix = %s", (_now(), record.prefix)
            )
        revoked = self.key(record.prefix)
        assert revoked is not None
        return revoked

    def check_key(self, token: str, today: dt.date | None = None) -> Principal | None:
        """The caller a `prefix.secret` token names, or None if it is unknown, wrong, revoked or
        expired."""
        prefix, dot, secret = token.partition(".")
        if not dot or not prefix.startswith(KEY_PREFIX) or not secret:
            return None
        row = self._one(
            "select name, secret_hash, scope, clinics, expires_on, revoked_at"
            " from {s}api_keys where prefix = %s",
            (prefix,),
        )
        if row is None:
            _sha256(secret)  # the same work whether or not the prefix exists
            return None
        name, secret_hash, scope, clinics, expires_on, revoked_at = row
        if not hmac.compare_digest(_sha256(secret), secret_hash) or revoked_at:
            return None
        if expires_on and dt.date.fromisoformat(expires_on) < (today or dt.date.today()):
            return None
        return Principal("key", name, scope, _clinics_set(clinics), prefix)

    def touch_key(self, prefix: str) -> None:
        self._execute(
            "update {s}api_keys set last_used_at = %s where prefix = %s", (_now(), prefix)
        )

    # -- users and sessions -----------------------------------------------------------------

    def create_user(
        self, name: str, password: str, scope: AccessScope = "reports", clinics: Sequence[int] = ()
    ) -> None:
        name = name.strip()
        if not name or not password:
            raise DentalError("a user needs a name and a password")
        if scope not in SCOPES:
            raise DentalError(f"--scope {scope!r}: use one of {', '.join(SCOPES)}")
        if self._one("select 1 from {s}users where name = %s", (name,)):
            raise DentalError(f"a user named {name!r} exists")
        self._execute(
            "insert into {s}users (name, password_hash, scope, clinics, created_at)"
            " values (%s, %s, %s, %s, %s)",
            (name, hash_password(password), scope, _clinics_text(clinics), _now()),
        )

    def user(self, name: str) -> UserRecord | None:
        row = self._one(
            "select name, scope, clinics, created_at, disabled_at from {s}users where name = %s",
            (name,),
        )
        return _user_record(row) if row else None

    def users(self) -> list[UserRecord]:
        rows = self._all(
            "select name, scope, clinics, created_at, disabled_at from {s}users order by name"
        )
        return [_user_record(r) for r in rows]

    def disable_user(self, name: str) -> UserRecord:
        """Disable a user: their sessions and sign-in links end at once."""
        record = self._existing_user(name)
        if not record.disabled_at:
            self._execute(
                "update {s}users set disabled_at = %s where name = %s", (_now(), record.name)
            )
        self._execute("delete from {s}sessions where user_name = %s", (record.name,))
        self._execute("delete from {s}signin_links where user_name = %s", (record.name,))
        disabled = self.user(record.name)
        assert disabled is not None
        return disabled

    def reset_password(self, name: str, password: str) -> None:
        """A new password; the user's sessions end (they sign in again with it)."""
        record = self._existing_user(name)
        if not password:
            raise DentalError("a password cannot be empty")
        self._execute(
            "update {s}users set password_hash = %s where name = %s",
            (hash_password(password), record.name),
        )
        self._execute("delete from {s}sessions where user_name = %s", (record.name,))

    def create_signin_link(self, name: str) -> str:
        """A one-time sign-in token for an active user, valid for SIGNIN_LINK_LIFETIME; returned
        once (the store keeps its SHA-256)."""
        record = self._existing_user(name)
        if record.disabled_at:
            raise DentalError(f"user {name!r} is disabled")
        token = secrets.token_urlsafe(32)
        now = dt.datetime.now(dt.UTC)
        self._execute(
            "insert into {s}signin_links (token_hash, user_name, created_at, expires_at)"
            " values (%s, %s, %s, %s)",
            (_sha256(token), record.name, now.isoformat(timespec="seconds"),
             (now + SIGNIN_LINK_LIFETIME).isoformat(timespec="seconds")),
        )  # fmt: skip
        return token

    def redeem_signin_link(self, token: str) -> str | None:
        """A new session token for a sign-in link's user, or None if the link is unknown, used,
        expired or its user disabled. A link works once."""
        token_hash = _sha256(token)
        session = secrets.token_urlsafe(32)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self._transaction() as execute:
            # Claimed in one statement (only while unused): two clicks, one session.
            execute(
                "update {s}signin_links set used_at = %s, session_hash = %s"
                " where token_hash = %s and used_at is null and expires_at >= %s",
                (now, _sha256(session), token_hash, now),
            )
            rows = execute(
                "select l.user_name, l.session_hash, u.disabled_at"
                " from {s}signin_links l join {s}users u on u.name = l.user_name"
                " where l.token_hash = %s",
                (token_hash,),
            )
        if not rows or rows[0][1] != _sha256(session) or rows[0][2]:
            return None
        return self._new_session(rows[0][0], session)

    def sign_in(self, name: str, password: str) -> str | None:
        """A new session token for a user whose password matches, or None."""
        row = self._one("select password_hash, disabled_at from {s}users where name = %s", (name,))
        if row is None:
            hash_password(password)  # the same work whether or not the user exists
            return None
        if not verify_password(password, row[0]) or row[1]:
            return None
        return self._new_session(name)

    def _new_session(self, name: str, token: str | None = None) -> str:
        token = token or secrets.token_urlsafe(32)
        now = _now()
        self._execute(
            "insert into {s}sessions (token_hash, user_name, created_at, last_seen_at)"
            " values (%s, %s, %s, %s)",
            (_sha256(token), name, now, now),
        )
        return token

    def _existing_user(self, name: str) -> UserRecord:
        record = self.user(name.strip())
        if record is None:
            raise DentalError(f"no user named {name!r}: dental users list shows them")
        return record

    def check_session(self, token: str) -> Principal | None:
        """The signed-in user of a session token, or None if it ended, idled out or the user was
        disabled. Each use keeps the session alive for another idle period."""
        token_hash = _sha256(token)
        row = self._one(
            "select s.user_name, s.created_at, s.last_seen_at, u.scope, u.clinics, u.disabled_at"
            " from {s}sessions s join {s}users u on u.name = s.user_name"
            " where s.token_hash = %s",
            (token_hash,),
        )
        if row is None:
            return None
        name, created_at, last_seen_at, scope, clinics, disabled_at = row
        now = dt.datetime.now(dt.UTC)
        if (
            disabled_at
            or now - dt.datetime.fromisoformat(last_seen_at) > SESSION_IDLE
            or now - dt.datetime.fromisoformat(created_at) > SESSION_LIFETIME
        ):
            self.end_session(token)
            return None
        if now - dt.datetime.fromisoformat(last_seen_at) > dt.timedelta(minutes=1):
            self._execute(
                "update {s}sessions set last_seen_at = %s where token_hash = %s",
                (now.isoformat(), token_hash),
            )
        return Principal("session", name, scope, _clinics_set(clinics), name)

    def end_session(self, token: str) -> None:
        self._execute("delete from {s}sessions where token_hash = %s", (_sha256(token),))

    # -- audit ------------------------------------------------------------------------------

    def audit(
        self, principal: Principal, route: str, parameters: dict[str, Any], row_count: int
    ) -> None:
        """Record one access to patient rows (before the answer leaves the server)."""
        self._execute(
            "insert into {s}audit (audit_id, at, caller_kind, caller, scope, route, parameters,"
            " row_count) values (%s, %s, %s, %s, %s, %s, %s, %s)",
            # The id sorts in the order rows were written (nanoseconds first), within a time tie.
            (f"{time.time_ns():020d}-{secrets.token_hex(4)}",
             dt.datetime.now(dt.UTC).isoformat(timespec="microseconds"),
             principal.kind, principal.name, principal.scope, route,
             json.dumps(parameters, sort_keys=True, default=str), row_count),
        )  # fmt: skip

    def audit_rows(self, since: dt.date | None = None) -> list[AuditRow]:
        """Audit rows, oldest first, from `since` (a UTC date) on."""
        sql = "select at, caller_kind, caller, scope, route, parameters, row_count from {s}audit"
        params: tuple[Any, ...] = ()
        if since is not None:
            sql += " where at >= %s"
            params = (since.isoformat(),)
        return [AuditRow(*row) for row in self._all(sql + " order by at, audit_id", params)]

    def purge_audit(self, keep_days: int = AUDIT_RETENTION_DAYS) -> int:
        """Delete audit rows older than `keep_days`; how many went."""
        cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=keep_days)).isoformat()
        before = self._one("select count(*) from {s}audit where at < %s", (cutoff,))
        self._execute("delete from {s}audit where at < %s", (cutoff,))
        return int(before[0]) if before else 0

    # -- builds -----------------------------------------------------------------------------

    def record_build(self, record: BuildRecord) -> None:
        self._execute("delete from {s}builds where build_id = %s", (record.build_id,))
        self._execute(
            "insert into {s}builds (build_id, started_at, finished_at, as_of_date, status, summary)"
            " values (%s, %s, %s, %s, %s, %s)",
            (record.build_id, record.started_at, record.finished_at, record.as_of_date,
             record.status, json.dumps(record.summary, sort_keys=True)),
        )  # fmt: skip

    def last_build(self) -> BuildRecord | None:
        row = self._one(
            "select build_id, started_at, finished_at, as_of_date, status, summary"
            " from {s}builds order by finished_at desc limit 1"
        )
        if row is None:
            return None
        build_id, started_at, finished_at, as_of_date, status, summary = row
        return BuildRecord(
            build_id, started_at, finished_at, as_of_date, status, json.loads(summary)
        )

    def close(self) -> None:
        connection = getattr(self._local, "sqlite", None)
        if connection is not None:
            connection.close()
            self._local.sqlite = None
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    # -- plumbing ---------------------------------------------------------------------------

    def _migrate(self) -> None:
        with self._transaction() as execute:
            if not self._sqlite:
                execute("create schema if not exists app", ())
            execute("create table if not exists {s}schema_version (version integer not null)", ())
            rows = execute("select version from {s}schema_version", ())
            version = rows[0][0] if rows else 0
            if version > len(_MIGRATIONS):
                raise DentalError(
                    f"the app store at {store_location(self.target)} is version {version}, newer "
                    f"than this dental ({len(_MIGRATIONS)}): upgrade dental-analytics"
                )
            for statements in _MIGRATIONS[version:]:
                for statement in statements:
                    # Table names take the schema: `app.` on PostgreSQL, none on SQLite.
                    if statement.startswith("create index "):
                        statement = statement.replace(" on ", " on {s}", 1)
                    execute(statement.replace("create table ", "create table {s}", 1), ())
            if not rows:
                execute("insert into {s}schema_version (version) values (%s)", (len(_MIGRATIONS),))
            elif version < len(_MIGRATIONS):
                execute("update {s}schema_version set version = %s", (len(_MIGRATIONS),))

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._transaction() as execute:
            rows: list[tuple[Any, ...]] = execute(sql, params)
            return rows

    def _execute(self, sql: str, params: Sequence[Any]) -> None:
        with self._transaction() as execute:
            execute(sql, params)

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        schema = "" if self._sqlite else "app."
        if self._sqlite:
            connection = self._sqlite_connection()

            def execute(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
                statement = sql.replace("{s}", schema).replace("%s", "?")
                return list(connection.execute(statement, tuple(params)).fetchall())

            with connection:  # commits, or rolls back on an exception
                yield execute
            return
        pool = self._pool or self._open_pool()
        with pool.connection(timeout=10) as conn, conn.transaction(), conn.cursor() as cur:

            def execute_pg(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
                cur.execute(sql.replace("{s}", schema), tuple(params) if params else None)
                return list(cur.fetchall()) if cur.description is not None else []

            yield execute_pg

    def _sqlite_connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "sqlite", None)
        if connection is None:
            path = _sqlite_path(self.target)
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                connection = sqlite3.connect(path, timeout=10)
                connection.execute("pragma journal_mode = wal")
            except sqlite3.Error as error:
                raise DentalError(f"cannot open the app store {path}: {error}") from None
            self._local.sqlite = connection
        return connection

    def _open_pool(self) -> ConnectionPool[Any]:
        from psycopg_pool import ConnectionPool

        from dental_analytics.warehouse.postgres_raw import connect_kwargs

        t = self.target
        self._pool = ConnectionPool(
            "",
            min_size=1,
            max_size=4,
            kwargs=connect_kwargs(t, "dental-app"),
            open=False,
            name="dental-app",
        )
        try:
            self._pool.open(wait=True, timeout=10)
        except Exception:
            self._pool = None
            raise DentalError(f"cannot reach the app store at {t.host}:{t.port}") from None
        return self._pool


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        actual = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
        )
    except ValueError:
        return False
    return hmac.compare_digest(actual.hex(), digest)


def _sqlite_path(target: Target) -> Path:
    assert target.path is not None
    return target.path.with_suffix(".app.sqlite")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _clinics_text(clinics: Sequence[int]) -> str | None:
    return ",".join(str(c) for c in sorted(set(clinics))) if clinics else None


def _clinics_set(text: str | None) -> frozenset[int] | None:
    return frozenset(int(c) for c in text.split(",")) if text else None


def _user_record(row: tuple[Any, ...]) -> UserRecord:
    name, scope, clinics, created_at, disabled_at = row
    clinic_set = _clinics_set(clinics)
    return UserRecord(
        name, scope, tuple(sorted(clinic_set)) if clinic_set else None, created_at, disabled_at
    )


def _key_record(row: tuple[Any, ...]) -> KeyRecord:
    prefix, name, scope, clinics, created_at, expires_on, revoked_at, last_used_at = row
    clinic_set = _clinics_set(clinics)
    return KeyRecord(
        prefix, name, scope, tuple(sorted(clinic_set)) if clinic_set else None,
        created_at, expires_on, revoked_at, last_used_at,
    )  # fmt: skip
