"""The pack's figures as one long ("tidy") table, for analysts.

One row per unit × indicator × cohort × month, for the thirteen months of
the trend ending with the pack's month: every unit with a scorecard, every
indicator on its scorecard (an indicator whose ``applies_to`` leaves the unit
out has no rows, rather than rows that would read as "no figure"), the whole
population (cohort ``all``) and each cohort of the catalogue.  The same table is the workbook's "Data" sheet, the CSV export
(:mod:`scorepack.render.csv`) and the Parquet export
(:mod:`scorepack.render.parquet`).

- A month with no figure has empty cells (``None``), never a dash or zero.
- The trend holds the whole population's results only; a cohort's row has a
  figure for the pack's month (its latest result and RAG) and is empty for
  the twelve months before it.
- Previous, outturn and their directions of travel are the scorecard's, so
  they are filled on the pack's month only.
- A result withheld for publication (``scorepack build --suppress-below``)
  has empty numerator, denominator and value and ``c`` in ``suppressed``.
- Values keep the indicator's units (a percentage is 76.470588, not 0.76),
  rounded to six decimal places so that float noise never shows
  (0.1 + 0.2 is 0.3).  Indicator numbers are integers where they are whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorepack.judge.model import Result, Row
from scorepack.pack.build import CHART_MONTHS
from scorepack.pack.model import Pack, ScorecardPage
from scorepack.periods import Month

ALL = "all"
PLACES = 6


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    """``str``, ``int`` or ``float``: how CSV, Parquet and Excel store it."""
    heading: str


COLUMNS = (
    Column("unit_id", "str", "Unit ID"),
    Column("unit_name", "str", "Unit"),
    Column("parent_id", "str", "Parent unit ID"),
    Column("indicator_id", "str", "Indicator ID"),
    Column("indicator_number", "int", "Indicator number"),
    Column("indicator_title", "str", "Indicator"),
    Column("cohort", "str", "Cohort"),
    Column("period", "str", "Month"),
    Column("numerator", "float", "Numerator"),
    Column("denominator", "float", "Denominator"),
    Column("value", "float", "Value"),
    Column("rag", "str", "RAG"),
    Column("target", "float", "Target"),
    Column("previous", "float", "Previous reported result"),
    Column("dot_previous", "str", "Change since previous"),
    Column("outturn", "float", "Outturn result"),
    Column("dot_outturn", "str", "Change since outturn"),
    Column("exception", "str", "Exception report anchor"),
    Column("suppressed", "str", "Suppressed"),
)
NAMES = tuple(c.name for c in COLUMNS)

Cell = str | int | float | None


def clean(value: float | None) -> float | None:
    """A figure without float noise (six decimal places), or None."""
    return None if value is None else round(float(value), PLACES) + 0.0


def number(text: str) -> int | str:
    """An indicator number as an integer when it is one (``"12"`` → 12, ``"8a"`` stays)."""
    return int(text) if text.isdigit() else text


def months(pack: Pack) -> tuple[Month, ...]:
    """The thirteen months of the trend, oldest first."""
    return tuple(pack.cover.period.months_back(CHART_MONTHS))


def _value(res: Result | None) -> float | None:
    return clean(res.value) if res is not None else None


def _whole(page: ScorecardPage, row: Row, month: Month) -> dict[str, Cell]:
    """The whole population's cells for one month: from the trend, or the scorecard's latest."""
    card = page.scorecard
    point = next((p for p in row.trend if p.result.period == month), None)
    latest = month == card.period
    res = point.result if point is not None else (row.latest if latest else None)
    cells: dict[str, Cell] = {}
    if point is not None or latest:
        cells["target"] = clean(point.target if point is not None else row.target)
    if res is not None and (res.value is not None or res.suppressed):
        cells.update(
            numerator=clean(res.numerator),
            denominator=clean(res.denominator),
            value=clean(res.value),
            rag=point.rag if point is not None else row.rag,
            suppressed="c" if res.suppressed else None,
        )
    if latest:
        cells.update(
            previous=_value(row.previous),
            dot_previous=row.dot_previous,
            outturn=_value(row.outturn),
            dot_outturn=row.dot_outturn,
            exception=page.exception_anchor(row.indicator.id),
        )
    return cells


def _cohort(page: ScorecardPage, row: Row, cohort: str, month: Month) -> dict[str, Cell]:
    """A cohort's cells: its latest result on the pack's month, nothing before."""
    found = row.cohort(cohort)
    if month != page.scorecard.period or found is None:
        return {}
    if found.result.value is None and not found.result.suppressed:
        return {}
    return {
        "suppressed": "c" if found.result.suppressed else None,
        "numerator": clean(found.result.numerator),
        "denominator": clean(found.result.denominator),
        "value": clean(found.result.value),
        "rag": found.rag,
        "target": clean(row.target),
    }


def data_rows(pack: Pack) -> list[dict[str, Cell]]:
    """Every row of the long table: units in pack order, then indicators, cohorts, months."""
    span = months(pack)
    empty = dict.fromkeys(NAMES, None)
    out: list[dict[str, Cell]] = []
    for page in pack.scorecards:
        unit = page.scorecard.unit
        for row in page.scorecard.rows:
            ind = row.indicator
            base: dict[str, Cell] = {
                **empty,
                "unit_id": unit.id,
                "unit_name": unit.name,
                "parent_id": unit.parent,
                "indicator_id": ind.id,
                "indicator_number": number(ind.number),
                "indicator_title": ind.title,
            }
            for cohort in (ALL, *(c.id for c in pack.cohorts)):
                for month in span:
                    cells = (
                        _whole(page, row, month)
                        if cohort == ALL
                        else _cohort(page, row, cohort, month)
                    )
                    out.append({**base, "cohort": cohort, "period": str(month), **cells})
    return out
