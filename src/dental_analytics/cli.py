"""The `dental` command line: thin; each command parses options and calls one library function."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import pyarrow as pa
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from dental_analytics.errors import DentalError
from dental_analytics.opendental import TABLES

if TYPE_CHECKING:
    from dental_analytics.api.store import AppStore
    from dental_analytics.dbt import BuildSummary
    from dental_analytics.docs_site import SiteSummary
    from dental_analytics.extract import ExtractSummary, SourceOptions
    from dental_analytics.warehouse.fidelity import Measure
    from dental_analytics.warehouse.url import Target

app = typer.Typer(
    help="Dental analytics: an OpenDental warehouse with dbt.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DEFAULT_TARGET = "duckdb:///data/warehouse.duckdb"


def _progress(*columns: ProgressColumn) -> Progress:
    """A progress display on stderr that clears when done: `columns`, then the time elapsed."""
    return Progress(*columns, TimeElapsedColumn(), console=err, transient=True)


@app.callback()
def _root() -> None:
    """Dental analytics: an OpenDental warehouse with dbt."""


def _parse_date(text: str, option: str = "--as-of") -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DentalError(
            f"{option} {text!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-24"
        ) from None


def _generate(scale: int, seed: int, day: dt.date, target: Target) -> dict[str, int]:
    """Generate a practice and load it into `target` under a progress bar; rows per table."""
    from dental_analytics.synthetic.generate import generate as generate_batches
    from dental_analytics.warehouse.load import load_raw

    if scale < 1:
        raise DentalError(f"--scale must be 1 or more, got {scale}")
    with _progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rows]:,} rows"),
    ) as progress:
        task = progress.add_task(
            f"generate scale {scale} -> {target.display}", total=scale + 1, rows=0
        )
        rows = 0

        def counted() -> Iterator[dict[str, pa.Table]]:
            for batch in generate_batches(scale, seed, day):
                yield batch
                progress.advance(task)

        def on_rows(_table: str, n: int) -> None:
            nonlocal rows
            rows += n
            progress.update(task, rows=rows)

        return load_raw(
            target,
            counted(),
            source=f"synthetic seed={seed} scale={scale}",
            as_of=day,
            on_rows=on_rows,
        )


@app.command()
def generate(
    scale: Annotated[int, typer.Option(help="Practice units of ~5,000 patients each.")] = 1,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 42,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Last day of history (YYYY-MM-DD); default today.")
    ] = None,
    to: Annotated[
        str,
        typer.Option(help="Target URL: duckdb:///…, postgresql://…, mysql://… (OpenDental twin)."),
    ] = DEFAULT_TARGET,
    report: Annotated[
        bool, typer.Option(help="Print the fidelity report measured on the loaded warehouse.")
    ] = False,
) -> None:
    """Generate a synthetic OpenDental practice and load it into TO."""
    from dental_analytics.warehouse.url import parse_target

    day = _parse_date(as_of) if as_of else dt.date.today()
    target = parse_target(to)
    written = _generate(scale, seed, day, target)

    counts = Table(title=f"Rows loaded into {target.display} (as of {day})")
    counts.add_column("table")
    counts.add_column("rows", justify="right")
    for name in sorted(written):
        counts.add_row(name, f"{written[name]:,}")
    counts.add_section()
    counts.add_row(f"{len(written)} tables", f"{sum(written.values()):,}")
    out.print(counts)
    if report:
        from dental_analytics.warehouse.fidelity import measure

        measures, volumes = measure(target, day, scale)
        _print_measures("Fidelity: measured on the loaded warehouse vs target", measures)
        _print_measures("Volumes: generated vs the reference figures", volumes)


# The source options `dental extract` and `dental refresh` share: the password never goes on the
# command line (DENTAL_SOURCE_PASSWORD or a MySQL option file).
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        envvar="DENTAL_SOURCE_URL",
        help="The OpenDental database: mysql://user@host:3306/opendental (no password: "
        "set DENTAL_SOURCE_PASSWORD or use a MySQL option file). Default $DENTAL_SOURCE_URL.",
        show_envvar=False,
    ),
]
WarehouseOption = Annotated[str, typer.Option(help="Warehouse URL: duckdb:///… or postgresql://….")]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="The date the data describes (YYYY-MM-DD); default today."),
]
KeepColumnOption = Annotated[
    list[str] | None,
    typer.Option(help="Keep a column the policy leaves out (table.Column); repeatable."),
]
OptionFileOption = Annotated[
    Path | None,
    typer.Option(help="MySQL option file with the \\[client] password (default ~/.my.cnf)."),
]
BatchTimeoutOption = Annotated[
    int, typer.Option(help="Seconds to wait for each batch of rows from the source.")
]


def _source_options(
    from_url: str | None, option_file: Path | None, batch_timeout: int
) -> tuple[Target, SourceOptions]:
    """The source database and how to read it, from the options `extract` and `refresh` share."""
    from dental_analytics.extract import SourceOptions
    from dental_analytics.warehouse.url import parse_target

    if not from_url:
        raise DentalError(
            "--from is required (or set DENTAL_SOURCE_URL): mysql://user@host:3306/db"
        )
    if batch_timeout < 1:
        raise DentalError(f"--batch-timeout must be 1 second or more, got {batch_timeout}")
    return parse_target(from_url), SourceOptions(
        option_file=option_file, batch_timeout=batch_timeout
    )


@app.command()
def extract(
    from_url: FromOption = None,
    to: WarehouseOption = DEFAULT_TARGET,
    as_of: AsOfOption = None,
    full: Annotated[
        bool, typer.Option(help="Read every row of the tables again instead of what changed.")
    ] = False,
    tables: Annotated[
        str | None, typer.Option(help="Only these tables, comma-separated (default: all).")
    ] = None,
    keep_column: KeepColumnOption = None,
    option_file: OptionFileOption = None,
    batch_timeout: BatchTimeoutOption = 300,
) -> None:
    """Extract a real OpenDental MySQL/MariaDB database into the warehouse's raw layer."""
    from dental_analytics.extract import extract as run_extract
    from dental_analytics.warehouse.url import parse_warehouse

    source, options = _source_options(from_url, option_file, batch_timeout)
    target = parse_warehouse(to)
    day = _parse_date(as_of) if as_of else dt.date.today()
    names = [n.strip() for n in tables.split(",") if n.strip()] if tables else None
    with _progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("[dim]{task.fields[last]}"),
    ) as progress:
        task = progress.add_task(
            f"extract {source.display} -> {target.display}", total=len(names or TABLES), last=""
        )
        summary = run_extract(
            source,
            target,
            as_of=day,
            full=full,
            tables=names,
            keep_columns=keep_column or (),
            options=options,
            on_table=lambda r: progress.update(task, advance=1, last=f"{r.table}: {r.status}"),
        )
    _print_extract(summary)
    if not summary.ok:
        failed = summary.failed
        raise DentalError(
            f"{len(failed)} of {len(summary.tables)} tables failed "
            f"({', '.join(t.table for t in failed)}); the others are loaded"
        )


