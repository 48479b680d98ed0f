"""For the Kent reference month, PDF, HTML and Excel show exactly what the JSON says.

The JSON renderer is the machine-readable record of a build; every figure,
RAG letter and arrow in the other three formats is read back and compared
with it.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from pypdf import PdfReader

from scorepack.judge.model import TRAVEL_ARROWS
from scorepack.measures.values import format_quantity as format_count
from scorepack.render.html import render_html
from scorepack.render.json import scorecard_to_dict
from scorepack.render.pdf import render_pdf
from scorepack.render.xlsx import HEADER_ROW, render_xlsx

from .dom import parse
from .test_xlsx import shown

FIELDS = (
    "latest",
    "rag",
    "numerator",
    "denominator",
    "target",
    "previous",
    "dot_previous",
    "outturn",
    "dot_outturn",
)


def printed(row: dict) -> dict[str, str]:
    """A JSON row as printed in a table: dashes for anything missing."""

    def count(v):  # type: ignore[no-untyped-def]
        return "-" if v is None else format_count(v)

    def arrow(v):  # type: ignore[no-untyped-def]
        return TRAVEL_ARROWS[v] if v else "–"

    return {
        "latest": row["display"],
        "rag": row["rag"] or "–",
        "numerator": count(row["numerator"]),
        "denominator": count(row["denominator"]),
        "target": row["target_display"],
        "previous": row["previous_display"] or "-",
        "dot_previous": arrow(row["dot_previous"]),
        "outturn": row["outturn_display"] or "-",
        "dot_outturn": arrow(row["dot_outturn"]),
    }


@pytest.fixture(scope="module")
def json_cards(kent_cards):
    return [scorecard_to_dict(c) for c in kent_cards]


def test_the_html_agrees_with_the_json(kent_pack, json_cards):
    doc = parse(render_html(kent_pack))
    for card in json_cards:
        table = doc.find("table", data_unit=card["unit"])
        for row in card["rows"]:
            tr = table.find("tr", data_indicator=row["id"])
            cells = {
                td.attrs["data-field"]: td.visible
                for td in tr.find_all("td")
                if "data-field" in td.attrs
            }
            assert cells == printed(row), (card["unit"], row["id"])
        red = {s.attrs["data-indicator"] for s in doc.find_all("section", data_unit=card["unit"])}
        assert red == set(card["exceptions"])


def test_the_workbook_agrees_with_the_json(kent_pack, json_cards):
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(kent_pack)))
    for card in json_cards:
        ws = book[card["unit_name"]]
        for offset, row in enumerate(card["rows"]):
            cells = ws[HEADER_ROW + 2 + offset]
            assert cells[2].value == row["title"]
            got = {
                "latest": shown(cells[5]),
                "rag": cells[6].value,
                "numerator": shown(cells[7]),
                "denominator": shown(cells[8]),
                "target": shown(cells[9]),
                "previous": shown(cells[10]),
                "dot_previous": cells[11].value[0],
                "outturn": shown(cells[12]),
                "dot_outturn": cells[13].value[0],
            }
            want = {k: ("-" if v == "–" else v) for k, v in printed(row).items()}
            assert got == want, (card["unit"], row["id"])


def test_the_pdf_agrees_with_the_json(kent_pack, json_cards):
    reader = PdfReader(io.BytesIO(render_pdf(kent_pack)))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for card, page in zip(json_cards, kent_pack.scorecards, strict=True):
        start = text.index(f"{page.title}: results for")
        for row in card["rows"]:
            facts = " ".join(printed(row)[f] for f in FIELDS)
            line = f"{row['number']} {row['title']} {row['polarity'] or '–'} {row['period_type']} {facts}"
            assert text.find(line, start) > start, (card["unit"], line)
        for ind_id, points in card["exception_trends"].items():
            results = " ".join(p["display"] for p in points)
            assert f"{card['unit_name']} result {results}" in text, (card["unit"], ind_id)
