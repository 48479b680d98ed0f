"""The pack as an Excel workbook, for managers who want to sort and filter.

Sheets: an "About" sheet, the activity table, one sheet per scorecard (county,
areas, teams), one per cohort impact table, and the exception reports with
their commentary.  Numbers are stored as numbers with number formats
(percentages as fractions formatted ``0.0%``), free of float noise (rounded
to six decimal places in the indicator's units); a cell with no figure is left
empty.  RAG is a letter coloured by conditional formatting, indicator numbers
are numbers where they are whole, header rows (and on the Activity and Overview
sheets the unit column) are frozen and filtered, and every table sheet prints
landscape, one page wide, with its header row repeated.  Every piece of
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
from scorepack.judge.model import RAG_WORDS, TRAVEL_ARROWS, TRAVEL_WORDS, Result
from scorepack.pack.model import (
    ActivityPage,
    CohortTable,
    OverviewPage,
    Pack,
)
from scorepack.periods import fy_short
from scorepack.render.columns import Column
from scorepack.render.tidy import PLACES, clean, number
from scorepack.render.xlsx_data import HEADER_ROW, data_sheet, overview_sheet, scorecard_sheet
from scorepack.render.xlsx_exceptions import exceptions_sheet

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
        self.exception_rows: dict[str, int] = {}
        """Each exception report's anchor → its zero-based row on the Exceptions sheet."""

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

    def headings(
        self, ws: Worksheet, title: str, subtitle: str, heads: list[str], frozen_cols: int = 0
    ) -> None:
        """Title, subtitle and the header row (frozen, with ``frozen_cols`` columns), and
        the print setup: landscape A4, one page wide, the header row on every page."""
        ws.write_string(0, 0, title, self.title)
        ws.write_string(1, 0, subtitle, self.sub)
        for col, head in enumerate(heads):
            ws.write_string(HEADER_ROW, col, head, self.head)
        ws.set_row(HEADER_ROW, 45)
        ws.freeze_panes(HEADER_ROW + 1, frozen_cols)
        print_setup(ws)

    def indicator_number(self, ws: Worksheet, row: int, col: int, text: str) -> None:
        """``12`` as a number (so that 2 sorts before 10); ``8a`` stays text."""
        value = number(text)
        if isinstance(value, int):
            ws.write_number(row, col, value, self.centre)
        else:
            self.string(ws, row, col, value, self.centre)

    def blank(self, ws: Worksheet, row: int, col: int) -> None:
        """No figure: an empty cell (formatted, so the row still reads as a table)."""
        ws.write_blank(row, col, None, self.centre)

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
        """A result or target: a number in the indicator's units, or an empty cell."""
        if value is None:
            self.blank(ws, row, col)
            return
        places = "0" if ind.places == 0 else "0." + "0" * ind.places
        if ind.kind == "percentage":
            ws.write_number(row, col, fraction(value), self.number(places + "%"))
        else:
            ws.write_number(row, col, clean(value), self.number(places))

    def count(self, ws: Worksheet, row: int, col: int, value: float | str | None) -> None:
        if value is None:
            self.blank(ws, row, col)
        elif isinstance(value, str):  # a suppression code such as "c"
            self.string(ws, row, col, value, self.centre)
        else:
            ws.write_number(
                row, col, clean(value), self.number("0" if float(value).is_integer() else "0.0")
            )

    def result(self, ws: Worksheet, row: int, col: int, ind: Indicator, res: Result | None) -> None:
        if res is not None and res.suppressed:
            self.string(ws, row, col, res.display, self.centre)
            return
        self.value(ws, row, col, ind, res.value if res is not None else None)

    def rag_letter(self, ws: Worksheet, row: int, col: int, rag: str | None) -> None:
        """``G``, ``A`` or ``R`` (or the overview's ``-`` and ``n``); empty when not rated."""
        if rag:
            self.string(ws, row, col, rag, self.centre)
        else:
            self.blank(ws, row, col)

    def arrow(self, ws: Worksheet, row: int, col: int, travel: str | None) -> None:
        if travel:
            self.string(
                ws, row, col, f"{TRAVEL_ARROWS[travel]} {TRAVEL_WORDS[travel]}", self.centre
            )
        else:
            self.blank(ws, row, col)


def fraction(percent: float) -> float:
    """A percentage as the fraction Excel formats with ``%``, without float noise
    (89.1 is 0.891, not 0.8909999999999999)."""
    return round(float(percent) / 100, PLACES + 2) + 0.0


def print_setup(ws: Worksheet) -> None:
    """Landscape A4, fitted to one page wide, the header row repeated on every page."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)


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
    w.headings(ws, page.title, f"{table.period.label}", heads, frozen_cols=1)
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
                    w.blank(ws, r, col + 2)
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
                w.blank(ws, r, 13)
            else:
                _variance(w, ws, r, 13, ind, c.variance)
    w.finish_table(ws, r, len(heads), [5, 10])
    for col, width in enumerate([20, 60, 9, 9, 11, 6, 9, 9, 10, 11, 8, 9, 9, 10]):
        ws.set_column(col, col, width)


def _variance(w: _Writer, ws: Worksheet, r: int, col: int, ind: Indicator, v: float) -> None:
    places = "0" if ind.places == 0 else "0." + "0" * ind.places
    if ind.kind == "percentage":
        ws.write_number(r, col, fraction(v), w.number(f"+{places}%;-{places}%;{places}%"))
    else:
        ws.write_number(r, col, clean(v), w.number(f"+{places};-{places};{places}"))


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
    w.exception_rows = rows
    overview = next((p for p in pack.body if isinstance(p, OverviewPage)), None)
    for n, page in enumerate(pack.scorecards):
        scorecard_sheet(w, page, spec)
        if n == 0 and overview is not None:  # after the county's scorecard, as in the pack
            overview_sheet(w, overview, rows)
    for table in pack.cohort_tables:
        _cohort(w, table)
    if exceptions:
        exceptions_sheet(w, exceptions)
    data_sheet(w, pack, rows)
    book.close()
    return out.getvalue()