@app.command()
def simulate(
    days: Annotated[int, typer.Option(help="Practice days (Monday to Friday) to advance.")],
    to: Annotated[str, typer.Option(help="The twin: mysql://root@127.0.0.1:3306/opendental_demo.")],
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same days.")] = 42,
    from_date: Annotated[
        str | None,
        typer.Option(
            "--from-date",
            help="First day to simulate (YYYY-MM-DD); default the next practice day after the "
            "twin's latest row stamp.",
        ),
    ] = None,
) -> None:
    """Advance a MariaDB twin of OpenDental by DAYS practice days with the generator's rules."""
    from dental_analytics.twin_simulation import simulate as run_simulate
    from dental_analytics.warehouse.url import parse_target

    target = parse_target(to)
    first = _parse_date(from_date, "--from-date") if from_date else None
    with _progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("[dim]{task.fields[last]}"),
    ) as progress:
        task = progress.add_task(f"simulate {target.display}", total=days, last="")
        summary = run_simulate(
            target,
            days=days,
            seed=seed,
            from_date=first,
            on_day=lambda day, _: progress.update(task, advance=1, last=str(day)),
        )
    first_day, last_day = summary.days[0], summary.days[-1]
    table = Table(
        title=f"{summary.target}: {len(summary.days)} practice days simulated\n"
        f"({first_day} to {last_day}, seed {seed}), net changes"
    )
    for column in ("table", "inserted", "updated", "deleted"):
        table.add_column(column, justify="left" if column == "table" else "right")
    for name, (inserted, updated, deleted) in summary.changes.items():
        table.add_row(name, f"{inserted:,}", f"{updated:,}", f"{deleted:,}")
    table.add_section()
    table.add_row(
        f"{len(summary.changes)} tables",
        *(f"{sum(c[i] for c in summary.changes.values()):,}" for i in range(3)),
    )
    out.print(table)
    out.print(f"{summary.seconds:.1f} s; the twin's current day is now {last_day}", highlight=False)


