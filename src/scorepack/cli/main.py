"""The ``scorepack`` command: a thin layer over the pipeline.

Each command gathers its inputs, calls the pipeline and writes what it was
asked for.  Bad input is reported as one line per problem on stderr, with a
non-zero exit and no output file; never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from scorepack import presets
from scorepack.catalogue.load import json_schema
from scorepack.errors import InputError, Problem
from scorepack.inputs import load_config, load_store
from scorepack.judge.scorecard import judge_unit
from scorepack.outputs import write_all
from scorepack.periods import Month
from scorepack.render import json as json_render
from scorepack.render import markdown as md_render
from scorepack.render.table import print_scorecard

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Monthly performance scorecards from an indicator catalogue and figures or records.",
)
out = Console()
err = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def reports_problems(fn: F) -> F:
    """Turn InputError into a list of problems on stderr and exit status 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            count = len(exc.problems)
            err.print(
                f"[bold red]error:[/] {count} problem{'s' if count != 1 else ''} found; nothing was written"
            )
            for problem in exc.problems:
                err.print(f"  {problem}", markup=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


PresetOpt = Annotated[str | None, typer.Option("--preset", help="A preset shipped with scorepack.")]
CatalogueOpt = Annotated[
    Path | None, typer.Option("--catalogue", help="Indicator catalogue YAML file.")
]
UnitsOpt = Annotated[Path | None, typer.Option("--units", help="Organisation units CSV file.")]
FiguresOpt = Annotated[Path | None, typer.Option("--figures", help="Figures file (.csv or .xlsx).")]


def parse_period(text: str | None, default: str | None) -> Month:
    value = text or default
    if value is None:
        raise InputError([Problem("--period", None, None, "give --period YYYY-MM")])
    try:
        return Month.parse(value)
    except ValueError as exc:
        raise InputError([Problem("--period", None, None, str(exc))]) from None


class ScorecardFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("presets")
def list_presets() -> None:
    """List the presets shipped with scorepack."""
    for name in presets.names():
        out.print(f"{name}: {presets.get(name).description}", markup=False)


@app.command()
@reports_problems
def catalogue(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List the indicators of a catalogue."""
    cat = load_config(preset, catalogue, None, need_units=False).catalogue
    items = [
        {
            "id": i.id,
            "number": i.number,
            "title": i.title,
            "section": i.section,
            "polarity": i.polarity,
            "period_type": i.period_type,
            "kind": i.kind,
        }
        for i in cat.indicators
    ]
    if format is ListFormat.json:
        sys.stdout.write(json.dumps(items, indent=2, ensure_ascii=False) + "\n")
        return
    for item in items:
        out.print(
            f"{item['number']:>4}  {item['id']:<32} {item['polarity'] or '-'}  "
            f"{item['period_type']:<5} {item['title']}",
            markup=False,
        )


@app.command()
def schema(out_file: Annotated[Path | None, typer.Option("--out")] = None) -> None:
    """Print (or write) the catalogue's JSON Schema, for editors."""
    text = json_schema()
    if out_file:
        write_all({out_file: text})
        err.print(f"wrote {out_file}")
    else:
        sys.stdout.write(text)


@app.command()
@reports_problems
def validate(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
) -> None:
    """Check a catalogue, units file and figures file, reporting every problem."""
    inputs = load_config(preset, catalogue, units)
    count = ""
    if figures or (inputs.preset and inputs.preset.figures):
        count = f", {len(load_store(inputs, figures))} figures"
    out.print(
        f"ok: {len(inputs.catalogue.indicators)} indicators, {len(inputs.tree.units)} units{count}"
    )


@app.command()
@reports_problems
def scorecard(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
    period: Annotated[str | None, typer.Option("--period", help="Month as YYYY-MM.")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Unit id.")] = None,
    format: Annotated[ScorecardFormat, typer.Option("--format")] = ScorecardFormat.table,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
) -> None:
    """Judge every indicator for one unit and month."""
    inputs = load_config(preset, catalogue, units)
    store = load_store(inputs, figures)
    month = parse_period(period, inputs.preset.period if inputs.preset else None)
    unit_id = unit or (inputs.preset.unit if inputs.preset else None)
    if unit_id is None or unit_id not in inputs.tree:
        raise InputError(
            [
                Problem(
                    "--unit",
                    None,
                    None,
                    f"unknown unit {unit_id!r}; "
                    f"units: {', '.join(u.id for u in inputs.tree.units)}",
                )
            ]
        )
    card = judge_unit(inputs.catalogue, inputs.tree, store, month, unit_id)
    cohorts = [(c.id, c.label) for c in inputs.catalogue.cohorts]
    if format is ScorecardFormat.table:
        if out_file:
            raise InputError(
                [Problem("--out", None, None, "--out needs --format json or markdown")]
            )
        print_scorecard(card, out)
        return
    text = (
        json_render.render_scorecard(card)
        if format is ScorecardFormat.json
        else md_render.render_scorecard(card, cohorts)
    )
    if out_file:
        write_all({out_file: text})
        err.print(f"wrote {out_file}")
    else:
        sys.stdout.write(text)


def main() -> None:  # pragma: no cover - entry point
    app()


from scorepack.cli import build as _build  # noqa: E402,F401  (registers the build commands)
from scorepack.cli import simulate as _simulate  # noqa: E402,F401
from scorepack.cli import web as _web  # noqa: E402,F401
