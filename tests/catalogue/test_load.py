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
    # type errors and cross-field problems come in one run (issue 7), in file order
    assert problems(text) == [
        "cat.yaml, line 11, column 14: indicators.0.section: section 'nowhere' is not one of "
        "the sections: s",
        "cat.yaml, line 12, column 15: indicators.0.polarity: expected one of 'H', 'L' or 'T', "
        "got 'X'",
        "cat.yaml, line 14, column 11: indicators.0.kind: expected one of 'percentage', 'rate', "
        "'ratio' or 'count', got 'percent'",
    ]


SECOND = (
    "  - id: b\n    number: '2'\n    title: B\n    section: s\n    polarity: L\n"
    "    period_type: SS\n    kind: count\n    targets: {'2015-16': 5}\n"
    "    bands: {'2015-16': {red: 2}}\n"
)

ONE_RUN = [
    # (change to GOOD + SECOND, every problem expected)
    (
        # a type error in indicator a; a cross-field problem in indicator b
        lambda t: t.replace("kind: percentage", "kind: percent"),
        [
            "cat.yaml, line 14, column 11: indicators.0.kind: expected one of 'percentage', "
            "'rate', 'ratio' or 'count', got 'percent'",
            "cat.yaml, line 25, column 24: indicators.1.bands.2015-16: polarity L: red floor 2 is "
            "below the green threshold 5",
        ],
    ),
    (
        # a type error and a duplicate id in the same indicator (whose other rules wait)
        lambda t: t.replace("id: b", "id: a").replace("title: B", "title: [B]"),
        [
            "cat.yaml, line 8, column 9: indicators.0.id: id 'a' is used more than once in "
            "indicators",
            "cat.yaml, line 17, column 9: indicators.1.id: id 'a' is used more than once in "
            "indicators",
            "cat.yaml, line 19, column 12: indicators.1.title: Input should be a valid string",
        ],
    ),
    (
        # a section that fails validation still counts as declared
        lambda t: t.replace("heading: SECTION", "heading: [SECTION]"),
        [
            "cat.yaml, line 6, column 14: sections.0.heading: Input should be a valid string",
            "cat.yaml, line 25, column 24: indicators.1.bands.2015-16: polarity L: red floor 2 is "
            "below the green threshold 5",
        ],
    ),
    (
        # the financial-year key says what a financial year looks like
        lambda t: t.replace("'2015-16': 5", "'2015': 5"),
        [
            "cat.yaml, line 24, column 23: indicators.1.targets.2015: expected a financial year "
            "such as 2012-13, got '2015'",
        ],
    ),
]


@pytest.mark.parametrize(("change", "expected"), ONE_RUN)
def test_type_errors_and_cross_field_problems_come_in_one_run(change, expected) -> None:
    assert problems(change(GOOD + SECOND)) == expected


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