def _print_extract(summary: ExtractSummary) -> None:
    table = Table(title=f"Extract {summary.source} -> {summary.target} (as of {summary.as_of})")
    for column in ("table", "strategy", "status", "read", "inserted", "updated", "deleted", "s"):
        table.add_column(
            column, justify="left" if column in ("table", "strategy", "status") else "right"
        )
    quiet = 0
    for r in summary.tables:
        if r.status == "success" and not (r.inserted or r.updated or r.deleted):
            quiet += 1
            continue
        status = (
            r.status
            if r.status == "success"
            else f"[red]{r.status}[/red]"
            if r.status == "failed"
            else f"[yellow]{r.status}[/yellow]"
        )
        table.add_row(
            r.table, r.strategy, status, f"{r.rows_read:,}", f"{r.inserted:,}",
            f"{r.updated:,}", f"{r.deleted:,}", f"{r.seconds:.1f}",
        )  # fmt: skip
    table.add_section()
    table.add_row(
        f"{len(summary.tables)} tables ({quiet} unchanged)", "", "",
        *(f"{summary.total(a):,}" for a in ("rows_read", "inserted", "updated", "deleted")),
        f"{sum(r.seconds for r in summary.tables):.1f}",
    )  # fmt: skip
    out.print(table)
    for warning in summary.warnings:
        out.print(f"  [yellow]warning:[/yellow] {warning}", highlight=False)
    for r in summary.failed:
        out.print(f"  [red]failed:[/red] {r.table}: {r.error}", highlight=False)


def _build(target: Target, unit_tests: bool = True) -> BuildSummary:
    """`dbt build` and `dbt source freshness` on `target` under a progress bar, recorded in the
    app store (what `/api/health` reports)."""
    from dental_analytics.api.builds import record_build
    from dental_analytics.dbt import build as run_build

    started = dt.datetime.now(dt.UTC)

    with _progress(
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.completed} nodes"),
        TextColumn("[dim]{task.fields[last]}"),
    ) as progress:
        task = progress.add_task(f"dbt build -> {target.display}", total=None, last="")

        def on_node(name: str, status: str) -> None:
            progress.update(task, advance=1, last=f"{name}: {status}")

        summary = run_build(target, on_node=on_node, unit_tests=unit_tests)
    try:
        record_build(target, summary, started)
    except DentalError as error:  # the build stands; only /api/health will not know of it
        err.print(f"[yellow]warning:[/yellow] build not recorded: {error}", highlight=False)
    return summary


@app.command()
def build(
    to: Annotated[
        str, typer.Option(help="Warehouse URL: duckdb:///… or postgresql://….")
    ] = DEFAULT_TARGET,
    skip_unit_tests: Annotated[
        bool,
        typer.Option(
            "--skip-unit-tests",
            help="Leave out dbt's unit tests: they check the SQL against fixed inputs, not the "
            "data, so a nightly build of unchanged code gains nothing from them.",
        ),
    ] = False,
) -> None:
    """Run dbt build and dbt source freshness on the warehouse, then print a summary."""
    from dental_analytics.warehouse.url import parse_warehouse

    target = parse_warehouse(to)
    summary = _build(target, unit_tests=not skip_unit_tests)

    table = Table(title=f"dbt build on {target.display} (as of {summary.as_of})")
    table.add_column("")
    table.add_column("result")
    for label, counts in (
        ("models", summary.models), ("seeds", summary.seeds), ("tests", summary.tests),
        ("unit tests", summary.unit_tests), ("source freshness", summary.freshness),
    ):  # fmt: skip
        shown = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
        if label == "unit tests" and skip_unit_tests:
            shown = "skipped (--skip-unit-tests)"
        table.add_row(label, shown)
    out.print(table)
    _print_problems(summary)
    if not summary.passed:
        raise DentalError(
            f"dbt build on {target.display} failed: {len(summary.problems)} problems listed "
            "above; the served marts are unchanged"
        )
    if not summary.ok:
        raise DentalError(
            f"sources are stale on {target.display} (listed above); the new marts are served"
        )


DEFAULT_SITE = Path("site")


