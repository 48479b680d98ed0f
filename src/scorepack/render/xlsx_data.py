"""The workbook's unit scorecard sheets, overview grid and long "Data" sheet (see :mod:`scorepack.render.xlsx`).

``w`` is the workbook's writer (``scorepack.render.xlsx._Writer``): its
formats and helpers; ``exception_rows`` (also ``w.exception_rows``) maps each
exception report's anchor to its zero-based row on the Exceptions sheet, for
the links.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from xlsxwriter.worksheet import Worksheet

from scorepack.pack.build import CHART_MONTHS
from scorepack.pack.model import OverviewPage, Pack, ScorecardPage
from scorepack.render.columns import Column, Line, Sheet, for_format
from scorepack.render.tidy import COLUMNS, data_rows

HEADER_ROW = 3
"""Zero-based row of the column headings on every table sheet; data starts below it."""


Cell = Callable[[Any, Worksheet, int, int, Column, Line], None]


def _text(centre: bool) -> Cell:
    def write(w: Any, ws: Worksheet, r: int, c: int, col: Column, ln: Line) -> None:
        w.string(ws, r, c, col.text(ln), w.centre if centre else w.text)

    return write


def _exception(w: Any, ws: Worksheet, r: int, c: int, col: Column, ln: Line) -> None:
    """For a Red row, a link to its exception report's row on the Exceptions sheet."""
    target = w.exception_rows.get(col.get(ln)) if col.get(ln) else None
    if target is None:
        w.string(ws, r, c, "", w.text)
    else:
        url = f"internal:'Exceptions'!A{target + 1}"
        ws.write_url(r, c, url, w.text, "Yes – see the Exceptions sheet")


CELLS: dict[str, Cell] = {
    "number": lambda w, ws, r, c, col, ln: w.indicator_number(ws, r, c, col.get(ln)),
    "section": lambda w, ws, r, c, col, ln: w.string(ws, r, c, col.get(ln)),
    "title": lambda w, ws, r, c, col, ln: w.string(ws, r, c, col.get(ln)),
    "polarity": _text(True),
    "period": _text(True),
    "result": lambda w, ws, r, c, col, ln: w.result(ws, r, c, ln.row.indicator, col.get(ln)),
    "value": lambda w, ws, r, c, col, ln: w.value(ws, r, c, ln.row.indicator, col.get(ln)),
    "count": lambda w, ws, r, c, col, ln: w.count(ws, r, c, col.get(ln)),
    "rag": lambda w, ws, r, c, col, ln: w.rag_letter(ws, r, c, col.get(ln)),
    "travel": lambda w, ws, r, c, col, ln: w.arrow(ws, r, c, col.get(ln)),
    "variation": _text(True),
    "assurance": _text(True),
    "benchmark": _text(False),
    "exception": _exception,
    "data": _text(False),
}
"""How each kind of column (:data:`scorepack.render.columns.Kind`) is written to a cell."""


def scorecard_sheet(w: Any, page: ScorecardPage, spec: Sequence[Column] | None = None) -> None:
    """One unit's scorecard: the columns of the spec the workbook shows, numbers as numbers,
    each Red row linked to its row of the Exceptions sheet (``w.exception_rows``)."""
    card = page.scorecard
    ws = w.sheet(card.unit.name)
    links = page.exception_links if w.exception_rows else ()
    sheet = Sheet(card, page.comparisons, links)
    columns = for_format("xlsx", sheet, spec)
    heads = [c.title("xlsx", sheet) for c in columns]
    w.headings(ws, page.title, f"{card.period.label} · {card.summary_text}", heads)
    r = HEADER_ROW
    for r, row in enumerate(card.rows, start=HEADER_ROW + 1):
        line = sheet.line(row)
        for col, column in enumerate(columns):
            CELLS[column.kind](w, ws, r, col, column, line)
    w.finish_table(ws, r, len(heads), [i for i, c in enumerate(columns) if c.kind == "rag"])
    for col, column in enumerate(columns):
        ws.set_column(col, col, column.width)


def overview_sheet(w: Any, page: OverviewPage, exception_rows: dict[str, int]) -> None:
    """Units down, indicators across (by number), the RAG letter coloured in each cell."""
    ws = w.sheet("Overview")
    heads = ["Unit", *(number for _id, number, _title in page.indicators)]
    w.headings(ws, page.title, "- not rated; n too few to rate", heads, frozen_cols=1)
    r = HEADER_ROW
    for r, row in enumerate(page.rows, start=HEADER_ROW + 1):
        w.string(ws, r, 0, row.unit.name, w.bold if row.depth == 0 else w.text)
        for col, cell in enumerate(row.cells, start=1):
            letter = cell.rag if cell.state == "rated" else "n" if cell.state == "too-few" else "-"
            target = exception_rows.get(cell.link) if cell.link else None
            if target is not None:
                ws.write_url(r, col, f"internal:'Exceptions'!A{target + 1}", w.centre, letter)
            else:
                w.rag_letter(ws, r, col, letter)
    w.finish_table(ws, r, len(heads), list(range(1, len(heads))))
    ws.set_column(0, 0, 28)
    ws.set_column(1, len(heads) - 1, 4)
    ws.set_landscape()
    ws.fit_to_pages(1, 1)


def data_sheet(w: Any, pack: Pack, exception_rows: dict[str, int]) -> None:
    """The long table of :mod:`scorepack.render.tidy` as an Excel table with filters."""
    ws = w.sheet("Data")
    rows = data_rows(pack)
    ws.write_string(0, 0, "Data: one row per unit, indicator, cohort and month", w.title)
    ws.write_string(1, 0, f"The {CHART_MONTHS} months to {pack.cover.month_label}", w.sub)
    last = HEADER_ROW + max(len(rows), 1)
    ws.add_table(
        HEADER_ROW,
        0,
        last,
        len(COLUMNS) - 1,
        {
            "name": "ScorecardData",
            "style": "Table Style Light 9",
            "columns": [{"header": c.heading} for c in COLUMNS],
            "autofilter": True,
        },
    )
    plain = w.number("General")
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for col, column in enumerate(COLUMNS):
            value = row[column.name]
            if value is None:
                continue
            if column.name == "exception":
                target = exception_rows.get(str(value))
                if target is not None:
                    ws.write_url(
                        r, col, f"internal:'Exceptions'!A{target + 1}", string="Exception report"
                    )
                continue
            if isinstance(value, int | float):
                ws.write_number(r, col, value, plain)
            else:
                ws.write_string(r, col, value)
    widths = [14, 22, 14, 22, 10, 50, 12, 9, 11, 11, 11, 6, 10, 12, 12, 12, 12, 16, 10]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.set_row(HEADER_ROW, 30)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
