"""What a build takes from the DfE statistics: ONS populations for rates, and benchmarks.

Two steps, both for the authority (the top unit of the tree):

- :func:`with_populations`: an indicator of ``kind: rate`` with a ``population``
  whose ``benchmark:`` names a population table gets that population's published
  figures for the authority, one per year, where the figures supplied none.
  The year pairs as the benchmark's ``year_offset`` says: with ``-1`` the
  mid-2015 estimate serves the year ending March 2016, so it is dated April
  2015 and used from then until the next one.  The authority's own rate is
  then worked out exactly as the DfE's published one is (its definition gives
  no denominator: see ``presets/dfe-returns/measures/cin-rate.sql``).
- :func:`benchmark_month` does the first and computes the comparisons;
  :func:`attach`: the top unit's scorecard rows get their
  :class:`~scorepack.benchmarks.compare.BenchmarkResult`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from scorepack.benchmarks import Source, for_catalogue
from scorepack.benchmarks.compare import BenchmarkResult
from scorepack.catalogue.model import Catalogue, Indicator
from scorepack.catalogue.units import OrgTree
from scorepack.judge.model import Scorecard
from scorepack.measures.model import ALL, Figure
from scorepack.measures.store import FigureStore
from scorepack.periods import Month

AUTHORITY_FILE = "authority.yaml"
"""A records folder's note of which authority it is (``new_la_code``, ``old_la_code``)."""


def authority(cat: Catalogue, records: Path | None) -> str | None:
    """The authority's LA code: the catalogue's ``la_code``, else the records folder's note."""
    if cat.la_code:
        return cat.la_code
    note = records / AUTHORITY_FILE if records is not None else None
    if note is None or not note.is_file():
        return None
    data = yaml.safe_load(note.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return None
    code = data.get("new_la_code") or data.get("old_la_code")
    return str(code) if code else None


def _population_rates(cat: Catalogue) -> list[Indicator]:
    return [
        i
        for i in cat.indicators
        if i.kind == "rate"
        and i.population is not None
        and i.benchmark is not None
        and i.benchmark.population is not None
    ]


def population_figures(cat: Catalogue, tree: OrgTree, la_code: str, source: Source) -> list[Figure]:
    """The published population of the authority for each population a mapped rate uses."""
    out: dict[tuple[str, str, Month, str], Figure] = {}
    for ind in _population_rates(cat):
        assert ind.population and ind.benchmark and ind.benchmark.population
        pm = ind.benchmark.population
        table = source.table(pm.file, [pm.measure], ind.id)
        for row in table.rows:
            if row.level != "Local authority" or la_code not in row.codes:
                continue
            if not row.matches(pm.filters):
                continue
            value = table.measure(row, pm.measure).value
            if value is None:
                continue
            month = Month(int(row.year) - pm.year_offset - 1, 4)
            for root in tree.roots():
                fig = Figure(ind.population, root.id, month, ALL, None, None, value)
                out[fig.key] = fig
    return list(out.values())


def with_populations(figures: FigureStore, la_code: str | None, source: Source) -> FigureStore:
    """``figures`` with the authority's published populations added where none were supplied.

    A computed figure of such a rate carries the denominator its definition
    gave; a definition that gives none (``NULL``, computed as 0) leaves it to the
    population, so that denominator is cleared for the population to fill.
    """
    if la_code is None or not _population_rates(figures.catalogue):
        return figures
    supplied = {(k[0], k[1]) for k in figures.figures}
    added = [
        f
        for f in population_figures(figures.catalogue, figures.tree, la_code, source)
        if (f.indicator, f.unit) not in supplied
    ]
    if not added:
        return figures
    rates = {i.id for i in _population_rates(figures.catalogue)}
    roots = {u.id for u in figures.tree.roots()}
    kept = [
        replace(f, denominator=None)
        if f.indicator in rates and f.unit in roots and f.denominator == 0
        else f
        for f in figures.figures.values()
    ]
    return FigureStore.from_figures([*kept, *added], figures.catalogue, figures.tree)


def attach(
    scorecards: tuple[Scorecard, ...], benchmarks: tuple[BenchmarkResult, ...], tree: OrgTree
) -> tuple[Scorecard, ...]:
    """The scorecards, the top unit's with each mapped row's benchmark set."""
    if not benchmarks:
        return scorecards
    by_id = {b.indicator: b for b in benchmarks}
    roots = {u.id for u in tree.roots()}
    return tuple(
        replace(
            card,
            rows=tuple(replace(r, benchmark=by_id.get(r.indicator.id)) for r in card.rows),
        )
        if card.unit.id in roots
        else card
        for card in scorecards
    )


def benchmark_month(
    figures: FigureStore, la_code: str | None, source: Source
) -> tuple[FigureStore, tuple[BenchmarkResult, ...]]:
    """The month's figures with the authority's published populations added (for the rates
    mapped to them), and every mapped indicator's comparison; unchanged and none without
    an LA code or a mapped indicator.

    ``scorepack build`` and ``scorepack publish`` both call this, so a published pack
    carries the same rates and benchmarks as the built one.
    """
    cat = figures.catalogue
    if la_code is None or not any(i.benchmark for i in cat.indicators):
        return figures, ()
    return with_populations(figures, la_code, source), for_catalogue(
        cat, la_code=la_code, source=source
    )
