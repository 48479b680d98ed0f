"""Statistical process control: XmR charts in the NHS "Making Data Count" manner.

Pure functions over a short monthly series.  For each segment (the whole
series, or the stretch from one recorded rebase to the next) the centre line is
the mean of the baseline points (all of them, or the first ``baseline_points``)
and the natural process limits are the mean ± 2.66 × the mean moving range;
moving ranges of 3.267 × the mean or more are screened out before the limits
are set, as the NHS-R *NHSRplotthedots* package does by default.

The special-cause rules are small functions listed in :data:`RULES`, in order of
precedence: when several mark a point, the first decides whether it is a high or
a low special cause.  The variation icon is read from the latest point, the
assurance icon from where the latest target sits against the latest limits.

Fewer than ``min_points`` points in the latest segment: no limits, no icons, and
a sentence that says so.  ``docs/spc.md`` explains every choice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from scorepack.catalogue.model import Indicator, Spc

if TYPE_CHECKING:
    from scorepack.judge.model import TrendPoint

LIMIT = 2.66
"""Natural process limits: mean ± 2.66 × mean moving range (3 sigma)."""
NEAR = 2 * LIMIT / 3
"""Two sigma, for the two-of-three rule."""
SCREEN = 3.267
"""Moving ranges at or above 3.267 × their mean are left out of the limits."""

Direction = Literal[1, -1, 0]
"""1: higher is better (polarity H), -1: lower is better (L), 0: neither (T or unscored)."""
Variation = Literal[
    "common_cause",
    "improving_high",
    "improving_low",
    "concerning_high",
    "concerning_low",
    "neutral_high",
    "neutral_low",
]
Assurance = Literal["consistently_met", "consistently_missed", "hit_and_miss"]

VARIATION_TEXT: dict[str, str] = {
    "common_cause": "Common cause variation: no significant change",
    "improving_high": "Special cause variation, improving: higher than expected",
    "improving_low": "Special cause variation, improving: lower than expected",
    "concerning_high": "Special cause variation, of concern: higher than expected",
    "concerning_low": "Special cause variation, of concern: lower than expected",
    "neutral_high": "Special cause variation: higher than expected",
    "neutral_low": "Special cause variation: lower than expected",
}
ASSURANCE_TEXT: dict[str, str] = {
    "consistently_met": "The target will be met consistently if nothing changes",
    "consistently_missed": "The target will be missed consistently if nothing changes",
    "hit_and_miss": "The target will be met and missed at random if nothing changes",
}


@dataclass(frozen=True)
class Segment:
    """One stretch of the chart between rebases, with its limits."""

    start: str
    """Label (``YYYY-MM``) of the first point."""
    points: int
    baseline_points: int
    mean: float | None
    lpl: float | None
    upl: float | None
    reason: str | None = None
    """Why the limits were recalculated here; None for the first segment."""

    @property
    def limited(self) -> bool:
        return self.mean is not None


@dataclass(frozen=True)
class SpcPoint:
    period: str
    value: float | None
    """None only where the value was withheld for publication (see :mod:`scorepack.judge.suppress`)."""
    special: tuple[str, ...] = ()
    """Ids of the rules that mark this point, in :data:`RULES` order."""
    side: Literal[1, -1, 0] = 0
    """1 a high special cause, -1 a low one, 0 common cause."""


@dataclass(frozen=True)
class SpcResult:
    points: tuple[SpcPoint, ...]
    segments: tuple[Segment, ...]
    min_points: int
    variation: Variation | None
    assurance: Assurance | None
    message: str
    """A sentence for readers: the icons in words, or why there are none."""
    direction: Direction = 0
    """Which way is better: 1 higher, -1 lower, 0 neither."""

    @property
    def charted(self) -> bool:
        return bool(self.segments) and self.segments[-1].limited

    @property
    def variation_text(self) -> str | None:
        return VARIATION_TEXT[self.variation] if self.variation else None

    @property
    def assurance_text(self) -> str | None:
        return ASSURANCE_TEXT[self.assurance] if self.assurance else None


# --- limits ------------------------------------------------------------------------------------


def _mean(xs: Sequence[float]) -> float:
    return math.fsum(xs) / len(xs)


def limits(values: Sequence[float], screen: bool = True) -> tuple[float, float, float]:
    """(mean, lower, upper) natural process limits of ``values`` (two or more)."""
    centre = _mean(values)
    ranges = [abs(b - a) for a, b in pairwise(values)]
    mr = _mean(ranges)
    if screen:
        kept = [r for r in ranges if r < SCREEN * mr]
        mr = _mean(kept) if kept else mr
    return centre, centre - LIMIT * mr, centre + LIMIT * mr


# --- rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """What a rule sees: one segment's values and limits, and the settings."""

    values: tuple[float, ...]
    mean: float
    lpl: float
    upl: float
    settings: Spc

    def side(self, i: int) -> int:
        d = self.values[i] - self.mean
        return (d > 0) - (d < 0)

    def beyond(self, i: int) -> bool:
        return self.values[i] > self.upl or self.values[i] < self.lpl

    def near(self, i: int) -> bool:
        """Beyond two sigma but within the limits."""
        half = (self.upl - self.mean) * NEAR / LIMIT
        v = self.values[i]
        return not self.beyond(i) and (v > self.mean + half or v < self.mean - half)


