"""``scorepack sql``: the definitions written for a warehouse, to review and schedule."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scorepack.cli.main import CatalogueOpt, PresetOpt, app, err, reports_problems
from scorepack.errors import InputError, Problem
from scorepack.service.inputs import load_config


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
    from scorepack.measures.engines import DIALECTS
    from scorepack.measures.scripts import scripts

    if dialect not in DIALECTS:
        raise InputError(
            [Problem("--dialect", None, None, f"expected one of {', '.join(DIALECTS)}")]
        )
    config = load_config(preset, catalogue, None, need_units=False)
    measures = (
        config.preset.measures if config.preset else (catalogue or Path(".")).parent / "measures"
    )
    written = scripts(config.catalogue, measures, dialect)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in written.items():
        (out_dir / name).write_text(text, encoding="utf-8")
    err.print(f"wrote {len(written)} {dialect} scripts to {out_dir.resolve()}")
