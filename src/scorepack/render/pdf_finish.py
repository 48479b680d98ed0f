"""The printed parts of the PDF joined into one document, with pypdf.

Parts are appended in reading order, keeping their bookmarks.  Then what
needs the whole document is added: the page number of each contents entry
(written into the gap the print styles leave for it, right-aligned on the
entry's last line), "Page n of m" at the foot of every page but the cover,
the contents' links to each section, and the document's metadata.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

from scorepack.pack.model import Pack
from scorepack.render.metrics import text_width

if TYPE_CHECKING:
    from scorepack.render.pdf import Part

PX_TO_PT = 0.75
FOOTER_FONT = 8.0
FOOTER_GREY = b"0.29 0.29 0.29 rg"
# The contents' font sizes in points by level, as set in pack.css, and its ink.
CONTENTS_FONT = {1: 9.5, 2: 8.75}
CONTENTS_INK = b"0.1 0.1 0.1 rg"


def _helvetica(writer: PdfWriter) -> Any:
    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )


def _draw(writer: PdfWriter, index: int, font: Any, text: bytes) -> None:
    """Add content drawn with ``font`` (as /SPFooter) on top of page ``index``."""
    page = writer.pages[index]
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else DictionaryObject()
    fonts[NameObject("/SPFooter")] = font
    resources[NameObject("/Font")] = fonts
    page[NameObject("/Resources")] = resources
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"Q\n" + text)
    contents = page.get("/Contents")
    existing = contents.get_object() if contents is not None else ArrayObject()
    streams = list(existing) if isinstance(existing, ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *streams, writer._add_object(after)]
    )


def _text(x: float, y: float, size: float, ink: bytes, text: str) -> bytes:
    return b"q BT /SPFooter %.2f Tf %s %.2f %.2f Td (%s) Tj ET Q\n" % (
        size,
        ink,
        x,
        y,
        text.encode("latin-1"),
    )


def _contents_numbers(
    pack: Pack, front: Part, where: dict[str, int], heights: Sequence[float]
) -> dict[int, bytes]:
    """The page number of each contents entry, drawn at the end of its line.

    The empty ``.pn`` box after each entry's title sits on the baseline of its
    last line; the entry's link box ends at the right edge of the gap.
    """
    right: dict[str, float] = {}  # the entry's box and the boxes inside it are all links
    for _index, anchor, rect in front.links:
        right[anchor] = max(right.get(anchor, 0.0), rect[2])
    drawn: dict[int, bytes] = {}
    for entry in pack.contents:
        mark = front.anchors.get(f"pn-{entry.anchor}")
        if mark is None or entry.anchor not in where or entry.anchor not in right:
            continue
        index, _x, y = mark
        number = str(where[entry.anchor] + 1)
        size = CONTENTS_FONT.get(entry.level, CONTENTS_FONT[1])
        x = right[entry.anchor] * PX_TO_PT - text_width(number, size)
        baseline = heights[index] - y * PX_TO_PT
        drawn[index] = drawn.get(index, b"") + _text(x, baseline, size, CONTENTS_INK, number)
    return drawn


def join_parts(pack: Pack, front: Part, body: Sequence[Part]) -> bytes:
    """The whole PDF: the front then the body parts, numbered, linked and titled."""
    writer = PdfWriter()
    for part in (front, *body):
        writer.append(PdfReader(io.BytesIO(part.pdf)), import_outline=True)
    where: dict[str, int] = {}
    offset = front.pages
    for part in body:
        for anchor, (index, _x, _y) in part.anchors.items():
            where.setdefault(anchor, offset + index)
        offset += part.pages

    font = _helvetica(writer)
    total = len(writer.pages)
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in writer.pages]
    extra = _contents_numbers(pack, front, where, [h for _w, h in sizes])
    for index in range(total):
        width, height = sizes[index]
        margin = 34.0 if width > height else 42.5
        label = f"Page {index + 1} of {total}"
        x = width - margin - text_width(label, FOOTER_FONT)
        footer = _text(x, 24.0, FOOTER_FONT, FOOTER_GREY, label) if index else b""
        if footer or index in extra:  # the cover has no footer
            _draw(writer, index, font, extra.get(index, b"") + footer)

    for index, anchor, (x0, y0, x1, y1) in front.links:
        if anchor in where:
            height = sizes[index][1]
            rect = (x0 * PX_TO_PT, height - y1 * PX_TO_PT, x1 * PX_TO_PT, height - y0 * PX_TO_PT)
            writer.add_annotation(index, Link(rect=rect, target_page_index=where[anchor]))

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
    digest = bytes.fromhex(hashlib.sha256(b"".join(p.pdf for p in (front, *body))).hexdigest()[:32])
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
