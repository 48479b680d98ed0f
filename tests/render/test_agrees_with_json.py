"""For the Kent reference month, PDF, HTML and Excel show exactly what the JSON says.

The JSON renderer is the machine-readable record of a build; every figure,
RAG letter and arrow in the other three formats is read back and compared
with it.
"""

from __future__ import annotations

import io
import shutil

import openpyxl
import pytest
from pypdf import PdfReader

from scorepack.judge.model import TRAVEL_ARROWS
from scorepack.measures.values import format_quantity as format_count
from scorepack.render.cells import ASSURANCE_SHORT, VARIATION_SHORT
from scorepack.render.columns import for_format, page_sheet
from scorepack.render.html import render_html
from scorepack.render.json import scorecard_to_dict
from scorepack.render.xlsx import HEADER_ROW, render_xlsx
from scorepack.service.render import render_pdf

from .dom import parse
from .expected import unwrapped
from .test_xlsx import arrow, blank_for_dash, shown

FIELDS = (
    "latest",
    "rag",
    "variation",
    "assurance",
    "numerator",
    "denominator",
    "target",
    "previous",
    "dot_previous",
    "outturn",
    "dot_outturn",
)


def spc_words(spc: dict | None, kind: str, icons: bool) -> str:
    """The SPC cell: the icon's words (its SVG title on screen) or the few words printed."""
    if spc is None:
        return "-"
    code = spc[kind]
    if not spc["charted"] or code is None:
        return "Not enough points" if kind == "variation" else "-"
    if icons:
        return spc[f"{kind}_text"]
    return (VARIATION_SHORT if kind == "variation" else ASSURANCE_SHORT)[code]


def printed(row: dict, icons: bool = True) -> dict[str, str]:
    """A JSON row as printed in a table: dashes for anything missing."""

    def count(v):  # type: ignore[no-untyped-def]
        return "-" if v is None else format_count(v)

    def arrow(v):  # type: ignore[no-untyped-def]
        return TRAVEL_ARROWS[v] if v else "–"

    out = {
        "latest": row["display"],
        "rag": row["rag"] or "–",
        "variation": spc_words(row["spc"], "variation", icons),
        "assurance": spc_words(row["spc"], "assurance", icons),
        "numerator": count(row["numerator"]),
        "denominator": count(row["denominator"]),
        "target": row["target_display"],
        "previous": row["previous_display"] or "-",
        "dot_previous": arrow(row["dot_previous"]),
        "outturn": row["outturn_display"] or "-",
        "dot_outturn": arrow(row["dot_outturn"]),
    }
    for role in ("area", "county"):
        if row[role] is not None:
            out[f"{role}_result"] = row[role]["display"] or "-"
            out[f"{role}_rag"] = row[role]["rag"] or "–"
    return out


@pytest.fixture(scope="module")
def json_cards(kent_pack):
    return [scorecard_to_dict(p.scorecard, p.comparisons) for p in kent_pack.scorecards]


def test_area_scorecards_carry_the_county_result(json_cards):
    """The check below would pass with no comparisons at all; the reference month has some."""
    county, *areas = json_cards
    assert all(r["county"] is None for r in county["rows"])
    for card in areas:
        for row in card["rows"]:
            assert row["county"]["unit"] == county["unit"]
            assert row["county"]["display"] == next(
                r["display"] for r in county["rows"] if r["id"] == row["id"]
            )


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
    for card, page in zip(json_cards, kent_pack.scorecards, strict=True):
        ws = book[card["unit_name"]]
        keys = [c.key for c in for_format("xlsx", page_sheet(page))]
        for offset, row in enumerate(card["rows"]):
            cells = dict(zip(keys, ws[HEADER_ROW + 2 + offset], strict=True))
            assert cells["indicator"].value == row["title"]
            want = {k: blank_for_dash(k, v) for k, v in printed(row, icons=False).items()}
            got = {k: arrow(cells[k]) if k.startswith("dot_") else shown(cells[k]) for k in want}
            assert got == want, (card["unit"], row["id"])


@pytest.mark.parametrize(
    "engine",
    [
        "weasyprint",
        pytest.param(
            "chromium",
            marks=[
                pytest.mark.slow,
                pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium"),
            ],
        ),
    ],
)
def test_the_pdf_agrees_with_the_json(kent_pack, json_cards, engine):
    reader = PdfReader(io.BytesIO(render_pdf(kent_pack, engine)))
    text = unwrapped(" ".join(" ".join(p.extract_text().split()) for p in reader.pages))
    for card, page in zip(json_cards, kent_pack.scorecards, strict=True):
        start = text.index(f"{page.title}: results for")
        for row in card["rows"]:
            facts = " ".join(printed(row, icons=False)[f] for f in FIELDS)
            line = f"{row['number']} {row['title']} {row['polarity'] or '–'} {row['period_type']} {facts}"
            assert text.find(line, start) > start, (card["unit"], line)
        for ind_id, points in card["exception_trends"].items():
            results = " ".join(p["display"] for p in points)
            assert f"{card['unit_name']} result {results}" in text, (card["unit"], ind_id)
