"""Working-day arithmetic on day ordinals (``date.toordinal()``), England bank holidays.

The simulation keeps every date as an ``int`` ordinal for speed; this module answers
"which day is N working days after D" in constant time from precomputed tables.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date

import holidays


class WorkCalendar:
    """Working days (Monday-Friday, not an England bank holiday) between two years."""

    def __init__(self, first_year: int, last_year: int) -> None:
        self.first = date(first_year, 1, 1).toordinal()
        self.last = date(last_year, 12, 31).toordinal()
        hols = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        bank = {d.toordinal() for d in hols}
        self.working: list[bool] = []
        self.days: list[int] = []  # ordinals of working days, ascending
        self.index: list[int] = []  # per day: number of working days strictly before it
        count = 0
        for o in range(self.first, self.last + 1):
            ok = (o % 7) not in (0, 6) and o not in bank  # toordinal()%7: 0=Sun, 6=Sat
            self.working.append(ok)
            self.index.append(count)
            if ok:
                self.days.append(o)
                count += 1

    def is_working(self, day: int) -> bool:
        """True if the ordinal ``day`` is a working day."""
        return self.working[day - self.first]

    def add(self, day: int, n: int) -> int:
        """The working day ``n`` working days after ``day`` (``n >= 0``; 0 = next working day)."""
        k = day - self.first
        i = self.index[k] + (n if self.working[k] else max(n - 1, 0))
        return self.days[min(i, len(self.days) - 1)]

    def between(self, start: int, end: int) -> int:
        """Working days after ``start`` up to and including ``end``."""
        return (
            self.index[end - self.first]
            + self.working[end - self.first]
            - (self.index[start - self.first] + self.working[start - self.first])
        )

    def next_working(self, day: int) -> int:
        """``day`` itself if it is a working day, else the next one."""
        i = bisect_left(self.days, day)
        return self.days[min(i, len(self.days) - 1)]
