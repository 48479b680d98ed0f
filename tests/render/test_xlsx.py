"""The Excel workbook: numbers as numbers, RAG by letter and colour, formulas never run."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl

from scorepack.render.columns import for_format, page_sheet
from scorepack.render.xlsx import HEADER_ROW, fraction, render_xlsx

from . import expected

FIRST = HEADER_ROW + 2  # openpyxl rows are 1-based; data starts under the header row


def _book(pack):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(pack)))


def shown(cell) -> str:  # type: ignore[no-untyped-def]
    """A cell as Excel would print it, for the formats the workbook uses ("" when empty)."""
    value, fmt = cell.value, cell.number_format
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    places = len(fmt.split(";")[0].split(".")[1].rstrip("%")) if "." in fmt else 0
    if "%" in fmt:
        return f"{value * 100:.{places}f}%"
    return f"{value:.{places}f}"


WORDS = frozenset({"variation", "assurance"})
"""Columns of words (the SPC's), which keep their dash; every figure's dash is an empty cell."""


def blank_for_dash(key: str, text: str) -> str:
    """What the workbook holds where a table prints ``text`` in column ``key``."""
    return "" if text in ("-", "–") and key not in WORDS else text


def arrow(cell) -> str:  # type: ignore[no-untyped-def]
    """The arrow of a direction-of-travel cell ("↑ improved"), "" when empty."""
    return cell.value[0] if cell.value else ""


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
            want = {k: blank_for_dash(k, v) for k, v in facts[row.indicator.id].items()}
            got = {k: arrow(cells[k]) if k.startswith("dot_") else shown(cells[k]) for k in want}
            assert got == want, (card.unit.id, row.indicator.id)


def test_numbers_are_stored_as_numbers_with_number_formats(pack):
    ws = _book(pack)["Kent"]
    pf = ws[FIRST + 2]
    assert pf[2].value.startswith("% of PF notifications")
    assert isinstance(pf[5].value, float) and pf[5].number_format == "0.0%"
    assert pf[5].value == round(52 / 68, 8)  # six places in the indicator's units
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


TABLE_SHEETS = (
    "Activity",
    "Kent",
    "Overview",
    "Cohort impact – Excluding UASC",
    "Exceptions",
    "Data",
)


def test_no_figure_is_a_dash_and_no_number_carries_float_noise(pack):
    book = _book(pack)
    dashes, noisy, numbers = [], [], 0
    for ws in book:
        words = {
            c.column
            for c in ws[HEADER_ROW + 1]
            if c.value in ("Polarity", "SPC variation", "SPC assurance")
        }
        for cells in ws.iter_rows(min_row=HEADER_ROW + 2):
            for c in cells:
                if c.value == "-" and ws.title != "Overview" and c.column not in words:
                    dashes.append((ws.title, c.coordinate))
                if isinstance(c.value, float):
                    numbers += 1
                    if c.value != round(c.value, 8):
                        noisy.append((ws.title, c.coordinate, c.value))
    assert numbers and not dashes and not noisy, (dashes[:5], noisy[:5])
    assert 89.1 / 100 != 0.891 and fraction(89.1) == 0.891  # not 0.8909999999999999


def test_indicator_numbers_are_numbers_so_they_sort_1_2_10(pack):
    book = _book(pack)
    kent = book["Kent"]
    ids = [
        kent.cell(r, 1).value for r in range(FIRST, FIRST + len(pack.scorecards[0].scorecard.rows))
    ]
    assert ids and all(isinstance(i, int) for i in ids)
    assert ids == [int(r.indicator.number) for r in pack.scorecards[0].scorecard.rows]
    exceptions = book["Exceptions"]
    assert [exceptions.cell(FIRST + n, 2).value for n in range(len(pack.exceptions))] == [
        int(e.row.indicator.number) for e in pack.exceptions
    ]


def test_a_red_row_links_to_its_row_on_the_exceptions_sheet(pack):
    book = _book(pack)
    exceptions = book["Exceptions"]
    for page in pack.scorecards:
        ws = book[page.scorecard.unit.name]
        links = [c for row in ws.iter_rows(min_row=FIRST) for c in row if c.hyperlink]
        assert len(links) == len(page.exception_links), page.scorecard.unit.id
        for cell in links:
            number = ws.cell(cell.row, 1).value
            assert cell.value == "Yes – see the Exceptions sheet"
            sheet, where = cell.hyperlink.location.split("!")
            assert sheet == "'Exceptions'"
            row = int(where.removeprefix("A"))
            assert exceptions.cell(row, 1).value == page.scorecard.unit.name
            assert exceptions.cell(row, 2).value == number


def test_every_table_sheet_prints_landscape_one_page_wide_with_its_header_row(pack):
    book = _book(pack)
    for name in TABLE_SHEETS:
        ws = book[name]
        assert ws.page_setup.orientation == "landscape", name
        assert ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert ws.page_setup.fitToWidth in (None, 1), name  # None is Excel's default, 1
        assert ws.print_title_rows == f"${HEADER_ROW + 1}:${HEADER_ROW + 1}", name
    assert book["Kent"].page_setup.fitToHeight == 0  # as many pages down as it needs


def test_the_unit_column_stays_in_view_on_the_activity_and_overview_sheets(pack):
    book = _book(pack)
    assert book["Activity"].freeze_panes == f"B{HEADER_ROW + 2}"
    assert book["Overview"].freeze_panes == f"B{HEADER_ROW + 2}"


def test_the_exceptions_sheet_gives_the_units_owner_action_and_due(cards):
    from datetime import date, datetime

    from scorepack.pack.build import build_pack
    from scorepack.pack.commentary import Action, CommentaryBook
    from tests.pack import sample
    from tests.pack.test_build import _owned_tree

    key = ("cic-3-placements", "ashford", sample.PERIOD)
    book = CommentaryBook({key: "Text."}, {key: Action("Weekly review", date(2016, 6, 30))})
    built = build_pack(sample.CATALOGUE, _owned_tree(), cards, None, book, sample.PRODUCED)
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(built)))["Exceptions"]
    heads = [c.value for c in ws[HEADER_ROW + 1]]
    rows = {
        (r[0].value, r[2].value): dict(zip(heads, (c.value for c in r), strict=True))
        for r in ws.iter_rows(min_row=FIRST)
    }
    ashford = rows[("Ashford AIT & FST", built.page("exception-ashford-cic-3-placements").title)]
    assert (ashford["Owner"], ashford["Owner's role"], ashford["Owner's unit"]) == (
        "Sam Patel",
        "Area Director",
        "East Kent",
    )
    assert (ashford["Action"], ashford["Due"]) == ("Weekly review", datetime(2016, 6, 30))
    kent = next(v for (unit, _), v in rows.items() if unit == "Kent")
    assert (kent["Owner"], kent["Owner's role"], kent["Action"], kent["Due"]) == (
        "Alex Moor",
        None,
        None,
        None,
    )
