"""The Kent preset reproduces the March 2016 reference report.

Expected values come from ``tests/golden/`` (read from the report's own
tables); inputs come from the preset's figures file.
"""

from __future__ import annotations

import pytest

from scorepack.judge.model import Scorecard
from scorepack.judge.scorecard import judge_unit
from scorepack.measures.store import FigureStore
from scorepack.periods import Month
from scorepack.service.inputs import Inputs
from tests.conftest import read_golden

MARCH_2016 = Month(2016, 3)
AREAS = ["north-kent", "east-kent", "south-kent", "west-kent"]


@pytest.fixture(scope="module")
def county(kent: Inputs, kent_store: FigureStore) -> Scorecard:
    return judge_unit(kent.catalogue, kent.tree, kent_store, MARCH_2016, "kent")


def test_has_the_44_indicators_in_report_order(county: Scorecard) -> None:
    assert [r.indicator.number for r in county.rows] == [str(n) for n in range(1, 45)]


@pytest.mark.parametrize(
    "expected", read_golden("kent-2016-03-county.csv"), ids=lambda e: e["number"]
)
def test_county_row_matches_reference(county: Scorecard, expected: dict[str, str]) -> None:
    row = county.rows[int(expected["number"]) - 1]
    got = {
        "display": row.latest.display,
        "rag": row.rag,
        "previous": row.previous.display if row.previous else None,
        "dot_previous": row.dot_previous,
        "outturn": row.outturn.display if row.outturn else None,
        "dot_outturn": row.dot_outturn,
    }
    assert got == {k: v for k, v in expected.items() if k != "number"}


def test_county_summary_counts(county: Scorecard) -> None:
    s = county.summary
    assert (s.green, s.amber, s.red) == (17, 20, 7)
    assert (s.improved, s.same, s.worse) == (23, 1, 20)
    assert (s.outturn_improved, s.outturn_same, s.outturn_worse) == (16, 0, 28)


def test_county_summary_sentence_is_the_reference_sentence(county: Scorecard) -> None:
    assert county.summary_text == (
        "As at 31/03/2016, Kent has 17 indicators rated as Green, 20 indicators rated as Amber and "
        "7 indicators rated as Red. When comparing performance from last month to this month, "
        "23 indicators have shown an improvement, 1 indicator has remained the same and 20 indicators "
        "have shown a reduction. When comparing performance from outturn (March 15) to this month, "
        "16 indicators have shown an improvement, 0 indicators have remained the same and 28 indicators "
        "have shown a reduction."
    )


def test_exceptions_are_the_seven_red_indicators(county: Scorecard) -> None:
    assert [county.row(i).indicator.number for i in county.exceptions] == [
        "8",
        "9",
        "10",
        "19",
        "24",
        "28",
        "31",
    ]


@pytest.mark.parametrize(
    "expected",
    read_golden("kent-2016-03-impact.csv"),
    ids=lambda e: f"{e['unit']}:{e['title'][:30]}",
)
def test_uasc_impact_matches_reference(
    kent: Inputs, kent_store: FigureStore, expected: dict[str, str]
) -> None:
    card = judge_unit(kent.catalogue, kent.tree, kent_store, MARCH_2016, expected["unit"])
    row = next(r for r in card.rows if r.indicator.title == expected["title"])
    excl = row.cohort("excl-uasc")
    assert excl is not None
    got = (row.latest.display, row.rag, excl.result.display, excl.rag, excl.variance_display)
    assert got == (
        expected["display"],
        expected["rag"],
        expected["excl_display"],
        expected["excl_rag"],
        expected["variance"],
    )


@pytest.mark.parametrize(
    "expected",
    read_golden("kent-2016-03-trends.csv"),
    ids=lambda e: f"{e['title'][:25]}:{e['period']}",
)
def test_exception_trend_matches_reference(county: Scorecard, expected: dict[str, str]) -> None:
    row = next(r for r in county.rows if r.indicator.title == expected["title"])
    point = next(p for p in row.trend if str(p.result.period) == expected["period"])
    assert (point.result.display, f"{point.target:.1f}%", point.rag) == (
        expected["display"],
        expected["target"],
        expected["rag"],
    )


def test_area_summary_counts_only_judged_rows(kent: Inputs, kent_store: FigureStore) -> None:
    for area in AREAS:
        card = judge_unit(kent.catalogue, kent.tree, kent_store, MARCH_2016, area)
        judged = [r for r in card.rows if r.rag]
        s = card.summary
        assert s.green + s.amber + s.red == len(judged) > 0
        assert card.summary_text.startswith(f"As at 31/03/2016, {card.unit.name} has")
