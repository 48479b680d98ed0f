"""``scorepack benchmarks import`` and ``show``: the DfE's published statistics.

``import FILE…`` reads DfE files into the store; ``show`` compares indicators
with them (the store's imported files where ``--store`` has them, else the
shipped ones).
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from scorepack.benchmarks import for_catalogue, for_indicator, source_for
from scorepack.benchmarks.compare import BenchmarkResult
from scorepack.benchmarks.imports import read_imports
from scorepack.cli.main import CatalogueOpt, PresetOpt, app, err, out, reports_problems
from scorepack.cli.publish import StoreOpt
from scorepack.publish.repository import Store
from scorepack.render.json import benchmark_to_dict, dumps
from scorepack.service.inputs import load_config

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
    cat = load_config(preset, catalogue, None, need_units=False).catalogue
    with ExitStack() as stack:
        opened = stack.enter_context(Store(store)) if store is not None else None
        source = source_for(dfe_dir, opened)
        results = (
            (for_indicator(cat, indicator, la_code=la, source=source),)
            if indicator
            else for_catalogue(cat, la_code=la, source=source)
        )
    if format is Format.json:
        sys.stdout.write(dumps([benchmark_to_dict(b) for b in results]))
        return
    for b in results:
        print_result(b)


@benchmarks_app.command("import")
@reports_problems
def import_files(
    files: Annotated[list[Path], typer.Argument(help="DfE CSV files, as published.")],
    store: StoreOpt = None,
) -> None:
    """Import DfE statistics files (and the statistical neighbour groupings) into the store.

    Every file is checked first (every cell of a measure column a number, a
    suppression code or empty); any problem in any file and nothing is written.
    A file already imported unchanged is left as it is; a changed one replaces it.
    """
    checked = read_imports(files)
    with Store(store) as opened:
        done = opened.import_benchmarks(checked)
        where = opened.where
    for d in done:
        what = "neighbour groupings" if d.kind == "neighbours" else "rows"
        err.print(f"{d.outcome} {d.name}: {d.rows} {what}", markup=False)
    err.print(f"store: {where}", markup=False)
