"""Issue 8 §5 acceptance on the simulated authority (small scale): every unit's scorecard.

No indicator is rated on a denominator below its minimum, and no unit is rated
on an indicator that does not apply to it.
"""

from __future__ import annotations

import pytest

from scorepack.judge.model import Scorecard
from scorepack.judge.rules import applies, lineage
from scorepack.judge.scorecard import judge_unit
from scorepack.service.build import BuildRequest, gather
from scorepack.simulate import simulate


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, list[Scorecard]]:
    folder = tmp_path_factory.mktemp("sim") / "extract"
    simulate(folder, seed=3, scale=0.05)
    got = gather(BuildRequest(preset="kent-scs-2016", records=folder, period="2016-03"))
    inputs, store, month = got.inputs, got.store, got.month
    cards = [
        judge_unit(inputs.catalogue, inputs.tree, store, month, u.id) for u in inputs.tree.walk()
    ]
    return inputs, cards


def test_no_result_is_rated_on_too_small_a_denominator(simulated) -> None:  # type: ignore[no-untyped-def]
    inputs, cards = simulated
    cat = inputs.catalogue
    rated_small = [
        (card.unit.id, row.indicator.id, row.latest.denominator)
        for card in cards
        for row in card.rows
        if row.rag is not None
        and row.latest.denominator is not None
        and row.latest.denominator < cat.min_denominator_for(row.indicator)
    ]
    assert rated_small == []
    assert any(row.too_few for card in cards for row in card.rows), "expected some small numbers"
    for card in cards:
        assert all(not card.row(i).too_few for i in card.exceptions)


def test_no_unit_is_rated_on_an_indicator_that_does_not_apply(simulated) -> None:  # type: ignore[no-untyped-def]
    inputs, cards = simulated
    ids = {card.unit.id for card in cards}
    assert "adoption-sg" in ids
    adoption = next(c for c in cards if c.unit.id == "adoption-sg")
    assert "cin-with-plan" not in {r.indicator.id for r in adoption.rows}
    for card in cards:
        line = lineage(inputs.tree, card.unit.id)
        assert all(applies(r.indicator, card.unit.kind, line) for r in card.rows)


def test_every_row_has_an_spc_result(simulated) -> None:  # type: ignore[no-untyped-def]
    _, cards = simulated
    assert all(row.spc is not None for card in cards for row in card.rows)
