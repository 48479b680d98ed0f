"""Cohorts come from the catalogue: a third cohort with its own building block.

The catalogue below declares ``excl-uasc`` (the shared ``uasc`` block) and
``excl-placed-out``, whose block ``placed-out.sql`` sits beside the catalogue's
definitions: children placed with another authority's provision (``PR4``) leave
it from the month of that placement on.  The figures are worked out by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scorepack.catalogue.load import load_catalogue, parse_catalogue
from scorepack.errors import InputError
from scorepack.measures.compute import compute_figures
from scorepack.periods import Month
from tests.measures.kit import MEASURES, Records
from tests.measures.test_children_in_care import in_care, placement, review

PLACED_OUT = """\
-- Children placed with another authority's provision, from their first such placement.
SELECT clap_person_id AS person_id, MIN(clap_cla_placement_start_date) AS leaves_from
FROM ssd_cla_placement
WHERE clap_cla_placement_provider = 'PR4'
GROUP BY clap_person_id
"""

CATALOGUE = """\
name: Three cohorts
authority: Somewhere
service: Children's services
cohorts:
  - id: excl-uasc
    label: Excluding UASC
    excludes: [uasc]
  - id: excl-placed-out
    label: Excluding children placed out
    excludes: {excludes}
sections:
  - id: care
    heading: Children in care
indicators:
  - id: looked-after
    number: "1"
    title: Children looked after
    section: care
    period_type: SS
    kind: count
    measure: lac
    cohorts: [excl-uasc, excl-placed-out]
  - id: participation
    number: "2"
    title: Reviews the child took part in
    section: care
    period_type: YTD
    kind: percentage
    measure: cic-review-participation
    cohorts: [excl-uasc, excl-placed-out]
