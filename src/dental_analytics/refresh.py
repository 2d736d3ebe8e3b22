"""`dental refresh`: the nightly job. Extract an OpenDental database, build, document.

The three steps run in order and each is recorded with its outcome and time. A step that fails
stops the steps after it, except that the site is still rebuilt when the build published its
marts with stale sources (the site's freshness page then shows which). A failed extract leaves
every table as it was or fully updated (see `extract`), a failed build publishes nothing (see
`dbt.build`), so the warehouse and the site a server reads always stay whole.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dental_analytics.errors import DentalError

if TYPE_CHECKING:
    from dental_analytics.dbt import BuildSummary
    from dental_analytics.docs_site import SiteSummary
    from dental_analytics.extract import ExtractSummary, SourceOptions
    from dental_analytics.warehouse.url import Target

STEPS = ("extract", "build", "docs")
# The exit code of a refresh whose first failed step is this one, so a scheduler's monitoring
# can tell which step to look at without reading the output (1 and 2 are bad input and usage).
EXIT_CODES = {"extract": 3, "build": 4, "docs": 5}

OK, FAILED, STALE, NOT_RUN = "ok", "failed", "stale", "not run"

OnProgress = Callable[[str, str], None]  # (step, what it is doing now)


@dataclass
class StepResult:
    """One step of a refresh: its status, how long it took and what it did or why it failed."""

    name: str
    status: str = NOT_RUN
    seconds: float = 0.0
    detail: str = ""


@dataclass
class RefreshSummary:
    source: str
    target: str
    as_of: dt.date
    steps: dict[str, StepResult] = field(
        default_factory=lambda: {name: StepResult(name) for name in STEPS}
    )
    extract: ExtractSummary | None = None
    build: BuildSummary | None = None
    site: SiteSummary | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def failed_step(self) -> str | None:
        """The first step that failed (stale sources count), or None."""
        return next((s.name for s in self.steps.values() if s.status in (FAILED, STALE)), None)

    @property
    def ok(self) -> bool:
        return self.failed_step is None

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.failed_step] if self.failed_step else 0


def refresh(
    source: Target,
    target: Target,
    *,
    as_of: dt.date,
    site_dir: Path,
    with_pdf: bool = True,
    options: SourceOptions | None = None,
    keep_columns: Sequence[str] = (),
    on_progress: OnProgress | None = None,
    unit_tests: bool = False,
) -> RefreshSummary:
    """Extract `source` into `target` incrementally, build it, then build its site in `site_dir`.

    dbt's unit tests are left out of the build unless `unit_tests`: they test the models' SQL on
    fixed inputs, which the nightly data does not change (see `dbt.build`).

    Never raises for a step that fails: the summary says which step failed and why, and which
    did not run.
    """
    summary = RefreshSummary(source=source.display, target=target.display, as_of=as_of)

    def progress(step: str) -> Callable[[str], None]:
        return lambda text: on_progress(step, text) if on_progress is not None else None

    with _step(summary, "extract"):
        summary.extract = _extract(source, target, as_of, options, keep_columns, progress)
        _judge_extract(summary, summary.extract)
    if summary.ok:
        with _step(summary, "build"):
            summary.build = _build(target, progress("build"), summary.warnings, unit_tests)
            _judge_build(summary, summary.build)
    if summary.steps["build"].status in (OK, STALE):
        with _step(summary, "docs"):
            summary.site = _docs(target, site_dir, with_pdf, progress("docs"))
            site = summary.site
            summary.steps["docs"].detail = (
                f"{site.out_dir}/: {len(site.pages)} pages, {len(site.pictures)} lineage "
                f"pictures{', portfolio.pdf' if with_pdf else ''} ({site.bytes / 1e6:.1f} MB)"
            )
    return summary


@contextlib.contextmanager
def _step(summary: RefreshSummary, name: str) -> Iterator[None]:
    """Time a step; a `DentalError` inside marks it failed with its one-line message."""
    result = summary.steps[name]
    result.status = OK
    started = time.perf_counter()
    try:
        yield
    except DentalError as error:
        result.status = FAILED
        result.detail = str(error)
    finally:
        result.seconds = time.perf_counter() - started


def _extract(
    source: Target,
    target: Target,
    as_of: dt.date,
    options: SourceOptions | None,
    keep_columns: Sequence[str],
    progress: Callable[[str], Callable[[str], None]],
) -> ExtractSummary:
    from dental_analytics.extract import extract

    on = progress("extract")
    return extract(
        source,
        target,
        as_of=as_of,
        keep_columns=keep_columns,
        options=options,
        on_table=lambda r: on(f"{r.table}: {r.status}"),
    )


def _judge_extract(summary: RefreshSummary, extract: ExtractSummary) -> None:
    step = summary.steps["extract"]
    counts = ", ".join(
        f"{extract.total(a):,} {label}"
        for a, label in (
            ("rows_read", "read"),
            ("inserted", "inserted"),
            ("updated", "updated"),
            ("deleted", "deleted"),
        )
    )
    step.detail = f"{len(extract.tables)} tables: {counts}"
    summary.warnings.extend(extract.warnings)
    if not extract.ok:
        step.status = FAILED
        failed = extract.failed
        step.detail = (
            f"{len(failed)} of {len(extract.tables)} tables failed "
            f"({', '.join(t.table for t in failed)}): {failed[0].error}"
        )


def _build(
    target: Target, on_node: Callable[[str], None], warnings: list[str], unit_tests: bool
) -> BuildSummary:
    from dental_analytics.api.builds import record_build
    from dental_analytics.dbt import build

    started = dt.datetime.now(dt.UTC)
    result = build(
        target, on_node=lambda name, status: on_node(f"{name}: {status}"), unit_tests=unit_tests
    )
    try:
        record_build(target, result, started)
    except DentalError as error:  # the build stands; only /api/health will not know of it
        warnings.append(f"build not recorded for /api/health: {error}")
    return result


def _judge_build(summary: RefreshSummary, build: BuildSummary) -> None:
    step = summary.steps["build"]
    tests = build.tests + build.unit_tests
    failed = tests.get("fail", 0) + tests.get("error", 0)
    errored = sum(n for status, n in build.models.items() if status != "success")
    stale = {s: n for s, n in build.freshness.items() if s != "pass"}
    step.detail = (
        f"{sum(build.models.values())} models ({errored} not built), tests "
        f"{tests.get('pass', 0)} passed / {tests.get('warn', 0)} warned / {failed} failed, "
        f"sources {sum(build.freshness.values()) - sum(stale.values())} fresh"
        + (f" / {sum(stale.values())} stale" if stale else "")
        + f", as of {build.as_of}"
    )
    if not build.passed:
        step.status = FAILED
        step.detail += "; the served marts are unchanged"
    elif not build.ok:
        step.status = STALE
        step.detail += "; the new marts are served"


def _docs(target: Target, site_dir: Path, with_pdf: bool, on: Callable[[str], None]) -> SiteSummary:
    from dental_analytics.docs_site import build_site

    return build_site(target, site_dir, on_step=on, with_pdf=with_pdf)
