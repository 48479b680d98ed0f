"""Judgement rules, specified by the golden tables in ``tests/judge/golden/``.

Each CSV row is one case with the reason it exists; adding a case is adding a
line.  Property tests below check the invariants the tables illustrate.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorepack.catalogue.model import Bands, Indicator
from scorepack.judge.rules import rag, travel
from scorepack.judge.scorecard import latest_result
from scorepack.measures.model import Figure
from scorepack.periods import Month

GOLDEN = Path(__file__).parent / "golden"
FY = "2015-16"


def cases(name: str) -> list[dict[str, str]]:
    with (GOLDEN / name).open(newline="", encoding="utf-8") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def num(text: str) -> float | None:
    return float(text) if text else None


def indicator(
    polarity: str | None, target: float | None = None, **bands: float | None
) -> Indicator:
    return Indicator(
        id="x",
        number="1",
        title="x",
        section="s",
        polarity=polarity,  # type: ignore[arg-type]
        period_type="SS",
        kind="percentage",
        targets={FY: target} if target is not None else {},
        bands={FY: Bands(**bands)}
        if polarity and any(v is not None for v in bands.values())
        else {},
    )


@pytest.mark.parametrize("case", cases("rag.csv"), ids=lambda c: c["why"])
def test_rag(case: dict[str, str]) -> None:
    ind = indicator(
        case["polarity"],
        num(case["target"]),
        green=num(case["green"]),
        red=num(case["red"]),
        green_within=num(case["green_within"]),
        red_beyond=num(case["red_beyond"]),
    )
    assert rag(ind, float(case["value"]), FY) == case["expected"]


@pytest.mark.parametrize("case", cases("travel.csv"), ids=lambda c: c["why"])
def test_travel(case: dict[str, str]) -> None:
    ind = indicator(case["polarity"] or None)
    target = num(case["target"])
    assert travel(ind, float(case["latest"]), float(case["earlier"]), target) == (
        case["expected"] or None
    )


@pytest.mark.parametrize("case", cases("values.csv"), ids=lambda c: f"{c['kind']}:{c['display']}")
def test_value_and_display(case: dict[str, str]) -> None:
    ind = Indicator(
        id="x",
        number="1",
        title="x",
        section="s",
        period_type="SS",
        kind=case["kind"],  # type: ignore[arg-type]
        per=int(case["per"]) if case["per"] else None,
        decimals=int(case["decimals"]),
    )
    fig = Figure(
        "x",
        "u",
        Month(2016, 3),
        "all",
        num(case["numerator"]),
        num(case["denominator"]),
        num(case["value"]),
    )
    result = latest_result(ind, fig, Month(2016, 3))
    expected = num(case["computed"])
    assert result.value == (None if expected is None else pytest.approx(expected, rel=1e-12))
    assert result.display == case["display"]


def test_no_rag_without_bands_for_the_year() -> None:
    ind = indicator("H", 85, red=76.5)
    assert rag(ind, 90, "2016-17") is None


def test_unscored_indicator_has_no_rag() -> None:
    assert rag(indicator(None), 50, FY) is None


ORDER = {"R": 0, "A": 1, "G": 2}
values = st.floats(min_value=0, max_value=1000, allow_nan=False)


@given(a=values, b=values, red=values, gap=st.floats(min_value=0, max_value=100))
def test_rag_is_monotonic_for_higher_is_better(a: float, b: float, red: float, gap: float) -> None:
    ind = indicator("H", red + gap, red=red)
    lo, hi = sorted((a, b))
    assert ORDER[rag(ind, lo, FY)] <= ORDER[rag(ind, hi, FY)]  # type: ignore[index]


@given(a=values, b=values, red=values, gap=st.floats(min_value=0, max_value=100))
def test_rag_is_monotonic_for_lower_is_better(a: float, b: float, red: float, gap: float) -> None:
    ind = indicator("L", max(red - gap, 0), red=red)
    lo, hi = sorted((a, b))
    assert ORDER[rag(ind, lo, FY)] >= ORDER[rag(ind, hi, FY)]  # type: ignore[index]


@given(polarity=st.sampled_from(["H", "L", "T"]), a=values, b=values, target=values)
def test_travel_is_antisymmetric(polarity: str, a: float, b: float, target: float) -> None:
    ind = indicator(polarity)
    forward, backward = travel(ind, a, b, target), travel(ind, b, a, target)
    assert {forward, backward} in ({"same"}, {"improved", "worse"})
    assert (forward == "same") == (
        a == b if polarity != "T" else abs(a - target) == abs(b - target)
    )
