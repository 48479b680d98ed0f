"""The running head the Chromium engine stamps, worked out as pack.css's rules give it.

Each case is a body (S: a scorecard, or any page that starts a section; E:
an exception report) with the page each starts on, and the head expected on
every page: None for no head, "S" for the section's title, "S+" for the
title followed by "(continued)".
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from scorepack.pack.model import ExceptionPage, Pack, ScorecardPage
from scorepack.render.pdf_font import stamp_font
from scorepack.render.pdf_heads import CONTINUED, MARGINS, SIZE, Head, head_lines, running_heads

CASES = [
    (
        "a one-page scorecard, then its exception report",
        [("S1", 1), ("E1", 2)],
        3,
        [None, "S1", "S1"],
    ),
    (
        "a scorecard over three pages is continued on the second and third",
        [("S1", 1)],
        4,
        [None, "S1", "S1+", "S1+"],
    ),
    (
        "an exception report over two pages keeps its scorecard's title, never continued",
        [("S1", 1), ("E1", 2)],
        4,
        [None, "S1", "S1", "S1"],
    ),
    (
        "a new section after exception reports takes its own title",
        [("S1", 1), ("E1", 2), ("S2", 3)],
        5,
        [None, "S1", "S1", "S2", "S2+"],
    ),
    (
        "the pages before the body (cover, contents) have no head",
        [("S1", 3)],
        4,
        [None, None, None, "S1"],
    ),
    (
        "a page missing from the map carries on the one before",
        [("S1", 1), ("E1", None), ("S2", 3)],
        4,
        [None, "S1", "S1+", "S2"],
    ),
    (
        "two sections starting on one page: the first names it",
        [("S1", 1), ("S2", 1)],
        3,
        [None, "S1", "S2+"],
    ),
]


@pytest.fixture(scope="module")
def models(pack: Pack) -> tuple[ScorecardPage, ExceptionPage]:
    card = next(p for p in pack.body if isinstance(p, ScorecardPage))
    report = next(p for p in pack.body if isinstance(p, ExceptionPage))
    return card, report


@pytest.mark.parametrize(
    ("body", "total", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_running_heads(pack, models, body, total, expected):
    card, report = models
    pages = []
    for name, _start in body:
        model = report if name.startswith("E") else card
        pages.append(replace(model, anchor=name.lower(), title=f"Title {name}"))
    first = {name.lower(): start for name, start in body if start is not None}
    heads = running_heads(replace(pack, body=tuple(pages)), first, total)
    titles = {name: f"Title {name}" for name, _ in body if name.startswith("S")}
    want = [
        None
        if e is None
        else Head(
            pack.cover.running_head, titles[e.rstrip("+")] + (CONTINUED if e.endswith("+") else "")
        )
        for e in expected
    ]
    assert heads == want


def test_the_running_title_is_the_one_the_markup_carries(pack):
    from scorepack.render.html import render_document

    html = render_document(pack, [], front=True, for_print=True)
    assert f'data-running="{pack.cover.running_head}"' in html.replace("&#39;", "'")


A4 = (595.28, 841.89)


@pytest.mark.parametrize("size", [A4, A4[::-1]], ids=["portrait", "landscape"])
def test_each_part_sits_in_the_top_margin_flush_with_its_side(size):
    font = stamp_font()
    width, height = size
    top, side = MARGINS["landscape" if width > height else "portrait"]
    (lx, ly, left), (rx, ry, right) = head_lines(Head("Left title", "Right"), width, height, font)
    assert (left, right) == ("Left title", "Right")
    assert lx == pytest.approx(side)
    assert rx + font.width("Right", SIZE) == pytest.approx(width - side)
    assert ly == ry
    # The glyphs' box (ascent to descent) is centred in the top margin, as a margin box centres it.
    box_top = ly + font.ascent / 1000 * SIZE
    box_bottom = ly + font.descent / 1000 * SIZE
    assert (box_top + box_bottom) / 2 == pytest.approx(height - top / 2)


def test_a_title_too_long_to_fit_beside_the_section_is_shortened_not_overlapped():
    font = stamp_font()
    width, height = A4
    head = Head("A very long authority name " * 6, "Scorecard – Somewhere (continued)")
    (lx, _y, left), (rx, _y2, right) = head_lines(head, width, height, font)
    assert left.endswith("…") and len(left) < len(head.left)
    assert lx + font.width(left, SIZE) < rx - SIZE
    assert right == head.right


def test_characters_outside_the_font_are_drawn_as_question_marks():
    from scorepack.render.pdf_font import encode

    assert encode("Ynys Môn – “Gwynedd” ŵ") == "Ynys Môn – “Gwynedd” ?".encode("cp1252")
