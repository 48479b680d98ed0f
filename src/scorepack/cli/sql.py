"""``scorepack sql``: the definitions written for a warehouse, to review and schedule."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scorepack.cli.main import CatalogueOpt, PresetOpt, app, err, reports_problems
from scorepack.outputs import write_all
from scorepack.service.definitions import warehouse_scripts


@app.command()
@reports_problems
def sql(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the scripts into.")],
    dialect: Annotated[
        str, typer.Option("--dialect", help="tsql (SQL Server 2016+), postgres or duckdb.")
    ] = "tsql",
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
) -> None:
    """Write every measure definition as a script in a warehouse's own SQL."""
    written = warehouse_scripts(preset, catalogue, dialect)
    write_all({out_dir / name: text for name, text in written.items()})
    err.print(f"wrote {len(written)} {dialect} scripts to {out_dir.resolve()}")
