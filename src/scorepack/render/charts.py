"""Trend charts as inline SVG: vector in the PDF, no request from the HTML.

A chart spans at least 13 months.  The RAG bands in force each month are
shaded behind the line (pale green, amber and red), the target is a dashed
step line, and each month with a figure is a point.  Months with no figure
are left as gaps.  The chart carries ``role="img"``, a ``<title>`` and a
``<desc>`` that reads every value out, so a screen reader user gets the same
facts as a sighted one.  Coordinates are written with fixed decimals, so the
same input always gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from scorepack.catalogue.model import Indicator
from scorepack.judge.model import RAG_WORDS, TrendPoint
from scorepack.measures.values import format_value
from scorepack.pack.model import ExceptionPage
from scorepack.pack.notes import format_threshold, thresholds
from scorepack.periods import Month
from scorepack.render.metrics import text_width

WIDTH, HEIGHT = 680.0, 250.0
LEFT, RIGHT, TOP, BOTTOM = 58.0, 62.0, 14.0, 40.0
FONT = "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif"
PRINT_FONT = "Liberation Sans, sans-serif"  # what the PDF uses; a short list resolves faster
BAND_FILL = {"G": "#dcefdc", "A": "#fcefc7", "R": "#f7dada"}
LINE = "#1d3a6b"
TARGET = "#333333"
TEXT = "#222222"


def _n(x: float) -> str:
    return f"{x:.1f}"


def nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks - 1, 1)
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * power:
            return mult * power
    return 10 * power


def zones(ind: Indicator, month: Month, target: float | None) -> list[tuple[str, float, float]]:
    """(RAG, low, high) value ranges for one month; infinite ends allowed."""
    t = thresholds(ind, month.financial_year)
    inf = math.inf
    if t is None:
        return []
    if t.polarity == "T":
        tgt = target if target is not None else t.target
        if tgt is None or t.green_within is None:
            return []
        gw = t.green_within
        out = [("G", tgt - gw, tgt + gw)]
        if t.red_beyond is not None:
            rb = t.red_beyond
            out += [
                ("A", tgt - rb, tgt - gw),
                ("A", tgt + gw, tgt + rb),
                ("R", -inf, tgt - rb),
                ("R", tgt + rb, inf),
            ]
        else:
            out += [("A", -inf, tgt - gw), ("A", tgt + gw, inf)]
        return out
    green = t.green if t.green is not None else target
    if green is None:
        return []
    if t.polarity == "H":
        if t.red is None:
            return [("G", green, inf), ("A", -inf, green)]
        return [("G", green, inf), ("A", t.red, green), ("R", -inf, t.red)]
    if t.red is None:
        return [("G", -inf, green), ("A", green, inf)]
    return [("G", -inf, green), ("A", green, t.red), ("R", t.red, inf)]


def _range(values: Sequence[float], ind: Indicator) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if hi == lo:
        hi, lo = hi + 1, lo - 1
    pad = (hi - lo) * 0.15
    lo, hi = lo - pad, hi + pad
    if min(values) >= 0:
        lo = max(lo, 0.0)
    if ind.kind == "percentage" and max(values) <= 100:
        hi = min(hi, 100.0)
    step = nice_step(hi - lo)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step


def describe(page: ExceptionPage) -> str:
    """The chart's text alternative: every month's value, RAG and target."""
    ind = page.row.indicator
    by_month = {p.result.period: p for p in page.row.trend}
    parts = []
    for m in page.chart_months:
        p = by_month.get(m)
        if p is None or p.result.value is None:
            parts.append(f"{m.label} no figure")
            continue
        rag = f" ({RAG_WORDS[p.rag]})" if p.rag else ""
        parts.append(f"{m.label} {p.result.display}{rag}")
    first, last = page.chart_months[0], page.chart_months[-1]
    target = page.row.target
    tail = f" The target is {format_value(ind, target)}." if target is not None else ""
    return f"Monthly results from {first.label} to {last.label}: " + "; ".join(parts) + "." + tail


def alt_text(page: ExceptionPage) -> str:
    """The chart's title and description in one, the PDF Figure's ``/Alt``."""
    return f"Trend chart: {page.row.indicator.title}, {page.unit.name}. {describe(page)}"


def trend_chart(page: ExceptionPage, for_print: bool = False) -> str:
    """The SVG for one exception page's trend chart.

    Grid lines are one path and the points another: WeasyPrint draws each SVG
    element separately, and a chart is printed on every exception page.
    ``for_print`` leaves out the title and description, which never show on
    paper, and gives the chart ``role="img"`` with an ``aria-label`` instead: the
    one thing Chromium carries into the tagged PDF as the Figure's ``/Alt`` (the
    ``<figure>`` around it is a group there, so it is no Figure without one).
    """
    ind = page.row.indicator
    months = page.chart_months
    by_month: dict[Month, TrendPoint] = {p.result.period: p for p in page.row.trend}
    targets = [
        (by_month[m].target if m in by_month else None) or ind.targets.get(m.financial_year)
        for m in months
    ]
    month_zones = [zones(ind, m, t) for m, t in zip(months, targets, strict=True)]
    values = [p.result.value for p in by_month.values() if p.result.value is not None]
    values += [t for t in targets if t is not None]
    values += [b for z in month_zones for _, lo, hi in z for b in (lo, hi) if math.isfinite(b)]
    lo, hi = _range(values or [0.0, 1.0], ind)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(months)

    def y(v: float) -> float:
        v = min(max(v, lo), hi)
        return TOP + plot_h - (v - lo) / (hi - lo) * plot_h

    def x(i: int) -> float:
        return LEFT + slot * (i + 0.5)

    def label(at: float, baseline: float, text: str, anchor: str) -> str:
        """An axis label (11px), centred on or ending at ``at``.

        On paper the position is worked out here from the font's metrics:
        WeasyPrint would put each centred or end-aligned label in a group of
        its own, and every page's resources would list all of them.
        """
        if not for_print:
            return f'<text x="{_n(at)}" y="{_n(baseline)}" text-anchor="{anchor}">{escape(text)}</text>'
        shift = text_width(text, 11) / (2 if anchor == "middle" else 1)
        return f'<text x="{_n(at - shift)}" y="{_n(baseline)}">{escape(text)}</text>'

    cid = f"chart-{page.anchor}"
    size = f'viewBox="0 0 {_n(WIDTH)} {_n(HEIGHT)}" width="{_n(WIDTH)}" height="{_n(HEIGHT)}"'
    if for_print:
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" {size} '
            f'aria-label="{escape(alt_text(page))}" font-family="{PRINT_FONT}">'
        ]
    else:
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" {size} '
            f'aria-labelledby="{cid}-title {cid}-desc" font-family="{FONT}">',
            f'<title id="{cid}-title">{escape(f"Trend chart: {ind.title}, {page.unit.name}")}</title>',
            f'<desc id="{cid}-desc">{escape(describe(page))}</desc>',
        ]
    out.append('<g class="bands">')
    i = 0
    while i < len(months):  # merge runs of months with the same bands into one rectangle
        j = i
        while j + 1 < len(months) and month_zones[j + 1] == month_zones[i]:
            j += 1
        for rag, zlo, zhi in month_zones[i]:
            top, bottom = y(zhi), y(zlo)
            if bottom - top > 0.05:
                out.append(
                    f'<rect x="{_n(LEFT + slot * i)}" y="{_n(top)}" width="{_n(slot * (j - i + 1))}" '
                    f'height="{_n(bottom - top)}" fill="{BAND_FILL[rag]}"/>'
                )
        i = j + 1
    out.append("</g>")
    step = nice_step(hi - lo)
    tick = lo
    grid, labels = [], []
    while tick <= hi + step / 1000:
        grid.append(f"M{_n(LEFT)} {_n(y(tick))}H{_n(WIDTH - RIGHT)}")
        labels.append(label(LEFT - 6, y(tick) + 4, format_threshold(ind, round(tick, 6)), "end"))
        tick += step
    out.append(f'<path class="grid" d="{"".join(grid)}" stroke="#9a9a9a" stroke-width="0.5"/>')
    out.append(f'<g class="axis" font-size="11" fill="{TEXT}">')
    out += labels
    for i, m in enumerate(months):
        out.append(label(x(i), HEIGHT - BOTTOM + 16, f"{m.label[:3]} {m.year % 100:02d}", "middle"))
    out.append("</g>")
    steps = []
    for i, t in enumerate(targets):
        if t is not None:
            steps.append(f"{_n(LEFT + slot * i)},{_n(y(t))} {_n(LEFT + slot * (i + 1))},{_n(y(t))}")
    if steps:
        out.append(
            f'<polyline class="target" points="{" ".join(steps)}" fill="none" stroke="{TARGET}" '
            'stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
    runs: list[list[str]] = [[]]
    for i, m in enumerate(months):
        p = by_month.get(m)
        if p is None or p.result.value is None:
            runs.append([])
            continue
        runs[-1].append(f"{_n(x(i))},{_n(y(p.result.value))}")
    for run in runs:
        if len(run) > 1:
            out.append(
                f'<polyline class="result" points="{" ".join(run)}" fill="none" stroke="{LINE}" '
                'stroke-width="2.5"/>'
            )
    dots = []  # each point a circle of radius 3.5, drawn as two arcs
    for i, m in enumerate(months):
        p = by_month.get(m)
        if p is not None and p.result.value is not None:
            dots.append(
                f"M{_n(x(i) - 3.5)} {_n(y(p.result.value))}a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0-7 0Z"
            )
    if dots:
        out.append(f'<path class="points" d="{"".join(dots)}" fill="{LINE}"/>')
    last = by_month.get(months[-1])
    if last is not None and last.result.value is not None:
        ly = y(last.result.value)
        out.append(
            f'<text x="{_n(WIDTH - RIGHT + 6)}" y="{_n(ly + 4)}" '
            f'font-size="12" font-weight="bold" fill="{LINE}">'
            f"{escape(last.result.display)}</text>"
        )
    out.append(
        f'<rect x="{_n(LEFT)}" y="{_n(TOP)}" width="{_n(plot_w)}" height="{_n(plot_h)}" '
        'fill="none" stroke="#6b6b6b" stroke-width="0.75"/>'
    )
    out.append("</svg>")
    return "\n".join(out)
