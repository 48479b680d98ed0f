"""Setting computed measures beside published ones: verdicts, notes, rates and JSON shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorepack import presets
from scorepack.catalogue.load import load_catalogue, parse_catalogue
from scorepack.errors import InputError, Problem
from scorepack.reference.published import Cell
from scorepack.reference.returns import (
    Returns,
    Source,
    Tolerance,
    lines,
    load_returns,
    verdict,
)

COUNT = Tolerance(relative=0.15)
POINTS = Tolerance(points=2.0)


@pytest.mark.parametrize(
    ("kind", "published", "computed", "tolerance", "difference", "within"),
    [
        ("count", 1000, 1150, COUNT, 150, True),  # exactly 15%
        ("count", 1000, 1151, COUNT, 151, False),
        ("count", 1000, 850, COUNT, -150, True),
        ("count", 1000, 849, COUNT, -151, False),
        ("rate", 280.0, 250.0, COUNT, -30.0, True),
        ("percentage", 20.1, 22.1, POINTS, 2.0, True),  # exactly 2 points
        ("percentage", 20.1, 22.2, POINTS, 2.1, False),
        ("percentage", 0.6, 2.5, POINTS, 1.9, True),  # points, not relative
        ("percentage", 50.0, 47.5, POINTS, -2.5, False),
        ("count", 0, 0, COUNT, 0, True),
        ("count", 10, 30, Tolerance(relative=0.15, points=20), 20, True),  # either will do
    ],
)
def test_verdicts(kind, published, computed, tolerance, difference, within) -> None:  # type: ignore[no-untyped-def]
    diff, ok = verdict(kind, published, computed, tolerance)
    assert diff == pytest.approx(difference)
    assert ok is within


CATALOGUE = """
name: t
authority: t
service: t
sections: [{id: s, heading: S}]
indicators:
  - {id: starts, number: "1", title: Starts, section: s, period_type: YTD, kind: count}
  - {id: repeat, number: "2", title: Repeat, section: s, period_type: YTD, kind: percentage}
  - {id: lac, number: "3", title: LAC, section: s, period_type: SS, kind: count}
