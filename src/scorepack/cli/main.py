"""The ``scorepack`` command: typer → :mod:`scorepack.service` → print.

Each command turns its options into a service request, calls the service and
prints the result.  One handler, on the command group, turns every failure
into a message: bad input is one line per problem on stderr with exit status
2 and nothing written; a run that cannot go ahead (a lock held, the disk full)
exits 1; anything unexpected prints a short message naming a log file that
holds the traceback, and exits 70.  Never a traceback on the terminal.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from typer.core import TyperGroup

from scorepack.errors import REQUEST, InputError, Problem
from scorepack.outputs import write_file
from scorepack.render.table import print_scorecard
from scorepack.service import build as service
from scorepack.service.cache import log_unexpected
from scorepack.service.inputs import parse_period as parse_period  # for existing callers

INTERNAL_ERROR = 70
"""Exit status for an unexpected error (EX_SOFTWARE)."""

OPTION_NAMES = {"formats": "--format", "scope": "--units-scope"}
"""Request fields whose option is not simply ``--field``."""

out = Console()
err = Console(stderr=True, highlight=False, soft_wrap=True)


def as_option(problem: Problem) -> Problem:
    """A problem with a request field, reworded to name the command-line option."""
    if problem.file != REQUEST or not isinstance(problem.column, str):
        return problem
    name = OPTION_NAMES.get(problem.column, "--" + problem.column.replace("_", "-"))
    return Problem(name, None, None, problem.message, problem.severity)


def print_warnings(problems: Iterable[Problem]) -> None:
    for problem in problems:
        err.print("[yellow]warning:[/] ", end="")
        err.print(str(as_option(problem)), markup=False)


def report_input_error(exc: InputError) -> int:
    errors = [p for p in exc.problems if p.severity == "error"] or list(exc.problems)
    count = len(errors)
    err.print(
        f"[bold red]error:[/] {count} problem{'s' if count != 1 else ''} found; nothing was written"
    )
    for problem in errors:
        err.print(f"  {as_option(problem)}", markup=False)
    return exc.exit_status


def report_unexpected(exc: Exception) -> int:
    try:
        where = f"the details are in {log_unexpected(exc, sys.argv)}"
    except OSError:
        where = "no log could be written"
    err.print(
        f"[bold red]error:[/] scorepack stopped on an unexpected problem "
        f"({type(exc).__name__}: {exc}); nothing was written; {where}",
    )
    return INTERNAL_ERROR


F = TypeVar("F", bound=Callable[..., Any])


def reports_problems(fn: F) -> F:
    """Kept for commands written before :class:`Guarded`: it handles every command now."""
    return fn


class Guarded(TyperGroup):
    """Every command of the app runs inside this one handler."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except InputError as exc:
            raise typer.Exit(report_input_error(exc)) from None
        except OSError as exc:
            if exc.filename is None:
                raise typer.Exit(report_unexpected(exc)) from None
            err.print(f"[bold red]error:[/] {exc.filename}: {exc.strerror}; nothing was written")
            raise typer.Exit(1) from None
        except Exception as exc:
            raise typer.Exit(report_unexpected(exc)) from None


app = typer.Typer(
    cls=Guarded,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Monthly performance scorecards from an indicator catalogue and figures or records.",
)

PresetOpt = Annotated[str | None, typer.Option("--preset", help="A preset shipped with scorepack.")]
CatalogueOpt = Annotated[
    Path | None, typer.Option("--catalogue", help="Indicator catalogue YAML file.")
]
UnitsOpt = Annotated[Path | None, typer.Option("--units", help="Organisation units CSV file.")]
FiguresOpt = Annotated[Path | None, typer.Option("--figures", help="Figures file (.csv or .xlsx).")]
PeriodOpt = Annotated[str | None, typer.Option("--period", help="Month as YYYY-MM.")]
RecordsOpt = Annotated[
    Path | None, typer.Option("--records", help="Folder of SSD tables to compute figures from.")
]
DatabaseOpt = Annotated[
    Path | None,
    typer.Option(
        "--database", help="Where to keep the records database (default: the cache folder)."
    ),
]
PdfEngineOpt = Annotated[
    str,
    typer.Option(
        "--pdf-engine",
        help="What prints the PDF: 'chromium' (the default; needs the chromium "
        "package) or 'weasyprint' (declared PDF/UA-1; slower); see docs/cli.md.",
    ),
]
ProducedOpt = Annotated[
    datetime | None,
    typer.Option("--produced", formats=["%Y-%m-%d"], help="Date on the pack (YYYY-MM-DD)."),
]


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
    from scorepack.service.inputs import preset_descriptions

    for name, description in preset_descriptions():
        out.print(f"{name}: {description}", markup=False)


@app.command()
def catalogue(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List the indicators of a catalogue."""
    items = service.catalogue_items(preset, catalogue)
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
    from scorepack.service.definitions import catalogue_schema

    text = catalogue_schema()
    if out_file:
        write_file(out_file, text)
        err.print(f"wrote {out_file}", markup=False)
    else:
        sys.stdout.write(text)


@app.command()
def validate(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
) -> None:
    """Check a catalogue, units file and figures file, reporting every problem."""
    request = service.BuildRequest(preset=preset, catalogue=catalogue, units=units, figures=figures)
    got = service.validate(request)
    count = "" if got.figures is None else f", {got.figures} figures"
    out.print(f"ok: {got.indicators} indicators, {got.units} units{count}")


@app.command()
def scorecard(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
    records: RecordsOpt = None,
    database: DatabaseOpt = None,
    period: PeriodOpt = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Unit id.")] = None,
    format: Annotated[ScorecardFormat, typer.Option("--format")] = ScorecardFormat.table,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
) -> None:
    """Judge every indicator for one unit and month."""
    if out_file and format is ScorecardFormat.table:
        raise InputError([Problem("--out", None, None, "--out needs --format json or markdown")])
    if out_file and out_file.is_dir():
        raise InputError([Problem(str(out_file), None, None, "is a folder; give a file name")])
    request = service.BuildRequest(
        preset=preset,
        catalogue=catalogue,
        units=units,
        figures=figures,
        records=records,
        database=database,
        period=period,
    )
    result = service.scorecard(request, unit)
    if format is ScorecardFormat.table:
        print_scorecard(result.card, out)
        return
    text = result.text(format.value)
    if out_file:
        write_file(out_file, text)
        err.print(f"wrote {out_file}", markup=False)
    else:
        sys.stdout.write(text)


def main() -> None:  # pragma: no cover - entry point
    app()


from scorepack.cli import benchmarks as _benchmarks  # noqa: E402,F401
from scorepack.cli import build as _build  # noqa: E402,F401  (registers the build commands)
from scorepack.cli import definitions as _definitions  # noqa: E402,F401
from scorepack.cli import explain as _explain  # noqa: E402,F401
from scorepack.cli import publish as _publish  # noqa: E402,F401  (registers the store's commands)
from scorepack.cli import reconcile as _reconcile  # noqa: E402,F401
from scorepack.cli import simulate as _simulate  # noqa: E402,F401
from scorepack.cli import sql as _sql  # noqa: E402,F401
from scorepack.cli import web as _web  # noqa: E402,F401
