"""``scorepack definitions``: the definition register of a catalogue, as Markdown."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from scorepack.catalogue.register import register_markdown
from scorepack.cli.main import CatalogueOpt, PresetOpt, app, err, reports_problems
from scorepack.outputs import write_all
from scorepack.service.inputs import load_config


@app.command()
@reports_problems
def definitions(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
) -> None:
    """Print (or write) the definition register: every indicator's source, numerator,
    denominator, exclusions, period, team rule and difference from the national one."""
    cat = load_config(preset, catalogue, None, need_units=False).catalogue
    text = register_markdown(cat, preset)
    if out_file:
        write_all({out_file: text})
        err.print(f"wrote {out_file}")
    else:
        sys.stdout.write(text)
