"""Benchmarks in the scorecard JSON: additive, one ``benchmark`` per row."""

from __future__ import annotations

import pytest

from scorepack.benchmarks import for_catalogue
from scorepack.judge.scorecard import judge_unit
from scorepack.periods import Month
from scorepack.render.json import scorecard_to_dict, with_benchmarks


def test_mapped_rows_carry_their_benchmark_and_the_rest_none(kent, kent_store) -> None:  # type: ignore[no-untyped-def]
    card = judge_unit(kent.catalogue, kent.tree, kent_store, Month(2016, 3), "kent")
    plain = scorecard_to_dict(card)
    data = with_benchmarks(plain, for_catalogue(kent.catalogue))
    rows = {r["id"]: r for r in data["rows"]}
    assert rows["rereferrals-12m"]["benchmark"]["neighbour_mean"] == pytest.approx(18.74)
    assert rows["cp-repeat-24m"]["benchmark"]["own"]["display"] == "24.3"
    assert rows["cin-with-plan"]["benchmark"] is None
    assert {k: v for k, v in rows["cin-with-plan"].items() if k != "benchmark"} == next(
        r for r in plain["rows"] if r["id"] == "cin-with-plan"
    )