@app.command()
def docs(
    to: Annotated[
        str, typer.Option(help="The warehouse the last `dental build` ran on (for dbt's catalog).")
    ] = DEFAULT_TARGET,
    site_dir: Annotated[
        Path, typer.Option("--out", help="The folder to build the site in.")
    ] = DEFAULT_SITE,
    pdf: Annotated[bool, typer.Option(help="Also write portfolio.pdf.")] = True,
) -> None:
    """Build the documentation and lineage site of the last `dental build` in OUT."""
    site = _build_docs(to, site_dir, pdf)
    out.print(
        f"site built in {site.out_dir}/: {len(site.pages)} pages, {len(site.pictures)} lineage "
        f"pictures{', portfolio.pdf' if pdf else ''} ({site.bytes / 1e6:.1f} MB), lineage of "
        f"{site.lineage_columns} columns ({site.lineage_seconds:.1f} s); "
        f"open {site.out_dir}/index.html or run dental serve",
        highlight=False,
    )


def _build_docs(to: str, site_dir: Path, pdf: bool) -> SiteSummary:
    from dental_analytics.docs_site import build_site
    from dental_analytics.warehouse.url import parse_warehouse

    target = parse_warehouse(to)
    with _progress(
        TextColumn("[bold]dental docs"),
        TextColumn("{task.fields[step]}"),
    ) as progress:
        task = progress.add_task("docs", total=None, step="")
        return build_site(
            target, site_dir, on_step=lambda s: progress.update(task, step=s), with_pdf=pdf
        )


@app.command()
def refresh(
    from_url: FromOption = None,
    to: WarehouseOption = DEFAULT_TARGET,
    site_dir: Annotated[
        Path, typer.Option("--out", help="The folder to build the site in.")
    ] = DEFAULT_SITE,
    pdf: Annotated[bool, typer.Option(help="Also write portfolio.pdf.")] = True,
    as_of: AsOfOption = None,
    keep_column: KeepColumnOption = None,
    option_file: OptionFileOption = None,
    batch_timeout: BatchTimeoutOption = 300,
    unit_tests: Annotated[
        bool,
        typer.Option(
            "--unit-tests",
            help="Also run dbt's unit tests (left out by default: they test the SQL on fixed "
            "inputs, which new data does not change).",
        ),
    ] = False,
) -> None:
    """The nightly job: extract FROM into TO, build, then the docs site, with a summary.

    Exits 0 when every step passed; 3, 4 or 5 when extract, build or docs failed (the steps
    after a failed one do not run)."""
    from dental_analytics.refresh import refresh as run_refresh
    from dental_analytics.warehouse.url import parse_warehouse

    source, options = _source_options(from_url, option_file, batch_timeout)
    target = parse_warehouse(to)
    day = _parse_date(as_of) if as_of else dt.date.today()
    with _progress(
        TextColumn("[bold]refresh {task.fields[step]}"),
        TextColumn("[dim]{task.fields[last]}"),
    ) as progress:
        task = progress.add_task("refresh", total=None, step="", last="")
        summary = run_refresh(
            source,
            target,
            as_of=day,
            site_dir=site_dir,
            with_pdf=pdf,
            options=options,
            keep_columns=keep_column or (),
            on_progress=lambda step, last: progress.update(task, step=step, last=last),
            unit_tests=unit_tests,
        )

    table = Table(title=f"Refresh {summary.source} -> {summary.target} (as of {day})")
    table.add_column("step")
    table.add_column("status")
    table.add_column("s", justify="right")
    table.add_column("", overflow="fold")
    colours = {"ok": "green", "failed": "red", "stale": "yellow", "not run": "dim"}
    for step in summary.steps.values():
        table.add_row(
            step.name,
            f"[{colours[step.status]}]{step.status}[/{colours[step.status]}]",
            f"{step.seconds:.1f}" if step.status != "not run" else "",
            step.detail,
        )
    out.print(table)
    for warning in summary.warnings[:10]:
        out.print(f"  [yellow]warning:[/yellow] {warning}", highlight=False)
    if len(summary.warnings) > 10:
        out.print(f"  … and {len(summary.warnings) - 10} more warnings", highlight=False)
    if summary.build is not None:
        _print_problems(summary.build, limit=10)
    if summary.failed_step is not None:
        step = summary.steps[summary.failed_step]
        after = [s.name for s in summary.steps.values() if s.status == "not run"]
        raise DentalError(
            f"refresh failed at {step.name}"
            + (" (stale sources)" if step.status == "stale" else "")
            + (f"; not run: {', '.join(after)}" if after else ""),
            exit_code=summary.exit_code,
        )
    total = sum(s.seconds for s in summary.steps.values())
    out.print(f"refresh ok in {total:.0f} s", highlight=False)


