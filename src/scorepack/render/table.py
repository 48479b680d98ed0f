"""Scorecards as a terminal table (rich), for a quick look at the command line."""

from __future__ import annotations

from rich.console import Console, Group, JustifyMethod
from rich.table import Table
from rich.text import Text

from scorepack.judge.model import TRAVEL_ARROWS, Scorecard
from scorepack.measures.values import format_quantity
from scorepack.periods import fy_short

RAG_STYLES = {"G": "bold black on green3", "A": "bold black on orange1", "R": "bold white on red3"}


def _arrow(travel: str | None) -> str:
    return TRAVEL_ARROWS[travel] if travel else ""


def scorecard_table(card: Scorecard) -> Group:
    table = Table(
        title=Text(f"{card.title or 'Scorecard - ' + card.unit.name} - {card.period.label}"),
        show_lines=False,
        header_style="bold",
        expand=False,
    )
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("ID", "right"),
        ("Indicator", "left"),
        ("Pol", "center"),
        ("Period", "center"),
        ("Latest", "right"),
        ("RAG", "center"),
        ("Num", "right"),
        ("Denom", "right"),
        (f"Target {fy_short(card.financial_year)}", "right"),
        ("Previous", "right"),
        ("DoT", "center"),
        (f"Outturn {card.period.outturn.label}", "right"),
        ("DoT", "center"),
    )
    for name, justify in columns:
        wrap = name == "Indicator"
        table.add_column(
            name,
            justify=justify,
            no_wrap=not wrap,
            overflow="fold" if wrap else "ellipsis",
            min_width=28 if wrap else None,
        )
    heading = None
    for row in card.rows:
        if row.section_heading != heading:
            heading = row.section_heading
            table.add_row("", Text(heading, style="bold"), end_section=False)
        ind = row.indicator
        rag = Text(f" {row.rag} ", style=RAG_STYLES[row.rag]) if row.rag else Text("")
        cells = (
            ind.number,
            ind.title,
            ind.polarity or "-",
            ind.period_type,
            row.latest.display,
            rag,
            format_quantity(row.latest.shown("numerator")),
            format_quantity(row.latest.shown("denominator")),
            row.target_display,
            row.previous.display if row.previous else "-",
            _arrow(row.dot_previous),
            row.outturn.display if row.outturn else "-",
            _arrow(row.dot_outturn),
        )
        # Text, not str: rich would read "[...]" in a name or title as markup.
        table.add_row(*(c if isinstance(c, Text) else Text(str(c)) for c in cells))
    return Group(table, Text(card.summary_text))


def print_scorecard(card: Scorecard, console: Console) -> None:
    if not console.is_terminal:
        console.width = max(console.width, 160)
    console.print(scorecard_table(card))
