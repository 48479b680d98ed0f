"""Invariants of the judged scorecard, checked on generated inputs."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from scorepack.catalogue.load import parse_catalogue
from scorepack.catalogue.units import parse_units
from scorepack.judge.scorecard import judge_unit
from scorepack.measures.model import Figure
from scorepack.measures.store import FigureStore
from scorepack.periods import Month
from tests.catalogue.test_load import GOOD

CAT = parse_catalogue(GOOD, "cat.yaml")
TREE = parse_units(
    "id,name,parent,kind\ncounty,County,,county\n"
    + "".join(f"t{i},T{i},county,team\n" for i in range(4)),
    "units.csv",
)
MARCH, FEB, OUTTURN = Month(2016, 3), Month(2016, 2), Month(2015, 3)
parts = st.tuples(st.integers(0, 500), st.integers(1, 500)).map(lambda p: (min(p), max(p)))


@given(st.lists(parts, min_size=4, max_size=4))
def test_county_is_the_sum_of_its_teams_parts(team_parts: list[tuple[int, int]]) -> None:
    figs = [Figure("a", f"t{i}", MARCH, "all", n, d) for i, (n, d) in enumerate(team_parts)]
    store = FigureStore.from_figures(figs, CAT, TREE)
    row = judge_unit(CAT, TREE, store, MARCH, "county").row("a")
    num, den = sum(n for n, _ in team_parts), sum(d for _, d in team_parts)
    assert (row.latest.numerator, row.latest.denominator) == (num, den)
    assert row.latest.value == num / den * 100


@given(st.lists(parts, min_size=4, max_size=4), st.integers(0, 5))
def test_a_missing_team_means_no_county_roll_up(
    team_parts: list[tuple[int, int]], drop: int
) -> None:
    figs = [
        Figure("a", f"t{i}", MARCH, "all", n, d) for i, (n, d) in enumerate(team_parts) if i != drop
    ]
    store = FigureStore.from_figures(figs, CAT, TREE)
    row = judge_unit(CAT, TREE, store, MARCH, "county").row("a")
    assert row.latest.present == (drop >= 4)


@given(
    latest=parts,
    previous=st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)),
    outturn=st.one_of(st.none(), st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1))),
)
def test_summary_sentence_always_agrees_with_the_rows(
    latest: tuple[int, int], previous: float, outturn: float | None
) -> None:
    figs = [
        Figure("a", "county", MARCH, "all", *latest),
        Figure("a", "county", FEB, value=previous),
    ]
    if outturn is not None:
        figs.append(Figure("a", "county", OUTTURN, value=outturn))
    card = judge_unit(CAT, TREE, FigureStore.from_figures(figs, CAT, TREE), MARCH, "county")
    numbers = [int(n) for n in re.findall(r"(\d+) indicators?", card.summary_text)]
    rows = card.rows
    assert numbers == [
        sum(r.rag == "G" for r in rows),
        sum(r.rag == "A" for r in rows),
        sum(r.rag == "R" for r in rows),
        sum(r.dot_previous == "improved" for r in rows),
        sum(r.dot_previous == "same" for r in rows),
        sum(r.dot_previous == "worse" for r in rows),
        sum(r.dot_outturn == "improved" for r in rows),
        sum(r.dot_outturn == "same" for r in rows),
        sum(r.dot_outturn == "worse" for r in rows),
    ]
    assert card.exceptions == tuple(r.indicator.id for r in rows if r.rag == "R")
