"""The pack: one month's scorecards, laid out for reading, as frozen data.

:func:`scorepack.pack.build.build_pack` makes a :class:`Pack` once from the
judged scorecards; every renderer (HTML, PDF, Excel) is a pure function of it.
Nothing here is child-level: the pack holds only aggregate results, the words
around them and the commentary that officers write.

The pack's ``body`` is in reading order.  Each page has an ``anchor``, a
deterministic id built from unit and indicator ids, so links (and snapshot
tests) never depend on the order in which pages were made.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal

from scorepack.catalogue.model import Cohort, Owners
from scorepack.catalogue.units import Unit
from scorepack.judge.model import ActivityTable, Row, Scorecard, TrendPoint
from scorepack.measures.values import format_quantity
from scorepack.periods import Month

Level = Literal["county", "area", "team"]


def long_date(day: date) -> str:
    """``13 May 2016``: the date as printed on the cover."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def month_name(month: Month) -> str:
    """``March 2016``."""
    return f"{calendar.month_name[month.month]} {month.year}"


@dataclass(frozen=True)
class Cover:
    authority: str
    service: str
    title: str
    period: Month
    produced: date

    @property
    def month_label(self) -> str:
        return month_name(self.period)

    @property
    def produced_label(self) -> str:
        return long_date(self.produced)

    @property
    def running_head(self) -> str:
        """The title at the head of every printed page after the contents."""
        return f"{self.authority} · {self.service} scorecard · {self.month_label}"


@dataclass(frozen=True)
class ContentsEntry:
    anchor: str
    title: str
    level: int
    """How deep the entry sits in the contents and the PDF's bookmarks: 1 for a
    section (the activity table, the county's and each area's scorecard, a
    cohort table), one more for each level of the organisation tree below the
    areas (a team's scorecard sits under its area's), and one more again for
    an exception report under its scorecard."""


@dataclass(frozen=True)
class ActivityPage:
    anchor: str
    title: str
    table: ActivityTable


@dataclass(frozen=True)
class Comparison:
    """A parent unit's results, shown beside a scorecard's own.

    ``role`` is ``area`` for a team's area (the ancestor just below the top
    unit) and ``county`` for the top unit of the tree; an area's scorecard has
    the county's, a team's both, the county's none.
    """

    role: Level
    unit: Unit
    rows: tuple[Row, ...]

    def row(self, indicator_id: str) -> Row | None:
        """The parent's row for the same indicator, or None where it has none."""
        return next((r for r in self.rows if r.indicator.id == indicator_id), None)


@dataclass(frozen=True)
class ScorecardPage:
    anchor: str
    title: str
    level: Level
    scorecard: Scorecard
    exception_links: tuple[tuple[str, str], ...] = ()
    """(indicator id, anchor of its exception page) for each Red indicator."""
    outline_level: int = 1
    """The page's level in the contents and bookmarks (see :class:`ContentsEntry`)."""
    comparisons: tuple[Comparison, ...] = ()
    """The area's and the county's results, nearest first (see :class:`Comparison`)."""

    def exception_anchor(self, indicator_id: str) -> str | None:
        for ind_id, anchor in self.exception_links:
            if ind_id == indicator_id:
                return anchor
        return None


@dataclass(frozen=True)
class CohortBlock:
    """One unit's rows in a cohort impact table."""

    heading: str
    unit: Unit
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class CohortTable:
    """Results with and without one cohort (the reference's "Impact of UASC")."""

    anchor: str
    title: str
    cohort: Cohort
    financial_year: str
    blocks: tuple[CohortBlock, ...]


@dataclass(frozen=True)
class Commentary:
    """What is said under an exception report.

    ``html`` is safe to place in a page as it is (rendered without raw HTML
    and then sanitised); ``text`` is the same words as plain text, for Excel.
    ``drafted`` is True when no one wrote commentary and the pack drafted a
    factual opening from the figures.
    """

    html: str
    text: str
    drafted: bool


@dataclass(frozen=True)
class DataNotes:
    """The data notes of an exception page, one labelled row each.

    ``target`` is the year's target; ``bands`` the tolerance around it (the RAG
    bandings, printed under "Tolerance"); ``polarity`` which direction is better
    ("Lower values are better", printed under "Polarity").
    """

    target: str | None
    bands: str | None
    polarity: str | None
    period: str | None
    source: str | None
    definition: str | None = None
    bands_note: str | None = None
    """A remark about the bands from the catalogue, e.g. how a floor was chosen."""


@dataclass(frozen=True)
class UnitOwner:
    """Who answers for a unit's results, from the units file."""

    name: str
    role: str | None
    unit: Unit
    """The unit they answer for: the page's own, or the nearest one above it."""


