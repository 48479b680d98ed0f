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
