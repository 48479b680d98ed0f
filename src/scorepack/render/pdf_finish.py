"""The printed parts of the PDF joined into one tagged document, with pypdf.

Each part is a tagged PDF (PDF/UA-1) from WeasyPrint.  Joining keeps what
makes it accessible:

- **structure tree**: every part's structure elements become children of
  one ``Document`` element, in reading order; the parent tree that maps
  marked content and link annotations back to their elements is renumbered
  (each part's keys shifted past the previous parts'), and so are the
  pages' ``/StructParents`` and the annotations' ``/StructParent``;
- **links**: WeasyPrint writes internal links as named destinations, so the
  parts' name trees are merged into one (the first part to define a name
  wins, the front's placeholders last) and a link from one part to another
  (the contents, an area to its teams, the overview) lands on the right
  page; a part's stand-in for another part's anchor is used only when no
  part prints the anchor itself;
- **bookmarks**: one outline built from every part's headings by level, so
  a team's bookmark sits under its area's even when they were printed in
  different parts;
- **page numbers**: "Page n of m" at the foot of every page but the cover,
  drawn as a pagination artifact (outside the structure tree, as PDF/UA
  asks) in an embedded font (:mod:`scorepack.render.pdf_font`);
- the document's language, title, XMP metadata (from the front part),
  ``/MarkInfo`` and ``DisplayDocTitle``; dates are the pack's produced date.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ByteStringObject,
    DecodedStreamObject,
    DictionaryObject,
    Fit,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from scorepack.pack.model import Pack
from scorepack.render.pdf_font import FIRST, LAST, StampFont, stamp_font

if TYPE_CHECKING:
    from scorepack.render.pdf import Part

PX_TO_PT = 0.75
FOOTER_FONT = 8.0
FOOTER_GREY = b"0.29 0.29 0.29 rg"
FONT_KEY = "/SPPage"


def footer_label(number: int, total: int) -> str:
    return f"Page {number} of {total}"


def _font(writer: PdfWriter, font: StampFont) -> IndirectObject:
    program: Any = DecodedStreamObject()
    program.set_data(font.program)
    program[NameObject("/Length1")] = NumberObject(len(font.program))
    program = program.flate_encode()
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/" + font.name),
            NameObject("/Flags"): NumberObject(32),
            NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in font.bbox),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): NumberObject(font.ascent),
            NameObject("/Descent"): NumberObject(font.descent),
            NameObject("/CapHeight"): NumberObject(font.cap_height),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): writer._add_object(program),
        }
    )
    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/TrueType"),
                NameObject("/BaseFont"): NameObject("/" + font.name),
                NameObject("/FirstChar"): NumberObject(FIRST),
                NameObject("/LastChar"): NumberObject(LAST),
                NameObject("/Widths"): ArrayObject(NumberObject(w) for w in font.widths),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
                NameObject("/FontDescriptor"): writer._add_object(descriptor),
            }
        )
    )


def _stamp(writer: PdfWriter, index: int, font: IndirectObject, text: bytes) -> None:
    """Draw ``text`` (content using FONT_KEY) on top of page ``index``, as an artifact."""
    page = writer.pages[index]
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else DictionaryObject()
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else DictionaryObject()
    fonts[NameObject(FONT_KEY)] = font
    resources[NameObject("/Font")] = fonts
    page[NameObject("/Resources")] = resources
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n" + text + b"EMC\n")
    contents = page.get("/Contents")
    existing = contents.get_object() if contents is not None else ArrayObject()
    streams = list(existing) if isinstance(existing, ArrayObject) else [contents]
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *streams, writer._add_object(after)]
    )


def _text(x: float, y: float, size: float, ink: bytes, text: str) -> bytes:
    return b"q BT %s %.2f Tf %s %.2f %.2f Td (%s) Tj ET Q\n" % (
        FONT_KEY.encode("ascii"),
        size,
        ink,
        x,
        y,
        text.encode("latin-1"),
    )


class _Joiner:
    """Appends parts to one writer, carrying their structure trees across."""

    def __init__(self) -> None:
        self.writer = PdfWriter()
        self.root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        self.root_ref = self.writer._add_object(self.root)
        self.document = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
                NameObject("/P"): self.root_ref,
                NameObject("/K"): ArrayObject(),
            }
        )
        self.document_ref = self.writer._add_object(self.document)
        self.nums: list[tuple[int, Any]] = []
        self.next_key = 0
        self.dests: dict[str, Any] = {}
        self.stand_ins: dict[str, Any] = {}

    def append(self, part: Part) -> PdfReader:
        reader = PdfReader(io.BytesIO(part.pdf))
        shift = self.next_key
        for page in reader.pages:
            added = self.writer.add_page(page)
            parents: Any = page.get("/StructParents")
            if parents is not None:
                added[NameObject("/StructParents")] = NumberObject(int(parents) + shift)
            annots: Any = added.get("/Annots", ArrayObject())
            for ref in annots:
                annot = ref.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(
                        annot["/StructParent"] + shift
                    )
        catalog: Any = reader.trailer["/Root"]
        found = catalog.get("/StructTreeRoot")
        if found is not None:
            tree: Any = found.get_object().clone(self.writer)
            kids: Any = self.document["/K"]
            keys = [-1]
            for part_doc in tree["/K"] if isinstance(tree["/K"], ArrayObject) else [tree["/K"]]:
                for child in part_doc.get_object().get("/K", ArrayObject()):
                    child.get_object()[NameObject("/P")] = self.document_ref
                    kids.append(child)
            nums = tree["/ParentTree"].get_object()["/Nums"]
            for i in range(0, len(nums), 2):
                keys.append(int(nums[i]))
                self.nums.append((int(nums[i]) + shift, nums[i + 1]))
            self.next_key = shift + max(keys) + 1
        names = catalog.get("/Names")
        dests = names.get_object().get("/Dests") if names is not None else None
        if dests is not None:
            flat = dests.get_object().get("/Names", ArrayObject())
            for i in range(0, len(flat), 2):
                name = str(flat[i])
                into = self.stand_ins if name in part.placeholders else self.dests
                into.setdefault(name, flat[i + 1].clone(self.writer))
        return reader

    def finish_structure(self) -> None:
        self.nums.sort(key=lambda kv: kv[0])
        parent_tree = DictionaryObject(
            {
                NameObject("/Nums"): ArrayObject(
                    v for key, value in self.nums for v in (NumberObject(key), value)
                )
            }
        )
        self.root[NameObject("/K")] = ArrayObject([self.document_ref])
        self.root[NameObject("/ParentTree")] = self.writer._add_object(parent_tree)
        self.root[NameObject("/ParentTreeNextKey")] = NumberObject(self.next_key)
        merged = {**self.stand_ins, **self.dests}
        flat = ArrayObject()
        for name in sorted(merged):
            flat += [TextStringObject(name), merged[name]]
        self.writer._root_object[NameObject("/Names")] = DictionaryObject(
            {
                NameObject("/Dests"): self.writer._add_object(
                    DictionaryObject({NameObject("/Names"): flat})
                )
            }
        )
        catalog = self.writer._root_object
        catalog[NameObject("/StructTreeRoot")] = self.root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject(
            {NameObject("/Marked"): BooleanObject(True)}
        )
        catalog[NameObject("/ViewerPreferences")] = DictionaryObject(
            {NameObject("/DisplayDocTitle"): BooleanObject(True)}
        )


def _outline(writer: PdfWriter, parts: Sequence[Part], offsets: Sequence[int]) -> None:
    """One outline from every part's headings: each under the last heading of a lower level."""
    stack: list[tuple[int, Any]] = []
    for part, offset in zip(parts, offsets, strict=True):
        for index, level, label, x, y in part.bookmarks:
            while stack and stack[-1][0] >= level:
                stack.pop()
            page = offset + index
            height = float(writer.pages[page].mediabox.height)
            fit = Fit.xyz(x * PX_TO_PT, height - y * PX_TO_PT, 0)
            parent = stack[-1][1] if stack else None
            item = writer.add_outline_item(title=label, page_number=page, parent=parent, fit=fit)
            stack.append((level, item))


