"""What every renderer must show for a scorecard row, taken from the judged data.

The JSON renderer serialises the same ``Scorecard``; these are the printed
forms of its fields (display strings, RAG letters, arrows).
"""

from __future__ import annotations

from scorepack.judge.model import TRAVEL_ARROWS, Row, Scorecard
from scorepack.measures.values import format_quantity as format_count

FIELDS = (
    "latest",
    "rag",
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


def row_facts(row: Row) -> dict[str, str]:
    return {
        "latest": row.latest.display,
        "rag": row.rag or "–",
        "numerator": _count(row.latest.numerator),
        "denominator": _count(row.latest.denominator),
        "target": row.target_display,
        "previous": row.previous.display if row.previous else "-",
        "dot_previous": TRAVEL_ARROWS[row.dot_previous] if row.dot_previous else "–",
        "outturn": row.outturn.display if row.outturn else "-",
        "dot_outturn": TRAVEL_ARROWS[row.dot_outturn] if row.dot_outturn else "–",
    }


def scorecard_facts(card: Scorecard) -> dict[str, dict[str, str]]:
    return {row.indicator.id: row_facts(row) for row in card.rows}


def assert_scorecards_in_text(pack, text: str) -> None:  # type: ignore[no-untyped-def]
    """Every scorecard row of ``pack`` appears, as printed, in the PDF's ``text``."""
    for page in pack.scorecards:
        card = page.scorecard
        start = text.index(f"{page.title}: results for")
        for row in card.rows:
            ind = row.indicator
            facts = " ".join(scorecard_facts(card)[ind.id][f] for f in FIELDS)
            line = f"{ind.number} {ind.title} {ind.polarity or '–'} {ind.period_type} {facts}"
            assert text.find(line, start) > start, (card.unit.id, line)