@app.command()
def serve(
    to: Annotated[str, typer.Option(help="The warehouse the API reads.")] = DEFAULT_TARGET,
    port: Annotated[int, typer.Option(help="The port to listen on.")] = 8080,
    host: Annotated[
        str,
        typer.Option(help="The address to bind: loopback by default; see README before 0.0.0.0."),
    ] = "127.0.0.1",
    site: Annotated[Path, typer.Option(help="The folder `dental docs` built.")] = DEFAULT_SITE,
    rate_limit: Annotated[
        int, typer.Option(help="API requests a minute per key or session (0: no limit).")
    ] = 600,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(help="A web origin allowed to call the API from a browser (repeatable)."),
    ] = None,
    audit_days: Annotated[
        int | None,
        typer.Option(
            help="Days audit rows are kept, older ones going as the server starts "
            "(default six years)."
        ),
    ] = None,
    cache_mb: Annotated[
        int, typer.Option(help="Memory for report answers, in MB (0: no cache).")
    ] = 64,
) -> None:
    """Serve the dashboard (/), the API (/api/) and the docs site (/docs/) on one port."""
    if audit_days is not None and audit_days < 1:
        raise DentalError(f"--audit-days must be 1 or more, got {audit_days}")
    if cache_mb < 0:
        raise DentalError(f"--cache-mb must be 0 or more, got {cache_mb}")
    _serve(to, site, host, port, rate_limit, tuple(cors_origin or ()), audit_days, cache_mb)


def _serve(
    to: str,
    site: Path,
    host: str,
    port: int,
    rate_limit: int = 600,
    cors: tuple[str, ...] = (),
    audit_days: int | None = None,
    cache_mb: int = 64,
) -> None:
    import signal

    from dental_analytics.serve import bind, create_app, run
    from dental_analytics.warehouse.url import parse_warehouse

    target = parse_warehouse(to)

    # Ctrl-C and a service manager's SIGTERM both stop the server, whatever state the parent left
    # these signals in (a non-interactive shell starts a background job with SIGINT ignored).
    # uvicorn stops on either and then raises it again with these handlers in place.
    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, stop)
    # One line per request on stderr (method, path, status, time: never a query string) and the
    # server's warnings; the library itself never prints.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    server_log = logging.getLogger("dental_analytics")
    server_log.addHandler(handler)
    server_log.setLevel(logging.INFO)
    application = create_app(
        target,
        site,
        rate_limit_per_minute=rate_limit,
        cors_origins=cors,
        audit_retention_days=audit_days,
        cache_mb=cache_mb,
    )
    sock = bind(host, port)
    shown = "localhost" if host in {"127.0.0.1", "0.0.0.0", "::", "::1"} else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"

    def started() -> None:
        out.print(
            f"serving on [bold]{url}[/bold]: dashboard {url}, API {url}api/docs, docs {url}docs/ "
            "(Ctrl-C stops)",
            highlight=False,
        )

    with contextlib.suppress(KeyboardInterrupt):
        run(application, sock, on_started=started)
    out.print("stopped")


keys_app = typer.Typer(help="API keys: create, list, revoke.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="What the key is for (unique).")],
    clinic: Annotated[
        list[int] | None, typer.Option(help="Limit the key to this clinic (repeatable).")
    ] = None,
    scope: Annotated[
        str, typer.Option(help="reports (aggregates and ids) or phi (adds patient contacts).")
    ] = "reports",
    expires: Annotated[
        str | None, typer.Option(help="Last day the key works (YYYY-MM-DD).")
    ] = None,
    to: Annotated[str, typer.Option(help="The warehouse the key is for.")] = DEFAULT_TARGET,
) -> None:
    """Create a key and print it once: it cannot be shown again."""
    from dental_analytics.api.store import AppStore, store_location
    from dental_analytics.warehouse.url import parse_warehouse

    expires_on = _parse_date(expires, "--expires") if expires else None
    if expires_on is not None and expires_on < dt.date.today():
        raise DentalError(f"--expires {expires_on} is in the past")
    target = parse_warehouse(to)
    store = AppStore(target)
    try:
        record, token = store.create_key(name, scope, clinic or (), expires_on)  # type: ignore[arg-type]
    finally:
        store.close()
    clinics = ", ".join(map(str, record.clinics)) if record.clinics else "all clinics"
    err.print(
        f"key {record.name!r} ({record.prefix}, scope {record.scope}, {clinics}"
        f"{', expires ' + record.expires_on if record.expires_on else ''}) in "
        f"{store_location(target)}; it is printed once, below:",
        highlight=False,
    )
    out.print(token, highlight=False, soft_wrap=True)


