"""Commentary files, safe Markdown, and the drafted factual opening."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorepack.errors import InputError
from scorepack.pack.commentary import draft, load_commentary, render_markdown
from scorepack.periods import Month

from . import sample

MARCH = Month(2016, 3)


def test_the_draft_reads_like_the_reference_report():
    row = sample.mini_judge(sample.TREE.get("kent")).row("pf-initial-visit")
    text = draft(row).text
    assert text.startswith(
        "52 of the 68 Private Fostering visits due within 7 days of the notification "
        "took place within timescale (76.5%)."
    )
    assert "below the target of 85.0%, and is rated Red" in text
    assert "a decline from last month's reported 78.1%" in text


def test_without_labels_the_draft_states_the_result():
    row = sample.mini_judge(sample.TREE.get("kent")).row("cf-overdue")
    assert draft(row).text.startswith("The latest result is 38.")


def test_a_yaml_file_is_keyed_by_indicator_unit_and_month(tmp_path: Path):
    path = tmp_path / "commentary.yaml"
    path.write_text(
        "commentary:\n"
        "  - indicator: pf-initial-visit\n    unit: kent\n    month: 2016-03\n"
        "    text: |\n      Visits **improved** in March.\n"
    )
    book = load_commentary(path)
    assert book.get("pf-initial-visit", "kent", MARCH) == "Visits **improved** in March.\n"
    assert book.get("pf-initial-visit", "north", MARCH) is None


def test_a_markdown_file_uses_one_heading_per_entry(tmp_path: Path):
    path = tmp_path / "commentary.md"
    path.write_text(
        "Notes for March (ignored).\n\n"
        "# pf-initial-visit | kent | 2016-03\n\nFirst paragraph.\n\n## A sub-heading\n\nMore.\n\n"
        "# cic-3-placements | north | 2016-03\nNorth Kent text.\n"
    )
    book = load_commentary(path)
    assert book.get("pf-initial-visit", "kent", MARCH).startswith("First paragraph.")
    assert "## A sub-heading" in book.get("pf-initial-visit", "kent", MARCH)
    assert book.get("cic-3-placements", "north", MARCH) == "North Kent text."


def test_every_problem_in_a_commentary_file_is_reported_at_once(tmp_path: Path):
    path = tmp_path / "commentary.md"
    path.write_text(
        "# nope | kent | 2016-03\nx\n# pf-initial-visit | kent | March\ny\n"
        "# pf-initial-visit | mars | 2016-03\nz\n"
        "# pf-initial-visit | kent | 2016-03\na\n# pf-initial-visit | kent | 2016-03\nb\n"
    )
    ids = [i.id for i in sample.INDICATORS]
    with pytest.raises(InputError) as err:
        load_commentary(path, ids, [u.id for u in sample.TREE])
    messages = [p.message for p in err.value.problems]
    assert len(messages) == 4
    assert "'nope' is not a known indicator id" in messages[0]
    assert "expected a month" in messages[1]
    assert "'mars' is not a known unit id" in messages[2]
    assert "second entry" in messages[3]


def test_yaml_entries_missing_a_key_are_reported(tmp_path: Path):
    path = tmp_path / "c.yml"
    path.write_text("- indicator: x\n  text: hi\n")
    with pytest.raises(InputError, match="missing unit, month"):
        load_commentary(path)


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "[click](JaVaScRiPt:alert(1))",
        '<div onclick="alert(1)">x</div>',
        "<iframe src=https://evil.example></iframe>",
        "![pic](https://tracker.example/pixel.png)",
    ],
)
def test_markdown_never_lets_script_handlers_or_remote_content_through(hostile):
    lowered = render_markdown(hostile).lower()
    tags = re.findall(r"<[a-z][^>]*>", lowered)
    assert all(re.match(r"<(p|a|strong)[ >]", t) for t in tags), tags
    assert not any(re.search(r"\son\w+=", t) for t in tags), tags
    assert not any("javascript" in t or "src=" in t for t in tags), tags


def test_markdown_keeps_ordinary_formatting_and_safe_links():
    html = render_markdown(
        "Some **bold**, a list:\n\n- one\n- two\n\n[report](https://example.org)"
    )
    assert "<strong>bold</strong>" in html and "<li>one</li>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">report</a>' in html


def test_headings_in_commentary_become_bold_paragraphs():
    assert render_markdown("# Big\n\ntext").startswith("<p><strong>Big</strong></p>")


def _with(row, latest, previous, travel, target=None):
    """``row`` with its latest and previous results (percentages) replaced."""
    from dataclasses import replace

    from scorepack.judge.model import Result
    from scorepack.measures.values import format_value

    ind = row.indicator

    def result(month, value):
        return Result(month, value, format_value(ind, value))

    target = row.target if target is None else target
    return replace(
        row,
        latest=result(MARCH, latest),
        previous=result(MARCH.shift(-1), previous),
        dot_previous=travel,
        target=target,
        target_display=format_value(ind, target),
    )


# (latest, previous, arrow by the rule, target, what the sentences must say)
DRAFT_CASES = [
    (76.5, 78.1, "worse", 85.0, "The result is a decline from last month's reported 78.1%."),
    (80.0, 78.1, "improved", 85.0, "The result is an improvement on last month's reported 78.1%."),
    (78.1, 78.1, "same", 85.0, "The result is unchanged from last month's reported 78.1%."),
    (
        100 / 3,
        33.32,
        "improved",
        85.0,
        "The result is a slight improvement on last month's reported 33.3%: "
        "the change is too small to show at the displayed precision.",
    ),
    (
        33.32,
        100 / 3,
        "worse",
        85.0,
        "The result is a slight decline from last month's reported 33.3%: "
        "the change is too small to show at the displayed precision.",
    ),
    (76.5, 78.1, "worse", 76.5, "This is level with the target of 76.5%"),
    (
        84.96,
        78.1,
        "improved",
        85.0,
        "This is just below the target of 85.0%, by less than the displayed precision",
    ),
    (
        85.04,
        78.1,
        "improved",
        85.0,
        "This is just above the target of 85.0%, by less than the displayed precision",
    ),
    (90.0, 78.1, "improved", 85.0, "This is above the target of 85.0%"),
]


@pytest.mark.parametrize(("latest", "previous", "travel", "target", "says"), DRAFT_CASES)
def test_the_draft_agrees_with_the_figures_as_displayed(latest, previous, travel, target, says):
    row = _with(
        sample.mini_judge(sample.TREE.get("kent")).row("pf-initial-visit"),
        latest,
        previous,
        travel,
        target,
    )
    text = draft(row).text
    assert says in text
    if row.previous.display == row.latest.display:
        assert "improvement on" not in text.replace("slight improvement on", "")
        assert "decline from" not in text.replace("slight decline from", "")


def test_entries_may_give_an_action_and_a_due_date(tmp_path: Path):
    from datetime import date

    from scorepack.pack.commentary import Action

    yml = tmp_path / "c.yaml"
    yml.write_text(
        "- indicator: pf-initial-visit\n  unit: kent\n  month: 2016-03\n  text: Late.\n"
        "  action: Weekly review of every open notification\n  due: 2016-06-30\n"
    )
    md = tmp_path / "c.md"
    md.write_text(
        "# pf-initial-visit | kent | 2016-03\nAction: Weekly review of every open notification\n"
        "Due: 2016-06-30\n\nLate.\n\nDue: this line is text, not a field.\n"
    )
    want = Action("Weekly review of every open notification", date(2016, 6, 30))
    for path in (yml, md):
        book = load_commentary(path)
        assert book.action_for("pf-initial-visit", "kent", MARCH) == want
        assert book.get("pf-initial-visit", "kent", MARCH).startswith("Late.")
    assert "this line is text" in load_commentary(md).get("pf-initial-visit", "kent", MARCH)


def test_a_bad_due_date_a_due_date_without_an_action_and_an_unknown_field_are_reported(
    tmp_path: Path,
):
    path = tmp_path / "c.yaml"
    path.write_text(
        "- {indicator: a, unit: kent, month: 2016-03, text: x, action: y, due: 30/06/2016}\n"
        "- {indicator: b, unit: kent, month: 2016-03, text: x, due: 2016-06-30}\n"
        "- {indicator: c, unit: kent, month: 2016-03, text: x, owner: Sam}\n"
    )
    with pytest.raises(InputError) as err:
        load_commentary(path)
    found = [(p.line, p.column, p.message) for p in err.value.problems]
    assert found == [
        (1, "due", "expected a due date as YYYY-MM-DD, got '30/06/2016'"),
        (2, "action", "a due date needs an action"),
        (
            3,
            "entry 3",
            "unknown field 'owner' (expected indicator, unit, month, text and optionally action and due)",
        ),
    ]