@dataclass(frozen=True)
class ExceptionPage:
    anchor: str
    title: str
    unit: Unit
    row: Row
    owners: Owners
    """The indicator's owners from the catalogue (each missing one the catalogue's own)."""
    recent: tuple[TrendPoint, ...]
    """The figures of the last four calendar months (``recent_months``), oldest first."""
    commentary: Commentary
    notes: DataNotes
    scorecard_anchor: str
    chart_months: tuple[Month, ...]
    """The months the trend chart spans (at least 13), oldest first."""
    outline_level: int = 2
    """One below its scorecard's (see :class:`ContentsEntry`)."""
    recent_months: tuple[Month, ...] = ()
    """The last four calendar months, oldest first, whether or not each has a figure."""
    owner: UnitOwner | None = None
    """The unit's owner from the units file (the page's unit, else the nearest unit above
    it with one); None falls back to the catalogue's ``owners``."""
    action: str | None = None
    """What will be done, from the commentary entry."""
    due: date | None = None
    """When the action is due, from the commentary entry."""
    min_denominator: int | None = None
    """The smallest denominator a result is rated on (the small-number rule); a recent
    month on fewer is shown but not rated, and the page says why."""

    def too_few(self, point: TrendPoint | None) -> bool:
        """The month's result is left unrated because its denominator is below the minimum."""
        if point is None or point.rag is not None or self.min_denominator is None:
            return False
        d = point.result.denominator
        return d is not None and d < self.min_denominator

    @property
    def too_few_note(self) -> str | None:
        """``n: too few to rate. Dec 2015 and Jan 2016 rest on 9 and 9 children adopted
        this year, fewer than the 10 a result is rated on.``; None when every month is rated."""
        points = [self.recent_point(m) for m in self.recent_months]
        few = [p for p in points if p is not None and self.too_few(p)]
        if not few:
            return None
        months = _and([p.result.period.label for p in few])
        counts = _and([format_quantity(p.result.denominator) for p in few])
        labels = self.row.indicator.labels
        what = f" {labels.denominator}" if labels else ""
        verb = "rest" if len(few) > 1 else "rests"
        return (
            f"n: too few to rate. {months} {verb} on {counts}{what}, fewer than the "
            f"{self.min_denominator} a result is rated on."
        )

    @property
    def due_label(self) -> str | None:
        """``30 June 2016``."""
        return long_date(self.due) if self.due else None

    def recent_point(self, month: Month) -> TrendPoint | None:
        """The figure for ``month`` in the recent table; None leaves its cells blank."""
        return next((p for p in self.recent if p.result.period == month), None)

    @property
    def rag(self) -> str | None:
        return self.row.rag


def _and(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


OverviewState = Literal["rated", "not-rated", "too-few"]


@dataclass(frozen=True)
class OverviewCell:
    rag: str | None
    state: OverviewState
    """``too-few`` when the judge found too few cases to rate the result,
    ``not-rated`` for any other row without a RAG rating."""
    link: str | None = None
    """The anchor of the exception report, for a Red result."""


@dataclass(frozen=True)
class OverviewRow:
    unit: Unit
    depth: int
    anchor: str
    """The unit's scorecard."""
    cells: tuple[OverviewCell, ...]


@dataclass(frozen=True)
class OverviewPage:
    """Every unit's RAG rating for every indicator on one page: units down, indicators across."""

    anchor: str
    title: str
    indicators: tuple[tuple[str, str, str], ...]
    """(id, number, title) of each column."""
    rows: tuple[OverviewRow, ...]


Page = ActivityPage | ScorecardPage | CohortTable | ExceptionPage | OverviewPage


@dataclass(frozen=True)
class Pack:
    cover: Cover
    contents: tuple[ContentsEntry, ...]
    body: tuple[Page, ...]
    """Every page in reading order."""
    cohorts: tuple[Cohort, ...] = ()
    """The catalogue's cohorts, in order (for the long data table)."""

    @property
    def activity(self) -> ActivityPage | None:
        return next((p for p in self.body if isinstance(p, ActivityPage)), None)

    @property
    def scorecards(self) -> tuple[ScorecardPage, ...]:
        return tuple(p for p in self.body if isinstance(p, ScorecardPage))

    @property
    def cohort_tables(self) -> tuple[CohortTable, ...]:
        return tuple(p for p in self.body if isinstance(p, CohortTable))

    @property
    def exceptions(self) -> tuple[ExceptionPage, ...]:
        return tuple(p for p in self.body if isinstance(p, ExceptionPage))

    def page(self, anchor: str) -> Page:
        for p in self.body:
            if p.anchor == anchor:
                return p
        raise KeyError(anchor)
