"""Numbers and data notes in words, derived from an indicator's configuration.

The data notes under each exception report say what the target is, how the
RAG bands are drawn (the tolerance), which direction is better (the polarity)
and what period the figures cover.  The catalogue's ``notes.tolerance`` (the
polarity row's wording) and ``notes.period`` win over the wording drafted here;
``notes.bands`` is a remark printed beside the bands.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorepack.catalogue.model import Catalogue, Indicator
from scorepack.catalogue.register import definition_in_words
from scorepack.judge.model import Result
from scorepack.measures.values import format_quantity
from scorepack.pack.model import DataNotes, month_name
from scorepack.periods import Month

POLARITY_WORDS = {
    "H": "Higher values are better",
    "L": "Lower values are better",
    "T": "Closer to the target is better",
}


def format_threshold(ind: Indicator, value: float) -> str:
    """A threshold as written in prose: no trailing zeros (``85%``, ``76.5%``)."""
    text = f"{value:.{max(ind.places, 2)}f}".rstrip("0").rstrip(".")
    return text + ("%" if ind.kind == "percentage" else "")


def format_difference(ind: Indicator, value: float) -> str:
    """A distance from the target in prose: percentages differ by percentage points.

    ``2 percentage points`` (never ``2%``, which would read as 2% of the
    target); other kinds are plain numbers.
    """
    text = f"{value:.{max(ind.places, 2)}f}".rstrip("0").rstrip(".")
    if ind.kind != "percentage":
        return text
    return f"{text} percentage point" + ("" if text == "1" else "s")


@dataclass(frozen=True)
class Thresholds:
    """The RAG thresholds for one indicator in one financial year."""

    polarity: str
    target: float | None
    green: float | None
    """H/L: the value at or beyond which the result is Green."""
    red: float | None
    """H/L: the value beyond which the result is Red."""
    green_within: float | None = None
    red_beyond: float | None = None


def thresholds(ind: Indicator, fy: str) -> Thresholds | None:
    """The thresholds in force for ``fy``, or None for an unscored indicator."""
    if ind.polarity is None:
        return None
    target = ind.targets.get(fy)
    bands = ind.bands.get(fy)
    if ind.polarity == "T":
        return Thresholds(
            "T",
            target,
            None,
            None,
            bands.green_within if bands else None,
            bands.red_beyond if bands else None,
        )
    green = bands.green if bands and bands.green is not None else target
    red = bands.red if bands else None
    return Thresholds(ind.polarity, target, green, red)


def bands_in_words(ind: Indicator, fy: str) -> str | None:
    """``Red below 76.5%; Amber from 76.5% up to 85%; Green at 85% or above``."""
    t = thresholds(ind, fy)
    if t is None:
        return None
    f = lambda v: format_threshold(ind, v)  # noqa: E731
    if t.polarity == "T":
        if t.target is None or t.green_within is None:
            return None
        d = lambda v: format_difference(ind, v)  # noqa: E731
        parts = [f"Green within {d(t.green_within)} of the target"]
        if t.red_beyond is not None:
            parts.append(f"Red more than {d(t.red_beyond)} away from it")
        parts.append("Amber otherwise")
        return "; ".join(parts)
    if t.green is None:
        return None
    if t.polarity == "H":
        if t.red is None:
            return f"Green at {f(t.green)} or above; Amber below {f(t.green)}"
        return (
            f"Red below {f(t.red)}; Amber from {f(t.red)} up to {f(t.green)}; "
            f"Green at {f(t.green)} or above"
        )
    if t.red is None:
        return f"Green at {f(t.green)} or below; Amber above {f(t.green)}"
    return (
        f"Red above {f(t.red)}; Amber from {f(t.green)} up to {f(t.red)}; "
        f"Green at {f(t.green)} or below"
    )


def period_in_words(ind: Indicator, period: Month) -> str:
    """What a month's figure covers, with this month as the example."""
    if ind.notes.period:
        return ind.notes.period
    now = month_name(period)
    if ind.period_type == "YTD":
        start = month_name(Month(period.fy_start_year, 4))
        return f"Figures are year to date: the {period.label} result covers {start} to {now}."
    if ind.period_type == "R12M":
        start = month_name(period.shift(-11))
        return (
            f"Figures cover a rolling twelve months: the {period.label} result covers "
            f"{start} to {now}."
        )
    if ind.period_type == "MONTH":
        return f"Figures cover one calendar month: the {period.label} result covers {now} only."
    return (
        "Figures are a snapshot of the position on the last day of the month: the "
        f"{period.label} result is the position at {period.end.day} {now}."
    )


def data_quality_in_words(ind: Indicator, result: Result | None) -> str | None:
    """``12 placements with an unknown distance were left out.``: the definition's
    data-quality count (``Result.data_quality``) in the catalogue's ``notes.data_quality``."""
    count = None if result is None else result.shown("data_quality")
    if count is None or not ind.notes.data_quality:
        return None
    if count == "c":
        return f"Some {ind.notes.data_quality} (how many is withheld for publication: c)."
    return f"{format_quantity(count)} {ind.notes.data_quality}."


def data_notes(
    catalogue: Catalogue, ind: Indicator, period: Month, latest: Result | None = None
) -> DataNotes:
    """The data notes of an exception page; ``latest`` adds its data-quality count to the
    note on the data."""
    fy = period.financial_year
    quality = data_quality_in_words(ind, latest)
    target = ind.targets.get(fy)
    polarity = ind.notes.tolerance or (POLARITY_WORDS.get(ind.polarity) if ind.polarity else None)
    return DataNotes(
        target=format_threshold(ind, target) if target is not None else "No target set",
        bands=bands_in_words(ind, fy),
        polarity=polarity,
        period=" ".join(t for t in (period_in_words(ind, period), quality) if t),
        source=catalogue.source_for(ind),
        definition=definition_in_words(ind),
        bands_note=ind.notes.bands,
    )