@keys_app.command("list")
def keys_list(
    to: Annotated[str, typer.Option(help="The warehouse the keys are for.")] = DEFAULT_TARGET,
) -> None:
    """The keys, without their secrets."""
    with _app_store(to) as store:
        records = store.keys()
    today = dt.date.today()
    # Plain columns rather than a drawn table: the prefix (what `revoke` takes) is never cut,
    # and scripts can read the lines.
    rows = [("name", "prefix", "scope", "clinics", "state", "created", "expires", "last used")]
    rows += [
        (
            r.name, r.prefix, r.scope, ",".join(map(str, r.clinics)) if r.clinics else "all",
            r.state(today), r.created_at[:10], r.expires_on or "-", (r.last_used_at or "-")[:16],
        )
        for r in records
    ]  # fmt: skip
    _print_columns(rows)


@keys_app.command("revoke")
def keys_revoke(
    key: Annotated[str, typer.Argument(help="The key's name or prefix.")],
    to: Annotated[str, typer.Option(help="The warehouse the key is for.")] = DEFAULT_TARGET,
) -> None:
    """Revoke a key: it stops working at once."""
    with _app_store(to) as store:
        record = store.revoke_key(key)
    out.print(f"revoked key {record.name!r} ({record.prefix})", highlight=False)


users_app = typer.Typer(
    help="Dashboard users: create, list, disable, reset-password.", no_args_is_help=True
)
app.add_typer(users_app, name="users")


def _read_password(from_stdin: bool) -> str:
    """A password from stdin's first line (scripts), or prompted twice without echo."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    if not password:
        raise DentalError("the password is empty")
    return password


@users_app.command("create")
def users_create(
    name: Annotated[str, typer.Option(help="The name the user signs in with (unique).")],
    clinic: Annotated[
        list[int] | None, typer.Option(help="Limit the user to this clinic (repeatable).")
    ] = None,
    scope: Annotated[
        str, typer.Option(help="reports (aggregates and ids) or phi (adds patient contacts).")
    ] = "reports",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")
    ] = False,
    to: Annotated[str, typer.Option(help="The warehouse the user signs in to.")] = DEFAULT_TARGET,
) -> None:
    """Create a dashboard user (the password is prompted, or read from stdin)."""
    from dental_analytics.api.store import AppStore, store_location
    from dental_analytics.warehouse.url import parse_warehouse

    target = parse_warehouse(to)
    password = _read_password(password_stdin)
    store = AppStore(target)
    try:
        store.create_user(name, password, scope, clinic or ())  # type: ignore[arg-type]
        record = store.user(name.strip())
    finally:
        store.close()
    assert record is not None
    clinics = ", ".join(map(str, record.clinics)) if record.clinics else "all clinics"
    out.print(
        f"user {record.name!r} (scope {record.scope}, {clinics}) in {store_location(target)}",
        highlight=False,
    )


@users_app.command("list")
def users_list(
    to: Annotated[str, typer.Option(help="The warehouse the users sign in to.")] = DEFAULT_TARGET,
) -> None:
    """The users, without their passwords."""
    with _app_store(to) as store:
        records = store.users()
    rows = [("name", "scope", "clinics", "state", "created")]
    rows += [
        (r.name, r.scope, ",".join(map(str, r.clinics)) if r.clinics else "all", r.state,
         r.created_at[:10])
        for r in records
    ]  # fmt: skip
    _print_columns(rows)


@users_app.command("disable")
def users_disable(
    name: Annotated[str, typer.Argument(help="The user's name.")],
    to: Annotated[str, typer.Option(help="The warehouse the user signs in to.")] = DEFAULT_TARGET,
) -> None:
    """Disable a user: their sessions end at once and they can no longer sign in."""
    with _app_store(to) as store:
        record = store.disable_user(name)
    out.print(f"disabled user {record.name!r}; their sessions ended", highlight=False)


@users_app.command("link")
def users_link(
    name: Annotated[str, typer.Argument(help="The user's name.")],
    url: Annotated[str, typer.Option(help="Where the dashboard is served.")] = (
        "http://localhost:8080"
    ),
    to: Annotated[str, typer.Option(help="The warehouse the user signs in to.")] = DEFAULT_TARGET,
) -> None:
    """Print a one-time sign-in link for a user (works once, within 15 minutes)."""
    with _app_store(to) as store:
        token = store.create_signin_link(name)
    out.print(f"{url.rstrip('/')}/signin?link={token}", highlight=False, soft_wrap=True)


@users_app.command("reset-password")
def users_reset_password(
    name: Annotated[str, typer.Argument(help="The user's name.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin's first line.")
    ] = False,
    to: Annotated[str, typer.Option(help="The warehouse the user signs in to.")] = DEFAULT_TARGET,
) -> None:
    """Set a user's password (prompted, or read from stdin); their sessions end."""

    password = _read_password(password_stdin)
    with _app_store(to) as store:
        store.reset_password(name, password)
    out.print(f"new password for {name!r}; their sessions ended", highlight=False)


