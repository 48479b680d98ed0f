"""An indicator against the published national statistics: pure functions.

For an indicator whose catalogue entry maps it to a published measure
(``benchmark:``), :func:`benchmark` gives, for the latest year the table
publishes an England figure: England, the authority's region, its ten
statistical neighbours (each, and their mean), the authority's own value, and
its rank and quartile among all authorities, best first by the indicator's
polarity.  Suppressed cells are shown as their codes, left out of the mean and
the ranking, and counted.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from scorepack.benchmarks.dfe import Neighbours, Published, Row, Table
from scorepack.catalogue.model import Benchmark, Indicator, PublishedMeasure
from scorepack.errors import InputError, Problem


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    value: Published


@dataclass(frozen=True)
class BenchmarkResult:
    indicator: str
    year: str
    file: str
    measure: str
    comparable: str
    note: str | None
    england: Published
    region: Place | None
    own: Place
    neighbours: tuple[Place, ...]
    neighbour_mean: float | None
    neighbours_left_out: int
    """Neighbours with no number to average: suppressed, or not in the table."""
    rank: int | None
    """1 is best; None where the own value is suppressed or the polarity says nothing is better."""
    of: int
    """Authorities with a number that year."""
    quartile: int | None
    """1 (best quarter) to 4."""


Value = Callable[[Row], Published]


def mean(values: list[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def rank_of(own: float, others: list[float], polarity: str | None) -> int | None:
    """Competition rank (1 best): one more than the number of strictly better values."""
    if polarity == "H":
        return 1 + sum(v > own for v in others)
    if polarity == "L":
        return 1 + sum(v < own for v in others)
    return None


def quartile(rank: int | None, of: int) -> int | None:
    return None if rank is None or of == 0 else math.ceil(4 * rank / of)


def _rows(table: Table, m: PublishedMeasure | Benchmark) -> list[Row]:
    rows = [r for r in table.rows if r.matches(m.filters)]
    if not rows:
        wanted = ", ".join(f"{k}={v!r}" for k, v in m.filters.items()) or "(none)"
        raise InputError([Problem(table.name, None, None, f"no rows match the filters {wanted}")])
    return rows


def _value_of(table: Table, mapping: Benchmark, population: Table | None) -> Value:
    """The published cell, or for a rate the measure ÷ the population × ``per``."""
    if mapping.population is None or population is None:
        return lambda row: table.measure(row, mapping.measure)
    pm = mapping.population
    pop_rows = _rows(population, pm)
    per = mapping.per or 10_000

    def key(row: Row, offset: int) -> tuple[str, str, str]:
        place = row.place.get("old_la_code") or row.place.get("region_code") or "E92000001"
        return (str(int(row.year) + offset), row.level, place)

    pops = {key(r, 0): population.measure(r, pm.measure) for r in pop_rows}

    def rate(row: Row) -> Published:
        num = table.measure(row, mapping.measure)
        pop = pops.get(key(row, pm.year_offset), Published())
        if num.suppressed or pop.suppressed:
            return Published(code=num.code or pop.code)
        if num.value is None or not pop.value:
            return Published()
        return Published(num.value / pop.value * per)

    return rate


def benchmark(
    ind: Indicator,
    table: Table,
    la_code: str,
    neighbours: Neighbours,
    population: Table | None = None,
) -> BenchmarkResult:
    """The latest published comparison for ``ind`` and the authority with code ``la_code``."""
    mapping = ind.benchmark
    if mapping is None:
        raise InputError([Problem(ind.id, None, None, "the indicator has no benchmark: mapping")])
    rows = _rows(table, mapping)
    national = [r for r in rows if r.level == "National"]
    year = max(int(r.year) for r in (national or rows))
    rows = [r for r in rows if int(r.year) == year]
    value = _value_of(table, mapping, population)
    las = [r for r in rows if r.level == "Local authority"]
    own_row = next((r for r in las if la_code in r.codes), None)
    if own_row is None:
        raise InputError(
            [Problem(table.name, None, None, f"no local authority with code {la_code!r} in {year}")]
        )
    england = next((value(r) for r in rows if r.level == "National"), Published())
    region_code = own_row.place.get("region_code", "")
    region = next(
        (
            Place(region_code, r.place.get("region_name", ""), value(r))
            for r in rows
            if r.level == "Regional" and r.place.get("region_code") == region_code
        ),
        None,
    )
    by_old = {r.place.get("old_la_code", ""): r for r in las}
    old = own_row.place.get("old_la_code", "")
    places = []
    for code in neighbours.of(old):
        row = by_old.get(code)
        name = neighbours.names.get(code, row.place.get("la_name", "") if row else "")
        places.append(Place(code, name, value(row) if row else Published()))
    numbers = [p.value.value for p in places if p.value.value is not None]
    own = Place(old or la_code, own_row.place.get("la_name", ""), value(own_row))
    others = [v.value for r in las if r is not own_row if (v := value(r)).value is not None]
    rank = None if own.value.value is None else rank_of(own.value.value, others, ind.polarity)
    of = len(others) + (own.value.value is not None)
    return BenchmarkResult(
        indicator=ind.id,
        year=str(year),
        file=mapping.file,
        measure=mapping.measure,
        comparable=mapping.comparable,
        note=mapping.note,
        england=england,
        region=region,
        own=own,
        neighbours=tuple(places),
        neighbour_mean=mean(numbers),
        neighbours_left_out=len(places) - len(numbers),
        rank=rank,
        of=of,
        quartile=quartile(rank, of),
    )
