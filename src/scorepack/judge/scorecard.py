"""Judge every indicator for one unit and month: the scorecard.

The latest result is kept unrounded; the previous and outturn results are
taken as they were reported (rounded to the indicator's precision), which is
what the direction-of-travel rule compares against.

Past months (previous, outturn and trend) come first from a
:class:`ReportedHistory` -- what was published for that month, value and RAG
as they were printed under that year's bands -- and only where nothing was
published are they computed from the figure store.  Each row records which
(``previous_source`` / ``outturn_source``).
"""

from __future__ import annotations

from typing import Protocol

from scorepack.catalogue.model import Catalogue, Indicator
from scorepack.catalogue.units import OrgTree
from scorepack.judge.model import CohortResult, Result, Row, Scorecard, Source, TrendPoint
from scorepack.judge.rules import applies, lineage, rag, small_numbers, travel
from scorepack.judge.spc import trend_spc
from scorepack.judge.summary import summarise, summary_sentence
from scorepack.measures.model import ALL, Figure
from scorepack.measures.store import FigureStore
from scorepack.measures.values import as_reported, compute_value, format_signed, format_value
from scorepack.periods import Month

TREND_MONTHS = 13
"""Months of trend kept on each row, ending with the latest (the chart's span)."""
EXCEPTION_MONTHS = 4
"""Months an exception report tabulates: the last four with a result."""


class ReportedHistory(Protocol):
    """What was reported for past months: a published point, or None where nothing was."""

    def reported(self, indicator: str, unit: str, month: Month) -> TrendPoint | None: ...


def latest_result(ind: Indicator, fig: Figure | None, period: Month) -> Result:
    """The unrounded result: computed from its parts where given, else the stated value."""
    if fig is None:
        return Result(period, None, "-")
    value = compute_value(ind, fig.numerator, fig.denominator)
    if value is None:
        value = fig.value
    return Result(
        period,
        value,
        format_value(ind, value),
        fig.numerator,
        fig.denominator,
        data_quality=fig.data_quality,
    )


def reported_result(ind: Indicator, fig: Figure | None, period: Month) -> Result | None:
    """A past result as it was printed: the stated value, else the computed one rounded."""
    if fig is None:
        return None
    if fig.value is not None:
        value: float | None = fig.value
    else:
        computed = compute_value(ind, fig.numerator, fig.denominator)
        value = None if computed is None else as_reported(computed, ind.places)
    if value is None:
        return None
    return Result(period, value, format_value(ind, value), fig.numerator, fig.denominator)


def cohort_results(
    ind: Indicator, latest: Result, store: FigureStore, unit: str, period: Month, fy: str
) -> tuple[CohortResult, ...]:
    out = []
    for cohort in ind.cohorts:
        if cohort in ind.already_excludes:
            if latest.present:
                out.append(CohortResult(cohort, latest, rag(ind, latest.value, fy), None, "-"))
            continue
        result = latest_result(ind, store.get(ind.id, unit, period, cohort), period)
        if not result.present:
            continue
        variance = None
        if result.value is not None and latest.value is not None:
            variance = result.value - latest.value
        out.append(
            CohortResult(
                cohort, result, rag(ind, result.value, fy), variance, format_signed(ind, variance)
            )
        )
    return tuple(out)


def past_point(
    ind: Indicator,
    store: FigureStore,
    history: ReportedHistory | None,
    unit: str,
    month: Month,
) -> tuple[TrendPoint | None, Source | None]:
    """A past month's result as reported: published if it was, else computed from figures."""
    if history is not None:
        point = history.reported(ind.id, unit, month)
        if point is not None:
            return point, "published"
    result = reported_result(ind, store.get(ind.id, unit, month), month)
    if result is None or not result.present:
        return None, None
    fy = month.financial_year
    return TrendPoint(result, ind.targets.get(fy), rag(ind, result.value, fy)), "computed"


def trend(
    ind: Indicator,
    store: FigureStore,
    unit: str,
    period: Month,
    history: ReportedHistory | None = None,
) -> tuple[TrendPoint, ...]:
    points = []
    for month in period.months_back(TREND_MONTHS):
        if month == period:
            result = latest_result(ind, store.get(ind.id, unit, month), month)
            if result.present:
                fy = month.financial_year
                points.append(TrendPoint(result, ind.targets.get(fy), rag(ind, result.value, fy)))
            continue
        point, _ = past_point(ind, store, history, unit, month)
        if point is not None:
            points.append(point)
    return tuple(points)


def judge_row(
    cat: Catalogue,
    ind: Indicator,
    store: FigureStore,
    unit: str,
    period: Month,
    history: ReportedHistory | None = None,
) -> Row:
    fy = period.financial_year
    target = ind.targets.get(fy)
    latest = latest_result(ind, store.get(ind.id, unit, period, ALL), period)
    prev_point, prev_source = past_point(ind, store, history, unit, period.shift(-1))
    out_point, out_source = past_point(ind, store, history, unit, period.outturn)
    previous = prev_point.result if prev_point else None
    outturn = out_point.result if out_point else None
    points = trend(ind, store, unit, period, history)
    row = Row(
        indicator=ind,
        section_heading=cat.section(ind.section).heading,
        latest=latest,
        rag=rag(ind, latest.value, fy),
        target=target,
        target_display=format_value(ind, target),
        previous=previous,
        dot_previous=travel(ind, latest.value, previous.value if previous else None, target),
        outturn=outturn,
        dot_outturn=travel(ind, latest.value, outturn.value if outturn else None, target),
        cohorts=cohort_results(ind, latest, store, unit, period, fy),
        trend=points,
        previous_source=prev_source,
        outturn_source=out_source,
        spc=trend_spc(ind, points, target, cat.spc_for(ind)),
    )
    return small_numbers(row, cat.min_denominator_for(ind))


def judge_unit(
    catalogue: Catalogue,
    tree: OrgTree,
    store: FigureStore,
    period: Month,
    unit_id: str,
    history: ReportedHistory | None = None,
) -> Scorecard:
    """The scorecard of one unit for one month, every indicator in catalogue order."""
    unit = tree.get(unit_id)
    line = lineage(tree, unit_id)
    rows = tuple(
        judge_row(catalogue, ind, store, unit_id, period, history)
        for ind in catalogue.indicators
        if applies(ind, unit.kind, line)
    )
    summary = summarise(rows)
    return Scorecard(
        period=period,
        unit=unit,
        financial_year=period.financial_year,
        rows=rows,
        summary=summary,
        summary_text=summary_sentence(summary, unit.name, period),
        exceptions=tuple(r.indicator.id for r in rows if r.rag == "R"),
        title=catalogue.scorecard_heading(unit.name) if catalogue.scorecard_title else None,
    )
