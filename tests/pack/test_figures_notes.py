"""A preset's notes about where its own figures came from (``figures_notes`` in
preset.yaml) are printed only in a pack built from those figures."""

from __future__ import annotations

import pytest

from scorepack import presets
from scorepack.errors import InputError
from scorepack.pack.notes import data_notes
from scorepack.periods import Month
from scorepack.service.build import BuildRequest, gather

MARCH = Month(2016, 3)
REPORT = "March 2016 report"


def _bands_notes(catalogue) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    return {i.id: data_notes(catalogue, i, MARCH).bands_note for i in catalogue.indicators}


def test_the_kent_catalogue_itself_says_nothing_about_the_report() -> None:
    kent = presets.get("kent-scs-2016")
    assert REPORT not in kent.catalogue.read_text(encoding="utf-8").split("\nname:", 1)[1]


def test_the_preset_s_own_figures_carry_its_notes_and_other_figures_do_not(tmp_path) -> None:
    kent = presets.get("kent-scs-2016")
    own = gather(BuildRequest(preset="kent-scs-2016")).inputs.catalogue
    notes = _bands_notes(own)
    assert REPORT in (notes["cfa-within-45wd"] or "")
    assert notes["pf-initial-visit-7d"] and "report's data notes" in notes["pf-initial-visit-7d"]
    assert sum(1 for n in notes.values() if n) == sum(len(n.indicators) for n in kent.figures_notes)
    copy = tmp_path / "figures.csv"
    copy.write_bytes(kent.figures.read_bytes())  # type: ignore[union-attr]
    other = gather(BuildRequest(preset="kent-scs-2016", figures=copy)).inputs.catalogue
    assert set(_bands_notes(other).values()) == {None}


def test_a_figures_note_for_an_unknown_indicator_is_reported(tmp_path) -> None:
    kent = presets.get("kent-scs-2016")
    wrong = presets.Preset(
        kent.name,
        kent.folder,
        kent.description,
        kent.period,
        kent.unit,
        (presets.FiguresNote(bands="x", indicators=("nope",)),),
    )
    catalogue = gather(BuildRequest(preset="kent-scs-2016")).inputs.catalogue
    with pytest.raises(InputError) as err:
        presets.with_figures_notes(catalogue, wrong)
    assert [p.message for p in err.value.problems] == ["'nope' is not an indicator id"]