Marks = tuple[int, ...]
"""Per point: 1 marked high, -1 marked low, 0 not marked."""
Rule = Callable[[Chart], Marks]


def beyond_limits(c: Chart) -> Marks:
    """A point above the upper or below the lower process limit."""
    return tuple(c.side(i) if c.beyond(i) else 0 for i in range(len(c.values)))


def _windows(n: int, size: int) -> range:
    return range(n - size + 1)


def run_one_side(c: Chart) -> Marks:
    """``run_length`` (7) or more points in a row above the mean, or below it; on it breaks a run."""
    size, n = c.settings.run_length, len(c.values)
    marks = [0] * n
    for s in _windows(n, size):
        sides = {c.side(i) for i in range(s, s + size)}
        if len(sides) == 1 and 0 not in sides:
            for i in range(s, s + size):
                marks[i] = c.side(i)
    return tuple(marks)


def trend(c: Chart) -> Marks:
    """``trend_length`` (7) or more points each higher than the last, or each lower; ties break it.

    A point at the turn of a rise into a fall belongs to the later trend.
    """
    size, n, v = c.settings.trend_length, len(c.values), c.values
    marks = [0] * n
    for s in _windows(n, size):
        steps = {(b > a) - (b < a) for a, b in pairwise(v[s : s + size])}
        if len(steps) == 1 and 0 not in steps:
            (step,) = steps
            for i in range(s, s + size):
                marks[i] = step
    return tuple(marks)


def two_of_three(c: Chart) -> Marks:
    """Two of three points in a row beyond two sigma, all three on the same side of the mean.

    Only the points beyond two sigma are marked; points beyond the limits are the first rule's.
    """
    n = len(c.values)
    marks = [0] * n
    for s in _windows(n, 3):
        window = range(s, s + 3)
        sides = {c.side(i) for i in window}
        if len(sides) == 1 and 0 not in sides and sum(c.near(i) for i in window) >= 2:
            for i in window:
                if c.near(i):
                    marks[i] = c.side(i)
    return tuple(marks)


RULES: tuple[tuple[str, Rule], ...] = (
    ("beyond_limits", beyond_limits),
    ("trend", trend),
    ("two_of_three", two_of_three),
    ("run", run_one_side),
)
"""The special-cause rules, in order of precedence."""


def mark(
    chart: Chart, rules: Sequence[tuple[str, Rule]] = RULES
) -> tuple[tuple[tuple[str, ...], int], ...]:
    """For each point, the rules that mark it and the side decided by the first of them."""
    results = [(rule_id, rule(chart)) for rule_id, rule in rules]
    out = []
    for i in range(len(chart.values)):
        ids = tuple(rule_id for rule_id, marks in results if marks[i])
        side = next((marks[i] for _, marks in results if marks[i]), 0)
        out.append((ids, side))
    return tuple(out)


# --- icons -------------------------------------------------------------------------------------


