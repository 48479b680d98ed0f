"""``scorepack benchmarks import`` and ``show``: the DfE's published statistics.

``import FILE…`` reads DfE files into the store; ``show`` compares indicators
with them (the store's imported files where ``--store`` has them, else the
shipped ones).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from scorepack.cli.main import CatalogueOpt, PresetOpt, app, err, out, reports_problems
from scorepack.cli.publish import StoreOpt
from scorepack.render.json import benchmark_to_dict, dumps
from scorepack.service.benchmarks import BenchmarkResult, compare, import_files

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
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Read the DfE files imported into this store (URL), where it has them.",
        ),
    ] = None,
) -> None:
    """Show the latest published England, region, neighbour and own values for indicators."""
    results = compare(preset, catalogue, indicator, la, dfe_dir, store)
    if format is Format.json:
        sys.stdout.write(dumps([benchmark_to_dict(b) for b in results]))
        return
    for b in results:
        print_result(b)


@benchmarks_app.command("import")
@reports_problems
def import_dfe_files(
    files: Annotated[list[Path], typer.Argument(help="DfE CSV files, as published.")],
    store: StoreOpt = None,
) -> None:
    """Import DfE statistics files (and the statistical neighbour groupings) into the store.

    Every file is checked first (every cell of a measure column a number, a
    suppression code or empty); any problem in any file and nothing is written.
    A file already imported unchanged is left as it is; a changed one replaces it.
    """
    done = import_files(files, store)
    for d in done.files:
        what = "neighbour groupings" if d.kind == "neighbours" else "rows"
        err.print(f"{d.outcome} {d.name}: {d.rows} {what}", markup=False)
    err.print(f"store: {done.where}", markup=False)
