"""The definition register: validated data in the catalogue, printed as docs."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorepack import presets
from scorepack.catalogue.load import load_catalogue
from scorepack.catalogue.register import definition_in_words, register_markdown
from scorepack.cli.main import app
from scorepack.pack.notes import data_notes
from scorepack.periods import Month
from tests.catalogue.test_load import GOOD, problems

ROOT = Path(__file__).resolve().parents[2]
KENT = load_catalogue(presets.get("kent-scs-2016").catalogue)
COMMITTED = ROOT / "docs/definitions/kent-scs-2016.md"

DEFINITION = """\
    definition:
      source_kind: regulation
      source: "Children Act 1989, s 22"
      numerator: "Children seen."
      denominator: "Children due a visit."
      exclusions: ["Unborn children."]
      period: "Year to date."
      team: "The allocated social worker's team."
"""


def test_every_kent_indicator_is_in_the_register() -> None:
    assert len(KENT.indicators) == 44
    assert [i.id for i in KENT.indicators if i.definition is None] == []


def test_the_committed_register_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == register_markdown(KENT, "kent-scs-2016"), (
        "run: scorepack definitions --preset kent-scs-2016 --out docs/definitions/kent-scs-2016.md"
    )


def test_a_definition_block_loads() -> None:
    from scorepack.catalogue.load import parse_catalogue

    cat = parse_catalogue(GOOD + DEFINITION, "cat.yaml")
    d = cat.indicators[0].definition
    assert d is not None and d.source_kind == "regulation" and d.exclusions == ("Unborn children.",)
    assert d.national_difference is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("source_kind: regulation", "source_kind: rumour"),
        ('numerator: "Children seen."', 'numerator: "  "'),
        ('team: "The allocated social worker\'s team."', ""),
    ],
)
def test_a_bad_definition_is_named(change: str, message: str) -> None:
    found = problems(GOOD + DEFINITION.replace(change, message))
    assert len(found) == 1
    assert "indicators.0.definition" in found[0]
    assert "line" in found[0]


def test_the_exception_page_notes_carry_the_definition() -> None:
    ind = KENT.indicator("cic-within-20-miles")
    notes = data_notes(KENT, ind, Month(2016, 3))
    assert notes.definition == definition_in_words(ind)
    assert notes.definition is not None
    assert ind.notes.definition is not None and notes.definition.startswith(ind.notes.definition)
    assert "999.9" in notes.definition
    assert "Source: DfE statistics" in notes.definition


def test_the_definitions_command_writes_the_register(tmp_path: Path) -> None:
    out = tmp_path / "defs.md"
    result = CliRunner().invoke(
        app, ["definitions", "--preset", "kent-scs-2016", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_the_definitions_command_reports_a_missing_catalogue() -> None:
    result = CliRunner().invoke(app, ["definitions"])
    assert result.exit_code == 2
    assert "name a preset or a catalogue file" in result.output
