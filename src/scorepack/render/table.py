"""Scorecards as a terminal table (rich), for a quick look at the command line.

The columns are those of :data:`scorepack.render.columns.SCORECARD_COLUMNS`
that list ``table`` among their formats.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from scorepack.judge.model import Scorecard
from scorepack.pack.model import Comparison
from scorepack.render.columns import Column, Sheet, for_format

RAG_STYLES = {"G": "bold black on green3", "A": "bold black on orange1", "R": "bold white on red3"}


def _cell(column: Column, text: str) -> Text:
    # Text, not str: rich would read "[...]" in a name or title as markup.
    if column.kind == "rag" and text:
        return Text(f" {text} ", style=RAG_STYLES[text])
    return Text(text)


def scorecard_table(
    card: Scorecard,
    comparisons: Sequence[Comparison] = (),
    spec: Sequence[Column] | None = None,
) -> Group:
    table = Table(
        title=Text(f"{card.title or 'Scorecard - ' + card.unit.name} - {card.period.label}"),
        show_lines=False,
        header_style="bold",
        expand=False,
    )
    sheet = Sheet(card, tuple(comparisons))
    columns = for_format("table", sheet, spec)
    for column in columns:
        title = column.kind == "title"
        table.add_column(
            column.title("table", sheet),
            justify=column.align,
            no_wrap=not column.wrap,
            overflow="fold" if column.wrap else "ellipsis",
            min_width=28 if title else None,
        )
    titles = [i for i, c in enumerate(columns) if c.kind == "title"]
    heading = None
    for row in card.rows:
        if row.section_heading != heading:
            heading = row.section_heading
            cells = [Text("")] * len(columns)
            if titles:
                cells[titles[0]] = Text(heading, style="bold")
            table.add_row(*cells, end_section=False)
        line = sheet.line(row)
        table.add_row(*(_cell(c, c.text(line)) for c in columns))
    return Group(table, Text(card.summary_text))


def print_scorecard(
    card: Scorecard, console: Console, comparisons: Sequence[Comparison] = ()
) -> None:
    if not console.is_terminal:
        console.width = max(console.width, 160)
    console.print(scorecard_table(card, comparisons))
