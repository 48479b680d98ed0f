"""Small numbers and indicators that do not apply, specified by golden tables and a scorecard."""

from __future__ import annotations

import pytest

from scorepack.catalogue.load import parse_catalogue
from scorepack.catalogue.model import AppliesTo
from scorepack.catalogue.units import parse_units
from scorepack.judge.model import Result
from scorepack.judge.rules import applies, lineage, too_few
from scorepack.judge.scorecard import judge_unit
from scorepack.measures.model import Figure
from scorepack.measures.store import FigureStore
from scorepack.periods import Month
from tests.catalogue.test_load import GOOD
from tests.judge.test_rules import cases, indicator, num

MARCH = Month(2016, 3)
TREE = parse_units(
    "id,name,parent,kind\ncounty,County,,county\nt0,T0,county,team\nadopt,Adoption,county,service\n",
    "units.csv",
)


@pytest.mark.parametrize("case", cases("small_numbers.csv"), ids=lambda c: c["why"])
def test_too_few(case: dict[str, str]) -> None:
    result = Result(MARCH, 50.0, "50.0%", 1, num(case["denominator"]))
    assert too_few(result, int(case["minimum"])) == (case["expected"] == "yes")


@pytest.mark.parametrize("case", cases("applies_to.csv"), ids=lambda c: c["why"])
def test_applies(case: dict[str, str]) -> None:
    ind = indicator("H").model_copy(
        update={
            "applies_to": AppliesTo(
                kinds=tuple(case["kinds"].split()),
                units=tuple(case["units"].split()),
                excludes=tuple(case["excludes"].split()),
            )
        }
    )
    got = applies(ind, case["kind"], tuple(case["lineage"].split()))
    assert got == (case["expected"] == "yes")


def test_lineage_runs_up_the_tree() -> None:
    assert lineage(TREE, "t0") == ("t0", "county")


def test_a_red_result_on_too_few_is_shown_but_not_rated_nor_counted() -> None:
    cat = parse_catalogue(GOOD, "cat.yaml")
    figs = [Figure("a", "t0", MARCH, "all", 0, 1), Figure("a", "t0", MARCH.shift(-1), value=50.0)]
    card = judge_unit(cat, TREE, FigureStore.from_figures(figs, cat, TREE), MARCH, "t0")
    row = card.row("a")
    assert row.too_few and row.latest.display == "0.0%"
    assert (row.rag, row.dot_previous, row.dot_outturn) == (None, None, None)
    assert "a" not in card.exceptions
    assert (card.summary.red, card.summary.worse, card.too_few) == (0, 0, ("a",))


def test_the_same_result_on_enough_is_rated_red() -> None:
    cat = parse_catalogue(GOOD, "cat.yaml")
    figs = [Figure("a", "t0", MARCH, "all", 0, 10)]
    card = judge_unit(cat, TREE, FigureStore.from_figures(figs, cat, TREE), MARCH, "t0")
    assert card.row("a").rag == "R" and card.exceptions == ("a",)


def test_an_indicator_that_does_not_apply_is_left_off_the_scorecard() -> None:
    cat = parse_catalogue(GOOD + "    applies_to: {excludes: [adopt]}\n", "cat.yaml")
    figs = [Figure("a", u, MARCH, "all", 0, 10) for u in ("t0", "adopt")]
    store = FigureStore.from_figures(figs, cat, TREE)
    assert [r.indicator.id for r in judge_unit(cat, TREE, store, MARCH, "adopt").rows] == []
    assert judge_unit(cat, TREE, store, MARCH, "adopt").summary.red == 0
    assert [r.indicator.id for r in judge_unit(cat, TREE, store, MARCH, "t0").rows] == ["a"]


def test_an_applies_to_unit_that_is_not_a_unit_is_a_problem_with_its_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from scorepack.errors import InputError
    from scorepack.service.inputs import load_config

    cat = tmp_path / "cat.yaml"
    cat.write_text(GOOD + "    applies_to: {excludes: [adoptoin]}\n", encoding="utf-8")
    units = tmp_path / "units.csv"
    units.write_text("id,name,parent,kind\ncounty,County,,county\nadopt,A,county,service\n")
    with pytest.raises(InputError) as info:
        load_config(None, cat, units)
    (problem,) = info.value.problems
    assert (problem.file, problem.line, problem.column) == (str(cat), 17, 29)
    assert "indicators.0.applies_to.excludes.0: unit 'adoptoin' is not in the units file" in str(
        problem
    )


@pytest.mark.parametrize(
    ("rebase", "message"),
    [
        ('[{period: "2016-13", reason: "x"}]', "expected a month YYYY-MM, got '2016-13'"),
        (
            '[{period: "2016-01", reason: "x"}, {period: "2016-01", reason: "y"}]',
            "2016-01 is rebased more than once",
        ),
        ('[{period: "2016-01", reason: ""}]', "reason"),
    ],
)
def test_bad_rebases_are_problems(rebase: str, message: str) -> None:
    from scorepack.errors import InputError

    with pytest.raises(InputError) as info:
        parse_catalogue(GOOD + f"    spc: {{rebase: {rebase}}}\n", "cat.yaml")
    assert any(message in str(p) for p in info.value.problems), info.value.problems
