"""The pack as a PDF for committee papers, printed by WeasyPrint from the HTML.

The print rules in ``templates/pack.css`` do the layout: A4 portrait, with
the wide tables (activity, scorecards, cohort impact) on A4 landscape pages
through a named page; a running header with the pack's title and the current
section; bookmarks for each section and each exception report; no table row
split across pages; trend charts kept as vector SVG.

The PDF is tagged (PDF/UA-1): a structure tree with headings, lists and
table headers, the document's language and title, every font embedded.

WeasyPrint lays out five to ten pages a second, and a county's pack with every
team runs to hundreds of pages, so the pack is printed in parts, side by side
in worker processes.  A part never splits a unit's scorecard from its
exception reports.  Parts are gathered into a fixed number of batches of about
equal cost (the same cut whatever the number of workers, so the same bytes),
and the costliest batches start first so that the workers finish together.
The cover and contents are printed alongside, to learn their length, and once
more at the end with each entry's page number.  The parts are then joined into
one tagged document (:mod:`scorepack.render.pdf_finish`).

What makes printing fast, besides the workers: the print markup leaves out
what never shows on paper (see :func:`scorepack.render.html.render_page`),
the print styles avoid flex and grid layout, and WeasyPrint's own stylesheet
is used without the rules for footnotes and notes, which the pack never has.

The HTML is self-contained and WeasyPrint is given a URL fetcher that refuses
everything, so nothing in commentary can make the printer fetch a URL.  The
same pack gives the same bytes.
"""

from __future__ import annotations

import calendar
import gc
import hashlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from scorepack.pack.model import (
    ActivityPage,
    CohortTable,
    ExceptionPage,
    OverviewPage,
    Pack,
    Page,
    ScorecardPage,
)
from scorepack.render.html import render_document
from scorepack.render.pdf_finish import join_parts

# What each kind of page costs to print, relative to an exception report
# (about 0.1 s), as measured on the simulated county: a scorecard of 44
# indicators costs four and a half, the activity table four and a cohort
# table, with every unit's rows, ten.
COST = {
    ExceptionPage: 1.0,
    ScorecardPage: 4.5,
    ActivityPage: 4.0,
    CohortTable: 10.0,
    OverviewPage: 4.0,
}
FRONT_COST_PER_ENTRY = 0.05  # the cover and contents, per contents entry
BATCHES = 8
"""How many parts the body is printed in: a fixed number, so that the bytes
never depend on the number of workers (eight keep two to eight CPUs busy)."""
PDF_VARIANT = "pdf/ua-1"
"""Tagged PDF with a structure tree, the document language and title (WeasyPrint 62+)."""
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
PLACEHOLDER = re.compile(r'<span id="([^"]+)" class="link-target">')
"""The stand-in render_document leaves for an anchor printed in another part."""

# Rules of WeasyPrint's HTML stylesheet that give every element's
# pseudo-elements a style (footnote and note calls and markers).  The pack has
# no footnotes or notes, yet these rules make WeasyPrint compute styles for
# several pseudo-elements of every element: about a fifth of the printing
# time.  List markers are kept, for <li> only.
UNUSED_UA_RULES = ("::footnote-", "::note-")


class FetchRefused(Exception):
    pass


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise FetchRefused(f"the pack is self-contained; refusing to fetch {url!r}")


@dataclass(frozen=True)
class Part:
    """One printed document: its PDF and where things landed in it."""

    pdf: bytes
    pages: int
    anchors: dict[str, int]
    """Anchor id to the index of the page (within the part) it is on."""
    bookmarks: tuple[tuple[int, int, str, float, float], ...]
    """(page index, level, label, x, y in CSS px from the top left) of each heading."""
    placeholders: frozenset[str] = frozenset()
    """Anchors that are only stand-ins here for a link to another part."""


@cache
def _print_stylesheet() -> Any:
    """WeasyPrint's HTML stylesheet without the rules the pack never needs."""
    import weasyprint
    from weasyprint import CSS

    source = Path(weasyprint.__file__).parent / "css" / "html5_ua.css"
    lines = [
        line.replace("::marker {", "li::marker {", 1)
        for line in source.read_text(encoding="utf-8").splitlines()
        if not line.startswith(UNUSED_UA_RULES)
    ]
    return CSS(string="\n".join(lines))


