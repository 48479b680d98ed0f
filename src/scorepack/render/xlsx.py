"""The pack as an Excel workbook, for managers who want to sort and filter.

Sheets: an "About" sheet, the activity table, one sheet per scorecard (county,
areas, teams), one per cohort impact table, and the exception reports with
their commentary.  Numbers are stored as numbers with number formats
(percentages as fractions formatted ``0.0%``), RAG is a letter coloured by
conditional formatting, header rows are frozen and filtered.  Every piece of
text is written with ``write_string``, so commentary beginning with ``=``,
``+``, ``-`` or ``@`` stays text and never runs as a formula.

The document properties carry a fixed creation date (the pack's production
date), so the same pack always gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from scorepack.catalogue.model import Indicator
from scorepack.judge.model import RAG_WORDS, TRAVEL_ARROWS, TRAVEL_WORDS, Result, Row
from scorepack.pack.model import (
    ActivityPage,
    CohortTable,
    ExceptionPage,
    OverviewPage,
    Pack,
)
from scorepack.periods import fy_short
from scorepack.render.columns import Column
from scorepack.render.xlsx_data import HEADER_ROW, data_sheet, overview_sheet, scorecard_sheet

NAVY, BAND = "#1D3A6B", "#E4E9F2"
RAG_FORMATS = {
    "G": {"bg_color": "#2E7D32", "font_color": "#FFFFFF", "bold": True},
    "A": {"bg_color": "#FFBF47", "font_color": "#1A1A1A", "bold": True},
    "R": {"bg_color": "#C62828", "font_color": "#FFFFFF", "bold": True},
}


class _Writer:
    """Holds the workbook's formats; one instance per rendering."""

    def __init__(self, book: Workbook):
        self.book = book
        self.title = book.add_format({"bold": True, "font_size": 14, "font_color": NAVY})
        self.sub = book.add_format({"italic": True, "font_color": "#4A4A4A"})
        self.head = book.add_format(
            {
                "bold": True,
                "font_color": "#FFFFFF",
                "bg_color": NAVY,
                "text_wrap": True,
                "valign": "bottom",
                "border": 1,
                "border_color": "#B8BFCC",
            }
        )
        self.text = book.add_format({"text_wrap": True, "valign": "top"})
        self.centre = book.add_format({"align": "center", "valign": "top"})
        self.bold = book.add_format({"bold": True, "valign": "top"})
        self.rag = {k: book.add_format(v) for k, v in RAG_FORMATS.items()}
        self._numbers: dict[str, Any] = {}
        self.names: set[str] = set()

    def number(self, pattern: str) -> Any:
        if pattern not in self._numbers:
            self._numbers[pattern] = self.book.add_format({"num_format": pattern, "valign": "top"})
        return self._numbers[pattern]

    def sheet(self, name: str) -> Worksheet:
        clean = re.sub(r"[\[\]:*?/\\']", " ", name).strip()[:31] or "Sheet"
        candidate, n = clean, 2
        while candidate.lower() in self.names:
            suffix = f" ({n})"
            candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
        self.names.add(candidate.lower())
        return self.book.add_worksheet(candidate)

    def string(self, ws: Worksheet, row: int, col: int, text: str | None, fmt: Any = None) -> None:
        ws.write_string(row, col, text or "", fmt if fmt is not None else self.text)

    def headings(self, ws: Worksheet, title: str, subtitle: str, heads: list[str]) -> None:
        ws.write_string(0, 0, title, self.title)
        ws.write_string(1, 0, subtitle, self.sub)
        for col, head in enumerate(heads):
            ws.write_string(HEADER_ROW, col, head, self.head)
        ws.set_row(HEADER_ROW, 45)
        ws.freeze_panes(HEADER_ROW + 1, 0)

    def finish_table(self, ws: Worksheet, last_row: int, ncols: int, rag_cols: list[int]) -> None:
        last_row = max(last_row, HEADER_ROW + 1)
        ws.autofilter(HEADER_ROW, 0, last_row, ncols - 1)
        for col in rag_cols:
            for letter, fmt in self.rag.items():
                ws.conditional_format(
                    HEADER_ROW + 1,
                    col,
                    last_row,
                    col,
                    {
                        "type": "cell",
                        "criteria": "==",
                        "value": f'"{letter}"',
                        "format": fmt,
                    },
                )

    def value(self, ws: Worksheet, row: int, col: int, ind: Indicator, value: float | None) -> None:
        """A result or target: a number in the indicator's units, or a dash."""
        if value is None:
            self.string(ws, row, col, "-", self.centre)
            return
        places = "0" if ind.places == 0 else "0." + "0" * ind.places
        if ind.kind == "percentage":
            ws.write_number(row, col, value / 100, self.number(places + "%"))
        else:
            ws.write_number(row, col, value, self.number(places))

    def count(self, ws: Worksheet, row: int, col: int, value: float | str | None) -> None:
        if value is None or isinstance(value, str):
            self.string(ws, row, col, value or "-", self.centre)
        else:
            ws.write_number(
                row, col, value, self.number("0" if float(value).is_integer() else "0.0")
            )

    def result(self, ws: Worksheet, row: int, col: int, ind: Indicator, res: Result | None) -> None:
        if res is not None and res.suppressed:
            self.string(ws, row, col, res.display, self.centre)
            return
        self.value(ws, row, col, ind, res.value if res is not None else None)

    def rag_letter(self, ws: Worksheet, row: int, col: int, rag: str | None) -> None:
        self.string(ws, row, col, rag or "-", self.centre)

    def arrow(self, ws: Worksheet, row: int, col: int, travel: str | None) -> None:
        text = f"{TRAVEL_ARROWS[travel]} {TRAVEL_WORDS[travel]}" if travel else "-"
        self.string(ws, row, col, text, self.centre)