"""
RETURNS = Returns.model_validate(
    {
        "population": {"file": "pop.csv", "column": "n", "year_offset": -1},
        "tolerances": {
            "count": {"relative": 0.15},
            "rate": {"relative": 0.15},
            "percentage": {"points": 2},
        },
        "measures": [
            {"id": "starts", "table": "d3", "published": {"file": "d3.csv", "column": "start"}},
            {"id": "repeat", "table": "d3", "published": {"file": "d3.csv", "column": "pct"}},
            {"id": "starts-rate", "table": "d3", "rate_of": "starts"},
            {"id": "lac", "table": "cla", "published": {"file": "cla.csv", "column": "n"}},
            {
                "id": "plans",
                "title": "Plans starting",
                "table": "d3",
                "denominator_of": "repeat",
                "published": {"file": "d3.csv", "column": "start"},
            },
        ],
    }
)
PUBLISHED = {
    ("d3.csv", "start", "2015-16"): Cell(1000.0),
    ("d3.csv", "pct", "2015-16"): Cell(None, "c"),
    ("pop.csv", "n", "2014-15"): Cell(200_000.0),
}


def lookup(source: Source, year: str) -> tuple[Cell | None, Problem | None]:
    return PUBLISHED.get((source.file, source.column, year)), None


def test_lines_side_by_side() -> None:
    cat = parse_catalogue(CATALOGUE, "t.yaml")
    computed = {
        "starts": (1100.0, ""),
        "repeat": (18.0, ""),
        "repeat.denominator": (1300.0, ""),
        "lac": (50.0, ""),
    }
    found, problems = lines(RETURNS, cat, computed, "2015-16", lookup)
    assert problems == []
    by = {ln.measure: ln for ln in found}
    assert [ln.measure for ln in found] == ["starts", "repeat", "starts-rate", "lac", "plans"]
    assert (by["starts"].published, by["starts"].computed, by["starts"].difference) == (
        1000.0,
        1100.0,
        100.0,
    )
    assert by["starts"].within_tolerance is True
    # a suppressed figure is said to be so, and judged neither way
    assert by["repeat"].published is None and by["repeat"].within_tolerance is None
    assert "'c'" in by["repeat"].note
    # rates use the population estimate of the year before (year_offset -1)
    rate = by["starts-rate"]
    assert rate.kind == "rate"
    assert rate.computed == pytest.approx(1100 * 10_000 / 200_000)
    assert rate.published == pytest.approx(1000 * 10_000 / 200_000)
    assert "derived" in rate.note
    # no published figure for the year: still listed, and said so
    assert by["lac"].published is None and by["lac"].computed == 50.0
    assert "no published figure for 2015-16" in by["lac"].note
    # a count taken from a percentage's denominator
    plans = by["plans"]
    assert (plans.kind, plans.title, plans.computed, plans.difference) == (
        "count",
        "Plans starting",
        1300.0,
        300.0,
    )
    assert plans.within_tolerance is False


def test_json_shape() -> None:
    cat = parse_catalogue(CATALOGUE, "t.yaml")
    found, _ = lines(RETURNS, cat, {"starts": (1200.0, "")}, "2015-16", lookup)
    assert found[0].as_json() == {
        "measure": "starts",
        "published": 1000.0,
        "computed": 1200.0,
        "difference": 200.0,
        "within_tolerance": False,
    }
    assert "not computed" in found[1].note


def test_the_shipped_mapping_loads_and_names_catalogue_measures() -> None:
    preset = presets.get("dfe-returns")
    cat = load_catalogue(preset.catalogue)
    returns = load_returns(preset.folder / "returns.yaml", cat)
    mapped = {m.id for m in returns.measures}
    assert {i.id for i in cat.indicators} <= mapped
    assert {"cin-rate", "cla-rate"} <= mapped


def test_a_bad_mapping_reports_every_problem(tmp_path: Path) -> None:
    cat = parse_catalogue(CATALOGUE, "t.yaml")
    bad = tmp_path / "returns.yaml"
    bad.write_text(
        "population: {file: p.csv, column: n}\n"
        "tolerances: {count: {relative: 0.1}}\n"
        "measures:\n"
        "  - {id: nope, table: x, published: {file: a.csv, column: b}}\n"
        "  - {id: r, table: x, rate_of: missing}\n"
        "  - {id: lac, table: x}\n"
        "  - {id: n, table: x, denominator_of: starts, published: {file: a.csv, column: b}}\n"
    )
    with pytest.raises(InputError) as exc:
        load_returns(bad, cat)
    messages = [p.message for p in exc.value.problems]
    assert len(messages) == 5, messages
    assert exc.value.problems[0].line == 4


DOC = Path(__file__).resolve().parents[2] / "docs/reconcile.md"


def test_the_docs_example_is_a_valid_mapping(tmp_path: Path) -> None:
    import re

    block = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)[0]
    path = tmp_path / "returns.yaml"
    path.write_text(block, encoding="utf-8")
    preset = presets.get("dfe-returns")
    returns = load_returns(path, load_catalogue(preset.catalogue))
    assert [m.id for m in returns.measures] == [
        "cpp-subsequent",
        "cpp-starts",
        "cin-at-31-march",
        "cin-rate",
    ]


def test_the_docs_describe_every_mapping_field() -> None:
    from scorepack.reference.returns import PopulationSource, ReturnMeasure

    text = DOC.read_text(encoding="utf-8")
    for name in Returns.model_fields:
        assert f"| `{name}` |" in text, name
    for name in ReturnMeasure.model_fields:
        assert f"`measures[].{name}`" in text, name
    assert "year_offset" in text and set(PopulationSource.model_fields) >= {"year_offset"}
