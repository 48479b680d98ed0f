"""``scorepack definitions``: the definition register of a catalogue, as Markdown."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from scorepack.cli.main import CatalogueOpt, PresetOpt, app, err, reports_problems
from scorepack.outputs import write_all
from scorepack.service.definitions import register


@app.command()
@reports_problems
def definitions(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
) -> None:
    """Print (or write) the definition register: every indicator's source, numerator,
    denominator, exclusions, period, team rule and difference from the national one."""
    text = register(preset, catalogue)
    if out_file:
        write_all({out_file: text})
        err.print(f"wrote {out_file}")
    else:
        sys.stdout.write(text)
