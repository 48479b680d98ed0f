"""What the scorecard's cells say: plain text for SPC, benchmarks and results, and HTML helpers.

The columns of :mod:`scorepack.render.columns` read these; they are pure
functions of the judged row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from markupsafe import Markup

from scorepack.benchmarks.dfe import Published
from scorepack.judge.model import TRAVEL_ARROWS, Result, Row
from scorepack.judge.spc import SpcResult
from scorepack.measures.values import format_value
from scorepack.render.spc_svg import assurance_icon, variation_icon

if TYPE_CHECKING:
    from scorepack.render.columns import Column


def result_text(res: Result | None) -> str:
    return res.display if res is not None else "-"


def arrow(travel: str | None) -> str:
    return TRAVEL_ARROWS[travel] if travel else ""


def benchmark_text(row: Row) -> str:
    """``England 22.3% / neighbours 20.1% / Q2 (2015)``; blank without a benchmark."""
    b = row.benchmark
    if b is None:
        return ""
    ind = row.indicator

    def shown(p: Published) -> str:
        if p.suppressed:
            return f"suppressed ({p.code})"
        return format_value(ind, p.value)

    if b.neighbour_mean is not None:
        mean = format_value(ind, b.neighbour_mean)
    elif any(n.value.suppressed for n in b.neighbours):
        mean = "suppressed"
    else:
        mean = "-"
    if b.quartile is not None:
        quartile = f"Q{b.quartile}"
    elif b.own.value.suppressed:
        quartile = f"suppressed ({b.own.value.code})"
    else:
        quartile = "-"
    return f"England {shown(b.england)} / neighbours {mean} / {quartile} ({b.year})"


VARIATION_SHORT: dict[str, str] = {
    "common_cause": "Common cause",
    "improving_high": "Improving (high)",
    "improving_low": "Improving (low)",
    "concerning_high": "Concern (high)",
    "concerning_low": "Concern (low)",
    "neutral_high": "Special cause (high)",
    "neutral_low": "Special cause (low)",
}
"""The variation icon in a few words, for text formats (the full words: ``VARIATION_TEXT``)."""
ASSURANCE_SHORT: dict[str, str] = {
    "consistently_met": "Consistently met",
    "consistently_missed": "Consistently missed",
    "hit_and_miss": "Hit and miss",
}
TOO_FEW_POINTS = "Not enough points"


def variation_short(spc: SpcResult | None) -> str:
    """The variation icon in words; ``Not enough points`` where no limits could be drawn."""
    if spc is None:
        return "-"
    if not spc.charted or spc.variation is None:
        return TOO_FEW_POINTS
    return VARIATION_SHORT[spc.variation]


def assurance_short(spc: SpcResult | None) -> str:
    """The assurance icon in words; ``-`` without limits or a target."""
    if spc is None or not spc.charted or spc.assurance is None:
        return "-"
    return ASSURANCE_SHORT[spc.assurance]


# --- HTML -------------------------------------------------------------------------------------


def colgroup_lines(columns: Sequence[Column]) -> list[list[Column]]:
    """The ``<col>`` elements as the template lays them out: the ungrouped, then five a line."""
    lead = 0
    while lead < len(columns) and columns[lead].group is None:
        lead += 1
    rest = list(columns[lead:])
    return [list(columns[:lead])] * bool(lead) + [rest[i : i + 5] for i in range(0, len(rest), 5)]


ICON_SIZE = 22
"""Pixels: the icons beside RAG on screen."""


def spc_icon(kind: str, spc: SpcResult | None) -> Markup:
    """The variation or assurance icon as inline SVG with its words; empty without one."""
    if spc is None or not spc.charted:
        return Markup("")
    if kind == "variation" and spc.variation is not None:
        return Markup(variation_icon(spc.variation, ICON_SIZE))
    if kind == "assurance" and spc.assurance is not None:
        return Markup(assurance_icon(spc.assurance, ICON_SIZE))
    return Markup("")
