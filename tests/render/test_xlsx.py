"""The Excel workbook: numbers as numbers, RAG by letter and colour, formulas never run."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl

from scorepack.render.columns import for_format, page_sheet
from scorepack.render.xlsx import HEADER_ROW, render_xlsx

from . import expected

FIRST = HEADER_ROW + 2  # openpyxl rows are 1-based; data starts under the header row


def _book(pack):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(pack)))


def shown(cell) -> str:  # type: ignore[no-untyped-def]
    """A cell as Excel would print it, for the formats the workbook uses."""
    value, fmt = cell.value, cell.number_format
    if isinstance(value, str):
        return value
    places = len(fmt.split(";")[0].split(".")[1].rstrip("%")) if "." in fmt else 0
    if "%" in fmt:
        return f"{value * 100:.{places}f}%"
    return f"{value:.{places}f}"


def test_there_is_a_sheet_per_scorecard_plus_activity_cohorts_and_exceptions(pack):
    names = _book(pack).sheetnames
    assert names == [
        "About",
        "Activity",
        "Kent",
        "Overview",
        "North Kent",
        "East Kent",
        "Ashford AIT & FST",
        "Cohort impact – Excluding UASC",
        "Exceptions",
        "Data",
    ]


def test_every_scorecard_figure_rag_and_arrow_matches_the_judged_results(pack):
    book = _book(pack)
    for page in pack.scorecards:
        card = page.scorecard
        ws = book[card.unit.name]
        facts = expected.scorecard_facts(card, page.comparisons, icons=False)
        keys = [c.key for c in for_format("xlsx", page_sheet(page))]
        for offset, row in enumerate(card.rows):
            cells = dict(zip(keys, ws[FIRST + offset], strict=True))
            assert cells["indicator"].value == row.indicator.title
            want = {k: ("-" if v == "–" else v) for k, v in facts[row.indicator.id].items()}
            got = {k: cells[k].value[0] if k.startswith("dot_") else shown(cells[k]) for k in want}
            assert got == want, (card.unit.id, row.indicator.id)


def test_numbers_are_stored_as_numbers_with_number_formats(pack):
    ws = _book(pack)["Kent"]
    pf = ws[FIRST + 2]
    assert pf[2].value.startswith("% of PF notifications")
    assert isinstance(pf[5].value, float) and pf[5].number_format == "0.0%"
    assert abs(pf[5].value - 52 / 68) < 1e-12
    assert pf[9].value == 52 and pf[10].value == 68  # after RAG and the two SPC columns
    days = ws[FIRST + 5]
    assert days[5].number_format == "0.0" and isinstance(days[5].value, float)


def test_headers_are_frozen_and_filtered_and_rag_is_coloured_by_rule(pack):
    ws = _book(pack)["Kent"]
    assert ws.freeze_panes == f"A{HEADER_ROW + 2}"
    assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW + 1}:")
    rules = {str(rng.sqref): [r.formula[0] for r in rng.rules] for rng in ws.conditional_formatting}
    assert rules == {f"G{FIRST}:G{FIRST + 6}": ['"G"', '"A"', '"R"']}


def test_activity_counts_and_changes_are_numbers(pack):
    ws = _book(pack)["Activity"]
    kent = ws[FIRST]
    assert [c.value for c in kent[:6]] == ["Kent", 0, 9377, 9470, -93, 1236]
    assert kent[4].number_format == "+0;-0;0"


def test_hostile_commentary_is_stored_as_text_not_a_formula(hostile_pack):
    data = render_xlsx(hostile_pack)
    ws = openpyxl.load_workbook(io.BytesIO(data))["Exceptions"]
    cell = ws.cell(FIRST, 7)
    assert cell.data_type == "s"
    assert cell.value.startswith('=HYPERLINK("http://evil.example/","Click")')
    assert "<script>alert('owned')</script>" in cell.value
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", z.read(name)), name


def test_the_workbook_is_byte_identical_for_the_same_pack(pack):
    assert render_xlsx(pack) == render_xlsx(pack)
