"""A definition's data-quality count (records left out for an unknown value): from the
figure to the JSON row and the exception page's note on the data, withheld when small."""

from __future__ import annotations

import json

from scorepack.catalogue.load import parse_catalogue
from scorepack.catalogue.units import parse_units
from scorepack.judge.scorecard import judge_unit
from scorepack.judge.suppress import suppress
from scorepack.measures.model import Figure
from scorepack.measures.store import FigureStore
from scorepack.pack.notes import data_notes
from scorepack.periods import Month
from scorepack.render.json import render_scorecard
from tests.catalogue.test_load import GOOD

MARCH = Month(2016, 3)
PHRASE = "placements with an unknown distance were left out"
CAT = parse_catalogue(
    GOOD.replace(
        "    kind: percentage\n",
        f"    kind: percentage\n    notes:\n      data_quality: {PHRASE}\n",
    ),
    "cat.yaml",
)
TREE = parse_units(
    "id,name,parent,kind\ncounty,County,,county\nt1,T1,county,team\nt2,T2,county,team\n",
    "units.csv",
)


def card(unit: str, quality: dict[str, float | None]):  # type: ignore[no-untyped-def]
    figs = [Figure("a", u, MARCH, "all", 30, 40, None, q) for u, q in quality.items()]
    return judge_unit(CAT, TREE, FigureStore.from_figures(figs, CAT, TREE), MARCH, unit)


def row_json(c) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(render_scorecard(c))["rows"][0]


def test_the_count_reaches_the_json_row_and_rolls_up() -> None:
    assert row_json(card("t1", {"t1": 12, "t2": 7}))["data_quality"] == 12
    assert row_json(card("county", {"t1": 12, "t2": 7}))["data_quality"] == 19


def test_no_count_no_key() -> None:
    assert "data_quality" not in row_json(card("t1", {"t1": None, "t2": None}))
    # a unit whose parts do not all count it has no count either
    assert "data_quality" not in row_json(card("county", {"t1": 12, "t2": None}))


def test_the_note_on_the_data_says_how_many_were_left_out() -> None:
    row = card("t1", {"t1": 12, "t2": 7}).row("a")
    notes = data_notes(CAT, row.indicator, MARCH, row.latest)
    assert notes.period is not None
    assert notes.period.endswith(f"result covers April 2015 to March 2016. 12 {PHRASE}.")
    assert PHRASE not in (data_notes(CAT, row.indicator, MARCH).period or "")


def test_zero_is_said() -> None:
    row = card("t1", {"t1": 0, "t2": 0}).row("a")
    assert (data_notes(CAT, row.indicator, MARCH, row.latest).period or "").endswith(
        f" 0 {PHRASE}."
    )


def test_a_small_count_is_withheld_on_its_own() -> None:
    published = suppress(card("t1", {"t1": 3, "t2": 7}), 6)
    row = published.row("a")
    assert row.latest.display == "75.0%"  # 30 of 40: the result stands
    assert row_json(published)["data_quality"] == "c"
    notes = data_notes(CAT, row.indicator, MARCH, row.latest)
    assert (notes.period or "").endswith(
        f" Some {PHRASE} (how many is withheld for publication: c)."
    )
    assert "3" not in (notes.period or "").split("2016.")[-1]


def test_a_large_count_beside_a_withheld_result_is_published() -> None:
    figs = [Figure("a", "t1", MARCH, "all", 3, 4, None, 12)]
    c = judge_unit(CAT, TREE, FigureStore.from_figures(figs, CAT, TREE), MARCH, "t1")
    data = row_json(suppress(c, 6))
    assert (data["display"], data["data_quality"]) == ("c", 12)
