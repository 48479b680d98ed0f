"""The running head of each page, for an engine that cannot set it from the markup.

WeasyPrint sets the running head itself, from the print rules in
``templates/pack.css``: the pack's running title on the left (``main``'s
``data-running``) and the current section on the right, followed by
"(continued)" on a wide table's second page and on.  Chromium has no
``string-set``, so the Chromium engine works the same head out here, from
the pack and the page each of its pages starts on, and stamps it after the
join (:func:`scorepack.render.pdf_finish.number_pages`) as a pagination
artifact, outside the structure tree.

The rules, as pack.css states them for WeasyPrint:

- the cover and contents (the pages before the body) have no head;
- a scorecard, the activity table, the overview and a cohort table each
  start a section titled with their heading; on their later pages the
  section is "(continued)";
- an exception report keeps its scorecard's section and is never
  "(continued)" (its heading clears the word, and its tables do not set it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scorepack.pack.model import ExceptionPage, Pack
from scorepack.render.pdf_font import StampFont

SIZE = 8.0
"""Points, as pack.css's ``@top-left`` and ``@top-right``."""
MM = 72 / 25.4
MARGINS = {"portrait": (20 * MM, 15 * MM), "landscape": (16 * MM, 12 * MM)}
"""(top, left and right) page margins in points, as pack.css's ``@page`` rules."""
CONTINUED = " (continued)"
ELLIPSIS = "…"
GAP = 2 * SIZE
"""The least space kept between the left and right parts of a head."""


@dataclass(frozen=True)
class Head:
    left: str
    right: str


def running_heads(pack: Pack, first_pages: Mapping[str, int], total: int) -> list[Head | None]:
    """The head of each of ``total`` pages, given the page (0-based) each body page starts on.

    ``first_pages`` maps the anchors of the pack's body pages to the page
    they start on; a body page missing from it carries on the one before.
    """
    heads: list[Head | None] = [None] * total
    starts = [(first_pages[page.anchor], page) for page in pack.body if page.anchor in first_pages]
    section = ""
    for index, (start, page) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else total
        exception = isinstance(page, ExceptionPage)
        if not exception:
            section = page.title
        for number in range(start, min(max(end, start + 1), total)):
            if heads[number] is None:  # the first section to start on a page names it
                later = number > start and not exception
                heads[number] = Head(
                    pack.cover.running_head, section + (CONTINUED if later else "")
                )
    return heads


def head_lines(
    head: Head, width: float, height: float, font: StampFont
) -> list[tuple[float, float, str]]:
    """Where ``head`` is drawn on a page of this size: (x, baseline y, text) in points.

    Each part is set in the top margin's box, centred on its height as the
    margin boxes centre their text: the left flush with the left margin, the
    right flush with the right.  Should the two not fit side by side, the
    left (the pack's title, on every page) is shortened with an ellipsis.
    """
    top, side = MARGINS["landscape" if width > height else "portrait"]
    glyphs = (font.ascent - font.descent) / 1000 * SIZE  # descent is negative
    baseline = height - top / 2 - glyphs / 2 + (-font.descent / 1000 * SIZE)
    right_width = font.width(head.right, SIZE)
    room = width - 2 * side - right_width - GAP
    left = head.left
    if font.width(left, SIZE) > room:
        while left and font.width(left + ELLIPSIS, SIZE) > room:
            left = left[:-1]
        left = left.rstrip() + ELLIPSIS if left else ""
    lines = [(side, baseline, left)] if left else []
    if head.right:
        lines.append((width - side - right_width, baseline, head.right))
    return lines
