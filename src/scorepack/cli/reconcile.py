"""``scorepack reconcile``: the DfE measures from records, beside the published figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from scorepack.cli.main import ListFormat, app, err, out, reports_problems
from scorepack.errors import InputError, Problem
from scorepack.outputs import write_all
from scorepack.service.reconcile import Line, Reconciliation


def _number(value: float | None, kind: str, signed: bool = False) -> str:
    if value is None:
        return "–"
    places = 0 if kind == "count" else 1
    text = f"{value:+,.{places}f}" if signed else f"{value:,.{places}f}"
    return text + (" pts" if signed and kind == "percentage" else "")


def _verdict(line: Line) -> str:
    if line.within_tolerance is None:
        return "–"
    return "within" if line.within_tolerance else "OUTSIDE"


@app.command()
@reports_problems
def reconcile(
    records: Annotated[Path, typer.Option("--records", help="Folder of record tables.")],
    year: Annotated[str, typer.Option("--year", help="Financial year, e.g. 2015-16.")],
    authority: Annotated[
        str | None,
        typer.Option(
            "--authority",
            help="LA code, old (886) or new (E10000016); default: authority.yaml in --records.",
        ),
    ] = None,
    format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
    out_file: Annotated[Path | None, typer.Option("--out", help="Write JSON to this file.")] = None,
) -> None:
    """Compute the DfE measures the records support and set each beside the published figure.

    Exit status 1 when any measure is outside its tolerance, 2 for bad input.
    """
    from scorepack.service.reconcile import reconcile as run

    if not records.is_dir():
        raise InputError([Problem(str(records), None, None, "no such folder of records")])
    if out_file is not None and format is not ListFormat.json:
        raise InputError([Problem("--out", None, None, "--out needs --format json")])
    with err.status("loading records and computing the DfE measures…"):
        result = run(records, year, authority)
    if format is ListFormat.json:
        text = json.dumps([ln.as_json() for ln in result.lines], indent=2) + "\n"
        if out_file:
            write_all({out_file: text})
            err.print(f"wrote {out_file}")
        else:
            sys.stdout.write(text)
    else:
        _print_table(result)
    if any(ln.within_tolerance is False for ln in result.lines):
        raise typer.Exit(1)


def _print_table(result: Reconciliation) -> None:
    table = Table(title=f"DfE measures {result.year}, authority {result.authority}")
    for name, justify in (
        ("measure", "left"),
        ("DfE table", "left"),
        ("published", "right"),
        ("computed", "right"),
        ("difference", "right"),
        ("verdict", "left"),
    ):
        table.add_column(name, justify=justify, no_wrap=name != "DfE table")  # type: ignore[arg-type]
    for ln in result.lines:
        table.add_row(
            ln.measure,
            ln.table,
            _number(ln.published, ln.kind),
            _number(ln.computed, ln.kind),
            _number(ln.difference, ln.kind, signed=True),
            _verdict(ln),
        )
    out.print(table)
    for ln in result.lines:
        if ln.note:
            out.print(f"{ln.measure}: {ln.note}", markup=False)
    outside = sum(1 for ln in result.lines if ln.within_tolerance is False)
    out.print(
        f"{result.with_published} of {len(result.lines)} measures have a published figure; "
        f"{outside} outside the tolerance",
        markup=False,
    )
