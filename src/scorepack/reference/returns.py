"""Setting computed DfE measures beside the published figures: the mapping and the verdicts.

A *returns mapping* (``returns.yaml`` beside a catalogue of DfE measures) says, as data,
which published file, column and filters hold each measure's figure, how rates per 10,000
children are made from a count and the ONS population, and how close a computed figure
must be to count as agreeing (tolerances by kind).  Everything here is pure: figures in,
:class:`Line` values out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.yamlpos import locate, parse
from scorepack.errors import InputError, Problem
from scorepack.reference.published import Cell, Table, cell

Kind = Literal["count", "percentage", "rate"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    """Where a published figure is: a file of the reference folder, a column, row filters."""

    file: str
    column: str
    filters: dict[str, str] = Field(default_factory=dict)


class PopulationSource(Source):
    """The population rates are per; ``year_offset`` picks the estimate's year."""

    year_offset: int = 0


class Tolerance(_Frozen):
    """How far a computed figure may be from the published one: relative or in points."""

    relative: float | None = Field(default=None, ge=0)
    points: float | None = Field(default=None, ge=0)


class ReturnMeasure(_Frozen):
    """One published measure: a catalogue indicator, the denominator of one (a count), or
    a rate of another measure's count."""

    id: str
    table: str
    title: str | None = None
    published: Source | None = None
    denominator_of: str | None = None
    rate_of: str | None = None
    per: int = Field(default=10_000, gt=0)


class Returns(_Frozen):
    population: PopulationSource
    tolerances: dict[Kind, Tolerance]
    measures: tuple[ReturnMeasure, ...]


def load_returns(path: Path, catalogue: Catalogue) -> Returns:
    """Read and check a returns mapping; every problem is reported with its line."""
    text = path.read_text(encoding="utf-8")
    data, node = parse(text, str(path))
    try:
        returns = Returns.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("[")))
            line, col = locate(node, loc)
            where = ".".join(str(p) for p in loc)
            problems.append(Problem(str(path), line, col, f"{where}: {err['msg']}"))
        raise InputError(problems) from None
    problems = []
    ids = {m.id for m in returns.measures}
    indicators = {i.id for i in catalogue.indicators}
    percentages = {i.id for i in catalogue.indicators if i.kind == "percentage"}
    for i, m in enumerate(returns.measures):
        line, col = locate(node, ("measures", i, "id"))
        if m.denominator_of is not None and m.denominator_of not in percentages:
            problems.append(
                Problem(
                    str(path),
                    line,
                    col,
                    f"denominator_of {m.denominator_of!r} is not a percentage of the catalogue",
                )
            )
        if m.rate_of is None and m.denominator_of is None and m.id not in indicators:
            problems.append(Problem(str(path), line, col, f"{m.id!r} is not in the catalogue"))
        if m.rate_of is not None and m.rate_of not in ids:
            problems.append(Problem(str(path), line, col, f"rate_of {m.rate_of!r} is unknown"))
        if m.rate_of is None and m.published is None:
            problems.append(Problem(str(path), line, col, f"{m.id!r} needs published or rate_of"))
    kinds = {"count", "percentage", "rate"} - set(returns.tolerances)
    if kinds:
        problems.append(Problem(str(path), None, "tolerances", f"missing {sorted(kinds)}"))
    if problems:
        raise InputError(problems)
    return returns


@dataclass(frozen=True)
class Line:
    """One measure set beside its published figure."""

    measure: str
    title: str
    table: str
    kind: Kind
    published: float | None
    computed: float | None
    difference: float | None
    within_tolerance: bool | None
    note: str = ""
    """Why a value is missing: no published figure, a suppression code, not computed."""

    def as_json(self) -> dict[str, object]:
        return {
            "measure": self.measure,
            "published": self.published,
            "computed": self.computed,
            "difference": self.difference,
            "within_tolerance": self.within_tolerance,
        }