def variation(side: int, direction: Direction) -> Variation:
    """The variation icon for the latest point's side, given which way is better."""
    if side == 0:
        return "common_cause"
    high = "high" if side > 0 else "low"
    if direction == 0:
        return "neutral_high" if side > 0 else "neutral_low"
    return ("improving_" if side * direction > 0 else "concerning_") + high  # type: ignore[return-value]


def assurance(
    target: float | None, lpl: float, upl: float, direction: Direction
) -> Assurance | None:
    """Met consistently when the whole band of natural variation is on the good side of the target."""
    if target is None or direction == 0:
        return None
    if target > upl:
        return "consistently_missed" if direction > 0 else "consistently_met"
    if target < lpl:
        return "consistently_met" if direction > 0 else "consistently_missed"
    return "hit_and_miss"


# --- the chart ---------------------------------------------------------------------------------


def _segment_starts(periods: Sequence[str], settings: Spc) -> list[tuple[int, str | None]]:
    starts: list[tuple[int, str | None]] = [(0, None)]
    for rb in sorted(settings.rebase, key=lambda r: r.period):
        i = next((k for k, p in enumerate(periods) if p >= rb.period), None)
        if i is None:
            continue  # after the last point: nothing to recalculate yet
        if i == starts[-1][0]:
            starts[-1] = (i, rb.reason)
        else:
            starts.append((i, rb.reason))
    return starts


def spc(
    periods: Sequence[str],
    values: Sequence[float],
    direction: Direction,
    target: float | None,
    settings: Spc,
) -> SpcResult:
    """The XmR chart of a monthly series (oldest first) with its icons."""
    starts = _segment_starts(periods, settings) if values else []
    bounds = [*(s for s, _ in starts), len(values)]
    segments: list[Segment] = []
    points: list[SpcPoint] = []
    for (lo, reason), hi in zip(starts, bounds[1:], strict=False):
        seg_values = tuple(values[lo:hi])
        n = len(seg_values)
        base = min(n, settings.baseline_points or n)
        if n < settings.min_points or base < 2:
            segments.append(Segment(periods[lo], n, base, None, None, None, reason))
            points.extend(SpcPoint(p, v) for p, v in zip(periods[lo:hi], seg_values, strict=True))
            continue
        centre, lpl, upl = limits(seg_values[:base], settings.screen_outliers)
        segments.append(Segment(periods[lo], n, base, centre, lpl, upl, reason))
        chart = Chart(seg_values, centre, lpl, upl, settings)
        for p, v, (ids, side) in zip(periods[lo:hi], seg_values, mark(chart), strict=True):
            points.append(SpcPoint(p, v, ids, side))  # type: ignore[arg-type]
    return _result(tuple(points), tuple(segments), direction, target, settings)


def _result(
    points: tuple[SpcPoint, ...],
    segments: tuple[Segment, ...],
    direction: Direction,
    target: float | None,
    settings: Spc,
) -> SpcResult:
    last = segments[-1] if segments else None
    if last is None or last.lpl is None or last.upl is None:
        have = last.points if last else 0
        since = f" since the limits were rebased in {last.start}" if last and last.reason else ""
        return SpcResult(
            points,
            segments,
            settings.min_points,
            None,
            None,
            f"Too few points for SPC: {have} monthly point{'s' if have != 1 else ''}{since}; "
            f"at least {settings.min_points} are needed before limits are drawn.",
            direction,
        )
    var = variation(points[-1].side, direction)
    ass = assurance(target, last.lpl, last.upl, direction)
    words = VARIATION_TEXT[var] + (f". {ASSURANCE_TEXT[ass]}" if ass else "") + "."
    return SpcResult(points, segments, settings.min_points, var, ass, words, direction)


DIRECTIONS: dict[str | None, Direction] = {"H": 1, "L": -1, "T": 0, None: 0}


def trend_spc(
    ind: Indicator, trend: Sequence[TrendPoint], target: float | None, settings: Spc
) -> SpcResult:
    """The chart of a scorecard row's monthly trend; polarity says which way is better."""
    points = [(str(p.result.period), p.result.value) for p in trend if p.result.value is not None]
    return spc(
        [p for p, _ in points],
        [v for _, v in points],
        DIRECTIONS[ind.polarity],
        target,
        settings,
    )
