"""Benchmarks: an authority's indicators against the DfE's published statistics.

:mod:`~scorepack.benchmarks.dfe` reads the published files (keeping suppression
codes), :mod:`~scorepack.benchmarks.compare` compares; :func:`for_indicator`
puts the two together for a catalogue entry with a ``benchmark:`` block.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from scorepack.benchmarks.compare import BenchmarkResult, benchmark
from scorepack.benchmarks.dfe import Neighbours, Table, read_neighbours, read_table
from scorepack.catalogue.model import Catalogue, Indicator
from scorepack.errors import InputError, Problem

NEIGHBOURS_FILE = "New_Statistical_Neighbour_Groupings_April_2021.csv"


def reference_dir() -> Path:
    """The DfE files shipped with scorepack (OGL v3.0; see their README)."""
    return Path(str(files("scorepack.reference") / "dfe"))


def _file(folder: Path, name: str, who: str) -> Path:
    path = folder / name
    if not path.is_file():
        raise InputError([Problem(who, None, "benchmark.file", f"no file {name!r} in {folder}")])
    return path


def tables_for(ind: Indicator, folder: Path) -> tuple[Table, Table | None]:
    mapping = ind.benchmark
    assert mapping is not None
    table = read_table(_file(folder, mapping.file, ind.id), [mapping.measure])
    population = None
    if mapping.population is not None:
        pm = mapping.population
        population = read_table(_file(folder, pm.file, ind.id), [pm.measure])
    return table, population


def la_code_for(cat: Catalogue, la_code: str | None) -> str:
    code = la_code or cat.la_code
    if not code:
        raise InputError(
            [
                Problem(
                    "--la", None, None, "give the authority's LA code (or la_code in the catalogue)"
                )
            ]
        )
    return code


def for_indicator(
    cat: Catalogue,
    indicator_id: str,
    folder: Path | None = None,
    la_code: str | None = None,
    neighbours: Neighbours | None = None,
) -> BenchmarkResult:
    """The latest published comparison for one mapped indicator of ``cat``."""
    try:
        ind = cat.indicator(indicator_id)
    except KeyError:
        raise InputError(
            [Problem("--indicator", None, None, f"no indicator {indicator_id!r} in the catalogue")]
        ) from None
    if ind.benchmark is None:
        mapped = ", ".join(i.id for i in cat.indicators if i.benchmark) or "none"
        raise InputError(
            [
                Problem(
                    "--indicator",
                    None,
                    None,
                    f"{indicator_id!r} has no benchmark; mapped: {mapped}",
                )
            ]
        )
    folder = folder or reference_dir()
    code = la_code_for(cat, la_code)
    table, population = tables_for(ind, folder)
    groups = neighbours or read_neighbours(_file(folder, NEIGHBOURS_FILE, ind.id))
    return benchmark(ind, table, code, groups, population)


def for_catalogue(
    cat: Catalogue, folder: Path | None = None, la_code: str | None = None
) -> tuple[BenchmarkResult, ...]:
    """Every mapped indicator's comparison, in catalogue order (none without an LA code)."""
    if not (la_code or cat.la_code) or not any(i.benchmark for i in cat.indicators):
        return ()
    folder = folder or reference_dir()
    groups = read_neighbours(_file(folder, NEIGHBOURS_FILE, "benchmarks"))
    return tuple(
        for_indicator(cat, i.id, folder, la_code, groups) for i in cat.indicators if i.benchmark
    )


__all__ = ["BenchmarkResult", "benchmark", "for_catalogue", "for_indicator", "reference_dir"]