@app.command()
def audit(
    since: Annotated[
        str | None, typer.Option(help="First day to show (YYYY-MM-DD, UTC); default all.")
    ] = None,
    format: Annotated[str, typer.Option(help="table or csv.")] = "table",
    to: Annotated[str, typer.Option(help="The warehouse whose app store to read.")] = (
        DEFAULT_TARGET
    ),
) -> None:
    """Who read patient rows through the work lists: when, route, parameters, row count."""
    import csv

    if format not in ("table", "csv"):
        raise DentalError(f"--format {format!r}: use table or csv")
    day = _parse_date(since, "--since") if since else None
    with _app_store(to) as store:
        rows = store.audit_rows(day)
    header = ("at", "caller_kind", "caller", "scope", "route", "parameters", "row_count")
    if format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(
            (r.at, r.caller_kind, r.caller, r.scope, r.route, r.parameters, r.row_count)
            for r in rows
        )
        return
    for r in rows:
        out.print(
            f"{r.at}  {r.caller_kind}:{r.caller} ({r.scope})  {r.route}  {r.parameters}  "
            f"{r.row_count} rows",
            highlight=False,
            soft_wrap=True,
        )
    err.print(f"{len(rows)} audit rows", highlight=False)


@app.command()
def demo(
    scale: Annotated[int, typer.Option(help="Practice units of ~5,000 patients each.")] = 1,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 42,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Last day of history (YYYY-MM-DD); default today.")
    ] = None,
    to: Annotated[str, typer.Option(help="Warehouse URL.")] = DEFAULT_TARGET,
    site: Annotated[Path, typer.Option(help="The folder to build the site in.")] = DEFAULT_SITE,
    port: Annotated[int, typer.Option(help="The port to serve on.")] = 8080,
    host: Annotated[str, typer.Option(help="The address to bind.")] = "127.0.0.1",
    serve_site: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the site when done (default).")
    ] = True,
) -> None:
    """generate -> build -> docs -> serve: a synthetic practice, its warehouse and its site."""
    from dental_analytics.warehouse.url import parse_warehouse

    day = _parse_date(as_of) if as_of else dt.date.today()
    target = parse_warehouse(to)
    written = _generate(scale, seed, day, target)
    summary = _build(target)
    site_summary = _build_docs(to, site, True)

    table = Table(title=f"Demo: {target.display}, as of {summary.as_of}", show_header=False)
    table.add_column("")
    table.add_column("", overflow="fold")
    table.add_row("raw tables loaded", f"{len(written)} ({sum(written.values()):,} rows)")
    table.add_row(
        "models built",
        ", ".join(f"{n} {layer}" for layer, n in site_summary.models.items())
        + f" ({', '.join(f'{n} {s}' for s, n in sorted(summary.models.items()))})",
    )
    tests = summary.tests + summary.unit_tests
    table.add_row(
        "tests",
        f"{tests.get('pass', 0)} passed, {tests.get('warn', 0)} warned, "
        f"{tests.get('fail', 0) + tests.get('error', 0)} failed",
    )
    table.add_row(
        "source freshness",
        ", ".join(f"{n} {status}" for status, n in sorted(summary.freshness.items())) or "none",
    )
    table.add_row(
        "site",
        f"{site}/ ({len(site_summary.pages)} pages, {site_summary.bytes / 1e6:.1f} MB, "
        "portfolio.pdf)",
    )
    out.print(table)
    _print_problems(summary, limit=10)
    shown = "localhost" if host in {"127.0.0.1", "0.0.0.0", "::", "::1"} else host
    link = _demo_signin_link(target, f"http://{shown}:{port}")
    out.print(
        f"sign in to the dashboard as {DEMO_USER!r} (scope phi, every clinic) with this one-time "
        f"link, valid 15 minutes:\n  {link}\n"
        f"another link later: dental users link {DEMO_USER} --to {to}; "
        f"the API also takes keys: dental keys create --name NAME --to {to}",
        highlight=False,
        soft_wrap=True,
    )
    if serve_site:
        _serve(to, site, host, port)
    elif not summary.ok:
        raise DentalError(f"dbt build failed: {len(summary.problems)} problems listed above")


