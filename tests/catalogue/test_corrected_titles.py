"""Titles a preset corrects from its source report are recorded (``corrected_titles`` in
preset.yaml), so a comparison with the report's text maps the misprint to the correction
instead of expecting the misprint, and no placeholder is left in any preset's titles."""

from __future__ import annotations

import re

import pytest

from scorepack import presets
from scorepack.catalogue.load import load_catalogue

PLACEHOLDERS = re.compile(r"\b(bla|blah|xxx|tbc|todo)\b", re.IGNORECASE)
CORRECTED = [
    (
        "kent-scs-2016",
        "adoption-entry-to-placement-days",
        "Ave. no of days between bla and moving in with adoptive family (for children adopted)",
        "Ave. no of days between entering care and moving in with adoptive family "
        "(for children adopted)",
    ),
]


def _titles(name: str) -> dict[str, str]:
    catalogue = load_catalogue(presets.get(name).catalogue)
    return {i.id: i.title for i in catalogue.indicators}


@pytest.mark.parametrize("name", presets.names())
def test_no_preset_title_holds_a_placeholder(name: str) -> None:
    assert {i: t for i, t in _titles(name).items() if PLACEHOLDERS.search(t)} == {}


@pytest.mark.parametrize(("name", "indicator", "printed", "title"), CORRECTED)
def test_a_corrected_title_is_recorded_with_the_report_s_own(
    name: str, indicator: str, printed: str, title: str
) -> None:
    preset = presets.get(name)
    found = {c.indicator: c for c in preset.corrected_titles}
    assert found[indicator].printed == printed
    assert found[indicator].reason
    assert _titles(name)[indicator] == title


@pytest.mark.parametrize("name", presets.names())
def test_every_correction_names_an_indicator_whose_title_differs(name: str) -> None:
    titles = _titles(name)
    for correction in presets.get(name).corrected_titles:
        assert titles[correction.indicator] != correction.printed