"""

FEB, MAR = Month(2016, 2), Month(2016, 3)


def folder(tmp_path: Path, excludes: str = "[placed-out]", block: str = PLACED_OUT) -> Path:
    (tmp_path / "measures").mkdir()
    for measure in ("lac", "cic-review-participation"):
        shutil.copy(MEASURES / f"{measure}.sql", tmp_path / "measures" / f"{measure}.sql")
    (tmp_path / "measures" / "placed-out.sql").write_text(block, encoding="utf-8")
    (tmp_path / "catalogue.yaml").write_text(CATALOGUE.format(excludes=excludes), encoding="utf-8")
    return tmp_path


def records() -> Records:
    """c1 UASC from 10 Feb 2016; c2 placed out from 5 Mar 2016; c3 neither (all in
    team t1, North); c4 in t3 (South), UASC only from April 2016."""
    r = Records()
    r.person("c1", uasc_from="2016-02-10", team="t1")
    r.person("c2", team="t1")
    r.person("c3", team="t1")
    r.person("c4", uasc_from="2016-04-01", team="t3")
    for child in ("c1", "c2", "c3", "c4"):
        in_care(r, child, "2015-06-01")
    placement(r, "c2", "2015-06-01", "2016-03-05")
    placement(r, "c2", "2016-03-05", provider="PR4")
    review(r, "r1", "cla-c1", None, "2015-12-01", "PN1")
    review(r, "r2", "cla-c2", None, "2016-01-15", "PN1")
    review(r, "r3", "cla-c3", None, "2016-02-20", "PN2")
    review(r, "r4", "cla-c1", None, "2016-03-10", "PN7")
    return r


def figures(tmp_path: Path) -> dict[tuple[str, str, Month, str], tuple[object, object]]:
    base = folder(tmp_path)
    catalogue = load_catalogue(base / "catalogue.yaml")
    found = compute_figures(records().conn, catalogue, [FEB, MAR], base / "measures")
    return {f.key: (f.numerator, f.denominator) for f in found}


@pytest.mark.parametrize(
    ("unit", "month", "cohort", "expected"),
    [
        # Feb: c1 is UASC from February; c2 is placed out only from March.
        ("county", FEB, "all", 4),
        ("county", FEB, "excl-uasc", 3),
        ("county", FEB, "excl-placed-out", 4),
        ("county", MAR, "all", 4),
        ("county", MAR, "excl-uasc", 3),
        ("county", MAR, "excl-placed-out", 3),
        ("north", MAR, "excl-uasc", 2),
        ("north", MAR, "excl-placed-out", 2),
        # c4 becomes UASC after March: in every cohort.
        ("south", MAR, "excl-uasc", 1),
        ("south", MAR, "excl-placed-out", 1),
    ],
)
def test_a_stock_counts_each_child_in_the_cohorts_they_are_in(
    tmp_path: Path, unit: str, month: Month, cohort: str, expected: int
) -> None:
    assert figures(tmp_path)[("looked-after", unit, month, cohort)] == (expected, None)


@pytest.mark.parametrize(
    ("month", "cohort", "expected"),
    [
        # Reviews from 1 April: c1 Dec PN1, c2 Jan PN1, c3 Feb PN2 (and c1 Mar PN7).
        (FEB, "all", (3, 3)),
        (FEB, "excl-uasc", (2, 2)),  # c1 is out from February: all of c1's reviews go
        (FEB, "excl-placed-out", (3, 3)),
        (MAR, "all", (3, 4)),
        (MAR, "excl-uasc", (2, 2)),
        (MAR, "excl-placed-out", (2, 3)),  # c2 is out from March
    ],
)
def test_a_year_to_date_figure_leaves_a_child_out_from_their_month_on(
    tmp_path: Path, month: Month, cohort: str, expected: tuple[int, int]
) -> None:
    assert figures(tmp_path)[("participation", "county", month, cohort)] == expected


def test_a_cohort_naming_an_unknown_block_is_refused_with_its_line(tmp_path: Path) -> None:
    base = folder(tmp_path, excludes="[placed-out, placed-far]")
    with pytest.raises(InputError) as err:
        load_catalogue(base / "catalogue.yaml")
    (problem,) = err.value.problems
    assert problem.file == str(base / "catalogue.yaml")
    assert problem.line == 10
    assert "cohorts.1.excludes.1" in problem.message
    assert "no building block 'placed-far'" in problem.message


def test_all_cannot_be_declared() -> None:
    text = CATALOGUE.format(excludes="[uasc]").replace("id: excl-placed-out", "id: all")
    with pytest.raises(InputError, match="'all' is the whole population"):
        parse_catalogue(text, "catalogue.yaml")


def test_a_block_without_person_id_and_leaves_from_is_refused(tmp_path: Path) -> None:
    base = folder(tmp_path, block="SELECT clap_person_id AS person_id FROM ssd_cla_placement")
    catalogue = load_catalogue(base / "catalogue.yaml")
    with pytest.raises(
        InputError, match="must return person_id and leaves_from; missing leaves_from"
    ):
        compute_figures(records().conn, catalogue, [MAR], base / "measures")


def test_a_cohort_whose_block_reads_a_table_not_loaded_is_left_out(tmp_path: Path) -> None:
    # Like a definition reading a missing extension table: its figures can come
    # from a figures file; the other cohorts are still computed.
    block = "-- Children in teams of a type.\n" + (
        "SELECT a.invo_person_id AS person_id, a.invo_involvement_start_date AS leaves_from "
        "FROM ssd_involvements AS a JOIN ext_team_type AS t "
        "ON t.etty_team_id = a.invo_professional_team"
    )
    base = folder(tmp_path, block=block)
    catalogue = load_catalogue(base / "catalogue.yaml")
    r = records()
    r.conn.execute("DROP TABLE ext_team_type")
    found = {f.key for f in compute_figures(r.conn, catalogue, [MAR], base / "measures")}
    assert ("looked-after", "county", MAR, "excl-uasc") in found
    assert not [k for k in found if k[3] == "excl-placed-out"]