DEMO_USER = "demo"


def _demo_signin_link(target: Target, base_url: str) -> str:
    """A one-time sign-in link for the demo user, created (with a random password nobody is
    shown) the first time."""
    import secrets

    from dental_analytics.api.store import AppStore

    store = AppStore(target)
    try:
        if store.user(DEMO_USER) is None:
            store.create_user(DEMO_USER, secrets.token_urlsafe(24), "phi")
        token = store.create_signin_link(DEMO_USER)
    finally:
        store.close()
    return f"{base_url}/signin?link={token}"


@contextlib.contextmanager
def _app_store(to: str) -> Iterator[AppStore]:
    """The app store of the warehouse `to` names, closed when the block ends."""
    from dental_analytics.api.store import AppStore
    from dental_analytics.warehouse.url import parse_warehouse

    store = AppStore(parse_warehouse(to))
    try:
        yield store
    finally:
        store.close()


def _print_columns(rows: Sequence[Sequence[str]]) -> None:
    """Rows as plain aligned columns (never cut, readable by scripts), the first a header."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        out.print(
            "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip(),
            highlight=False,
            soft_wrap=True,
        )


def _print_problems(summary: BuildSummary, limit: int | None = None) -> None:
    """What did not pass, and what passed with a warning: unused features, then each warning by
    rule with what it means for the numbers, then failures and errors (the first `limit`)."""
    if summary.unused:
        out.print(
            f"[yellow]warning:[/yellow] {len(summary.unused)} OpenDental features unused "
            "(their tables are empty; the build passes):",
            highlight=False,
        )
    for feature in summary.unused:
        out.print(f"  {feature}", highlight=False)
    by_rule = summary.warnings_by_rule()
    if by_rule:
        counts = ", ".join(f"{rule} {rows:,}" for rule, rows in by_rule.items())
        out.print(f"[yellow]{len(summary.warnings)} warnings:[/yellow] {counts}", highlight=False)
        meanings = {p.what: p.meaning for p in summary.warnings if p.meaning}
        for rule in by_rule:
            if rule in meanings:
                out.print(f"  {rule}: {meanings[rule]}", highlight=False)
        if any(p.rule for p in summary.warnings):
            out.print(
                "  Rows that break OpenDental's rules still count as OpenDental counts them, "
                "flagged in opendental_rules_broken; the docs site's test results say where to "
                "fix each in OpenDental.",
                highlight=False,
            )
    failures = [p for p in summary.problems if p.status != "warn"]
    for problem in failures[:limit]:
        out.print(f"  {problem}", highlight=False)


def _print_measures(title: str, rows: list[Measure]) -> None:
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("measured", justify="right")
    table.add_column("target", justify="right")
    table.add_column("verdict")
    table.add_column("why it differs", overflow="fold")
    for row in rows:
        verdict = "[green]ok[/green]" if row.ok else "[red]off target[/red]"
        table.add_row(row.name, row.measured, row.target, verdict, row.note)
    out.print(table)


def main() -> None:
    """Entry point: a `DentalError` or a usage mistake becomes one line on stderr, never a traceback."""
    try:
        code = app(standalone_mode=False)
    except DentalError as error:
        _fail(str(error), error.exit_code)
    except typer.TyperException as error:  # usage mistakes: unknown option, bad number, ...
        _fail(f"{error.format_message()} (see dental --help)", 2)
    except typer.Abort:
        _fail("interrupted", 130)
    sys.exit(code if isinstance(code, int) else 0)


def _fail(message: str, code: int) -> NoReturn:
    err.print(
        f"[bold red]error:[/bold red] {message}", highlight=False, soft_wrap=True, markup=True
    )
    sys.exit(code)
