"""Benchmarks in the scorecard JSON: additive, one ``benchmark`` per row."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scorepack.benchmarks import for_catalogue
from scorepack.benchmarks.wiring import attach
from scorepack.judge.scorecard import judge_unit
from scorepack.periods import Month
from scorepack.render.json import dumps, scorecard_to_dict, with_benchmarks
from scorepack.render.json_load import parse_scorecard


def test_mapped_rows_carry_their_benchmark_and_the_rest_none(kent, kent_store) -> None:  # type: ignore[no-untyped-def]
    card = judge_unit(kent.catalogue, kent.tree, kent_store, Month(2016, 3), "kent")
    plain = scorecard_to_dict(card)
    assert all(r["benchmark"] is None for r in plain["rows"])  # the judge sets none itself
    data = with_benchmarks(plain, for_catalogue(kent.catalogue))
    rows = {r["id"]: r for r in data["rows"]}
    assert rows["rereferrals-12m"]["benchmark"]["neighbour_mean"] == pytest.approx(18.74)
    assert rows["cp-repeat-24m"]["benchmark"]["own"]["display"] == "24.3"
    assert rows["cin-with-plan"]["benchmark"] is None
    assert rows["cin-with-plan"] == next(r for r in plain["rows"] if r["id"] == "cin-with-plan")


def test_a_row_with_its_benchmark_set_writes_it_and_still_loads(kent, kent_store) -> None:  # type: ignore[no-untyped-def]
    card = judge_unit(kent.catalogue, kent.tree, kent_store, Month(2016, 3), "kent")
    benchmarks = for_catalogue(kent.catalogue)
    (with_set,) = attach((card,), benchmarks, kent.tree)
    data = scorecard_to_dict(with_set)
    assert data == with_benchmarks(scorecard_to_dict(card), benchmarks)
    doc = parse_scorecard(dumps(data), "kent.json")
    assert doc.schema_version == 2 and len(doc.rows) == len(card.rows)
    area = replace(card, unit=kent.tree.get("east-kent"))  # an area's scorecard: left as it was
    assert attach((area,), benchmarks, kent.tree) == (area,)
