"""An indicator's history for its page: what was reported month by month, every version, commentary.

:func:`reported_results` gives one line per month (the newest version of a
published month, as the store froze it; a month not yet published, as it is
judged now, marked as a draft), for at least :data:`HISTORY_MONTHS` months
where the store or the figures have them.  :func:`versions` lists every
version of every published month, revisions included.  :func:`line_chart` draws
the results as an SVG with a text alternative (no script).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

import sqlalchemy as sa

from scorepack.periods import Month
from scorepack.service.monthly import HistoryEntry
from scorepack.service.months import MonthSource
from scorepack.web.tables import commentary

HISTORY_MONTHS = 24
"""How many months of reported results the indicator page shows (at least)."""


@dataclass(frozen=True)
class Reported:
    """One month's result as reported: published (which version) or a draft judged now."""

    month: Month
    value: float | None
    display: str
    rag: str | None
    target: float | None
    version: int | None
    """None for a month that is not published."""
    published_at: datetime | None = None
    reason: str | None = None

    @property
    def status(self) -> str:
        if self.version is None:
            return "draft"
        return "published" if self.version == 1 else f"revised (version {self.version})"


def newest(entries: Sequence[HistoryEntry]) -> dict[Month, HistoryEntry]:
    """The newest version's entry for each month."""
    out: dict[Month, HistoryEntry] = {}
    for e in entries:
        if e.month not in out or e.version > out[e.month].version:
            out[e.month] = e
    return out


def reported_results(
    source: MonthSource, unit_id: str, indicator_id: str, upto: Month, count: int = HISTORY_MONTHS
) -> list[Reported]:
    """Up to ``count`` months ending with ``upto``, oldest first; months with no result left out."""
    published = newest(source.history(unit_id, indicator_id))
    months = [m for m in sorted(set(source.months()) | set(published)) if m <= upto][-count:]
    out = []
    for month in months:
        e = published.get(month)
        if e is not None:
            out.append(
                Reported(
                    month, e.value, e.display, e.rag, e.target, e.version, e.published_at, e.reason
                )
            )
            continue
        card = source.scorecard(unit_id, month)
        try:
            row = card.row(indicator_id) if card else None
        except KeyError:
            row = None
        if row is not None and row.latest.present:
            out.append(
                Reported(month, row.latest.value, row.latest.display, row.rag, row.target, None)
            )
    return out


def versions(source: MonthSource, unit_id: str, indicator_id: str) -> list[HistoryEntry]:
    """Every version of every published month (newest month first, then newest version)."""
    entries = list(source.history(unit_id, indicator_id))
    return sorted(entries, key=lambda e: (e.month, e.version), reverse=True)


@dataclass(frozen=True)
class PastCommentary:
    month: Month
    state: str
    text: str
    updated_by: str
    updated_at: datetime


def past_commentary(engine: sa.Engine, unit_id: str, indicator_id: str) -> list[PastCommentary]:
    """The commentary written for this unit and indicator, every month, newest first."""
    query = (
        sa.select(commentary)
        .where(commentary.c.unit_id == unit_id, commentary.c.indicator_id == indicator_id)
        .order_by(commentary.c.month.desc())
    )
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        PastCommentary(
            Month.parse(r["month"]), r["state"], r["text"], r["updated_by"], r["updated_at"]
        )
        for r in rows
    ]


def line_chart(points: Sequence[Reported], width: int = 640, height: int = 220) -> str:
    """The results as a line (published points filled, drafts hollow), target as a dashed line."""
    values = [p.value for p in points if p.value is not None]
    described = "; ".join(f"{p.month.label}: {p.display} ({p.status})" for p in points)
    label = escape(f"Reported results by month. {described}" if points else "No results")
    if not values:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
            f'viewBox="0 0 {width} 40" class="chart"><title>{label}</title>'
            '<text x="8" y="24" font-size="14">No reported results yet.</text></svg>'
        )
    targets = [p.target for p in points if p.target is not None]
    lo, hi = min(values + targets), max(values + targets)
    span = (hi - lo) or 1.0
    left, right, top, bottom = 56, 12, 12, 36
    n = len(points)

    def x(i: int) -> float:
        return left + (width - left - right) * (i / max(n - 1, 1))

    def y(v: float) -> float:
        return top + (height - top - bottom) * (1 - (v - lo) / span)

    parts = [
        f'<line x1="{left}" y1="{y(v):.1f}" x2="{width - right}" y2="{y(v):.1f}" '
        f'stroke="#b1b4b6" stroke-width="1"/><text x="{left - 6}" y="{y(v) + 4:.1f}" '
        f'font-size="12" text-anchor="end">{v:g}</text>'
        for v in (lo, lo + span / 2, hi)
    ]
    if targets:
        parts.append(
            '<polyline fill="none" stroke="#d4351c" stroke-width="1.5" stroke-dasharray="6 4" '
            'points="'
            + " ".join(
                f"{x(i):.1f},{y(p.target):.1f}"
                for i, p in enumerate(points)
                if p.target is not None
            )
            + '"/>'
        )
    coords = [(x(i), y(p.value)) for i, p in enumerate(points) if p.value is not None]
    parts.append(
        '<polyline fill="none" stroke="#1d70b8" stroke-width="2" points="'
        + " ".join(f"{a:.1f},{b:.1f}" for a, b in coords)
        + '"/>'
    )
    for i, p in enumerate(points):
        if p.value is None:
            continue
        fill = "#1d70b8" if p.version is not None else "#ffffff"
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(p.value):.1f}" r="3.5" fill="{fill}" '
            'stroke="#1d70b8" stroke-width="1.5"/>'
        )
    for i in sorted({0, n - 1, *range(0, n, 6)}):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 12}" font-size="12" text-anchor="middle">'
            f"{escape(str(points[i].month))}</text>"
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" '
        f'viewBox="0 0 {width} {height}" class="chart"><title>{label}</title>'
        + "".join(parts)
        + "</svg>"
    )
