"""``scorepack publish``, ``history``, ``restatements`` and ``import``: the store's commands.

Each command opens the store (``--store URL``, else ``$SCOREPACK_STORE``, else
the data folder; see docs/store.md), calls one service function and prints.
"""

from __future__ import annotations

import getpass
import json
import sys
from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from scorepack.cli.build import SuppressOpt
from scorepack.cli.main import (
    CatalogueOpt,
    FiguresOpt,
    ListFormat,
    PdfEngineOpt,
    PresetOpt,
    UnitsOpt,
    app,
    err,
    out,
    reports_problems,
)
from scorepack.outputs import write_all
from scorepack.periods import Month
from scorepack.service import monthly
from scorepack.service.monthly import BuildRequest, ImportRequest, PublishRequest
from scorepack.service.render import DEFAULT_PDF_ENGINE

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Store URL or SQLite file (default: $SCOREPACK_STORE, else the data folder).",
    ),
]
RecordsOpt = Annotated[
    Path | None, typer.Option("--records", help="Folder of SSD tables to compute figures from.")
]
PeriodOpt = Annotated[str | None, typer.Option("--period", help="Month as YYYY-MM.")]
ByOpt = Annotated[str | None, typer.Option("--by", help="Who publishes (default: your login).")]


def _who(by: str | None) -> str:
    return by or getpass.getuser()


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value) if isinstance(value, Month) else value


def _print_json(items: Sequence[Any]) -> None:
    """Dataclasses as a JSON list: months as YYYY-MM, moments in ISO 8601."""
    rows = [{f.name: _plain(getattr(item, f.name)) for f in fields(item)} for item in items]
    sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


@app.command()
@reports_problems
def publish(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
    records: RecordsOpt = None,
    commentary: Annotated[
        Path | None, typer.Option("--commentary", help="Commentary file (.yaml or .md).")
    ] = None,
    period: PeriodOpt = None,
    format: Annotated[
        str, typer.Option("--format", help="Formats to render and freeze (as for build).")
    ] = "json,markdown,html",
    scope: Annotated[str, typer.Option("--units-scope", help="'areas' or 'all'.")] = "areas",
    pdf_engine: PdfEngineOpt = DEFAULT_PDF_ENGINE,
    store: StoreOpt = None,
    revise: Annotated[
        bool, typer.Option("--revise", help="Publish a new version of a published month.")
    ] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why it is revised.")] = None,
    by: ByOpt = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Also write the published files here.")
    ] = None,
    suppress_below: SuppressOpt = None,
) -> None:
    """Freeze a month in the store: figures, judgements, catalogue, commentary and pack."""
    from scorepack.cli.build import split_formats

    build = BuildRequest(
        preset=preset,
        catalogue=catalogue,
        units=units,
        figures=figures,
        records=records,
        commentary=commentary,
        period=period,
        formats=tuple(split_formats(format)),
        scope=scope,
        pdf_engine=pdf_engine,
        suppress_below=suppress_below,
        store=store,
    )
    request = PublishRequest(build, _who(by), revise, reason)
    answer = monthly.publish(request)
    done = answer.value
    v = done.version
    err.print(
        f"published {v.month} version {v.version} ({len(done.files)} files) to {answer.where}",
        markup=False,
    )
    if out_dir is not None:
        written = write_all({out_dir / name: data for name, data in done.files.items()})
        err.print(f"wrote {len(written)} files to {out_dir.resolve()}", markup=False)


@app.command()
@reports_problems
def history(
    unit: Annotated[str, typer.Option("--unit", help="Unit id.")],
    indicator: Annotated[str | None, typer.Option("--indicator", help="Indicator id.")] = None,
    store: StoreOpt = None,
    format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List what was reported for a unit each month, with every version."""
    entries = monthly.history(unit, indicator, store)
    if format is ListFormat.json:
        _print_json(entries)
        return
    if not entries:
        err.print(f"nothing published for unit {unit!r}", markup=False)
    for e in entries:
        note = f"  revised: {e.reason}" if e.version > 1 and e.reason else ""
        out.print(
            f"{e.month}  v{e.version}  {e.indicator:<32} {e.display:>10}  {e.rag or '-'}"
            f"  {e.origin} {e.published_at:%Y-%m-%d}{note}",
            markup=False,
            soft_wrap=True,
        )


@app.command()
@reports_problems
def restatements(
    period: Annotated[
        str, typer.Option("--period", help="A month YYYY-MM, or a range YYYY-MM..YYYY-MM.")
    ],
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
    records: RecordsOpt = None,
    tolerance: Annotated[
        float, typer.Option("--tolerance", help="List only results that moved by more than this.")
    ] = 0.0,
    store: StoreOpt = None,
    format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List published results that what the records give now has moved."""
    found = monthly.restatements(
        period, preset, catalogue, units, figures, records, tolerance, store
    )
    if format is ListFormat.json:
        _print_json(found)
        return
    err.print(f"{len(found)} published results moved by more than {tolerance:g}", markup=False)
    for r in found:
        out.print(
            f"{r.month} v{r.version}  {r.indicator:<32} {r.unit:<20} {r.cohort:<10} "
            f"published {r.published_display:>8}  now {r.now_display:>8}",
            markup=False,
            soft_wrap=True,
        )


@app.command("import")
@reports_problems
def import_history(
    scorecard: Annotated[
        list[Path] | None,
        typer.Option(
            "--scorecard", help="A scorecard JSON file written by scorepack (repeatable)."
        ),
    ] = None,
    reported: Annotated[
        Path | None,
        typer.Option("--reported-figures", help="A figures file of results as they were reported."),
    ] = None,
    months: Annotated[
        str | None, typer.Option("--months", help="Only these months of it (YYYY-MM,…).")
    ] = None,
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    store: StoreOpt = None,
    reason: Annotated[
        str | None, typer.Option("--reason", help="Add new versions of months already there.")
    ] = None,
    by: ByOpt = None,
) -> None:
    """Seed the store with months reported before scorepack published them."""
    answer = monthly.import_months(
        ImportRequest(
            by=_who(by),
            scorecards=tuple(scorecard or ()),
            reported=reported,
            months=months,
            preset=preset,
            catalogue=catalogue,
            units=units,
            reason=reason,
            store=store,
        )
    )
    for v in answer.value:
        err.print(f"imported {v.month} as version {v.version}", markup=False)
    err.print(f"{len(answer.value)} months imported into {answer.where}", markup=False)
