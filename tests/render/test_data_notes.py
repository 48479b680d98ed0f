"""Each data-notes row of an exception report carries its own content, in the HTML on
screen and on paper and in the workbook: "Target" the target, "Tolerance" the RAG
bandings, "Polarity" which direction is better (never the polarity under "Tolerance")."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from scorepack.render.html import render_document
from scorepack.render.xlsx import HEADER_ROW, render_xlsx

PAGE = "exception-kent-pf-initial-visit"
# (label, what its row says)
ROWS = [
    ("Target", "85%"),
    (
        "Tolerance",
        "RAG bandings: Red below 76.5%; Amber from 76.5% up to 85%; Green at 85% or above",
    ),
    ("Polarity", "Higher values are better"),
    ("Data", "Figures are year to date: the Mar 2016 result covers April 2015 to March 2016."),
    ("Data source", "Liberi"),
]


def _notes(pack, for_print: bool) -> dict[str, str]:  # type: ignore[no-untyped-def]
    html = render_document(pack, [pack.page(PAGE)], for_print=for_print)
    section = html.split(f'id="{PAGE}"', 1)[1].split("</section>", 1)[0]
    notes = section.split("<h4>Data notes</h4>", 1)[1]
    pairs = re.findall(
        r'<(?:th scope="row"|dt)>(.*?)</(?:th|dt)>\s*<(?:td|dd)>(.*?)</(?:td|dd)>', notes, re.S
    )
    return {label: re.sub(r"<[^>]+>", " ", text).strip() for label, text in pairs}


@pytest.mark.parametrize("for_print", [False, True], ids=["screen", "print"])
@pytest.mark.parametrize(("label", "says"), ROWS, ids=[r[0] for r in ROWS])
def test_each_html_row_carries_its_own_content(pack, for_print, label, says) -> None:  # type: ignore[no-untyped-def]
    notes = _notes(pack, for_print)
    assert notes[label] == says
    assert "better" not in notes["Tolerance"] and "RAG bandings" not in notes["Target"]


@pytest.mark.parametrize(
    ("heading", "says"),
    [
        ("Target", 0.85),  # a number, formatted as a percentage
        (
            "Tolerance (RAG bandings)",
            "Red below 76.5%; Amber from 76.5% up to 85%; Green at 85% or above",
        ),
        ("Polarity", "Higher values are better"),
    ],
)
def test_each_workbook_column_carries_its_own_content(pack, heading, says) -> None:  # type: ignore[no-untyped-def]
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(pack)))["Exceptions"]
    heads = [c.value for c in ws[HEADER_ROW + 1]]
    title = pack.page(PAGE).title
    row = next(
        dict(zip(heads, (c.value for c in r), strict=True))
        for r in ws.iter_rows(min_row=HEADER_ROW + 2)
        if r[0].value == "Kent" and r[2].value == title
    )
    assert row[heading] == says