def _activity(w: _Writer, page: ActivityPage) -> None:
    table = page.table
    ws = w.sheet("Activity")
    heads = ["Unit", "Level"]
    for _, label, kind in table.columns:
        heads += (
            [f"{label} – this month", f"{label} – last month", f"{label} – change"]
            if kind == "stock"
            else [label]
        )
    w.headings(ws, page.title, f"{table.period.label}", heads)
    r = HEADER_ROW
    for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
        w.string(ws, r, 0, row.unit.name, w.bold if row.depth == 0 else w.text)
        ws.write_number(r, 1, row.depth, w.number("0"))
        col = 2
        for (_, cell), (_, _, kind) in zip(row.cells, table.columns, strict=True):
            w.count(ws, r, col, cell.shown("this_month"))
            if kind == "stock":
                w.count(ws, r, col + 1, cell.shown("last_month"))
                change = cell.change
                if change is None:
                    w.string(ws, r, col + 2, "-", w.centre)
                else:
                    ws.write_number(r, col + 2, change, w.number("+0;-0;0"))
                col += 3
            else:
                col += 1
    w.finish_table(ws, r, len(heads), [])
    ws.set_column(0, 0, 30)
    ws.set_column(1, len(heads) - 1, 12)


def _cohort(w: _Writer, table: CohortTable) -> None:
    ws = w.sheet(table.title)
    label = table.cohort.label
    fy = fy_short(table.financial_year)
    heads = [
        "Unit",
        "Indicator",
        "Polarity",
        "Data period",
        "All children – result",
        "RAG",
        "Num",
        "Denom",
        f"Target for {fy}",
        f"{label} – result",
        f"{label} – RAG",
        f"{label} – num",
        f"{label} – denom",
        "Variance",
    ]
    w.headings(ws, table.title, f"Results with and without the cohort {label}", heads)
    r = HEADER_ROW
    for block in table.blocks:
        for row in block.rows:
            c = row.cohort(table.cohort.id)
            if c is None:
                continue
            r += 1
            ind = row.indicator
            w.string(ws, r, 0, block.heading)
            w.string(ws, r, 1, ind.title)
            w.string(ws, r, 2, ind.polarity or "-", w.centre)
            w.string(ws, r, 3, ind.period_type, w.centre)
            w.result(ws, r, 4, ind, row.latest)
            w.rag_letter(ws, r, 5, row.rag)
            w.count(ws, r, 6, row.latest.shown("numerator"))
            w.count(ws, r, 7, row.latest.shown("denominator"))
            w.value(ws, r, 8, ind, row.target)
            w.result(ws, r, 9, ind, c.result)
            w.rag_letter(ws, r, 10, c.rag)
            w.count(ws, r, 11, c.result.shown("numerator"))
            w.count(ws, r, 12, c.result.shown("denominator"))
            if c.variance is None:
                w.string(ws, r, 13, "-", w.centre)
            else:
                _variance(w, ws, r, 13, ind, c.variance)
    w.finish_table(ws, r, len(heads), [5, 10])
    for col, width in enumerate([20, 60, 9, 9, 11, 6, 9, 9, 10, 11, 8, 9, 9, 10]):
        ws.set_column(col, col, width)


