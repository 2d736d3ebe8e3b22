"""The `dental` command line: thin; each command parses options and calls one library function."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import Annotated

import pyarrow as pa
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dental_analytics.errors import DentalError

app = typer.Typer(
    help="Dental analytics: an OpenDental warehouse with dbt.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

DEFAULT_TARGET = "duckdb:///data/warehouse.duckdb"


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DentalError(f"--as-of {text!r} is not a date: use YYYY-MM-DD, e.g. 2026-11-24") from None


@app.command()
def generate(
    scale: Annotated[int, typer.Option(help="Practice units of ~5,000 patients each.")] = 1,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same data.")] = 42,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Last day of history (YYYY-MM-DD); default today.")] = None,
    to: Annotated[str, typer.Option(help="Target URL: duckdb:///…, postgresql://…, mysql://… (OpenDental twin).")] = DEFAULT_TARGET,
    report: Annotated[bool, typer.Option(help="Print the fidelity report measured on the loaded warehouse.")] = False,
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
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rows]:,} rows"), TimeElapsedColumn(), console=err, transient=True,
    ) as progress:
        task = progress.add_task(f"generate scale {scale} -> {target.display}", total=scale + 1, rows=0)
        rows = 0

        def counted() -> Iterator[dict[str, pa.Table]]:
            for batch in generate_batches(scale, seed, day):
                yield batch
                progress.advance(task)

        def on_rows(_table: str, n: int) -> None:
            nonlocal rows
            rows += n
            progress.update(task, rows=rows)

        written = load_raw(target, counted(), source=f"synthetic seed={seed} scale={scale}", as_of=day, on_rows=on_rows)

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

        _print_fidelity(measure(target, day, scale))


def _print_fidelity(rows: list[tuple[str, str, str, str]]) -> None:
    table = Table(title="Fidelity: measured on the loaded warehouse vs target")
    for col in ("measure", "measured", "target", "verdict"):
        table.add_column(col, justify="right" if col != "measure" else "left")
    for name, measured, target, verdict in rows:
        style = "green" if verdict.startswith("ok") else "red"
        table.add_row(name, measured, target, f"[{style}]{verdict}[/{style}]")
    out.print(table)


def main() -> None:
    """Entry point: run the app; a `DentalError` becomes one line on stderr and exit code 1."""
    try:
        app()
    except DentalError as error:
        err.print(f"[bold red]error:[/bold red] {error}", highlight=False, soft_wrap=True)
        sys.exit(1)
