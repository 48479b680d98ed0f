"""The pack as a PDF for committee papers, printed by WeasyPrint from the HTML.

The print rules in ``templates/pack.css`` do the layout: A4 portrait, with
the wide tables (activity, scorecards, cohort impact) on A4 landscape pages
through a named page; a running header with the pack's title and the current
section; bookmarks for each section and each exception report; no table row
split across pages; trend charts kept as vector SVG.

WeasyPrint lays out about five to ten pages a second, and a county's pack with
every team runs to hundreds of pages, so the pack is printed in parts, side by
side in worker processes.  A part never splits a unit's scorecard from its
exception reports; parts are joined into two batches per worker.  The parts
are joined in reading order with pypdf, which keeps their bookmarks.  Then the
things that need the whole document are added: "Page n of m" in each footer
(but not on the cover), the page numbers in the contents (the front part is
printed last, once they are known) and the contents' links to each section.

The HTML is self-contained and WeasyPrint is given a URL fetcher that refuses
everything, so nothing in commentary can make the printer fetch a URL.  The
same pack gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

from scorepack.pack.model import ExceptionPage, Pack, Page, ScorecardPage
from scorepack.render.html import render_document

PX_TO_PT = 0.75
FOOTER_FONT = 8.0
FOOTER_GREY = b"0.29 0.29 0.29 rg"
# Helvetica advance widths (1/1000 em) for the characters of "Page 12 of 345".
HELVETICA = {" ": 278, "P": 667, "a": 556, "g": 556, "e": 556, "o": 556, "f": 278}
HELVETICA.update({d: 556 for d in "0123456789"})


class FetchRefused(Exception):
    pass


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise FetchRefused(f"the pack is self-contained; refusing to fetch {url!r}")


@dataclass(frozen=True)
class Part:
    pdf: bytes
    pages: int
    anchors: dict[str, int]
    """Anchor id to page index within the part."""
    links: tuple[tuple[int, str, tuple[float, float, float, float]], ...]
    """(page index, anchor, (x0, y0, x1, y1) in CSS px from the top left) of internal links."""


def print_part(html: str) -> Part:
    """Lay out one part with WeasyPrint (runs in a worker process)."""
    from weasyprint import HTML  # imported here: loading WeasyPrint takes a moment

    document = HTML(string=html, url_fetcher=_no_fetch, base_url=None).render()
    anchors: dict[str, int] = {}
    links = []
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
        for kind, target, rect, _box in page.links:
            if kind == "internal":
                links.append((index, str(target), tuple(float(v) for v in rect)))
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    data = document.write_pdf(pdf_identifier=identifier)
    return Part(data, len(document.pages), anchors, tuple(links))  # type: ignore[arg-type]


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


def batches(parts: list[list[Page]], count: int) -> list[list[Page]]:
    """Consecutive parts joined into about ``count`` batches of similar size.

    Each document WeasyPrint prints has a fixed cost, so a few large batches
    (two per worker, to even out the load) beat one document per unit.
    """
    weight = [sum(1 if isinstance(p, ExceptionPage) else 3 for p in part) for part in parts]
    target = sum(weight) / max(count, 1)
    out: list[list[Page]] = []
    size = target
    for part, w in zip(parts, weight, strict=True):
        if size >= target:
            out.append([])
            size = 0
        out[-1].extend(part)
        size += w
    return out


def _print_all(htmls: Sequence[str], workers: int) -> list[Part]:
    if workers <= 1 or len(htmls) <= 1:
        return [print_part(h) for h in htmls]
    context = get_context("fork" if "fork" in _start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(print_part, htmls, chunksize=1))


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _text_width(text: str, size: float) -> float:
    return sum(HELVETICA.get(ch, 556) for ch in text) * size / 1000


def _stamp(writer: PdfWriter, first: int) -> None:
    """Write "Page n of m" at the foot of every page from ``first`` (0-based) on."""
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    total = len(writer.pages)
    for index in range(first, total):
        page = writer.pages[index]
        width = float(page.mediabox.width)
        landscape = width > float(page.mediabox.height)
        margin = 34.0 if landscape else 42.5
        text = f"Page {index + 1} of {total}"
        x = width - margin - _text_width(text, FOOTER_FONT)
        y = 24.0
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else DictionaryObject()
        fonts[NameObject("/SPFooter")] = font
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(b"q\n")
        after.set_data(
            b"Q\nq BT /SPFooter %.1f Tf %s %.2f %.2f Td (%s) Tj ET Q\n"
            % (FOOTER_FONT, FOOTER_GREY, x, y, text.encode("latin-1"))
        )
        contents = page.get("/Contents")
        existing = contents.get_object() if contents is not None else ArrayObject()
        streams = list(existing) if isinstance(existing, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject(
            [writer._add_object(before), *streams, writer._add_object(after)]
        )


def _link_contents(writer: PdfWriter, front: Part, where: dict[str, int]) -> None:
    """Make each contents entry a link to its page in the joined document."""
    for index, anchor, (x0, y0, x1, y1) in front.links:
        if anchor not in where:
            continue
        height = float(writer.pages[index].mediabox.height)
        rect = (x0 * PX_TO_PT, height - y1 * PX_TO_PT, x1 * PX_TO_PT, height - y0 * PX_TO_PT)
        writer.add_annotation(index, Link(rect=rect, target_page_index=where[anchor]))


def render_pdf(pack: Pack, workers: int | None = None) -> bytes:
    """The PDF as bytes, printed in parts on ``workers`` processes (default: every CPU)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    chunks = batches(parts_of(pack), 2 * workers)
    body_html = [render_document(pack, chunk, front=False) for chunk in chunks]
    placeholder = {entry.anchor: 999 for entry in pack.contents}
    draft_front = render_document(pack, [], front=True, page_numbers=placeholder)
    printed = _print_all([draft_front, *body_html], workers)
    front, parts = printed[0], printed[1:]
    for _attempt in range(3):
        where: dict[str, int] = {}
        offset = front.pages
        for part in parts:
            for anchor, index in part.anchors.items():
                where.setdefault(anchor, offset + index)
            offset += part.pages
        numbers = {entry.anchor: where[entry.anchor] + 1 for entry in pack.contents}
        final_front = print_part(render_document(pack, [], front=True, page_numbers=numbers))
        settled = final_front.pages == front.pages
        front = final_front
        if settled:
            break
    writer = PdfWriter()
    for part in (front, *parts):
        writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=True)
    _stamp(writer, first=1)
    _link_contents(writer, front, where)
    cover = pack.cover
    writer.add_metadata(
        {
            "/Title": f"{cover.title} – {cover.authority} – {cover.month_label}",
            "/Author": cover.authority,
            "/Subject": f"{cover.service} performance scorecard for {cover.month_label}",
            "/Creator": "scorepack",
            "/Producer": "scorepack (WeasyPrint and pypdf)",
            "/CreationDate": f"D:{cover.produced:%Y%m%d}000000",
            "/ModDate": f"D:{cover.produced:%Y%m%d}000000",
        }
    )
    digest = hashlib.sha256(b"".join(p.pdf for p in (front, *parts))).hexdigest()[:32]
    writer._ID = ArrayObject([_byte_string(digest), _byte_string(digest)])
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _byte_string(hex_digest: str) -> Any:
    from pypdf.generic import ByteStringObject

    return ByteStringObject(bytes.fromhex(hex_digest))
