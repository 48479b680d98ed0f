"""The second example catalogue (docs/examples/dashboard-2019) works from the docs alone.

It uses what the Kent preset does not: rolling-12-month periods, a rate per
10,000 children whose denominator comes from a population figure, polarity T
with tolerance bands, an unscored context indicator, question-style headings,
and area figures rolled up to the county.  Every expected value below was
worked out by hand from ``figures.csv``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scorepack.judge.model import Scorecard
from scorepack.judge.scorecard import judge_unit
from scorepack.periods import Month
from scorepack.service.inputs import load_config, load_store

EXAMPLE = Path(__file__).parents[1] / "docs" / "examples" / "dashboard-2019"


@pytest.fixture(scope="module")
def card() -> Scorecard:
    inputs = load_config(None, EXAMPLE / "catalogue.yaml", EXAMPLE / "units.csv")
    store = load_store(inputs, EXAMPLE / "figures.csv")
    return judge_unit(inputs.catalogue, inputs.tree, store, Month(2019, 9), "exampleshire")


def test_sections_carry_question_headings(card: Scorecard) -> None:
    assert [r.section_heading for r in card.rows] == [
        "How much are we dealing with?",
        "How much are we dealing with?",
        "How well are we doing it?",
        "How well are we doing it?",
    ]


def test_rate_rolls_up_numerators_and_population_denominators(card: Scorecard) -> None:
    # (3900 + 2900) / (70000 + 50000) * 10,000 = 566.67; T target 550 within 50 -> Green
    row = card.row("referral-rate")
    assert (row.latest.numerator, row.latest.denominator) == (6800, 120000)
    assert row.latest.display == "566.7"
    assert row.rag == "G"
    # previous 560.0 is 10 from target, now 16.7: worse; outturn 610.0 is 60 away: improved
    assert (row.dot_previous, row.dot_outturn) == ("worse", "improved")


def test_unscored_context_indicator_has_no_rag_or_arrow(card: Scorecard) -> None:
    row = card.row("cla-count")
    assert (row.latest.display, row.rag, row.previous.display if row.previous else None) == (
        "845",
        None,
        "850",
    )
    assert row.dot_previous is None


def test_percentage_rolls_up_by_summing_parts_not_averaging(card: Scorecard) -> None:
    # (450 + 300) / (500 + 400) = 83.3%, not the mean of 90% and 75% (82.5%)
    row = card.row("assessments-45wd")
    assert row.latest.display == "83.3%"
    assert (row.rag, row.dot_previous, row.outturn) == ("A", "improved", None)
    excl = row.cohort("excl-uasc")
    assert excl is not None
    # (440 + 295) / (480 + 390) = 84.48%; variance +1.15 points
    assert (excl.result.display, excl.rag, excl.variance_display) == ("84.5%", "A", "+1.1%")


def test_ratio_of_fte(card: Scorecard) -> None:
    row = card.row("caseload")
    assert (row.latest.display, row.rag, row.dot_previous) == ("18.9", "A", "improved")


def test_summary_counts_only_scored_indicators(card: Scorecard) -> None:
    s = card.summary
    assert (s.green, s.amber, s.red, s.improved, s.same, s.worse) == (1, 2, 0, 2, 0, 1)
    assert card.summary_text.startswith(
        "As at 30/09/2019, Exampleshire has 1 indicator rated as Green"
    )
    assert "from outturn (March 19)" in card.summary_text
