"""The workbook's Exceptions sheet (see :mod:`scorepack.render.xlsx`).

One row per Red indicator per unit: the result and target, the commentary
(written or drafted), the data notes, the indicator's owners from the catalogue
and the unit's owner from the units file (its own, else the nearest unit above
it with one), with the action and due date the commentary entry gives.  ``w``
is the workbook's writer (``scorepack.render.xlsx._Writer``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from scorepack.judge.model import Row
from scorepack.pack.model import ExceptionPage
from scorepack.render.xlsx_data import HEADER_ROW


def exceptions_sheet(w: Any, pages: Sequence[ExceptionPage]) -> None:
    """One row per exception report: the figures, commentary, notes, owners, action and due."""
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
        "Tolerance (RAG bandings)",
        "Polarity",
        "Data",
        "Data source",
        "Cabinet Member",
        "Director",
        "Owner",
        "Owner's role",
        "Owner's unit",
        "Action",
        "Due",
    ]
    w.headings(ws, "Exception reports", "One row per Red indicator per unit", heads)
    r = HEADER_ROW
    for r, page in enumerate(pages, start=HEADER_ROW + 1):
        row: Row = page.row
        ind = row.indicator
        notes = page.notes
        w.string(ws, r, 0, page.unit.name)
        w.indicator_number(ws, r, 1, ind.number)
        w.string(ws, r, 2, ind.title)
        w.rag_letter(ws, r, 3, row.rag)
        w.result(ws, r, 4, ind, row.latest)
        w.value(ws, r, 5, ind, row.target)
        w.string(ws, r, 6, page.commentary.text)
        w.string(ws, r, 7, "Yes" if page.commentary.drafted else "No", w.centre)
        bands = " ".join(t for t in (notes.bands, notes.bands_note) if t)
        w.string(ws, r, 8, bands)
        w.string(ws, r, 9, notes.polarity)
        w.string(ws, r, 10, notes.period)
        w.string(ws, r, 11, notes.source)
        w.string(ws, r, 12, page.owners.cabinet_member)
        w.string(ws, r, 13, page.owners.director)
        owner = page.owner
        who = (owner.name, owner.role, owner.unit.name) if owner else (None, None, None)
        for col, text in enumerate((*who, page.action), start=14):
            if text:  # else empty, like a missing figure
                w.string(ws, r, col, text)
        if page.due is not None:
            ws.write_datetime(r, 18, datetime(*page.due.timetuple()[:3]), w.number("d mmmm yyyy"))
    w.finish_table(ws, r, len(heads), [3])
    widths = [20, 5, 50, 6, 10, 10, 80, 12, 45, 22, 45, 14, 18, 18, 18, 16, 18, 40, 14]
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
