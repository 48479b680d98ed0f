"""Judged results: what every renderer reads.

These frozen dataclasses are the output of the judge stage.  A
:class:`Scorecard` holds, for one unit and one month, every indicator's latest
result, its RAG status, direction of travel against the previous and outturn
results, cohort comparisons, the summary counts and sentence, and the
exceptions (Red indicators with their recent trend).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from scorepack.benchmarks.compare import BenchmarkResult
from scorepack.catalogue.model import Indicator
from scorepack.catalogue.units import Unit
from scorepack.judge.spc import SpcResult
from scorepack.periods import Month

Rag = Literal["G", "A", "R"]
Travel = Literal["improved", "same", "worse"]
Source = Literal["published", "computed"]
"""Where a previous or outturn result came from: a published month, or today's figures."""

RAG_WORDS: dict[str, str] = {"G": "Green", "A": "Amber", "R": "Red"}
TRAVEL_ARROWS: dict[str, str] = {"improved": "↑", "same": "→", "worse": "↓"}
TRAVEL_WORDS: dict[str, str] = {"improved": "Improved", "same": "No change", "worse": "Worse"}


@dataclass(frozen=True)
class Result:
    """One indicator's value for one unit, month and cohort.

    ``value`` is unrounded when it was computed from numerator and
    denominator; ``display`` is the value as printed.
    """

    period: Month
    value: float | None
    display: str
    numerator: float | None = None
    denominator: float | None = None
    suppressed: bool = False
    """Withheld for publication: value, numerator and denominator are None, display is ``c``."""
    data_quality: float | None = None
    """Records left out because a value they need is unknown (see
    :attr:`scorepack.measures.model.Figure.data_quality`); None where the definition does
    not count them, or where the count was withheld for publication."""
    data_quality_withheld: bool = False
    """The data-quality count was below the publication threshold: shown ``c``."""

    @property
    def present(self) -> bool:
        return self.value is not None

    def shown(self, which: str) -> str | float | None:
        """``numerator``, ``denominator`` or ``data_quality`` as published: ``"c"`` where it
        was withheld."""
        if which == "data_quality":
            return "c" if self.data_quality_withheld else self.data_quality
        return "c" if self.suppressed else getattr(self, which)


@dataclass(frozen=True)
class CohortResult:
    cohort: str
    result: Result
    rag: Rag | None
    variance: float | None
    """Cohort value minus all-children value; None where the indicator already excludes it."""
    variance_display: str


@dataclass(frozen=True)
class TrendPoint:
    result: Result
    target: float | None
    rag: Rag | None


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    section_heading: str
    latest: Result
    rag: Rag | None
    target: float | None
    target_display: str
    previous: Result | None
    dot_previous: Travel | None
    outturn: Result | None
    dot_outturn: Travel | None
    cohorts: tuple[CohortResult, ...] = ()
    trend: tuple[TrendPoint, ...] = ()
    """Up to 13 months ending with the latest, oldest first (months with no figure left out)."""
    previous_source: Source | None = None
    outturn_source: Source | None = None
    too_few: bool = False
    """The latest denominator is below the minimum: shown, but not rated (no RAG, no arrows)."""
    spc: SpcResult | None = None
    """The XmR chart of ``trend`` with its variation and assurance icons."""
    benchmark: BenchmarkResult | None = None
    """The authority's latest published value beside England, its region and its
    statistical neighbours (set on the top unit's scorecard, for indicators the
    catalogue maps to a DfE measure)."""

    def cohort(self, cohort_id: str) -> CohortResult | None:
        for c in self.cohorts:
            if c.cohort == cohort_id:
                return c
        return None


@dataclass(frozen=True)
class Summary:
    green: int = 0
    amber: int = 0
    red: int = 0
    improved: int = 0
    same: int = 0
    worse: int = 0
    outturn_improved: int = 0
    outturn_same: int = 0
    outturn_worse: int = 0


@dataclass(frozen=True)
class Revision:
    """A published month's later version: when, why, and which version it is."""

    version: int
    day: date
    reason: str

    @property
    def label(self) -> str:
        """``revised 14 June 2016: <reason>``."""
        return f"revised {self.day.day} {calendar.month_name[self.day.month]} {self.day.year}: {self.reason}"

    @property
    def sentence(self) -> str:
        """``Revised 14 June 2016: <reason> (version 2).``, as outputs print it."""
        label = self.label
        return f"{label[0].upper()}{label[1:]} (version {self.version})."


@dataclass(frozen=True)
class Scorecard:
    period: Month
    unit: Unit
    financial_year: str
    rows: tuple[Row, ...]
    summary: Summary
    summary_text: str
    exceptions: tuple[str, ...] = field(default=())
    """Ids of Red indicators, in catalogue order."""
    revision: Revision | None = None
    title: str | None = None
    """The catalogue's ``scorecard_title`` for this unit, where it sets one."""
    """Set on the scorecards of a revised publication (version 2 onwards)."""

    @property
    def too_few(self) -> tuple[str, ...]:
        """Ids of indicators shown but not rated: denominators below the minimum."""
        return tuple(r.indicator.id for r in self.rows if r.too_few)

    def row(self, indicator_id: str) -> Row:
        for r in self.rows:
            if r.indicator.id == indicator_id:
                return r
        raise KeyError(indicator_id)


@dataclass(frozen=True)
class ActivityCell:
    this_month: float | None
    last_month: float | None = None
    suppressed: tuple[str, ...] = ()
    """The counts withheld for publication (``"this_month"``, ``"last_month"``): None, shown ``c``."""

    @property
    def change(self) -> float | None:
        if self.this_month is None or self.last_month is None:
            return None
        return self.this_month - self.last_month

    def shown(self, which: str) -> str | float | None:
        """``this_month`` or ``last_month``; ``"c"`` where it was withheld."""
        return "c" if which in self.suppressed else getattr(self, which)


@dataclass(frozen=True)
class ActivityRow:
    unit: Unit
    depth: int
    cells: tuple[tuple[str, ActivityCell], ...]
    """(activity measure id, cell) in catalogue order."""


@dataclass(frozen=True)
class ActivityTable:
    period: Month
    columns: tuple[tuple[str, str, str], ...]
    """(measure id, label, 'stock' | 'flow')."""
    rows: tuple[ActivityRow, ...]
