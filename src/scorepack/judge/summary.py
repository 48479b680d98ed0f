"""Summary counts and the performance summary sentence.

Both come from the same judged rows, so the sentence cannot disagree with the
table it sits under.  Rows with too few to rate have no RAG and no arrows, so
they fall out of every count (``Scorecard.too_few`` lists them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from scorepack.judge.model import Row, Summary
from scorepack.periods import Month


def summarise(rows: Iterable[Row]) -> Summary:
    rows = list(rows)
    rags = Counter(r.rag for r in rows if r.rag)
    prev = Counter(r.dot_previous for r in rows if r.dot_previous)
    out = Counter(r.dot_outturn for r in rows if r.dot_outturn)
    return Summary(
        green=rags["G"],
        amber=rags["A"],
        red=rags["R"],
        improved=prev["improved"],
        same=prev["same"],
        worse=prev["worse"],
        outturn_improved=out["improved"],
        outturn_same=out["same"],
        outturn_worse=out["worse"],
    )


def _indicators(n: int) -> str:
    return f"{n} indicator" if n == 1 else f"{n} indicators"


def _have(n: int) -> str:
    return "has" if n == 1 else "have"


def _travel_clause(improved: int, same: int, worse: int) -> str:
    return (
        f"{_indicators(improved)} {_have(improved)} shown an improvement, "
        f"{_indicators(same)} {_have(same)} remained the same and "
        f"{_indicators(worse)} {_have(worse)} shown a reduction"
    )


def summary_sentence(s: Summary, unit_name: str, period: Month) -> str:
    """The reference's performance summary, e.g. ``As at 31/03/2016, Kent has 17 ...``."""
    as_at = period.end.strftime("%d/%m/%Y")
    outturn = period.outturn.short_label
    return (
        f"As at {as_at}, {unit_name} has {_indicators(s.green)} rated as Green, "
        f"{_indicators(s.amber)} rated as Amber and {_indicators(s.red)} rated as Red. "
        f"When comparing performance from last month to this month, "
        f"{_travel_clause(s.improved, s.same, s.worse)}. "
        f"When comparing performance from outturn ({outturn}) to this month, "
        f"{_travel_clause(s.outturn_improved, s.outturn_same, s.outturn_worse)}."
    )
