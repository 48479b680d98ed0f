"""SVG for SPC: the variation and assurance icons, and a small XmR chart.

Self-contained strings (no scripts, no external references) that any renderer
can inline.  Every icon and chart carries ``role="img"``, a ``<title>`` and an
``aria-label`` with the words of :data:`scorepack.judge.spc.VARIATION_TEXT` or
:data:`~scorepack.judge.spc.ASSURANCE_TEXT`, so it reads the same to a screen
reader, in a PDF and in print as a text alternative.  Colours are those of the
Making Data Count icons: grey common cause, blue improving, orange concern,
purple neutral.
"""

from __future__ import annotations

from html import escape

from scorepack.judge.spc import ASSURANCE_TEXT, VARIATION_TEXT, SpcResult

GREY, BLUE, ORANGE, PURPLE, RED = "#a6a6a6", "#00b0f0", "#e46c0a", "#490092", "#de1b1b"

VARIATION_STYLE: dict[str, tuple[str, str]] = {
    "common_cause": (GREY, ""),
    "improving_high": (BLUE, "H"),
    "improving_low": (BLUE, "L"),
    "concerning_high": (ORANGE, "H"),
    "concerning_low": (ORANGE, "L"),
    "neutral_high": (PURPLE, "H"),
    "neutral_low": (PURPLE, "L"),
}
"""Icon colour and letter (H higher, L lower) for each variation icon."""
ASSURANCE_STYLE: dict[str, tuple[str, str]] = {
    "consistently_met": (BLUE, "P"),
    "consistently_missed": (ORANGE, "F"),
    "hit_and_miss": (GREY, "?"),
}
"""Icon colour and letter (P pass, F fail, ? hit and miss) for each assurance icon."""


def _svg(body: str, label: str, size: int, width: int | None = None) -> str:
    w = width or size
    text = escape(label)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{size}" '
        f'viewBox="0 0 {w * 100 // size} 100" role="img" aria-label="{text}">'
        f"<title>{text}</title>{body}</svg>"
    )


def _letter(letter: str, colour: str) -> str:
    if not letter:
        return ""
    return (
        f'<text x="50" y="86" text-anchor="middle" font-family="Liberation Sans, Arial, '
        f'sans-serif" font-size="22" font-weight="bold" fill="{colour}">{escape(letter)}</text>'
    )


def variation_icon(variation: str, size: int = 32) -> str:
    """The variation icon: a ring with a run of dots, the last ones coloured when special."""
    colour, letter = VARIATION_STYLE[variation]
    ys = (50, 50, 50, 50, 50)
    if letter == "H":
        ys = (58, 56, 50, 40, 32)
    elif letter == "L":
        ys = (42, 44, 50, 60, 68)
    dots = "".join(
        f'<circle cx="{22 + 14 * i}" cy="{y}" r="5" fill="{colour if i >= 3 and letter else GREY}"/>'
        for i, y in enumerate(ys)
    )
    ring = f'<circle cx="50" cy="50" r="44" fill="#ffffff" stroke="{colour}" stroke-width="7"/>'
    return _svg(ring + dots + _letter(letter, colour), VARIATION_TEXT[variation], size)


def assurance_icon(assurance: str, size: int = 32) -> str:
    """The assurance icon: a ring with its letter (P, F or ?) over a target line."""
    colour, letter = ASSURANCE_STYLE[assurance]
    ring = f'<circle cx="50" cy="50" r="44" fill="#ffffff" stroke="{colour}" stroke-width="7"/>'
    line = f'<line x1="20" y1="62" x2="80" y2="62" stroke="{RED}" stroke-width="4"/>'
    big = (
        f'<text x="50" y="52" text-anchor="middle" font-family="Liberation Sans, Arial, '
        f'sans-serif" font-size="40" font-weight="bold" fill="{colour}">{escape(letter)}</text>'
    )
    return _svg(ring + line + big, ASSURANCE_TEXT[assurance], size)


def icons(result: SpcResult | None, size: int = 32) -> str:
    """Both icons side by side, or the too-few sentence as a plain text element's content."""
    if result is None or result.variation is None:
        return ""
    parts = [variation_icon(result.variation, size)]
    if result.assurance is not None:
        parts.append(assurance_icon(result.assurance, size))
    return "".join(parts)


def chart(
    result: SpcResult, target: float | None = None, width: int = 480, height: int = 200
) -> str:
    """The XmR chart: points joined by a line, mean and limits per segment, target in red.

    Special-cause points are coloured by the variation they signal; too few
    points gives an SVG holding only the sentence that says so.
    """
    label = f"SPC chart. {result.message}"
    values = [p.value for p in result.points if p.value is not None]
    if not result.charted or not values:
        body = (
            f'<text x="10" y="{height // 2}" font-family="Liberation Sans, Arial, sans-serif" '
            f'font-size="12">{escape(result.message)}</text>'
        )
        return _svg(body, label, height, width)
    levels = [*values]
    for s in result.segments:
        levels += [x for x in (s.mean, s.lpl, s.upl) if x is not None]
    if target is not None:
        levels.append(target)
    lo, hi = min(levels), max(levels)
    span = (hi - lo) or 1.0
    n = len(result.points)
    vw, vh, pad = width * 100 // height, 100, 6

    def x(i: int) -> float:
        return pad + (vw - 2 * pad) * (i / max(n - 1, 1))

    def y(v: float) -> float:
        return vh - pad - (vh - 2 * pad) * (v - lo) / span

    out: list[str] = []
    start = 0
    for s in result.segments:
        end = start + s.points - 1
        for v, dash in (
            (s.mean, ""),
            (s.lpl, ' stroke-dasharray="3 2"'),
            (s.upl, ' stroke-dasharray="3 2"'),
        ):
            if v is not None:
                out.append(
                    f'<line x1="{x(start):.1f}" y1="{y(v):.1f}" x2="{x(end):.1f}" y2="{y(v):.1f}" '
                    f'stroke="{"#000000" if not dash else GREY}" stroke-width="0.8"{dash}/>'
                )
        start = end + 1
    if target is not None:
        out.append(
            f'<line x1="{x(0):.1f}" y1="{y(target):.1f}" x2="{x(n - 1):.1f}" y2="{y(target):.1f}" '
            f'stroke="{RED}" stroke-width="0.8"/>'
        )
    coords = [(x(i), y(p.value)) for i, p in enumerate(result.points) if p.value is not None]
    out.append(
        '<polyline fill="none" stroke="#a6a6a6" stroke-width="1" points="'
        + " ".join(f"{a:.1f},{b:.1f}" for a, b in coords)
        + '"/>'
    )
    for i, p in enumerate(result.points):
        if p.value is None:
            continue
        colour = GREY if p.side == 0 else _point_colour(p.side, result)
        out.append(f'<circle cx="{x(i):.1f}" cy="{y(p.value):.1f}" r="1.8" fill="{colour}"/>')
    return _svg("".join(out), label, height, width)


def _point_colour(side: int, result: SpcResult) -> str:
    if result.direction == 0:
        return PURPLE
    return BLUE if side * result.direction > 0 else ORANGE
