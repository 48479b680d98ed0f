"""Publication suppression: small counts replaced by the DfE's ``c``.

A pure pass over judged scorecards, for every output meant for publication.
A result is withheld when its numerator or denominator — or, for an indicator
that is itself a count, its value — is a count above zero and below the
threshold (zero is shown, as the DfE shows it).  A withheld result keeps its
period but loses its value, numerator and denominator, and displays ``c``; the
same months disappear from the SPC points.  RAG status, arrows and SPC limits
are kept: they are judgements of the result, not counts.  A data-quality count
(records left out because a value is unknown) below the threshold is withheld
on its own; activity counts are withheld one by one, and a stock's change with
either of its months.

The threshold is the caller's: counts *below* it are withheld, so the DfE's
practice of suppressing 1 to 5 is ``threshold=6`` (see ``docs/catalogue.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import overload

from scorepack.catalogue.model import Indicator
from scorepack.judge.model import (
    ActivityCell,
    ActivityRow,
    ActivityTable,
    CohortResult,
    Result,
    Row,
    Scorecard,
    TrendPoint,
)

SUPPRESSED = "c"


def small(x: float | None, threshold: float) -> bool:
    return x is not None and 0 < x < threshold


def withheld(ind: Indicator, result: Result, threshold: float) -> bool:
    """Whether publishing ``result`` would disclose a count below the threshold."""
    if result.suppressed:
        return True
    counts = [result.numerator, result.denominator]
    if ind.kind == "count":
        counts.append(result.value)
    return any(small(x, threshold) for x in counts)


def _hide(ind: Indicator, result: Result, threshold: float) -> Result:
    if small(result.data_quality, threshold):
        result = replace(result, data_quality=None, data_quality_withheld=True)
    if not withheld(ind, result, threshold):
        return result
    return Result(
        result.period,
        None,
        SUPPRESSED,
        None,
        None,
        suppressed=True,
        data_quality=result.data_quality,
        data_quality_withheld=result.data_quality_withheld,
    )


def suppress_row(row: Row, threshold: float) -> Row:
    ind = row.indicator

    def hide(r: Result) -> Result:
        return _hide(ind, r, threshold)

    def maybe(r: Result | None) -> Result | None:
        return None if r is None else hide(r)

    trend = tuple(TrendPoint(hide(p.result), p.target, p.rag) for p in row.trend)
    gone = {str(p.result.period) for p in trend if p.result.suppressed}
    spc = row.spc
    if spc is not None and gone:
        points = tuple(replace(p, value=None) if p.period in gone else p for p in spc.points)
        spc = replace(spc, points=points)
    latest_gone = withheld(ind, row.latest, threshold)

    def cohort(c: CohortResult) -> CohortResult:
        if not (latest_gone or withheld(ind, c.result, threshold)):
            return c
        return CohortResult(c.cohort, hide(c.result), c.rag, None, SUPPRESSED)

    cohorts = tuple(cohort(c) for c in row.cohorts)
    return replace(
        row,
        latest=hide(row.latest),
        previous=maybe(row.previous),
        outturn=maybe(row.outturn),
        cohorts=cohorts,
        trend=trend,
        spc=spc,
    )


@overload
def suppress(judged: Scorecard, threshold: float) -> Scorecard: ...
@overload
def suppress(judged: Sequence[Scorecard], threshold: float) -> tuple[Scorecard, ...]: ...
def suppress(
    judged: Scorecard | Sequence[Scorecard], threshold: float
) -> Scorecard | tuple[Scorecard, ...]:
    """The scorecard(s) with every count below ``threshold`` withheld as ``c``."""
    if isinstance(judged, Scorecard):
        return replace(judged, rows=tuple(suppress_row(r, threshold) for r in judged.rows))
    return tuple(suppress(card, threshold) for card in judged)


def suppress_cell(cell: ActivityCell, threshold: float) -> ActivityCell:
    """An activity cell with each count below ``threshold`` withheld (and so its change)."""
    gone = tuple(
        which for which in ("this_month", "last_month") if small(getattr(cell, which), threshold)
    )
    if not gone:
        return cell
    this = None if "this_month" in gone else cell.this_month
    last = None if "last_month" in gone else cell.last_month
    return ActivityCell(this, last, gone)


def suppress_activity(table: ActivityTable, threshold: float) -> ActivityTable:
    """The activity table with every count below ``threshold`` withheld as ``c``."""
    rows = tuple(
        ActivityRow(
            row.unit, row.depth, tuple((m, suppress_cell(c, threshold)) for m, c in row.cells)
        )
        for row in table.rows
    )
    return replace(table, rows=rows)
