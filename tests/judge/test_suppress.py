"""Publication suppression: counts below the threshold become the DfE's ``c``."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorepack.catalogue.load import parse_catalogue
from scorepack.catalogue.units import parse_units
from scorepack.judge.model import Result
from scorepack.judge.scorecard import judge_unit
from scorepack.judge.suppress import suppress, withheld
from scorepack.measures.model import Figure
from scorepack.measures.store import FigureStore
from scorepack.periods import Month
from scorepack.render.json import render_scorecard
from tests.catalogue.test_load import GOOD
from tests.judge.test_rules import cases, indicator, num

MARCH = Month(2016, 3)
CAT = parse_catalogue(GOOD, "cat.yaml")
TREE = parse_units("id,name,parent,kind\ncounty,County,,county\n", "units.csv")


@pytest.mark.parametrize("case", cases("suppress.csv"), ids=lambda c: c["why"])
def test_withheld(case: dict[str, str]) -> None:
    ind = indicator("H").model_copy(update={"kind": case["kind"]})
    result = Result(
        MARCH, num(case["value"]), "x", num(case["numerator"]), num(case["denominator"])
    )
    assert withheld(ind, result, 6) == (case["expected"] == "yes")


def card(numerators: list[int]):  # type: ignore[no-untyped-def]
    months = MARCH.months_back(len(numerators))
    figs = [Figure("a", "county", m, "all", n, 40) for m, n in zip(months, numerators, strict=True)]
    return judge_unit(CAT, TREE, FigureStore.from_figures(figs, CAT, TREE), MARCH, "county")


def test_a_small_numerator_is_withheld_everywhere_it_appears() -> None:
    published = suppress(card([30] * 11 + [3, 4]), 6)
    row = published.row("a")
    assert row.latest.suppressed and row.latest.display == "c"
    assert (row.latest.value, row.latest.numerator, row.latest.denominator) == (None, None, None)
    assert row.previous is not None and row.previous.display == "c"
    assert [p.result.display for p in row.trend][-2:] == ["c", "c"]
    assert row.spc is not None and [p.value for p in row.spc.points][-2:] == [None, None]
    assert row.rag == card([30] * 11 + [3, 4]).row("a").rag


def test_no_small_count_reaches_the_json() -> None:
    data = json.loads(render_scorecard(suppress(card([30] * 11 + [3, 4]), 6)))
    row = data["rows"][0]
    assert row["suppressed"] is True
    assert (row["numerator"], row["value"], row["display"]) == (None, None, "c")
    assert all(p["value"] is None for p in row["spc"]["points"][-2:])


def test_zero_and_enough_are_published() -> None:
    published = suppress(card([30] * 12 + [0]), 6)
    assert published.row("a").latest.display == "0.0%"
    assert suppress([card([30] * 13)], 6)[0].row("a").latest.numerator == 30


@given(st.lists(st.integers(0, 60), min_size=1, max_size=13), st.integers(1, 10))
def test_no_count_below_the_threshold_survives(numerators: list[int], threshold: int) -> None:
    """Whatever the figures, no published numerator or denominator is in 1..threshold-1."""
    data = json.loads(render_scorecard(suppress(card(numerators), threshold)))
    row = data["rows"][0]
    for key in ("numerator", "denominator"):
        assert row[key] is None or not 0 < row[key] < threshold
    if row["numerator"] is not None and 0 < numerators[-1] < threshold:
        raise AssertionError("a small numerator was published")


@pytest.mark.parametrize(
    ("this", "last", "shown", "change"),
    [
        (40, 30, (40, 30), 10),  # both published
        (4, 30, ("c", 30), None),  # this month withheld, and so the change
        (40, 3, (40, "c"), None),  # last month withheld: the change would give it away
        (0, 5, (0, "c"), None),  # zero is published
        (None, None, (None, None), None),  # no figure is not a withheld one
        (5, None, ("c", None), None),  # a flow measure has no last month
    ],
)
def test_activity_counts_are_withheld_one_by_one(
    this: int | None, last: int | None, shown: tuple[object, object], change: int | None
) -> None:
    from scorepack.judge.model import ActivityCell
    from scorepack.judge.suppress import suppress_cell

    cell = suppress_cell(ActivityCell(this, last), 6)
    assert (cell.shown("this_month"), cell.shown("last_month")) == shown
    assert cell.change == change
    assert all(getattr(cell, w) is None for w in cell.suppressed)


def test_the_publishable_month_withholds_the_activity_table_too() -> None:
    from scorepack.judge.model import ActivityCell, ActivityRow, ActivityTable
    from scorepack.service.build import publishable
    from scorepack.service.judge import JudgedMonth

    table = ActivityTable(
        MARCH,
        (("cases", "Cases", "stock"),),
        (ActivityRow(TREE.units[0], 0, (("cases", ActivityCell(40, 2)),)),),
    )
    month = JudgedMonth(CAT, TREE, MARCH, (card([3] * 13),), table)
    assert publishable(month, None) is month
    out = publishable(month, 6)
    assert out.activity is not None
    assert out.activity.rows[0].cells[0][1].shown("last_month") == "c"
    assert out.scorecards[0].row("a").latest.display == "c"
