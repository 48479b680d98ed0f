"""Loading a catalogue: every problem reported at once, with line and column."""

from __future__ import annotations

import textwrap

import pytest

from scorepack.catalogue.load import json_schema, parse_catalogue
from scorepack.errors import InputError

GOOD = textwrap.dedent(
    """\
    name: Test
    authority: Testshire
    service: Children's services
    sections:
      - id: s
        heading: SECTION
    indicators:
      - id: a
        number: "1"
        title: A
        section: s
        polarity: H
        period_type: YTD
        kind: percentage
        targets: {"2015-16": 85}
        bands: {"2015-16": {red: 76.5}}
    """
)


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_catalogue(text, "cat.yaml")
    return [str(p) for p in info.value.problems]


def test_good_catalogue_loads() -> None:
    cat = parse_catalogue(GOOD, "cat.yaml")
    assert cat.indicator("a").places == 1


def test_unknown_field_is_named_with_line_and_column() -> None:
    text = GOOD.replace("    kind: percentage\n", "    kind: percentage\n    colour: blue\n")
    assert problems(text) == [
        "cat.yaml, line 15, column 5: indicators.0.colour: unknown field 'colour'"
    ]


def test_every_problem_is_reported_at_once() -> None:
    text = (
        GOOD.replace("polarity: H", "polarity: X")
        .replace("kind: percentage", "kind: percent")
        .replace("section: s\n", "section: nowhere\n")
    )
    found = problems(text)
    assert len(found) == 2  # pydantic errors first; cross-field rules run once the shape is right
    assert (
        "line 12, column 15: indicators.0.polarity: expected one of 'H', 'L' or 'T', got 'X'"
        in found[0]
    )
    assert "indicators.0.kind" in found[1]


def test_cross_field_rules_report_all_problems() -> None:
    text = (
        GOOD.replace("section: s\n", "section: nowhere\n").replace("{red: 76.5}", "{red: 90}")
        + "  - id: a\n    number: '2'\n    title: B\n    section: s\n"
        "    period_type: SS\n    kind: count\n"
    )
    found = problems(text)
    assert any("section 'nowhere' is not one of the sections: s" in p for p in found)
    assert any("polarity H: red floor 90 is above the green threshold 85" in p for p in found)
    assert sum("id 'a' is used more than once" in p for p in found) == 2


def test_polarity_t_needs_tolerance_bands() -> None:
    text = GOOD.replace("polarity: H", "polarity: T")
    found = problems(text)
    assert any("polarity T needs green_within and red_beyond" in p for p in found)


def test_yaml_syntax_error_has_a_position() -> None:
    found = problems("name: [unclosed\n")
    assert found[0].startswith("cat.yaml, line 2, column 1: not valid YAML")


def test_financial_year_keys_are_checked() -> None:
    found = problems(GOOD.replace('{"2015-16": 85}', '{"2015-17": 85}'))
    assert any("expected a financial year such as 2015-16, got '2015-17'" in p for p in found)


def test_json_schema_lists_the_indicator_fields() -> None:
    schema = json_schema()
    for field in ("polarity", "period_type", "already_excludes", "green_within"):
        assert f'"{field}"' in schema
