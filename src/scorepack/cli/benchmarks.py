"""``scorepack benchmarks show``: an indicator against the DfE's published statistics.

(``benchmarks import FILE…`` into the store comes with the store.)
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from scorepack.benchmarks import for_catalogue, for_indicator
from scorepack.benchmarks.compare import BenchmarkResult
from scorepack.cli.main import CatalogueOpt, PresetOpt, app, out, reports_problems
from scorepack.inputs import load_config
from scorepack.render.json import benchmark_to_dict, dumps

benchmarks_app = typer.Typer(
    no_args_is_help=True, help="Compare indicators with the DfE's published statistics."
)
app.add_typer(benchmarks_app, name="benchmarks")


class Format(StrEnum):
    table = "table"
    json = "json"


def _line(label: str, display: str, extra: str = "") -> str:
    return f"  {label:<28} {display:>8}{extra}"


def print_result(b: BenchmarkResult) -> None:
    out.print(
        f"{b.indicator}: {b.measure} ({b.file}), year ending March {b.year}, {b.comparable}",
        markup=False,
    )
    if b.note:
        out.print(f"  {b.note}", markup=False)
    out.print(_line("England", b.england.display), markup=False)
    if b.region:
        out.print(_line(b.region.name, b.region.value.display), markup=False)
    rank = f"   rank {b.rank} of {b.of}, quartile {b.quartile}" if b.rank else ""
    out.print(_line(b.own.name, b.own.value.display, rank), markup=False)
    mean = "-" if b.neighbour_mean is None else f"{b.neighbour_mean:.2f}"
    left = f"   ({b.neighbours_left_out} left out: suppressed or not published)"
    out.print(
        _line("Statistical neighbours", mean, left if b.neighbours_left_out else ""), markup=False
    )
    for n in b.neighbours:
        out.print(_line(f"  {n.name}", n.value.display or "-"), markup=False)


@benchmarks_app.command("show")
@reports_problems
def show(
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    indicator: Annotated[
        str | None, typer.Option("--indicator", help="Indicator id (default: every mapped one).")
    ] = None,
    la: Annotated[
        str | None, typer.Option("--la", help="LA code, old (886) or new (E10000016).")
    ] = None,
    dfe_dir: Annotated[
        Path | None, typer.Option("--dfe-dir", help="Folder of DfE files (default: shipped ones).")
    ] = None,
    format: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Show the latest published England, region, neighbour and own values for indicators."""
    cat = load_config(preset, catalogue, None, need_units=False).catalogue
    results = (
        (for_indicator(cat, indicator, dfe_dir, la),)
        if indicator
        else for_catalogue(cat, dfe_dir, la)
    )
    if format is Format.json:
        sys.stdout.write(dumps([benchmark_to_dict(b) for b in results]))
        return
    for b in results:
        print_result(b)
