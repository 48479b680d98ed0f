"""What every renderer must show for a scorecard row, taken from the judged data.

The JSON renderer serialises the same ``Scorecard``; these are the printed
forms of its fields (display strings, RAG letters, arrows).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scorepack.judge.model import TRAVEL_ARROWS, Row, Scorecard
from scorepack.judge.spc import SpcResult
from scorepack.measures.values import format_quantity as format_count
from scorepack.pack.model import Comparison
from scorepack.render.cells import ASSURANCE_SHORT, VARIATION_SHORT

FIELDS = (
    "latest",
    "rag",
    "variation",
    "assurance",
    "numerator",
    "denominator",
    "target",
    "previous",
    "dot_previous",
    "outturn",
    "dot_outturn",
)


def _count(v: float | None) -> str:
    return "-" if v is None else format_count(v)


def spc_facts(spc: SpcResult | None, icons: bool) -> dict[str, str]:
    """The SPC cells: the icons' words (their SVG titles on screen) or the few words printed."""
    if spc is None:
        return {"variation": "-", "assurance": "-"}
    if not spc.charted or spc.variation is None:
        return {"variation": "Not enough points", "assurance": "-"}
    if icons:
        return {"variation": spc.variation_text or "-", "assurance": spc.assurance_text or "-"}
    return {
        "variation": VARIATION_SHORT[spc.variation],
        "assurance": ASSURANCE_SHORT[spc.assurance] if spc.assurance else "-",
    }


def row_facts(
    row: Row, comparisons: Sequence[Comparison] = (), icons: bool = True
) -> dict[str, str]:
    facts = {
        "latest": row.latest.display,
        "rag": row.rag or "–",
        **spc_facts(row.spc, icons),
        "numerator": _count(row.latest.numerator),
        "denominator": _count(row.latest.denominator),
        "target": row.target_display,
        "previous": row.previous.display if row.previous else "-",
        "dot_previous": TRAVEL_ARROWS[row.dot_previous] if row.dot_previous else "–",
        "outturn": row.outturn.display if row.outturn else "-",
        "dot_outturn": TRAVEL_ARROWS[row.dot_outturn] if row.dot_outturn else "–",
    }
    for c in comparisons:
        parent = next((r for r in c.rows if r.indicator.id == row.indicator.id), None)
        facts[f"{c.role}_result"] = parent.latest.display if parent else "-"
        facts[f"{c.role}_rag"] = (parent.rag if parent else None) or "–"
    return facts


def scorecard_facts(
    card: Scorecard, comparisons: Sequence[Comparison] = (), icons: bool = True
) -> dict[str, dict[str, str]]:
    return {row.indicator.id: row_facts(row, comparisons, icons) for row in card.rows}


def unwrapped(text: str) -> str:
    """PDF text with titles wrapped after "/" or "-" joined again ("unborn/ missing", "de- registration")."""
    return re.sub(r"(\w[/-]) (?=\w)", r"\1", text)


def assert_scorecards_in_text(pack, text: str) -> None:  # type: ignore[no-untyped-def]
    """Every scorecard row of ``pack`` appears, as printed, in the PDF's ``text``."""
    text = unwrapped(text)
    for page in pack.scorecards:
        card = page.scorecard
        start = text.index(f"{page.title}: results for")
        for row in card.rows:
            ind = row.indicator
            facts = " ".join(scorecard_facts(card, icons=False)[ind.id][f] for f in FIELDS)
            line = f"{ind.number} {ind.title} {ind.polarity or '–'} {ind.period_type} {facts}"
            assert text.find(line, start) > start, (card.unit.id, line)