@cache
def _pack_html() -> Any:
    """WeasyPrint's HTML class, styled with the trimmed stylesheet."""
    from weasyprint import HTML  # imported here: loading WeasyPrint takes a moment

    # _ua_stylesheets is how WeasyPrint picks its own stylesheet.  Should a
    # later version rename it, this override goes unused and the full
    # stylesheet applies: slower, but the same PDF.
    class PackHTML(HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [_print_stylesheet()]

    return PackHTML


def epoch(day: date) -> int:
    """Seconds since 1970 at midnight UTC on ``day``."""
    return calendar.timegm(day.timetuple())


def print_part(html: str, produced: int, write: bool = True) -> Part:
    """Lay out one part with WeasyPrint (runs in a worker process).

    Without ``write`` the part is only laid out, to learn its length and
    where things land: its ``pdf`` is empty (drawing and writing the tagged
    file is about 40% of a part's cost).

    ``produced`` (seconds since 1970) stands in for the clock while the part
    is written: fontTools, when WeasyPrint subsets a font with it, stamps the
    subset's ``head.modified`` with ``SOURCE_DATE_EPOCH`` or else the current
    time, so it is set to the pack's produced date for the duration, whatever
    the caller's environment says, and restored afterwards.

    Python's cycle collector is paused while WeasyPrint works: layout makes
    millions of short-lived objects, and the collector's repeated sweeps over
    them cost about a fifth of the time.  What a part leaves behind is
    collected once, at the end.
    """
    saved = os.environ.get(EPOCH_VARIABLE)
    os.environ[EPOCH_VARIABLE] = str(produced)
    gc.disable()
    try:
        return _print_part(html, write)
    finally:
        gc.enable()
        gc.collect()
        if saved is None:
            os.environ.pop(EPOCH_VARIABLE, None)
        else:
            os.environ[EPOCH_VARIABLE] = saved


def _print_part(html: str, write: bool) -> Part:
    document = _pack_html()(string=html, url_fetcher=_no_fetch, base_url=None).render()
    placeholders = frozenset(PLACEHOLDER.findall(html))
    anchors: dict[str, int] = {}
    bookmarks = []
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            if name not in placeholders:
                anchors.setdefault(name, index)
        for level, label, (x, y), _state in page.bookmarks:
            bookmarks.append((index, int(level), str(label), float(x), float(y)))
    data = b""
    if write:
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
        data = document.write_pdf(pdf_identifier=identifier, pdf_variant=PDF_VARIANT)
    return Part(data, len(document.pages), anchors, tuple(bookmarks), placeholders)


def parts_of(pack: Pack) -> list[list[Page]]:
    """The body cut into parts: a new part at each scorecard, and around other tables."""
    parts: list[list[Page]] = []
    for page in pack.body:
        if (
            isinstance(page, ScorecardPage)
            or not parts
            or not isinstance(parts[-1][0], ScorecardPage)
        ):
            parts.append([page])
        else:
            parts[-1].append(page)
    return parts


def cost(pages: Sequence[Page]) -> float:
    return sum(COST.get(type(p), 1.0) for p in pages)


def batches(parts: list[list[Page]], count: int) -> list[list[Page]]:
    """Consecutive parts joined into at most ``count`` batches of similar cost.

    Each document WeasyPrint prints has a small fixed cost and each batch's
    fonts are embedded once per batch, so a few batches per worker beat one
    document per unit; more than one per worker lets the load even out.
    """
    target = cost([p for part in parts for p in part]) / max(count, 1)
    out: list[list[Page]] = []
    size = target
    for part in parts:
        if size >= target:
            out.append([])
            size = 0
        out[-1].extend(part)
        size += cost(part)
    return out


def _print_all(
    documents: Sequence[Callable[[], str]],
    costs: Sequence[float],
    workers: int,
    produced: int,
    write: Sequence[bool],
) -> list[Part]:
    """Each document's HTML made and printed, the costliest first; returned in order.

    Each document is handed to a worker as soon as its HTML is made, so the
    workers start while the rest of the HTML is still being rendered.  A
    document whose ``write`` is false is only laid out (see :func:`print_part`).
    """
    if workers <= 1 or len(documents) <= 1:
        return [print_part(make(), produced, w) for make, w in zip(documents, write, strict=True)]
    order = sorted(range(len(documents)), key=lambda i: -costs[i])
    context = get_context("fork" if "fork" in get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {i: pool.submit(print_part, documents[i](), produced, write[i]) for i in order}
        return [futures[i].result() for i in range(len(documents))]


def contents_numbers(
    front_pages: int, parts: Sequence[tuple[Mapping[str, int], int]]
) -> dict[str, int]:
    """Each anchor's page number (from 1) once the front and then the parts are joined.

    ``parts`` gives, for each body part in order, its anchors (to the index of
    their page within the part) and its length; the first part to hold an
    anchor places it.  Both engines number the contents this way.
    """
    numbers: dict[str, int] = {}
    offset = front_pages
    for anchors, pages in parts:
        for anchor, index in anchors.items():
            numbers.setdefault(anchor, offset + index + 1)
        offset += pages
    return numbers


def check_front_length(draft_pages: int, final_pages: int) -> None:
    """The front printed with its page numbers is as long as the draft the numbers assumed."""
    if final_pages != draft_pages:  # cannot happen while the numbers sit in a fixed gap
        raise RuntimeError("the contents changed length once the page numbers were written")


def render_pdf(pack: Pack, workers: int | None = None) -> bytes:
    """The PDF as bytes, printed in parts on ``workers`` processes (default: every CPU).

    The parts are cut the same way whatever the number of workers, so the
    bytes never depend on it.  The front (cover and contents) is printed
    twice: once beside the body, with placeholder page numbers, to learn how
    many pages it takes (laid out only, not written), and once more at the
    end with the real numbers.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    produced = epoch(pack.cover.produced)
    chunks = batches(parts_of(pack), BATCHES)
    documents = [partial(render_document, pack, [], front=True, for_print=True)]
    documents += [partial(render_document, pack, c, front=False, for_print=True) for c in chunks]
    costs = [FRONT_COST_PER_ENTRY * len(pack.contents), *(cost(c) for c in chunks)]
    write = [False] + [True] * len(chunks)
    draft, *body = _print_all(documents, costs, workers, produced, write)
    numbers = contents_numbers(draft.pages, [(part.anchors, part.pages) for part in body])
    front = print_part(
        render_document(pack, [], front=True, for_print=True, page_numbers=numbers), produced
    )
    check_front_length(draft.pages, front.pages)
    return join_parts(pack, front, body)
