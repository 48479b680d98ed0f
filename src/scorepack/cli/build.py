"""``scorepack build``: every scorecard of a month, written in the formats asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scorepack.cli.main import (
    CatalogueOpt,
    DatabaseOpt,
    FiguresOpt,
    PdfEngineOpt,
    PeriodOpt,
    PresetOpt,
    ProducedOpt,
    RecordsOpt,
    UnitsOpt,
    app,
    err,
    out,
    print_warnings,
)
from scorepack.render.table import print_scorecard
from scorepack.service.build import BuildRequest, write_month
from scorepack.service.records import Warehouse
from scorepack.service.render import DEFAULT_PDF_ENGINE, FORMATS

LIST_AT_MOST = 15
"""Past this many files, list the packs and a pattern for the rest."""


SuppressOpt = Annotated[
    int | None,
    typer.Option(
        "--suppress-below",
        min=1,
        metavar="N",
        help="For publication: write every count from 1 to N-1 (numerators, denominators, "
        "activity and data-quality counts) as the DfE's 'c', with the results that rest on "
        "them; 6 is the DfE's practice. See docs/pack.md.",
    ),
]


def split_formats(text: str) -> tuple[str, ...]:
    return tuple(f.strip().lower() for f in text.split(",") if f.strip())


@app.command()
def build(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the pack into.")],
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
    records: RecordsOpt = None,
    database: DatabaseOpt = None,
    commentary: Annotated[
        Path | None, typer.Option("--commentary", help="Commentary file (.yaml or .md).")
    ] = None,
    period: PeriodOpt = None,
    produced: ProducedOpt = None,
    format: Annotated[
        str, typer.Option("--format", help=f"Comma-separated, from: {','.join(FORMATS)}.")
    ] = "json,markdown",
    scope: Annotated[
        str,
        typer.Option("--units-scope", help="'areas' (top unit and areas) or 'all' (every unit)."),
    ] = "areas",
    pdf_engine: PdfEngineOpt = DEFAULT_PDF_ENGINE,
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
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Take earlier months' results as they were published in this store (URL).",
        ),
    ] = None,
    suppress_below: SuppressOpt = None,
) -> None:
    """Build every scorecard of a month and write them, with the pack, to a folder."""
    request = BuildRequest(
        preset=preset,
        catalogue=catalogue,
        units=units,
        figures=figures,
        records=records,
        commentary=commentary,
        period=period,
        formats=split_formats(format),
        scope=scope,
        produced=produced.date() if produced else None,
        database=database,
        warehouse=Warehouse(engine, schema, table_prefix, mapping) if engine else None,
        store=store,
        suppress_below=suppress_below,
        pdf_engine=pdf_engine,
    )
    with err.status("building…") as status:
        written = write_month(request, out_dir, lambda step: status.update(step))
    result = written.result
    print_warnings(result.warnings)
    if show and result.judged.scorecards:
        print_scorecard(result.judged.scorecards[0], out)
    names = written.names
    err.print(f"wrote {len(names)} files to {out_dir.resolve()}", markup=False)
    packs = [n for n in names if n.startswith("pack-")]
    for name in names if len(names) <= LIST_AT_MOST else packs:
        err.print(f"  {out_dir / name}", markup=False)
    if len(names) > LIST_AT_MOST:
        rest = len(names) - len(packs)
        err.print(f"  {out_dir}/scorecard-* and activity-*: {rest} files, one per unit and format")
