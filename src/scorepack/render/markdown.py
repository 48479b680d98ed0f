"""Scorecards as Markdown, laid out like the reference report's tables."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from scorepack.judge.model import RAG_WORDS, ActivityTable, Row, Scorecard
from scorepack.judge.scorecard import EXCEPTION_MONTHS
from scorepack.measures.values import format_change, format_quantity, format_value
from scorepack.pack.model import Comparison
from scorepack.periods import fy_short
from scorepack.render.columns import Column, Sheet, for_format

_SPECIAL = re.compile(r"([\\`*_\[\]<>~])|&(?=#?\w+;)")


def escape(text: str) -> str:
    """Text (a unit's name, a title) that Markdown shows as written, never as markup."""
    return _SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines


def _sections(rows: Sequence[Row]) -> Iterable[tuple[str | None, Row | None]]:
    heading = None
    for row in rows:
        if row.section_heading != heading:
            heading = row.section_heading
            yield heading, None
        yield None, row


def scorecard_lines(
    card: Scorecard,
    comparisons: Sequence[Comparison] = (),
    spec: Sequence[Column] | None = None,
) -> list[str]:
    """The scorecard table, its columns read from :data:`~scorepack.render.columns.SCORECARD_COLUMNS`.

    ``comparisons`` are the area's and the county's results (see
    :func:`scorepack.pack.build.comparisons`); ``spec`` replaces the columns.
    """
    sheet = Sheet(card, tuple(comparisons))
    columns = for_format("markdown", sheet, spec)
    header = [c.title("markdown", sheet) for c in columns]
    body: list[list[object]] = []
    for heading, row in _sections(card.rows):
        if heading is not None:
            body.append([f"**{escape(heading)}**", *[""] * (len(header) - 1)])
            continue
        assert row is not None
        line = sheet.line(row)
        body.append([escape(c.text(line)) for c in columns])
    heading = card.title or f"Scorecard - {card.unit.name}"
    lines = [f"## {escape(heading)}", "", f"{card.period.label}", ""]
    if card.revision is not None:
        lines += [f"*{escape(card.revision.sentence)}*", ""]
    lines += _table(header, body)
    lines += ["", "**Performance summary.** " + escape(card.summary_text), ""]
    return lines


def impact_lines(card: Scorecard, cohort: str, cohort_label: str) -> list[str]:
    rows = [r for r in card.rows if r.cohort(cohort) is not None]
    if not rows:
        return []
    fy = fy_short(card.financial_year)
    header = [
        "Indicator",
        "Polarity",
        "Data period",
        "Result",
        "RAG",
        "Num",
        "Denom",
        f"Target for {fy}",
        f"{escape(cohort_label)}: result",
        "RAG",
        "Num",
        "Denom",
        "Variance",
    ]
    body = []
    for r in rows:
        c = r.cohort(cohort)
        assert c is not None
        body.append(
            [
                escape(r.indicator.title),
                r.indicator.polarity or "-",
                r.indicator.period_type,
                r.latest.display,
                r.rag or "",
                format_quantity(r.latest.shown("numerator")),
                format_quantity(r.latest.shown("denominator")),
                r.target_display,
                c.result.display,
                c.rag or "",
                format_quantity(c.result.shown("numerator")),
                format_quantity(c.result.shown("denominator")),
                c.variance_display,
            ]
        )
    title = f"## Cohort impact: {escape(cohort_label)} - {escape(card.unit.name)}"
    return [title, "", *_table(header, body), ""]


def exception_lines(card: Scorecard) -> list[str]:
    lines: list[str] = []
    for ind_id in card.exceptions:
        row = card.row(ind_id)
        points = row.trend[-EXCEPTION_MONTHS:]
        header = ["Month end", *[p.result.period.label for p in points]]
        body = [
            ["Result", *[p.result.display for p in points]],
            ["Target", *[format_value(row.indicator, p.target) for p in points]],
            ["RAG", *[RAG_WORDS[p.rag] if p.rag else "-" for p in points]],
        ]
        lines += [
            f"### {row.indicator.number}. {escape(row.indicator.title)} - Red",
            "",
            *_table(header, body),
            "",
        ]
    return lines


def activity_lines(table: ActivityTable) -> list[str]:
    header = ["Unit"]
    for _mid, label, kind in table.columns:
        name = escape(label)
        header += (
            [f"{name} - this month", f"{name} - last month", f"{name} - change"]
            if kind == "stock"
            else [f"{name} in month"]
        )
    body = []
    for row in table.rows:
        cells: list[object] = ["\u00a0\u00a0" * row.depth + escape(row.unit.name)]
        for (_mid, _label, kind), (_id, c) in zip(table.columns, row.cells, strict=True):
            cells.append(format_quantity(c.shown("this_month")))
            if kind == "stock":
                cells += [format_quantity(c.shown("last_month")), format_change(c.change)]
        body.append(cells)
    return [f"## Activity - {table.period.label}", "", *_table(header, body), ""]


def render_scorecard(
    card: Scorecard,
    cohorts: Sequence[tuple[str, str]] = (),
    comparisons: Sequence[Comparison] = (),
) -> str:
    lines = scorecard_lines(card, comparisons)
    for cohort_id, label in cohorts:
        lines += impact_lines(card, cohort_id, label)
    if card.exceptions:
        lines += ["## Exceptions", "", *exception_lines(card)]
    return "\n".join(lines).rstrip() + "\n"
