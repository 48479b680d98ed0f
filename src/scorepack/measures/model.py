"""Figures: the numbers behind every indicator, whatever produced them.

A :class:`Figure` is one row of the interchange format
(``indicator,unit,period,cohort,numerator,denominator,value``).  Supplied CSV
or Excel files and the SQL measures over child-level records both produce
figures; everything downstream reads only figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorepack.periods import Month

ALL = "all"
"""The cohort of every child; the empty cohort cell in a figures file."""


@dataclass(frozen=True)
class Figure:
    indicator: str
    unit: str
    period: Month
    cohort: str = ALL
    numerator: float | None = None
    denominator: float | None = None
    value: float | None = None
    data_quality: float | None = None
    """Records left out because a value they need is unknown (a 999.9 distance, say): a
    data-quality count, for definitions that return one; None otherwise."""

    @property
    def key(self) -> tuple[str, str, Month, str]:
        return (self.indicator, self.unit, self.period, self.cohort)
