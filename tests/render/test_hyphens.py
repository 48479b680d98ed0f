"""Soft hyphens in the narrow printed columns' words (render/hyphens.py)."""

from __future__ import annotations

import pytest

from scorepack.render.html import environment
from scorepack.render.hyphens import SOFT_HYPHEN, breakable

S = SOFT_HYPHEN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Consistently met", f"Con{S}sist{S}ently met"),
        ("C&F assessments", f"C&F as{S}sess{S}ments"),
        ("Polarity", f"Po{S}lar{S}ity"),
        ("Change", "Change"),  # shorter than eight letters: whole
        ("Hit and miss", "Hit and miss"),
        ("14969", "14969"),
        ("", ""),
    ],
)
def test_long_words_may_break_where_british_english_breaks_them(text, expected):
    assert breakable(text) == expected
    assert breakable(text).replace(S, "") == text


def test_only_the_print_markup_breaks_words():
    assert environment(for_print=True).filters["breakable"]("Consistently") != "Consistently"
    assert environment(for_print=False).filters["breakable"]("Consistently") == "Consistently"