def verdict(
    kind: Kind, published: float, computed: float, tolerance: Tolerance
) -> tuple[float, bool]:
    """(computed - published, whether that is within the tolerance for the kind).

    A relative tolerance is a share of the published figure; ``points`` is an absolute
    distance (percentage points for percentages).  Where both are given, either will do.
    """
    difference = computed - published
    ok = False
    if tolerance.relative is not None:
        ok = abs(difference) <= tolerance.relative * abs(published) + 1e-9
    if tolerance.points is not None:
        ok = ok or abs(difference) <= tolerance.points + 1e-9
    return difference, ok


Computed = Mapping[str, tuple[float | None, str]]
"""Each catalogue indicator's computed value (a count or a percentage), or None and why;
under ``<id>.denominator`` the denominator of each percentage."""
Lookup = Callable[[Source, str], tuple[Cell | None, Problem | None]]
"""A published cell for a source and financial year (``2015-16``)."""


def lines(
    returns: Returns,
    catalogue: Catalogue,
    computed: Computed,
    year: str,
    lookup: Lookup,
) -> tuple[list[Line], list[Problem]]:
    """Every measure of the mapping with its published and computed figures and verdict."""
    problems: list[Problem] = []
    start = int(year[:4])
    pop_year = f"{start + returns.population.year_offset}-{(start + 1 + returns.population.year_offset) % 100:02d}"
    pop_cell, problem = lookup(returns.population, pop_year)
    problems += [problem] if problem else []
    population = pop_cell.value if pop_cell else None
    by_id = {m.id: m for m in returns.measures}
    out: list[Line] = []
    for m in returns.measures:
        base = by_id[m.rate_of] if m.rate_of else m
        kind: Kind
        if base.denominator_of:
            key, kind = f"{base.denominator_of}.denominator", "count"
            title = m.title or base.title or base.id
        else:
            ind = catalogue.indicator(base.id)
            key, kind = base.id, "count" if ind.kind == "count" else "percentage"
            title = m.title or ind.title
        if m.rate_of:
            kind = "rate"
        value, why = computed.get(key, (None, "not computed"))
        notes: list[str] = []
        if m.rate_of:
            if value is not None and population:
                value = value * m.per / population
            elif value is not None:
                value, why = None, f"no population estimate for {pop_year}"
        if value is None:
            notes.append(why if why.startswith("not computed") else f"not computed: {why}")
        pub = _published(m, base, lookup, year, population, problems, notes)
        difference = within = None
        if pub is not None and value is not None:
            difference, within = verdict(kind, pub, value, returns.tolerances[kind])
        out.append(
            Line(m.id, title, m.table, kind, pub, value, difference, within, "; ".join(notes))
        )
    return out, problems


def _published(
    m: ReturnMeasure,
    base: ReturnMeasure,
    lookup: Lookup,
    year: str,
    population: float | None,
    problems: list[Problem],
    notes: list[str],
) -> float | None:
    source = m.published or base.published
    assert source is not None
    found, problem = lookup(source, year)
    if problem:
        problems.append(problem)
    if found is None:
        notes.append(f"no published figure for {year} in {source.file}")
        return None
    if found.code is not None:
        notes.append(f"published as {found.code!r}")
        return None
    if m.rate_of and m.published is None:
        if not population:
            notes.append("published rate: no population estimate")
            return None
        notes.append("published rate derived from the published count and the ONS estimate")
        assert found.value is not None
        return found.value * m.per / population
    return found.value


def table_lookup(tables: Mapping[str, Table], authority: str) -> Lookup:
    """A :data:`Lookup` over read tables, for one authority (old or new LA code)."""

    def look(source: Source, year: str) -> tuple[Cell | None, Problem | None]:
        if source.file not in tables:
            return None, Problem(source.file, None, None, "no such published file")
        return cell(tables[source.file], authority, year, source.column, source.filters)

    return look
