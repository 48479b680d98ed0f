"""Turn numerators and denominators into results, and results into text.

Percentages multiply by 100, rates by their ``per`` (10,000 unless set),
averages and ratios are a plain division, and counts are taken as given.
Rounding for display is half away from zero, as people and Excel expect
(76.45 shows as 76.5), not Python's round-half-to-even.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from scorepack.catalogue.model import Indicator

_EPSILON = 1e-9


def compute_value(
    ind: Indicator, numerator: float | None, denominator: float | None
) -> float | None:
    """The unrounded result, or None when it cannot be computed."""
    if ind.kind == "count":
        return numerator
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator * ind.multiplier


def round_half_up(value: float, places: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def agrees(computed: float, stated: float, places: int) -> bool:
    """Whether a stated value could be ``computed`` shown to ``places`` decimals."""
    half_step = 0.5 * 10**-places
    return abs(computed - stated) <= half_step + _EPSILON * max(1.0, abs(stated))


def as_reported(value: float, places: int) -> float:
    """A value as it was printed: rounded to the indicator's displayed precision."""
    return float(round_half_up(value, places))


def format_number(value: float | None, places: int) -> str:
    if value is None:
        return "-"
    rounded = round_half_up(value, places)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0.0"
    return f"{rounded:.{places}f}"


def format_value(ind: Indicator, value: float | None, places: int | None = None) -> str:
    """``76.5%`` for percentages, ``499.4`` for ratios, ``38`` for counts; ``-`` when missing."""
    if value is None:
        return "-"
    text = format_number(value, ind.places if places is None else places)
    return text + "%" if ind.kind == "percentage" else text


def format_signed(ind: Indicator, value: float | None) -> str:
    """A difference with its sign, ``+0.2%``, ``-0.0%`` (a small fall), ``0.0%`` (none)."""
    if value is None:
        return "-"
    text = format_value(ind, abs(value))
    if abs(value) < _EPSILON:
        return text
    return ("+" if value > 0 else "-") + text


def format_change(value: float | None) -> str:
    """An activity table change: ``+3``, ``-93``, ``0``; ``-`` when unknown."""
    if value is None:
        return "-"
    text = format_quantity(abs(value))
    return text if value == 0 else ("+" if value > 0 else "-") + text


def format_quantity(value: float | str | None) -> str:
    """A numerator or denominator as printed: whole numbers plainly, FTEs to one decimal;
    a suppression code (``c``) as it stands."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if float(value).is_integer():
        return str(int(value))
    return format_number(value, 1)