def _variance(w: _Writer, ws: Worksheet, r: int, col: int, ind: Indicator, v: float) -> None:
    places = "0" if ind.places == 0 else "0." + "0" * ind.places
    if ind.kind == "percentage":
        ws.write_number(r, col, v / 100, w.number(f"+{places}%;-{places}%;{places}%"))
    else:
        ws.write_number(r, col, v, w.number(f"+{places};-{places};{places}"))


def _exceptions(w: _Writer, pages: tuple[ExceptionPage, ...]) -> None:
    ws = w.sheet("Exceptions")
    heads = [
        "Unit",
        "ID",
        "Indicator",
        "RAG",
        "Latest result",
        "Target",
        "Commentary",
        "Commentary drafted automatically",
        "Target and RAG bandings",
        "Tolerance",
        "Data",
        "Data source",
        "Cabinet Member",
        "Director",
    ]
    w.headings(ws, "Exception reports", "One row per Red indicator per unit", heads)
    r = HEADER_ROW
    for r, page in enumerate(pages, start=HEADER_ROW + 1):
        row: Row = page.row
        ind = row.indicator
        notes = page.notes
        w.string(ws, r, 0, page.unit.name)
        w.string(ws, r, 1, ind.number, w.centre)
        w.string(ws, r, 2, ind.title)
        w.rag_letter(ws, r, 3, row.rag)
        w.result(ws, r, 4, ind, row.latest)
        w.value(ws, r, 5, ind, row.target)
        w.string(ws, r, 6, page.commentary.text)
        w.string(ws, r, 7, "Yes" if page.commentary.drafted else "No", w.centre)
        bands = f"{notes.target} ({notes.bands})" if notes.bands else notes.target
        w.string(ws, r, 8, bands)
        w.string(ws, r, 9, notes.tolerance)
        w.string(ws, r, 10, notes.period)
        w.string(ws, r, 11, notes.source)
        w.string(ws, r, 12, page.owners.cabinet_member)
        w.string(ws, r, 13, page.owners.director)
    w.finish_table(ws, r, len(heads), [3])
    for col, width in enumerate([20, 5, 50, 6, 10, 10, 80, 12, 45, 22, 45, 14, 18, 18]):
        ws.set_column(col, col, width)


def _about(w: _Writer, pack: Pack) -> None:
    ws = w.sheet("About")
    cover = pack.cover
    ws.write_string(0, 0, cover.title, w.title)
    lines = [
        ("Authority", cover.authority),
        ("Service", cover.service),
        ("Month", cover.month_label),
        ("Produced", cover.produced_label),
        ("RAG", ", ".join(f"{k} = {v}" for k, v in RAG_WORDS.items())),
        (
            "Direction of travel",
            ", ".join(f"{TRAVEL_ARROWS[k]} = {TRAVEL_WORDS[k]}" for k in TRAVEL_ARROWS),
        ),
        ("Note", "Aggregate figures only; no information about individual children."),
    ]
    for r, (label, text) in enumerate(lines, start=2):
        w.string(ws, r, 0, label, w.bold)
        w.string(ws, r, 1, text)
    ws.set_column(0, 0, 20)
    ws.set_column(1, 1, 90)


def render_xlsx(pack: Pack, spec: Sequence[Column] | None = None) -> bytes:
    """The workbook as bytes; the same pack always gives the same bytes.

    ``spec`` replaces the scorecard sheets' columns (:data:`~scorepack.render.columns.SCORECARD_COLUMNS`).
    """
    out = io.BytesIO()
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    produced = pack.cover.produced
    book.set_properties(
        {
            "title": f"{pack.cover.title} – {pack.cover.month_label}",
            "subject": pack.cover.service,
            "author": pack.cover.authority,
            "company": pack.cover.authority,
            "comments": "Produced by scorepack",
            "created": datetime(produced.year, produced.month, produced.day),
        }
    )
    w = _Writer(book)
    _about(w, pack)
    if pack.activity is not None:
        _activity(w, pack.activity)
    exceptions = pack.exceptions
    rows = {e.anchor: HEADER_ROW + 1 + i for i, e in enumerate(exceptions)}
    overview = next((p for p in pack.body if isinstance(p, OverviewPage)), None)
    for n, page in enumerate(pack.scorecards):
        scorecard_sheet(w, page, "Exceptions" if exceptions else None, spec)
        if n == 0 and overview is not None:  # after the county's scorecard, as in the pack
            overview_sheet(w, overview, rows)
    for table in pack.cohort_tables:
        _cohort(w, table)
    if exceptions:
        _exceptions(w, exceptions)
    data_sheet(w, pack, rows)
    book.close()
    return out.getvalue()
