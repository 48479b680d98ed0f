"""``scorepack build``: every scorecard of a month, written in the formats asked for."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scorepack.cli.main import (
    CatalogueOpt,
    FiguresOpt,
    PresetOpt,
    UnitsOpt,
    app,
    err,
    out,
    parse_period,
    reports_problems,
)
from scorepack.errors import InputError, Problem
from scorepack.inputs import Inputs, load_config, load_store
from scorepack.outputs import write_all
from scorepack.pipeline import FORMATS, SCOPES, judge_month, render_files
from scorepack.render.table import print_scorecard

if TYPE_CHECKING:
    from scorepack.pack.commentary import CommentaryBook


LIST_AT_MOST = 15
"""Past this many files, list the packs and a pattern for the rest."""


def parse_formats(text: str) -> list[str]:
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise InputError(
            [
                Problem(
                    "--format",
                    None,
                    None,
                    f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}",
                )
            ]
        )
    return wanted


def _commentary(path: Path | None, inputs: Inputs) -> CommentaryBook | None:
    if path is None:
        return None
    from scorepack.pack.commentary import load_commentary

    return load_commentary(
        path, [i.id for i in inputs.catalogue.indicators], [u.id for u in inputs.tree]
    )


@app.command()
@reports_problems
def build(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the pack into.")],
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
    records: Annotated[
        Path | None, typer.Option("--records", help="Folder of SSD tables to compute figures from.")
    ] = None,
    commentary: Annotated[
        Path | None, typer.Option("--commentary", help="Commentary file (.yaml or .md).")
    ] = None,
    period: Annotated[str | None, typer.Option("--period", help="Month as YYYY-MM.")] = None,
    format: Annotated[
        str, typer.Option("--format", help=f"Comma-separated, from: {','.join(FORMATS)}.")
    ] = "json,markdown",
    scope: Annotated[
        str,
        typer.Option("--units-scope", help="'areas' (top unit and areas) or 'all' (every unit)."),
    ] = "areas",
    show: Annotated[
        bool, typer.Option("--show/--quiet", help="Print the top unit's scorecard.")
    ] = True,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help="Compute figures inside this database, read-only (postgresql://…, "
            "mssql+pyodbc://…, or a DuckDB file); see docs/warehouse.md.",
        ),
    ] = None,
    schema: Annotated[
        str | None, typer.Option("--schema", help="Schema holding the SSD tables (--engine).")
    ] = None,
    table_prefix: Annotated[
        str, typer.Option("--table-prefix", help="Prefix of the SSD table names (--engine).")
    ] = "",
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="YAML file of names that differ in the warehouse."),
    ] = None,
) -> None:
    """Build every scorecard of a month and write them, with the pack, to a folder."""
    formats = parse_formats(format)
    if scope not in SCOPES:
        raise InputError(
            [Problem("--units-scope", None, None, f"expected one of {', '.join(SCOPES)}")]
        )
    if engine is not None:
        from scorepack.cli.records import inputs_from_engine

        inputs, store, month = inputs_from_engine(
            engine, schema, table_prefix, mapping, preset, catalogue, figures, period
        )
    elif records is not None:
        from scorepack.cli.records import inputs_from_records

        inputs, store, month = inputs_from_records(records, preset, catalogue, figures, period)
    else:
        inputs = load_config(preset, catalogue, units)
        store = load_store(inputs, figures)
        month = parse_period(period, inputs.preset.period if inputs.preset else None)
    book = _commentary(commentary, inputs)
    judged = judge_month(inputs.catalogue, inputs.tree, store, month, scope)
    with err.status("rendering…"):
        files = render_files(judged, formats, out_dir, book)
    written = write_all(files)
    if show and judged.scorecards:
        print_scorecard(judged.scorecards[0], out)
    err.print(f"wrote {len(written)} files to {out_dir.resolve()}")
    packs = [p for p in written if p.name.startswith("pack-")]
    for path in written if len(written) <= LIST_AT_MOST else packs:
        err.print(f"  {path}", markup=False)
    if len(written) > LIST_AT_MOST:
        rest = len(written) - len(packs)
        err.print(f"  {out_dir}/scorecard-* and activity-*: {rest} files, one per unit and format")
