"""The service API called directly, as the CLI and the web app call it."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from scorepack.catalogue.units import Unit
from scorepack.errors import REQUEST, InputError
from scorepack.periods import Month
from scorepack.service.build import (
    BuildRequest,
    build_month,
    catalogue_items,
    scorecard,
    validate,
    write_month,
)
from scorepack.service.render import render_files

KENT = BuildRequest(preset="kent-scs-2016")


def test_build_month_returns_every_file_in_memory() -> None:
    result = build_month(KENT)
    assert result.month == Month(2016, 3)
    assert [c.unit.id for c in result.judged.scorecards] == [
        "kent",
        "north-kent",
        "east-kent",
        "south-kent",
        "west-kent",
    ]
    assert set(result.files) == {
        *(
            f"scorecard-{c.unit.id}-2016-03.{ext}"
            for c in result.judged.scorecards
            for ext in ("json", "md")
        ),
        "activity-2016-03.json",
        "activity-2016-03.md",
    }
    assert all(isinstance(v, bytes) for v in result.files.values())
    county = json.loads(result.files["scorecard-kent-2016-03.json"])
    assert county["summary"]["green"] == 17
    assert result.warnings == ()
    assert len(result.inputs.catalogue.indicators) == 44


def test_build_result_and_request_are_frozen() -> None:
    result = build_month(KENT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.month = Month(2016, 4)  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.files["x"] = b""  # type: ignore[index]


@pytest.mark.parametrize(
    ("request_", "field", "words"),
    [
        (BuildRequest(preset="kent-scs-2016", period="2016/03"), "period", "YYYY-MM"),
        (BuildRequest(preset="kent-scs-2016", period="2017-03"), "period", "no figures at all"),
        (BuildRequest(preset="kent-scs-2016", formats=("json", "docx")), "formats", "docx"),
        (BuildRequest(preset="kent-scs-2016", formats=()), "formats", "(none)"),
        (BuildRequest(preset="kent-scs-2016", scope="teams"), "scope", "areas, all"),
        (BuildRequest(preset="nowhere"), "preset", "kent-scs-2016"),
        (BuildRequest(), "catalogue", "preset or a catalogue"),
    ],
)
def test_bad_requests_name_the_field(request_: BuildRequest, field: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        build_month(request_)
    problem = next(p for p in caught.value.problems if p.column == field)
    assert problem.file == REQUEST
    assert problem.severity == "error"
    assert words in problem.message


def test_a_month_without_figures_says_which_months_have_them() -> None:
    with pytest.raises(InputError) as caught:
        build_month(BuildRequest(preset="kent-scs-2016", period="2016-05"))
    (problem,) = caught.value.problems
    assert problem.message.startswith("no figures at all for 2016-05: the figures run from ")


def test_scorecard_judges_one_unit() -> None:
    result = scorecard(KENT, "west-kent")
    assert result.card.unit.id == "west-kent"
    assert json.loads(result.text("json"))["unit"] == "west-kent"
    assert result.text("markdown").startswith("## Scorecard - West Kent")
    with pytest.raises(InputError) as caught:
        scorecard(KENT, "atlantis")
    assert caught.value.problems[0].column == "unit"


def test_validate_counts_what_it_read() -> None:
    got = validate(KENT)
    assert got.indicators == 44
    assert got.units > 5
    assert got.figures is not None and got.figures > 100


def test_catalogue_items_are_plain_records() -> None:
    items = catalogue_items("kent-scs-2016", None)
    assert len(items) == 44
    assert set(items[0]) == {"id", "number", "title", "section", "polarity", "period_type", "kind"}
    json.dumps(items)


def test_produced_dates_the_pack_cover() -> None:
    files = build_month(
        BuildRequest(preset="kent-scs-2016", formats=("html",), produced=date(2016, 4, 21))
    ).files
    html = files["pack-2016-03.html"].decode()
    default = build_month(BuildRequest(preset="kent-scs-2016", formats=("html",))).files
    assert "21 April 2016" in html
    assert "21 April 2016" not in default["pack-2016-03.html"].decode()


@pytest.mark.parametrize("unit_id", ["x/../../escaped", "../up", "/abs", "a\\b", "", ".hidden"])
def test_file_names_come_only_from_safe_ids(unit_id: str) -> None:
    judged = build_month(KENT).judged
    card = judged.scorecards[0]
    evil = dataclasses.replace(card, unit=Unit(unit_id, "Evil", None, "county"))
    with pytest.raises(InputError) as caught:
        render_files(dataclasses.replace(judged, scorecards=(evil,)), ("json",))
    assert "cannot name an output file" in caught.value.problems[0].message


def test_write_month_replaces_the_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_month(BuildRequest(preset="kent-scs-2016", formats=("json", "markdown")), out)
    written = write_month(BuildRequest(preset="kent-scs-2016", formats=("json",)), out)
    names = {p.name for p in out.iterdir()}
    assert not any(n.endswith(".md") for n in names)  # nothing stale from the earlier run
    assert names == {*written.names, ".scorepack-build"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
