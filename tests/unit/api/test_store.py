"""The app store on SQLite (beside a DuckDB warehouse): keys, sessions, builds, migrations."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dental_analytics.api import store as store_module
from dental_analytics.api.store import AppStore, BuildRecord, verify_password
from dental_analytics.errors import DentalError
from dental_analytics.warehouse.url import parse_target


@pytest.fixture
def store(tmp_path: Path) -> AppStore:
    return AppStore(parse_target(f"duckdb:///{tmp_path / 'warehouse.duckdb'}"))


def test_the_store_sits_beside_the_warehouse_and_keeps_no_secret(
    store: AppStore, tmp_path: Path
) -> None:
    record, token = store.create_key("front desk", clinics=[2, 1])
    prefix, secret = token.split(".")
    assert prefix == record.prefix and len(secret) >= 43  # 256 bits, url-safe base64
    assert record.clinics == (1, 2) and record.scope == "reports"
    path = tmp_path / "warehouse.app.sqlite"
    assert path.is_file()
    with sqlite3.connect(path) as db:
        dump = "\n".join(db.iterdump())
    assert secret not in dump and prefix in dump
    principal = store.check_key(token)
    assert principal is not None and principal.clinics == frozenset({1, 2})


def test_a_key_stops_working_when_wrong_revoked_or_expired(store: AppStore) -> None:
    _, token = store.create_key("billing", expires_on=dt.date(2030, 1, 31))
    prefix = token.split(".")[0]
    assert store.check_key(token, today=dt.date(2030, 1, 31)) is not None
    assert store.check_key(token, today=dt.date(2030, 2, 1)) is None
    assert store.check_key(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert store.check_key("no-dot") is None and store.check_key(f"{prefix}.") is None
    store.revoke_key("billing")
    assert store.check_key(token, today=dt.date(2030, 1, 1)) is None
    assert (
        store.key(prefix) is not None and store.key(prefix).state(dt.date(2030, 1, 1)) == "revoked"
    )  # type: ignore[union-attr]


def test_names_are_unique_and_scopes_known(store: AppStore) -> None:
    store.create_key("one")
    with pytest.raises(DentalError, match="exists"):
        store.create_key("one")
    with pytest.raises(DentalError, match="scope"):
        store.create_key("two", scope="admin")  # type: ignore[arg-type]
    with pytest.raises(DentalError, match="no key named"):
        store.revoke_key("nobody")


def test_sessions_sign_in_idle_out_and_end(
    store: AppStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.create_user("manager", "s3cret!", scope="phi", clinics=[3])
    assert store.sign_in("manager", "wrong") is None and store.sign_in("nobody", "x") is None
    token = store.sign_in("manager", "s3cret!")
    assert token is not None
    principal = store.check_session(token)
    assert principal is not None and principal.scope == "phi" and principal.clinics == {3}
    monkeypatch.setattr(store_module, "SESSION_IDLE", dt.timedelta(seconds=-1))
    assert store.check_session(token) is None  # idled out, and removed
    monkeypatch.undo()
    assert store.check_session(token) is None
    again = store.sign_in("manager", "s3cret!")
    assert again is not None
    store.end_session(again)
    assert store.check_session(again) is None


def test_passwords_are_scrypt_and_verified() -> None:
    stored = store_module.hash_password("correct horse")
    assert stored.startswith("scrypt$") and "correct horse" not in stored
    assert verify_password("correct horse", stored)
    assert not verify_password("correct horsE", stored)
    assert not verify_password("x", "not a hash")


def test_builds_are_recorded_and_the_last_one_read(store: AppStore) -> None:
    assert store.last_build() is None
    for n, status in ((1, "pass"), (2, "fail")):
        store.record_build(
            BuildRecord(f"b{n}", f"2026-12-0{n}T01:00:00+00:00", f"2026-12-0{n}T01:05:00+00:00",
                        "2026-11-24", status, {"warnings_by_rule": {"rule": n}})
        )  # fmt: skip
    last = store.last_build()
    assert (
        last is not None
        and last.build_id == "b2"
        and last.summary["warnings_by_rule"] == {"rule": 2}
    )


def test_a_newer_store_than_the_code_is_refused(tmp_path: Path) -> None:
    target = parse_target(f"duckdb:///{tmp_path / 'w.duckdb'}")
    AppStore(target).close()
    with sqlite3.connect(tmp_path / "w.app.sqlite") as db:
        db.execute("update schema_version set version = 99")
    with pytest.raises(DentalError, match="newer than this dental"):
        AppStore(target)


def test_keys_cli_prints_the_secret_once_and_lists_without_it(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'w.duckdb'}"

    def dental(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "dental_analytics", *args], capture_output=True, text=True,
            check=False, cwd=tmp_path,
        )  # fmt: skip

    created = dental("keys", "create", "--name", "reception", "--clinic", "2", "--to", url)
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    prefix, secret = token.split(".")
    listed = dental("keys", "list", "--to", url)
    assert prefix in listed.stdout and secret not in listed.stdout and "active" in listed.stdout
    assert dental("keys", "revoke", "reception", "--to", url).returncode == 0
    assert "revoked" in dental("keys", "list", "--to", url).stdout
    bad = dental("keys", "create", "--name", "x", "--expires", "someday", "--to", url)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "--expires" in bad.stderr


def test_audit_rows_are_kept_read_exported_and_purged(store: AppStore, tmp_path: Path) -> None:
    from dental_analytics.api.store import Principal

    caller = Principal("key", "front desk", "phi", frozenset({1}), "dk_1")
    store.audit(caller, "/api/worklists/collections", {"page": 1, "clinic_id": [1]}, 50)
    store.audit(caller, "/api/worklists/recall-overdue", {"page": 2}, 12)
    rows = store.audit_rows()
    assert [(r.route, r.row_count, r.scope) for r in rows] == [
        ("/api/worklists/collections", 50, "phi"), ("/api/worklists/recall-overdue", 12, "phi"),
    ]  # fmt: skip
    assert store.audit_rows(dt.date.today() + dt.timedelta(days=1)) == []
    exported = subprocess.run(
        [sys.executable, "-m", "dental_analytics", "audit", "--format", "csv",
         "--to", f"duckdb:///{tmp_path / 'warehouse.duckdb'}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    lines = exported.stdout.splitlines()
    assert lines[0] == "at,caller_kind,caller,scope,route,parameters,row_count"
    assert len(lines) == 3 and lines[1].endswith(",50")
    assert store.purge_audit(keep_days=1) == 0
    with sqlite3.connect(tmp_path / "warehouse.app.sqlite") as db:
        db.execute("update audit set at = '2001-01-01T00:00:00+00:00'")
    assert store.purge_audit(keep_days=1) == 2 and store.audit_rows() == []


def test_users_are_listed_disabled_and_given_new_passwords(store: AppStore) -> None:
    store.create_user("owner", "first pass", scope="phi")
    store.create_user("front desk", "desk pass", clinics=[2, 1])
    assert [(u.name, u.scope, u.clinics, u.state) for u in store.users()] == [
        ("front desk", "reports", (1, 2), "active"), ("owner", "phi", None, "active"),
    ]  # fmt: skip
    session = store.sign_in("owner", "first pass")
    assert session is not None
    store.reset_password("owner", "second pass")
    assert store.check_session(session) is None  # a new password ends the old sessions
    assert store.sign_in("owner", "first pass") is None
    desk = store.sign_in("front desk", "desk pass")
    assert desk is not None and store.sign_in("owner", "second pass") is not None
    assert store.disable_user("front desk").state == "disabled"
    assert store.check_session(desk) is None and store.sign_in("front desk", "desk pass") is None
    with pytest.raises(DentalError, match="no user named"):
        store.disable_user("nobody")


def test_a_signin_link_works_once_within_its_lifetime_and_is_kept_hashed(
    store: AppStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.create_user("demo", "unused password", scope="phi")
    token = store.create_signin_link("demo")
    with sqlite3.connect(tmp_path / "warehouse.app.sqlite") as db:
        assert token not in "\n".join(db.iterdump())
    session = store.redeem_signin_link(token)
    assert session is not None
    principal = store.check_session(session)
    assert principal is not None and principal.name == "demo" and principal.scope == "phi"
    assert store.redeem_signin_link(token) is None  # used
    assert store.redeem_signin_link("made-up") is None
    monkeypatch.setattr(store_module, "SIGNIN_LINK_LIFETIME", dt.timedelta(seconds=-1))
    assert store.redeem_signin_link(store.create_signin_link("demo")) is None  # expired
    monkeypatch.undo()
    unused = store.create_signin_link("demo")
    store.disable_user("demo")
    assert store.redeem_signin_link(unused) is None
    with pytest.raises(DentalError, match="disabled"):
        store.create_signin_link("demo")


def test_an_older_store_is_migrated_to_keep_signin_links(tmp_path: Path) -> None:
    path = tmp_path / "w.app.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("create table schema_version (version integer not null)")
        db.execute("insert into schema_version values (2)")
        for statement in (*store_module._MIGRATIONS[0], *store_module._MIGRATIONS[1]):
            db.execute(statement)
    store = AppStore(parse_target(f"duckdb:///{tmp_path / 'w.duckdb'}"))
    store.create_user("u", "p")
    assert store.redeem_signin_link(store.create_signin_link("u")) is not None
    with sqlite3.connect(path) as db:
        assert db.execute("select version from schema_version").fetchall() == [(3,)]


def test_users_cli_reads_passwords_from_stdin_and_never_prints_them(tmp_path: Path) -> None:
    url = f"duckdb:///{tmp_path / 'w.duckdb'}"

    def dental(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "dental_analytics", *args], capture_output=True, text=True,
            check=False, cwd=tmp_path, input=stdin,
        )  # fmt: skip

    created = dental(
        "users", "create", "--name", "desk", "--clinic", "2", "--password-stdin", "--to", url,
        stdin="pa55 word\n",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "pa55" not in created.stdout + created.stderr and "desk" in created.stdout
    store = AppStore(parse_target(url))
    assert store.sign_in("desk", "pa55 word") is not None
    listed = dental("users", "list", "--to", url)
    assert "desk" in listed.stdout and "reports" in listed.stdout and "active" in listed.stdout
    reset = dental(
        "users", "reset-password", "desk", "--password-stdin", "--to", url, stdin="new\n"
    )
    assert reset.returncode == 0, reset.stderr
    assert store.sign_in("desk", "pa55 word") is None and store.sign_in("desk", "new") is not None
    link = dental("users", "link", "desk", "--url", "http://localhost:9000", "--to", url)
    assert link.stdout.startswith("http://localhost:9000/signin?link="), link.stdout
    assert store.redeem_signin_link(link.stdout.strip().split("link=")[1]) is not None
    assert dental("users", "disable", "desk", "--to", url).returncode == 0
    assert "disabled" in dental("users", "list", "--to", url).stdout
    empty = dental("users", "create", "--name", "x", "--password-stdin", "--to", url, stdin="\n")
    assert empty.returncode == 1 and "password" in empty.stderr
