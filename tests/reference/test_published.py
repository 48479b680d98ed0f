"""The reader of published DfE tables: codes stay codes, either LA code finds the row."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorepack.reference.published import (
    SUPPRESSION_CODES,
    Cell,
    cell,
    parse_cell,
    read_table,
    reference_dir,
    time_period,
    years,
)

TINY = (
    "\ufefftime_period,geographic_level,old_la_code,new_la_code,la_name,group,count,percent\n"
    "2016,National,,,,all,100,10\n"
    "2016,Local authority,886,E10000016,Kent,all,1319,20.1\n"
    "2016,Local authority,886,E10000016,Kent,young,c,x\n"
    "201415,Local authority,886,E10000016,Kent,all,1624,low\n"
    "2016,Local authority,887,E06000035,Medway,all,12,u\n"
    "2016,Local authority,888,E10000017,Lancashire,all,n/a,3\n"
    "2016,Local authority,888,E10000017,Lancashire,all,5,3\n"
)


@pytest.fixture
def tiny(tmp_path: Path):
    path = tmp_path / "tiny.csv"
    path.write_text(TINY, encoding="utf-8")
    return read_table(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1319", Cell(1319.0)),
        ("20.1", Cell(20.1)),
        ("1,319", Cell(1319.0)),
        ("c", Cell(None, "c")),
        ("x", Cell(None, "x")),
        ("z", Cell(None, "z")),
        ("low", Cell(None, "low")),
        ("LOW", Cell(None, "low")),
        ("u", Cell(None, "u")),
        ("k", Cell(None, "k")),
    ],
)
def test_cells_are_numbers_or_codes(text: str, expected: Cell) -> None:
    assert parse_cell(text) == expected


def test_anything_else_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_cell("n/a")


def test_every_code_is_explained() -> None:
    assert set(SUPPRESSION_CODES) == {"c", "x", "z", "low", "u", "k"}


def test_year_spellings() -> None:
    assert time_period("2015-16") == {"2016", "201516"}


@pytest.mark.parametrize("code", ["886", "E10000016", "e10000016"])
def test_old_and_new_la_codes_find_the_same_row(tiny, code: str) -> None:
    found, problem = cell(tiny, code, "2015-16", "count", {"group": "all"})
    assert (found, problem) == (Cell(1319.0), None)


def test_the_national_row_is_never_the_authority(tiny) -> None:
    assert cell(tiny, "E92000001", "2015-16", "count", {"group": "all"}) == (None, None)


def test_suppressed_cells_stay_codes(tiny) -> None:
    assert cell(tiny, "886", "2015-16", "count", {"group": "young"})[0] == Cell(None, "c")
    assert cell(tiny, "886", "2014-15", "percent", {"group": "all"})[0] == Cell(None, "low")
    assert cell(tiny, "887", "2015-16", "percent")[0] == Cell(None, "u")


def test_six_digit_time_period(tiny) -> None:
    assert cell(tiny, "886", "2014-15", "count", {"group": "all"})[0] == Cell(1624.0)


def test_no_row_for_the_year_is_no_figure_not_a_problem(tiny) -> None:
    assert cell(tiny, "886", "2012-13", "count", {"group": "all"}) == (None, None)


def test_problems_name_file_line_and_column(tiny) -> None:
    _, problem = cell(tiny, "886", "2015-16", "nope")
    assert problem is not None and (problem.file, problem.column) == ("tiny.csv", "nope")
    _, problem = cell(tiny, "888", "2015-16", "count")
    assert problem is not None and "2 rows match" in problem.message
    _, problem = cell(tiny, "888", "2015-16", "count", {"group": "all"})
    assert problem is not None and "2 rows match" in problem.message
    _, problem = cell(tiny, "886", "2015-16", "count")
    assert problem is not None  # two Kent rows for 2015-16 without the group filter


def test_a_bad_cell_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(TINY.splitlines()[0] + "\n2016,Local authority,888,E1,L,all,n/a,3\n")
    _, problem = cell(read_table(path), "888", "2015-16", "count")
    assert problem is not None and (problem.line, problem.column) == (2, "count")
    assert "'n/a'" in problem.message


def test_years_published_for_an_authority(tiny) -> None:
    assert years(tiny, "886") == ["2014-15", "2015-16"]


def test_shipped_files_read_kent_2015_16() -> None:
    folder = reference_dir()
    d3 = read_table(folder / "d3_cpps_subsequent_plan_2013_to_2025.csv")
    assert cell(d3, "886", "2015-16", "CPP_subsequent_percent")[0] == Cell(20.1)
    stability = read_table(folder / "la_cla_placement_stability.csv")
    assert years(stability, "E10000016")[0] == "2020-21"
