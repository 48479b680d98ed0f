"""The drafted commentary's first sentence is worded for the indicator's kind, and agrees
with the figures as displayed (never "858 of the 38.2 social workers ... cases held")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scorepack.catalogue.model import Labels
from scorepack.judge.model import Row
from scorepack.measures.values import format_value
from scorepack.pack.commentary import draft
from scorepack.pack.opening import BY_KIND, opening

from . import sample

CASELOAD = Labels(
    numerator="cases held",
    denominator="full-time-equivalent social workers in the AIT and FST teams",
)
ADOPTED = Labels(
    numerator="days in total from court authority to place to the match decision",
    denominator="children adopted this year",
)
IN_NEED = Labels(numerator="children in need", denominator="children aged 0 to 17")
VISITS = Labels(
    numerator="took place within timescale",
    denominator="Private Fostering visits due within 7 days of the notification",
)

# (kind, per, labels, numerator, denominator, the first sentence)
CASES = [
    (
        "percentage",
        None,
        VISITS,
        52,
        68,
        "52 of the 68 Private Fostering visits due within 7 days of the notification took "
        "place within timescale (76.5%).",
    ),
    (
        "ratio",
        None,
        CASELOAD,
        858,
        38.2,
        "858 cases held across the 38.2 full-time-equivalent social workers in the AIT and "
        "FST teams: an average of 22.5.",
    ),
    (
        "ratio",
        None,
        ADOPTED,
        3998,
        15,
        "3998 days in total from court authority to place to the match decision across the "
        "15 children adopted this year: an average of 266.5.",
    ),
    (
        "rate",
        None,
        IN_NEED,
        1250,
        330000,
        "1250 children in need among the 330000 children aged 0 to 17: a rate of 37.9 per 10,000.",
    ),
    (
        "rate",
        1000,
        IN_NEED,
        1250,
        330000,
        "1250 children in need among the 330000 children aged 0 to 17: a rate of 3.8 per 1,000.",
    ),
    ("count", None, None, 38, None, "The latest result is 38."),
    ("ratio", None, None, 858, 38.2, "The latest result is 22.5."),
    ("ratio", None, CASELOAD, None, None, "The latest result is 22.5."),
]


def _row(kind: str, per: int | None, labels: Labels | None, num, den) -> Row:  # type: ignore[no-untyped-def]
    row = sample.mini_judge(sample.TREE.get("kent")).row("pf-initial-visit")
    ind = row.indicator.model_copy(update={"kind": kind, "per": per, "labels": labels})
    value = num if den is None else num / den * ind.multiplier
    if kind == "ratio" and num is None:
        value = 858 / 38.2
    latest = replace(
        row.latest,
        value=value,
        display=format_value(ind, value),
        numerator=num,
        denominator=den,
    )
    return replace(row, indicator=ind, latest=latest)


@pytest.mark.parametrize(
    ("kind", "per", "labels", "num", "den", "sentence"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_the_first_sentence_fits_the_kind(kind, per, labels, num, den, sentence) -> None:  # type: ignore[no-untyped-def]
    row = _row(kind, per, labels, num, den)
    assert opening(row) == sentence
    assert draft(row).text.startswith(sentence)
    assert row.latest.display in sentence


def test_every_kind_is_covered() -> None:
    kinds = {c[0] for c in CASES}
    assert kinds == {"percentage", "ratio", "rate", "count"}
    assert set(BY_KIND) == kinds - {"count"}


def test_an_average_is_never_worded_as_a_share_of_a_count() -> None:
    text = draft(_row("ratio", None, ADOPTED, 3998, 15)).text
    assert " of the 15 " not in text
