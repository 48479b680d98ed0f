"""Benchmarks: an authority's indicators against the DfE's published statistics.

:mod:`~scorepack.benchmarks.dfe` reads the published files (keeping suppression
codes), :mod:`~scorepack.benchmarks.compare` compares; :func:`for_indicator`
puts the two together for a catalogue entry with a ``benchmark:`` block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Protocol

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


class Source(Protocol):
    """Where the DfE files are read from."""

    def table(self, name: str, measures: Sequence[str], who: str) -> Table: ...

    def neighbours(self, who: str) -> Neighbours: ...


@dataclass
class FolderSource:
    """The files of a folder (by default those shipped with scorepack)."""

    folder: Path = field(default_factory=reference_dir)
    _tables: dict[tuple[str, tuple[str, ...]], Table] = field(default_factory=dict, repr=False)

    def table(self, name: str, measures: Sequence[str], who: str) -> Table:
        key = (name, tuple(measures))
        if key not in self._tables:
            self._tables[key] = read_table(_file(self.folder, name, who), measures)
        return self._tables[key]

    def neighbours(self, who: str) -> Neighbours:
        return read_neighbours(_file(self.folder, NEIGHBOURS_FILE, who))


class StoredBenchmarks(Protocol):
    """What :class:`StoreSource` needs of :class:`scorepack.publish.repository.Store`."""

    def benchmark_table(self, name: str) -> tuple[Table, tuple[str, ...]] | None: ...

    def benchmark_neighbours(self) -> Neighbours | None: ...


@dataclass
class StoreSource:
    """The files imported into a store (``benchmarks import``), else those of ``fallback``."""

    store: StoredBenchmarks
    fallback: FolderSource = field(default_factory=FolderSource)
    _tables: dict[str, tuple[Table, tuple[str, ...]] | None] = field(
        default_factory=dict, repr=False
    )

    def table(self, name: str, measures: Sequence[str], who: str) -> Table:
        if name not in self._tables:
            self._tables[name] = self.store.benchmark_table(name)
        got = self._tables[name]
        if got is None:
            return self.fallback.table(name, measures, who)
        table, known = got
        problems = [
            Problem(
                who,
                None,
                "benchmark.measure",
                f"{name} (imported into the store) has no measure column {m!r}; "
                f"its measures: {', '.join(known) or 'none'}",
            )
            for m in measures
            if m not in known
        ]
        if problems:
            raise InputError(problems)
        return table

    def neighbours(self, who: str) -> Neighbours:
        return self.store.benchmark_neighbours() or self.fallback.neighbours(who)


def source_for(folder: Path | None = None, store: StoredBenchmarks | None = None) -> Source:
    """The store's imported files (else ``folder``'s, else the shipped ones)."""
    base = FolderSource(folder or reference_dir())
    return base if store is None else StoreSource(store, base)


def tables_for(ind: Indicator, source: Source) -> tuple[Table, Table | None]:
    mapping = ind.benchmark
    assert mapping is not None
    table = source.table(mapping.file, [mapping.measure], ind.id)
    population = None
    if mapping.population is not None:
        pm = mapping.population
        population = source.table(pm.file, [pm.measure], ind.id)
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
    *,
    store: StoredBenchmarks | None = None,
    source: Source | None = None,
) -> BenchmarkResult:
    """The latest published comparison for one mapped indicator of ``cat``.

    The DfE files come from ``source``, else the store's imported ones (falling
    back on ``folder``'s, else the shipped ones).
    """
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
    src = source or source_for(folder, store)
    code = la_code_for(cat, la_code)
    table, population = tables_for(ind, src)
    groups = neighbours or src.neighbours(ind.id)
    return benchmark(ind, table, code, groups, population)


def for_catalogue(
    cat: Catalogue,
    folder: Path | None = None,
    la_code: str | None = None,
    *,
    store: StoredBenchmarks | None = None,
    source: Source | None = None,
) -> tuple[BenchmarkResult, ...]:
    """Every mapped indicator's comparison, in catalogue order (none without an LA code).

    ``store``: a :class:`~scorepack.publish.repository.Store`, whose imported
    DfE files are read where present (else ``folder``'s, else the shipped ones).
    """
    if not (la_code or cat.la_code) or not any(i.benchmark for i in cat.indicators):
        return ()
    src = source or source_for(folder, store)
    groups = src.neighbours("benchmarks")
    return tuple(
        for_indicator(cat, i.id, la_code=la_code, neighbours=groups, source=src)
        for i in cat.indicators
        if i.benchmark
    )


__all__ = [
    "BenchmarkResult",
    "FolderSource",
    "Source",
    "StoreSource",
    "benchmark",
    "for_catalogue",
    "for_indicator",
    "reference_dir",
    "source_for",
]
