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
from scorepack.errors import InputError, Problem
from scorepack.outputs import write_all
from scorepack.periods import Month
from scorepack.publish.repository import Store

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
    pdf_engine: PdfEngineOpt = "weasyprint",
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
    from scorepack.service.judge import SCOPES
    from scorepack.service.publish import gather
    from scorepack.service.publish import publish as publish_service
    from scorepack.service.render import FORMATS, pdf_engine_problems

    formats = split_formats(format)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(
            [
                Problem(
                    "--format",
                    None,
                    None,
                    f"unknown format {', '.join(unknown) or '(none)'}; "
                    f"choose from {', '.join(FORMATS)}",
                )
            ]
        )
    if scope not in SCOPES:
        raise InputError(
            [Problem("--units-scope", None, None, f"expected one of {', '.join(SCOPES)}")]
        )
    engine_problems = pdf_engine_problems(pdf_engine, formats)
    if engine_problems:
        raise InputError(engine_problems)
    given = gather(preset, catalogue, units, figures, records, period, commentary)
    with Store(store) as opened:
        done = publish_service(
            opened,
            given,
            _who(by),
            formats,
            scope,
            revise,
            reason,
            suppress_below=suppress_below,
            pdf_engine=pdf_engine,
        )
        where = opened.where
    v = done.version
    err.print(
        f"published {v.month} version {v.version} ({len(done.files)} files) to {where}",
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
    from scorepack.service.history import history as history_service

    with Store(store) as opened:
        entries = history_service(opened, unit, indicator)
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
    from scorepack.judge.scorecard import TREND_MONTHS
    from scorepack.service.history import parse_months
    from scorepack.service.history import restatements as restatements_service
    from scorepack.service.publish import gather

    months = parse_months(period)
    if len(months) > TREND_MONTHS:
        raise InputError(
            [Problem("--period", None, None, f"at most {TREND_MONTHS} months at a time")]
        )
    given = gather(preset, catalogue, units, figures, records, str(months[-1]))
    with Store(store) as opened:
        found = restatements_service(opened, given.figures, months, tolerance)
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
    from scorepack.measures.figures import load_figures
    from scorepack.render.json_load import load_scorecard
    from scorepack.service.history import Seed, import_reported_figures, import_scorecards
    from scorepack.service.inputs import load_config

    if not scorecard and reported is None:
        raise InputError(
            [
                Problem(
                    "command line", None, None, "give --scorecard FILE or --reported-figures FILE"
                )
            ]
        )
    inputs = load_config(preset, catalogue, units, need_units=reported is not None)
    cat_path = catalogue or (inputs.preset.catalogue if inputs.preset else None)
    assert cat_path is not None
    seed = Seed(inputs.catalogue, cat_path.read_text(encoding="utf-8"), _who(by), reason)
    chosen = None
    if months:
        try:
            chosen = [Month.parse(m) for m in months.split(",") if m.strip()]
        except ValueError as exc:
            raise InputError([Problem("--months", None, None, str(exc))]) from None
    problems: list[Problem] = []
    docs = []
    for path in scorecard or []:
        try:
            docs.append((path, load_scorecard(path), path.read_bytes()))
        except InputError as exc:
            problems.extend(exc.problems)
    figures = None
    if reported is not None:
        try:
            figures = load_figures(reported, inputs.catalogue, inputs.tree)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    done = []
    with Store(store) as opened:
        if docs:
            done += import_scorecards(opened, docs, seed)
        if figures is not None and reported is not None:
            done += import_reported_figures(opened, figures, reported, seed, chosen)
        where = opened.where
    for v in done:
        err.print(f"imported {v.month} as version {v.version}", markup=False)
    err.print(f"{len(done)} months imported into {where}", markup=False)
