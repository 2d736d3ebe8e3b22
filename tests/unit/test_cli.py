"""Bad input gets one clear line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dental_analytics.opendental import TABLES
from dental_analytics.synthetic.money_params import CAPITATION_PLANS
from dental_analytics.synthetic.params import PRACTICE_SIZE

DENTAL = [sys.executable, "-m", "dental_analytics"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*DENTAL, *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--scale", "0"], "--scale must be 1 or more"),
        (["--scale", "-3"], "--scale must be 1 or more"),
        (["--scale", "many"], "Invalid value for '--scale'"),
        (["--as-of", "2026-13-45"], "is not a date"),
        (["--as-of", "yesterday"], "is not a date"),
        (["--to", "not-a-url"], "not-a-url"),
        (["--to", "oracle://db/x"], "unknown scheme"),
        (["--to", "postgresql://postgres@127.0.0.1:1/nowhere"], "cannot reach PostgreSQL"),
        (["--to", "mysql://root@127.0.0.1:1/nowhere"], "cannot reach"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(args: list[str], says: str, tmp_path: Path) -> None:
    result = run("generate", *args, cwd=tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert says in lines[0]
    assert "Traceback" not in result.stderr


def test_generate_prints_row_counts(tmp_path: Path) -> None:
    result = run("generate", "--as-of", "2026-11-24", "--to", f"duckdb:///{tmp_path}/w.duckdb")
    assert result.returncode == 0, result.stderr
    # The unit's patients and the capitation carrier's account.
    patients = PRACTICE_SIZE["patient"] + CAPITATION_PLANS
    assert "patient" in result.stdout and f"{patients:,}" in result.stdout
    assert f"{len(TABLES)} tables" in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--to", "mysql://root@127.0.0.1:3306/opendental_demo"], "not a warehouse"),
        (["--to", "notaurl"], "notaurl"),
    ],
)
def test_build_bad_input_is_one_line(args: list[str], says: str, tmp_path: Path) -> None:
    result = run("build", *args, cwd=tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert says in lines[0]


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["docs"],
        ["extract", "--from", "mysql://root@127.0.0.1:1/opendental"],
        ["refresh", "--from", "mysql://root@127.0.0.1:1/opendental"],
        ["serve"],
        ["demo", "--no-serve"],
        ["keys", "create", "--name", "reports"],
        ["users", "create", "--name", "frontdesk"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_warehouse_commands_refuse_an_opendental_database_before_they_start(
    command: list[str], tmp_path: Path
) -> None:
    # Exit 1 before anything runs: `dental refresh` does not try its extract step (exit 3).
    result = run(*command, "--to", "mysql://root:secret@127.0.0.1:1/opendental", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "is an OpenDental database, not a warehouse" in line and "secret" not in line
    assert list(tmp_path.iterdir()) == []


def test_build_on_an_empty_warehouse_names_the_missing_table(tmp_path: Path) -> None:
    import duckdb

    duckdb.connect(str(tmp_path / "empty.duckdb")).close()
    result = run("build", "--to", f"duckdb:///{tmp_path}/empty.duckdb", cwd=tmp_path)
    assert result.returncode != 0
    assert "raw." in result.stderr and "is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_summary_counts_warnings_by_rule_with_their_meaning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from collections import Counter

    from dental_analytics.cli import _print_problems
    from dental_analytics.dbt import BuildSummary, Problem

    summary = BuildSummary(
        as_of="2026-11-24",
        tests=Counter({"pass": 10, "warn": 3, "fail": 1}),
        problems=[
            Problem("warn", "r1", "opendental_rule", failures=1, rule="claim_payment_adds_up",
                    meaning="A check that does not balance."),
            Problem("warn", "r2", "opendental_rule", failures=2, rule="split_payment_exists",
                    meaning="A split without its payment."),
            Problem("warn", "t", "relationships", "stg_opendental__task", "appointment_id",
                    failures=4),
            Problem("fail", "u", "unique", "stg_opendental__claim", "claim_id", "Got 1 result",
                    failures=1),
        ],
    )  # fmt: skip
    assert summary.warnings_by_rule() == {
        "relationships on stg_opendental__task.appointment_id": 4,
        "split_payment_exists": 2,
        "claim_payment_adds_up": 1,
    }
    _print_problems(summary)
    text = " ".join(capsys.readouterr().out.split())  # the console wraps at its width
    assert text.startswith(
        "3 warnings: relationships on stg_opendental__task.appointment_id 4, "
        "split_payment_exists 2, claim_payment_adds_up 1 "
        "split_payment_exists: A split without its payment. "
        "claim_payment_adds_up: A check that does not balance. "
        "Rows that break OpenDental's rules still count"
    )
    assert text.endswith("fail: unique on stg_opendental__claim.claim_id: Got 1 result")
