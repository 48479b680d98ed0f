"""``scorepack simulate``: write the simulated authority's records."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from scorepack.cli.main import app, err, reports_problems
from scorepack.errors import InputError, Problem

MARKER = ".scorepack-simulation"


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
@reports_problems
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
    fmt: Annotated[str, typer.Option("--file-format", help="parquet or csv.")] = "parquet",
) -> None:
    """Write a deterministic simulated authority: SSD tables plus ext_ tables."""
    from scorepack.simulate import simulate as run

    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / MARKER).exists():
        raise InputError(
            [
                Problem(
                    str(out_dir),
                    None,
                    None,
                    "folder exists and is not a simulation scorepack wrote; choose another",
                )
            ]
        )
    tasks: dict[str, TaskID] = {}
    with progress_bar() as bar:

        def report(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = bar.add_task(f"simulating {step}", total=total)
            bar.update(tasks[step], completed=done, total=total)

        # Written beside the target and moved into place at the end, so an
        # interrupted run never leaves a half-written extract behind.
        partial = out_dir.with_name(f".{out_dir.name}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        summary = run(partial, seed=seed, scale=scale, progress=report, fmt=fmt)
        (partial / MARKER).write_text(f"seed={seed} scale={scale}\n", encoding="utf-8")
        shutil.rmtree(out_dir, ignore_errors=True)
        partial.rename(out_dir)
    err.print(
        f"wrote {sum(summary.rows.values()):,} rows in {len(summary.rows)} tables to "
        f"{out_dir.resolve()} ({summary.seconds:.1f} s)"
    )
    for name, value in summary.headline.items():
        err.print(f"  {name}: {value:,.0f}", markup=False)
