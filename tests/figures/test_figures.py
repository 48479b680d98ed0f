"""The figures interchange format: what is accepted and every way it is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorepack.catalogue.load import parse_catalogue
from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree, parse_units
from scorepack.errors import InputError
from scorepack.measures.figures import load_figures
from scorepack.periods import Month
from tests.catalogue.test_load import GOOD

HEADER = "indicator,unit,period,cohort,numerator,denominator,value\n"


@pytest.fixture
def cat() -> Catalogue:
    text = GOOD + (
        "  - id: n\n    number: '2'\n    title: N\n    section: s\n    period_type: SS\n"
        "    kind: count\ncohorts:\n  - id: excl-uasc\n    label: Excluding UASC\n"
    )
    return parse_catalogue(text, "cat.yaml")


@pytest.fixture
def tree() -> OrgTree:
    return parse_units("id,name,parent,kind\nkent,Kent,,county\n", "units.csv")


def load(tmp_path: Path, body: str, cat: Catalogue, tree: OrgTree, name: str = "f.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return load_figures(path, cat, tree)


def problems(tmp_path: Path, body: str, cat: Catalogue, tree: OrgTree) -> list[str]:
    with pytest.raises(InputError) as info:
        load(tmp_path, body, cat, tree)
    return [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems]


def test_accepts_parts_value_or_both(tmp_path: Path, cat: Catalogue, tree: OrgTree) -> None:
    store = load(
        tmp_path,
        "a,kent,2016-03,,52,68,76.5\na,kent,2016-02,,,,78.1\n"
        "a,kent,2016-01,excl-uasc,10,20,\nn,kent,2016-03,,,,3\n",
        cat,
        tree,
    )
    assert len(store) == 4
    fig = store.get("a", "kent", Month(2016, 3))
    assert fig is not None and (fig.numerator, fig.denominator, fig.value) == (52, 68, 76.5)
    assert store.get("a", "kent", Month(2016, 1), "excl-uasc") is not None


def test_decimal_fte_numbers(tmp_path: Path, cat: Catalogue, tree: OrgTree) -> None:
    store = load(tmp_path, "a,kent,2016-03,,334.6,442.8,75.6\n", cat, tree)
    fig = store.get("a", "kent", Month(2016, 3))
    assert fig is not None and fig.denominator == 442.8


MISREAD = [
    (
        "n,kent,2016-03,,,,1,234",
        "f.csv, line 2: the row has 8 cells but the header has 7 columns: a number with a "
        "thousands comma (1,234) must be quoted or written without the comma",
    ),
    (
        "a,kent,2016-03,,,,21,3",
        "f.csv, line 2: the row has 8 cells but the header has 7 columns: a number with a "
        "thousands comma (1,234) must be quoted or written without the comma",
    ),
    (
        'a,kent,2016-03,,,,"21,3"',
        "f.csv, line 2, column value: expected a number with a decimal point, got '21,3': "
        "a comma may only separate thousands in groups of three (1,234)",
    ),
    (
        'n,kent,2016-03,,,,"1,23"',
        "f.csv, line 2, column value: expected a number with a decimal point, got '1,23': "
        "a comma may only separate thousands in groups of three (1,234)",
    ),
    (
        "a,kent,2016-03,,,,21.3%",
        "f.csv, line 2, column value: expected a number without %, got '21.3%': write the "
        "percentage as 21.3",
    ),
    ("n,kent,2016-03,,,,1_000", "f.csv, line 2, column value: expected a number, got '1_000'"),
    (
        "n,kent,2016-03,,,,nan",
        "f.csv, line 2, column value: expected a finite number, got 'nan'",
    ),
]
"""Numbers that a naive reader (float() after dropping commas) gets wrong."""


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "zz,kent,2016-03,,1,2,",
            "f.csv, line 2, column indicator: unknown indicator 'zz': not in the catalogue",
        ),
        (
            "a,mars,2016-03,,1,2,",
            "f.csv, line 2, column unit: unknown unit 'mars': not in the units file",
        ),
        (
            "a,kent,2016-13,,1,2,",
            "f.csv, line 2, column period: expected a month as YYYY-MM (e.g. 2016-03), got '2016-13'",
        ),
        (
            "a,kent,March 2016,,1,2,",
            "f.csv, line 2, column period: expected a month as YYYY-MM (e.g. 2016-03), got 'March 2016'",
        ),
        ("a,kent,2016-03,,one,2,", "f.csv, line 2, column numerator: expected a number, got 'one'"),
        (
            "a,kent,2016-03,,-1,2,",
            "f.csv, line 2, column numerator: expected a number of zero or more, got '-1'",
        ),
        (
            "a,kent,2016-03,,1,0,",
            "f.csv, line 2, column denominator: the denominator is zero: no result can be computed",
        ),
        (
            "a,kent,2016-03,,1,,",
            "f.csv, line 2, column value: expected a value, or both a numerator and a denominator",
        ),
        (
            "a,kent,2016-03,,52,68,80.0",
            "f.csv, line 2, column value: numerator/denominator give 76.471 but value is 80; they must agree to 1 decimal place(s)",
        ),
        (
            "a,kent,2016-03,boys,1,2,",
            "f.csv, line 2, column cohort: unknown cohort 'boys': expected empty, 'all' or a cohort of the catalogue",
        ),
        *MISREAD,
    ],
)
def test_refuses_bad_rows(
    tmp_path: Path, cat: Catalogue, tree: OrgTree, row: str, expected: str
) -> None:
    assert problems(tmp_path, row + "\n", cat, tree) == [expected]


def test_value_agrees_at_displayed_precision(tmp_path: Path, cat: Catalogue, tree: OrgTree) -> None:
    # 52/68 = 76.47%: 76.5 agrees; 76.4 is more than half a step (0.05) away and is refused.
    load(tmp_path, "a,kent,2016-03,,52,68,76.5\n", cat, tree)
    assert problems(tmp_path, "a,kent,2016-03,,52,68,76.4\n", cat, tree)[0].endswith(
        "to 1 decimal place(s)"
    )


def test_duplicate_rows(tmp_path: Path, cat: Catalogue, tree: OrgTree) -> None:
    body = "a,kent,2016-03,,1,2,\na,kent,2016-03,all,3,4,\n"
    assert problems(tmp_path, body, cat, tree) == [
        "f.csv, line 3: duplicate row: a, kent, 2016-03, all was already given on line 2"
    ]


def test_every_bad_row_is_reported(tmp_path: Path, cat: Catalogue, tree: OrgTree) -> None:
    body = "zz,kent,2016-03,,1,2,\na,kent,2016-3,,1,2,\na,kent,2016-03,,x,y,\n"
    found = problems(tmp_path, body, cat, tree)
    assert [p.split(":")[0] for p in found] == [
        "f.csv, line 2, column indicator",
        "f.csv, line 3, column period",
        "f.csv, line 4, column numerator",
        "f.csv, line 4, column denominator",
    ]


def test_missing_column(tmp_path: Path, cat: Catalogue, tree: OrgTree) -> None:
    path = tmp_path / "f.csv"
    path.write_text("indicator,unit,period,numerator,denominator\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_figures(path, cat, tree)
    assert [p.message for p in info.value.problems] == [
        "missing column 'value' (expected header indicator,unit,period,cohort,numerator,denominator,value)"
    ]


def test_reads_the_same_columns_from_excel(tmp_path: Path, cat: Catalogue, tree: OrgTree) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER.strip().split(","))
    sheet.append(["a", "kent", "2016-03", None, 52, 68, 76.5])
    sheet.append(["a", "kent", "2016-02", None, None, None, "bad"])
    path = tmp_path / "f.xlsx"
    book.save(path)
    with pytest.raises(InputError) as info:
        load_figures(path, cat, tree)
    assert [(p.line, p.column) for p in info.value.problems] == [(3, "value")]


def test_thousands_commas_in_quoted_cells_are_read(
    tmp_path: Path, cat: Catalogue, tree: OrgTree
) -> None:
    store = load(tmp_path, 'n,kent,2016-03,,,,"1,234"\na,kent,2016-03,,"1,052",1068,\n', cat, tree)
    assert store.get("n", "kent", Month(2016, 3)).value == 1234  # type: ignore[union-attr]
    assert store.get("a", "kent", Month(2016, 3)).numerator == 1052  # type: ignore[union-attr]


def workbook(tmp_path: Path, rows: list[list[object]], formats: dict[int, str]) -> Path:
    """A figures workbook written the way the pack writes its own (xlsxwriter, 0.0% cells)."""
    import xlsxwriter

    path = tmp_path / "f.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEADER.strip().split(","))
    styles = {col: book.add_format({"num_format": fmt}) for col, fmt in formats.items()}
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if value is not None:
                sheet.write(r, c, value, styles.get(c))
    book.close()
    return path


def test_a_cell_shown_as_a_percentage_is_read_as_that_percentage(
    tmp_path: Path, cat: Catalogue, tree: OrgTree
) -> None:
    path = workbook(
        tmp_path,
        [
            ["a", "kent", "2016-03", None, 52, 68, 0.765],
            ["a", "kent", "2016-02", None, None, None, 0.213],
        ],
        {6: "0.0%"},
    )
    store = load_figures(path, cat, tree)
    assert store.get("a", "kent", Month(2016, 3)).value == 76.5  # type: ignore[union-attr]
    assert store.get("a", "kent", Month(2016, 2)).value == 21.3  # type: ignore[union-attr]


def test_workbook_cells_that_could_be_misread_are_refused(
    tmp_path: Path, cat: Catalogue, tree: OrgTree
) -> None:
    from datetime import datetime

    path = workbook(
        tmp_path,
        [
            ["n", "kent", "2016-03", None, None, None, 0.03],
            ["a", "kent", "2016-03", None, 0.5, 68, None],
            ["a", "kent", datetime(2016, 2, 1), None, 1, 2, None],
            ["n", "kent", "2016-01", None, None, None, 3, 4],
        ],
        {6: "0%", 4: "0.0%", 2: "mmm-yy"},
    )
    with pytest.raises(InputError) as info:
        load_figures(path, cat, tree)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems] == [
        "f.xlsx, line 2, column value: the value is formatted as a percentage but 'n' is not a "
        "percentage indicator: format the cell as a number",
        "f.xlsx, line 3, column numerator: the numerator is formatted as a percentage; a "
        "numerator is a count: format the cell as a number",
        "f.xlsx, line 4, column period: expected a month as text YYYY-MM, got the date "
        "2016-02-01: Excel turns 2016-03 into a date; format the column as Text and type the month",
        "f.xlsx, line 5: the row has 8 cells but the header has 7 columns: a number with a "
        "thousands comma (1,234) must be quoted or written without the comma",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b"indicator,unit\n\xff\n",
            "f.csv, line 2, column 1: not UTF-8 text (byte 0xFF); save the file as UTF-8",
        ),
        (None, "f.csv: file not found"),
    ],
)
def test_unreadable_figures_files(
    tmp_path: Path, cat: Catalogue, tree: OrgTree, content: bytes | None, expected: str
) -> None:
    path = tmp_path / "f.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_figures(path, cat, tree)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems] == [expected]
