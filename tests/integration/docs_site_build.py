"""One site built the way the publish workflow builds it, shared by the docs tests of a run
(by every worker of it: the first builds it under a file lock in the run's shared folder).

`dental generate`, `dental build` and `dental docs` run as the CLI runs them (the same commands
as `.github/workflows/docs.yml`), on a scratch DuckDB file, with dbt's artifacts in a private
target folder (`DBT_TARGET_PATH`) so a build elsewhere cannot mix its files into this one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

AS_OF = dt.date(2026, 11, 24)
PARSE = "partial_parse.msgpack"  # dbt's saved parse of the project, in its target folder
DENTAL = [sys.executable, "-m", "dental_analytics"]


@dataclass(frozen=True)
class BuiltSite:
    site: Path
    warehouse: Path
    artifacts: Path  # dbt's target folder for this build
    demo_output: str  # what `dental demo --no-serve` printed

    def json(self, name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((self.artifacts / name).read_text())
        return data

    def artifacts_with_parse(self, folder: Path) -> Path:
        """A dbt target folder `folder` for another build of a DuckDB file also named
        `warehouse.duckdb`, holding this build's parse of the project. dbt reuses it (saving its
        full parse, about 20 s at 209 models) when the project, the command-line vars and the
        profile's connection values are the same; `dental build` leaves the file's path out of
        those, not its name."""
        return target_with_parse(self.artifacts, folder)


def target_with_parse(artifacts: Path, folder: Path) -> Path:
    """A dbt target folder `folder` holding the parse of the project saved in `artifacts`."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(artifacts / PARSE, folder / PARSE)
    return folder


_built: dict[str, BuiltSite] = {}


def run_dental(*args: str, artifacts: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DBT_TARGET_PATH": str(artifacts)}
    return subprocess.run(
        [*DENTAL, *args], capture_output=True, text=True, env=env, timeout=timeout, check=False
    )


def built_site(root: Path) -> BuiltSite:
    """Generate, build and document a scale-1 practice with `dental demo --no-serve`, once per
    test run: under `root`, or with parallel workers in the run's folder beside theirs."""
    if "site" in _built:
        return _built["site"]

    if shutil.which("dot") is None:
        message = "Graphviz's dot is not installed (make system-deps installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: .ci/run installs it)")
        pytest.skip(message)

    # A developer re-running the docs tests can point at a root built earlier by this function.
    reuse = os.environ.get("DENTAL_TEST_SITE_ROOT")
    if reuse and (Path(reuse) / "site" / "index.html").is_file():
        root = Path(reuse)
    elif os.environ.get("PYTEST_XDIST_WORKER"):  # root is <run>/popen-gwN/docs_siteK
        root = root.parent.parent / "docs_site"
        root.mkdir(exist_ok=True)
    with FileLock(root / ".lock"):
        if not (root / "demo.txt").is_file():
            _demo(root)
    _built["site"] = BuiltSite(
        root / "site", root / "warehouse.duckdb", root / "target", (root / "demo.txt").read_text()
    )
    return _built["site"]


def _demo(root: Path) -> None:
    """generate -> build -> docs in one `dental demo --no-serve`, as `make demo` runs it."""
    result = run_dental(
        "demo", "--no-serve", "--scale", "1", "--seed", "42", "--as-of", AS_OF.isoformat(),
        "--to", f"duckdb:///{root / 'warehouse.duckdb'}", "--site", str(root / "site"),
        artifacts=root / "target", timeout=1200,
    )  # fmt: skip
    assert result.returncode == 0, f"dental demo: {result.stderr[-2000:]}"
    (root / "demo.txt").write_text(result.stdout)
