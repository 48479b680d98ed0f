"""Data notes in words, derived from polarity, bands and period type."""

from __future__ import annotations

import pytest

from scorepack.catalogue.model import Notes
from scorepack.measures.values import format_value
from scorepack.pack.notes import bands_in_words, data_notes, format_difference, period_in_words
from scorepack.periods import Month

from . import sample

IND = {i.id: i for i in sample.INDICATORS}
FY = sample.FY


def test_higher_is_better_bands_read_from_red_up_to_green():
    assert bands_in_words(IND["pf-initial-visit"], FY) == (
        "Red below 76.5%; Amber from 76.5% up to 85%; Green at 85% or above"
    )


def test_lower_is_better_bands_read_from_green_up_to_red():
    assert bands_in_words(IND["cic-3-placements"], FY) == (
        "Red above 12%; Amber from 9% up to 12%; Green at 9% or below"
    )


def test_target_bands_are_distances_from_the_target_in_percentage_points():
    assert bands_in_words(IND["cp-second-time"], FY) == (
        "Green within 1.5 percentage points of the target; Red more than 5 percentage points "
        "away from it; Amber otherwise"
    )


@pytest.mark.parametrize(
    ("kind", "value", "words"),
    [
        ("percentage", 1.5, "1.5 percentage points"),
        ("percentage", 1.0, "1 percentage point"),
        ("percentage", 0.25, "0.25 percentage points"),
        ("count", 2.0, "2"),
        ("rate", 12.5, "12.5"),
    ],
)
def test_a_distance_from_the_target_is_in_points_for_percentages(kind, value, words):
    ind = IND["cp-second-time"].model_copy(update={"kind": kind})
    assert format_difference(ind, value) == words


def test_an_unscored_indicator_has_no_bands():
    assert bands_in_words(IND["staff-count"], FY) is None


def test_the_catalogue_notes_override_period_and_tolerance_and_remark_on_bands():
    notes = Notes(bands="Floor agreed with the board", period="Custom", tolerance="Lower is kinder")
    ind = IND["pf-initial-visit"].model_copy(update={"notes": notes})
    assert bands_in_words(ind, FY).startswith("Red below 76.5%")
    assert period_in_words(ind, sample.PERIOD) == "Custom"
    drafted = data_notes(sample.CATALOGUE, ind, sample.PERIOD)
    assert drafted.polarity == "Lower is kinder"
    assert drafted.bands_note == "Floor agreed with the board"


def test_period_wording_follows_the_period_type():
    march = sample.PERIOD
    assert "covers April 2015 to March 2016" in period_in_words(IND["pf-initial-visit"], march)
    assert "snapshot" in period_in_words(IND["cic-3-placements"], march)
    r12 = IND["cic-3-placements"].model_copy(update={"period_type": "R12M"})
    assert "covers September 2015 to August 2016" in period_in_words(r12, Month(2016, 8))
    month = IND["cic-3-placements"].model_copy(update={"period_type": "MONTH"})
    assert "covers March 2016 only" in period_in_words(month, march)


def test_data_notes_bring_target_tolerance_period_and_source_together():
    notes = data_notes(sample.CATALOGUE, IND["pf-initial-visit"], sample.PERIOD)
    assert notes.target == "85%"
    assert notes.polarity == "Higher values are better"
    assert notes.source == "Liberi"
    adopted = data_notes(sample.CATALOGUE, IND["adoption-days"], sample.PERIOD)
    assert adopted.polarity == "Lower values are better"
    assert adopted.source == "Liberi"  # the catalogue's default source


def test_values_are_printed_with_the_indicator_places():
    assert format_value(IND["pf-initial-visit"], 76.47058) == "76.5%"
    assert format_value(IND["cf-overdue"], 38.0) == "38"
    assert format_value(IND["adoption-days"], 499.36) == "499.4"
    assert format_value(IND["adoption-days"], None) == "-"
