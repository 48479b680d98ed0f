"""Reporting months and financial years.

A period is a calendar month, written ``YYYY-MM`` and standing for its last
day (the month end).  English councils report against the financial year that
runs from 1 April to 31 March; ``2015-16`` is April 2015 to March 2016.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_FY = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse ``YYYY-MM``; raise ValueError with a plain message otherwise."""
        m = _PERIOD.match(text.strip())
        if not m:
            raise ValueError(f"expected a month as YYYY-MM (e.g. 2016-03), got {text!r}")
        return cls(int(m.group(1)), int(m.group(2)))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def shift(self, months: int) -> Month:
        index = self.year * 12 + (self.month - 1) + months
        return Month(index // 12, index % 12 + 1)

    @property
    def start(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def fy_start_year(self) -> int:
        return self.year if self.month >= 4 else self.year - 1

    @property
    def financial_year(self) -> str:
        """The financial year label, e.g. ``2015-16`` for any month April 2015 - March 2016."""
        y = self.fy_start_year
        return f"{y}-{(y + 1) % 100:02d}"

    @property
    def outturn(self) -> Month:
        """March of the previous financial year: the last year-end result."""
        return Month(self.fy_start_year, 3)

    @property
    def label(self) -> str:
        """``Mar 2016``."""
        return f"{calendar.month_abbr[self.month]} {self.year}"

    @property
    def short_label(self) -> str:
        """``March 15`` style used in the reference's outturn heading."""
        return f"{calendar.month_name[self.month]} {self.year % 100:02d}"

    def months_back(self, count: int) -> list[Month]:
        """The ``count`` months ending with this one, oldest first."""
        return [self.shift(-i) for i in range(count - 1, -1, -1)]


def is_financial_year(text: str) -> bool:
    m = _FY.match(text)
    if m is None:
        return False
    return (int(m.group(1)) + 1) % 100 == int(m.group(2))


def fy_short(fy: str) -> str:
    """``2015-16`` -> ``15/16`` as printed in scorecard headings."""
    return f"{fy[2:4]}/{fy[5:7]}"
