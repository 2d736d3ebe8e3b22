"""The `dental` command line: thin; each command parses options and calls one library function."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, NoReturn

import pyarrow as pa
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dental_analytics.errors import DentalError

if TYPE_CHECKING:
    from dental_analytics.synthetic.fidelity import Measure

app = typer.Typer(
    help="Dental analytics: an OpenDental warehouse with dbt.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DEFAULT_TARGET = "duckdb:///data/warehouse.duckdb"


@app.callback()
def _root() -> None:
    """Dental analytics: an OpenDental warehouse with dbt."""


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DentalError(
            f"--as-of {text!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-24"
        ) from None


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
    from dental_analytics.synthetic.generate import generate as generate_batches
    from dental_analytics.warehouse.load import load_raw
    from dental_analytics.warehouse.url import parse_target

    if scale < 1:
        raise DentalError(f"--scale must be 1 or more, got {scale}")
    day = _parse_date(as_of) if as_of else dt.date.today()
    target = parse_target(to)
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rows]:,} rows"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
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

        written = load_raw(
            target,
            counted(),
            source=f"synthetic seed={seed} scale={scale}",
            as_of=day,
            on_rows=on_rows,
        )

    counts = Table(title=f"Rows loaded into {target.display} (as of {day})")
    counts.add_column("table")
    counts.add_column("rows", justify="right")
    for name in sorted(written):
        counts.add_row(name, f"{written[name]:,}")
    counts.add_section()
    counts.add_row(f"{len(written)} tables", f"{sum(written.values()):,}")
    out.print(counts)
    if report:
        from dental_analytics.synthetic.fidelity import measure

        measures, volumes = measure(target, day, scale)
        _print_measures("Fidelity: measured on the loaded warehouse vs target", measures)
        _print_measures("Volumes: generated vs the reference figures", volumes)


@app.command()
def build(
    to: Annotated[
        str, typer.Option(help="Warehouse URL: duckdb:///… or postgresql://….")
    ] = DEFAULT_TARGET,
) -> None:
    """Run dbt build and dbt source freshness on the warehouse, then print a summary."""
    from dental_analytics.dbt import build as run_build
    from dental_analytics.warehouse.url import parse_target

    target = parse_target(to)
    with Progress(
        TextColumn("[bold]{task.description}"),
        TextColumn("{task.completed} nodes"),
        TextColumn("[dim]{task.fields[last]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task(f"dbt build -> {target.display}", total=None, last="")

        def on_node(name: str, status: str) -> None:
            progress.update(task, advance=1, last=f"{name}: {status}")

        summary = run_build(target, on_node=on_node)

    table = Table(title=f"dbt build on {target.display} (as of {summary.as_of})")
    table.add_column("")
    table.add_column("result")
    for label, counts in (
        ("models", summary.models), ("seeds", summary.seeds), ("tests", summary.tests),
        ("unit tests", summary.unit_tests), ("source freshness", summary.freshness),
    ):  # fmt: skip
        table.add_row(
            label, ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
        )
    out.print(table)
    for problem in summary.problems:
        out.print(f"  {problem}", highlight=False)
    if not summary.ok:
        raise DentalError(
            f"dbt build on {target.display} failed: {len(summary.problems)} problems listed above"
        )


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
        _fail(str(error), 1)
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
