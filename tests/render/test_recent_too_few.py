"""A recent month left unrated by the small-number rule (its denominator below the
minimum) shows "n", not a bare "–", in the exception report's last-four-months table, and
the page says why in words (the review's page 274: 324.2 above Red, yet "–")."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from scorepack.render.html import render_document

PAGE = "exception-kent-pf-initial-visit"
# (denominators for the last four months, rated on at least 10: the cells and the note)
CASES = [
    ((68, 68, 68, 68), ["R?", "R?", "R?", "R?"], None),
    (
        (9, 68, 68, 68),
        ["n", "R?", "R?", "R?"],
        "n: too few to rate. Dec 2015 rests on 9 Private Fostering visits due within 7 days "
        "of the notification, fewer than the 10 a result is rated on.",
    ),
    (
        (9, 7, 68, 68),
        ["n", "n", "R?", "R?"],
        "n: too few to rate. Dec 2015 and Jan 2016 rest on 9 and 7 Private Fostering visits "
        "due within 7 days of the notification, fewer than the 10 a result is rated on.",
    ),
]


def _page(pack, denominators):  # type: ignore[no-untyped-def]
    page = pack.page(PAGE)
    by_month = dict(zip(page.recent_months, denominators, strict=True))

    def point(p):  # type: ignore[no-untyped-def]
        d = by_month.get(p.result.period)
        if d is None:
            return p
        return replace(p, result=replace(p.result, denominator=d), rag=None if d < 10 else p.rag)

    return replace(page, recent=tuple(point(p) for p in page.recent))


@pytest.mark.parametrize("for_print", [False, True], ids=["screen", "print"])
@pytest.mark.parametrize(("denominators", "cells", "note"), CASES, ids=["none", "one", "two"])
def test_a_month_on_too_few_says_so(pack, for_print, denominators, cells, note) -> None:  # type: ignore[no-untyped-def]
    page = _page(pack, denominators)
    assert page.min_denominator == 10
    assert page.too_few_note == note
    html = render_document(pack, [page], for_print=for_print)
    section = html.split(f'id="{PAGE}"', 1)[1].split("</section>", 1)[0]
    rag_row = section.split('<th scope="row">RAG rating</th>', 1)[1].split("</tr>", 1)[0]
    shown = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", rag_row)]
    for cell, want in zip(shown, cells, strict=True):
        if want == "n":
            assert cell.startswith("n") and "–" not in cell
        else:
            assert not cell.startswith("n")
    if note is None:
        assert 'class="recent-note"' not in section
    else:
        assert re.search(rf'<p class="recent-note"[^>]*>{re.escape(note)}</p>', section)
    if not for_print and note:
        assert "Too few to rate" in rag_row
