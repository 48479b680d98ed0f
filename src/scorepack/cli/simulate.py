"""``scorepack simulate``: write the simulated authority's records."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from scorepack.cli.main import app, err
from scorepack.service.simulation import simulate_records


class FileFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description:<22}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err,
        transient=False,
    )


@app.command()
def simulate(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the SSD tables into.")],
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed: the same seed gives the same files.")
    ] = 1,
    scale: Annotated[
        float,
        typer.Option(
            "--scale", min=0.01, help="Size: 1 is a county like Kent; 10 is ten times the children."
        ),
    ] = 1.0,
    fmt: Annotated[FileFormat, typer.Option("--file-format")] = FileFormat.parquet,
) -> None:
    """Write a deterministic simulated authority: SSD tables plus ext_ tables."""
    tasks: dict[str, TaskID] = {}
    with progress_bar() as bar:

        def report(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(f"simulating {step}", total=total)
            bar.update(tasks[step], completed=done, total=total)

        summary = simulate_records(out_dir, seed, scale, fmt.value, report)
    err.print(
        f"wrote {sum(summary.rows.values()):,} rows in {len(summary.rows)} tables to "
        f"{out_dir.resolve()} ({summary.seconds:.1f} s)"
    )
    for name, value in summary.headline.items():
        err.print(f"  {name}: {value:,.0f}", markup=False)