def join_parts(pack: Pack, front: Part, body: Sequence[Part]) -> bytes:
    """The whole PDF: the front then the body parts, tagged, numbered, linked and titled."""
    joiner = _Joiner()
    first = joiner.append(front)
    for part in body:
        joiner.append(part)
    joiner.finish_structure()
    writer = joiner.writer
    offsets = [0]
    for part in (front, *body)[:-1]:
        offsets.append(offsets[-1] + part.pages)
    _outline(writer, (front, *body), offsets)

    stamp = stamp_font()
    font = _font(writer, stamp)
    total = len(writer.pages)
    for index in range(1, total):  # the cover has no footer
        box = writer.pages[index].mediabox
        width, height = float(box.width), float(box.height)
        margin = 34.0 if width > height else 42.5
        label = footer_label(index + 1, total)
        x = width - margin - stamp.width(label, FOOTER_FONT)
        _stamp(writer, index, font, _text(x, 24.0, FOOTER_FONT, FOOTER_GREY, label))

    catalog = writer._root_object
    front_catalog: Any = first.trailer["/Root"]
    for key in ("/Lang", "/Metadata"):
        if key in front_catalog:
            catalog[NameObject(key)] = front_catalog[key].clone(writer)
    cover = pack.cover
    stamp_date = f"D:{cover.produced:%Y%m%d}000000Z"
    writer.add_metadata(
        {
            "/Title": document_title(pack),
            "/Author": cover.authority,
            "/Subject": f"{cover.service} performance scorecard for {cover.month_label}",
            "/Creator": "scorepack",
            "/Producer": "scorepack (WeasyPrint and pypdf)",
            "/CreationDate": stamp_date,
            "/ModDate": stamp_date,
        }
    )
    digest = bytes.fromhex(hashlib.sha256(b"".join(p.pdf for p in (front, *body))).hexdigest()[:32])
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    writer.page_mode = "/UseOutlines"
    writer.compress_identical_objects()  # drops the parts' old structure roots
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def document_title(pack: Pack) -> str:
    cover = pack.cover
    return f"{cover.title} – {cover.authority} – {cover.month_label}"
