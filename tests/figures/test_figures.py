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
