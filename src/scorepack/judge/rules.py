"""The judgement rules: RAG status, direction of travel, small numbers, applicability.

Each rule is a small pure function, chosen by the indicator's polarity from a
table (``RAG_RULES``, ``BETTER``).  Results are compared unrounded, so a value
that prints as 76.5% but is 76.47% falls below a 76.5% floor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from scorepack.catalogue.model import Bands, Indicator
from scorepack.catalogue.units import OrgTree
from scorepack.judge.model import CohortResult, Rag, Result, Row, Travel, TrendPoint

RagRule = Callable[[float, float | None, Bands], Rag | None]


def rag_higher(value: float, target: float | None, bands: Bands) -> Rag | None:
    """H: Green at or above the green threshold, Red below the floor, else Amber."""
    green = bands.green if bands.green is not None else target
    if green is None or bands.red is None:
        return None
    if value >= green:
        return "G"
    return "R" if value < bands.red else "A"


def rag_lower(value: float, target: float | None, bands: Bands) -> Rag | None:
    """L: Green at or below the green threshold, Red above the floor, else Amber."""
    green = bands.green if bands.green is not None else target
    if green is None or bands.red is None:
        return None
    if value <= green:
        return "G"
    return "R" if value > bands.red else "A"


def rag_target(value: float, target: float | None, bands: Bands) -> Rag | None:
    """T: Green within ``green_within`` of the target, Red beyond ``red_beyond``, else Amber."""
    if target is None or bands.green_within is None or bands.red_beyond is None:
        return None
    distance = abs(value - target)
    if distance <= bands.green_within:
        return "G"
    return "R" if distance > bands.red_beyond else "A"


RAG_RULES: dict[str, RagRule] = {"H": rag_higher, "L": rag_lower, "T": rag_target}


def rag(ind: Indicator, value: float | None, financial_year: str) -> Rag | None:
    """The RAG status of ``value`` in that year, or None (unscored, no value, no bands)."""
    if ind.polarity is None or value is None:
        return None
    bands = ind.bands.get(financial_year)
    if bands is None:
        return None
    return RAG_RULES[ind.polarity](value, ind.targets.get(financial_year), bands)


Better = Callable[[float, float, float | None], int]


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def better_higher(latest: float, earlier: float, target: float | None) -> int:
    return _sign(latest - earlier)


def better_lower(latest: float, earlier: float, target: float | None) -> int:
    return _sign(earlier - latest)


def better_closer(latest: float, earlier: float, target: float | None) -> int:
    if target is None:
        return 0
    return _sign(abs(earlier - target) - abs(latest - target))


BETTER: dict[str, Better] = {"H": better_higher, "L": better_lower, "T": better_closer}
TRAVEL: dict[int, Travel] = {1: "improved", 0: "same", -1: "worse"}


def travel(
    ind: Indicator, latest: float | None, earlier: float | None, target: float | None
) -> Travel | None:
    """Direction of travel from ``earlier`` to ``latest``; None without both or a polarity.

    For T without a target there is nothing to be closer to, so no arrow.
    """
    if ind.polarity is None or latest is None or earlier is None:
        return None
    if ind.polarity == "T" and target is None:
        return None
    return TRAVEL[BETTER[ind.polarity](latest, earlier, target)]


# --- small numbers -----------------------------------------------------------------------------


def too_few(result: Result, minimum: int) -> bool:
    """A result on a denominator below the minimum is shown but not rated.

    Results without a denominator (counts, stated values) are always rated.
    """
    return result.denominator is not None and result.denominator < minimum


def small_numbers(row: Row, minimum: int) -> Row:
    """The row with every result on too small a denominator left unrated.

    The latest result then has no RAG and no arrows (so it is neither an
    exception nor counted in the summary); trend points and cohort results on
    too few lose their RAG.
    """

    def point(p: TrendPoint) -> TrendPoint:
        return replace(p, rag=None) if too_few(p.result, minimum) else p

    def cohort(c: CohortResult) -> CohortResult:
        return replace(c, rag=None) if too_few(c.result, minimum) else c

    row = replace(
        row, trend=tuple(point(p) for p in row.trend), cohorts=tuple(cohort(c) for c in row.cohorts)
    )
    if not too_few(row.latest, minimum):
        return row
    return replace(row, rag=None, dot_previous=None, dot_outturn=None, too_few=True)


# --- which units an indicator applies to -------------------------------------------------------


def lineage(tree: OrgTree, unit_id: str) -> tuple[str, ...]:
    """The unit's id and its parents' ids, nearest first."""
    out = [unit_id]
    unit = tree.get(unit_id)
    while unit.parent is not None:
        out.append(unit.parent)
        unit = tree.get(unit.parent)
    return tuple(out)


def applies(ind: Indicator, kind: str, line: tuple[str, ...]) -> bool:
    """Whether ``ind`` is judged for a unit of ``kind`` whose lineage is ``line``.

    Excluded units (and everything under them) never; with neither ``kinds``
    nor ``units`` listed, every other unit; else a unit whose kind is listed or
    which (or a parent of which) is listed.
    """
    spec = ind.applies_to
    if spec is None:
        return True
    if any(u in spec.excludes for u in line):
        return False
    if not spec.kinds and not spec.units:
        return True
    return kind in spec.kinds or any(u in spec.units for u in line)
