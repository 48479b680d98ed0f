"""The first sentence of a drafted commentary: the latest result, worded for its kind.

The catalogue's ``labels`` name what the numerator and denominator count, and the
indicator's ``kind`` says how the two make the result:

* ``percentage``: a share of a count, ``52 of the 68 Private Fostering visits due
  within 7 days of the notification took place within timescale (76.5%).``
  (the numerator label a verb phrase);
* ``ratio``: an average, ``858 cases held across the 38.2 full-time-equivalent social
  workers in the AIT and FST teams: an average of 22.5.`` (the numerator a noun phrase);
* ``rate``: so many per ``per`` of a population, ``1250 children in need among the
  330000 children aged 0 to 17: a rate of 37.9 per 10,000.``;
* ``count``: a number taken as given, ``The latest result is 38.``

Without labels, or without a numerator and denominator, the sentence states the latest
result as displayed.
"""

from __future__ import annotations

from collections.abc import Callable

from scorepack.judge.model import Row
from scorepack.measures.values import format_quantity

Words = Callable[[str, str, str, str, Row], str]
"""(numerator, denominator, numerator label, denominator label, row) to a sentence."""


def _percentage(n: str, d: str, what: str, of: str, row: Row) -> str:
    return f"{n} of the {d} {of} {what} ({row.latest.display})."


def _ratio(n: str, d: str, what: str, of: str, row: Row) -> str:
    return f"{n} {what} across the {d} {of}: an average of {row.latest.display}."


def _rate(n: str, d: str, what: str, of: str, row: Row) -> str:
    per = f"{row.indicator.multiplier:,.0f}"
    return f"{n} {what} among the {d} {of}: a rate of {row.latest.display} per {per}."


BY_KIND: dict[str, Words] = {"percentage": _percentage, "ratio": _ratio, "rate": _rate}
"""The sentence for each kind with a numerator and denominator; a count has none."""


def opening(row: Row) -> str:
    """The drafted commentary's first sentence, for the row's latest result."""
    ind, latest = row.indicator, row.latest
    words = BY_KIND.get(ind.kind)
    if words and ind.labels and latest.numerator is not None and latest.denominator is not None:
        n, d = format_quantity(latest.numerator), format_quantity(latest.denominator)
        return words(n, d, ind.labels.numerator, ind.labels.denominator, row)
    return f"The latest result is {latest.display}."
