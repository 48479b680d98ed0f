"""The printed parts of the PDF joined into one tagged document, with pikepdf.

Each part is a tagged PDF: PDF/UA-1 from WeasyPrint, or one half of the pack
from Chromium (:mod:`scorepack.render.pdf_chromium`).  The join is done by
qpdf (through pikepdf): pages, structure elements, fonts and images are
copied between documents in C++, each object once, so the join costs about a
second for a pack of hundreds of pages (pypdf's pure-Python cloning of every
object cost about as much CPU as printing a third of the pack).  Joining
keeps what makes the PDF accessible:

- **structure tree**: every part's structure elements become children of
  one ``Document`` element, in reading order; the parent tree that maps
  marked content and link annotations back to their elements is renumbered
  (each part's keys shifted past the previous parts'), and so are the
  pages' ``/StructParents`` and the annotations' ``/StructParent``;
- **links**: internal links go to named destinations (WeasyPrint's in a name
  tree, Chromium's in the catalog's ``/Dests``, kept in the same form), so
  the parts' destinations are merged into one table (the first part to define a name
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

The file is written with object streams (the structure tree's tens of
thousands of small dictionaries compress well) and an ``/ID`` computed from
its content, so the same parts give the same bytes.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, PageLocation, Pdf, String

from scorepack.pack.model import Pack
from scorepack.render.pdf_font import FIRST, LAST, StampFont, encode, stamp_font
from scorepack.render.pdf_heads import MARGINS, Head, head_lines
from scorepack.render.pdf_heads import SIZE as HEAD_SIZE

if TYPE_CHECKING:
    from scorepack.render.pdf import Part

PX_TO_PT = 0.75
FOOTER_FONT = 8.0
FOOTER_GREY = b"0.29 0.29 0.29 rg"
FONT_KEY = "/SPPage"
PDF_VERSION = "1.7"
"""PDF/UA-1 is based on PDF 1.7 (ISO 32000-1)."""
COPY_WARNING = "Copying pages from another Pdf"
"""pikepdf's warning that ``pages.extend`` leaves named destinations behind: the join merges them."""


def footer_label(number: int, total: int) -> str:
    return f"Page {number} of {total}"


def _font(pdf: Pdf, font: StampFont) -> Any:
    program = pikepdf.Stream(pdf, font.program)
    program[Name.Length1] = len(font.program)
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name("/" + font.name),
        Flags=32,
        FontBBox=Array(list(font.bbox)),
        ItalicAngle=0,
        Ascent=font.ascent,
        Descent=font.descent,
        CapHeight=font.cap_height,
        StemV=80,
        FontFile2=pdf.make_indirect(program),
    )
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.TrueType,
            BaseFont=Name("/" + font.name),
            FirstChar=FIRST,
            LastChar=LAST,
            Widths=Array(list(font.widths)),
            Encoding=Name.WinAnsiEncoding,
            FontDescriptor=pdf.make_indirect(descriptor),
        )
    )


def _stamp(page: pikepdf.Page, font: Any, marks: Sequence[tuple[bytes, bytes]]) -> None:
    """Draw each (artifact subtype, content using FONT_KEY) on top of ``page``, as an artifact."""
    page.add_resource(font, Name.Font, Name(FONT_KEY))
    page.contents_add(b"q\n", prepend=True)
    drawn = b"".join(
        b"/Artifact <</Type /Pagination /Subtype %s>> BDC\n%sEMC\n" % (subtype, text)
        for subtype, text in marks
    )
    page.contents_add(b"Q\n" + drawn)


def _literal(text: str) -> bytes:
    """``text`` as a PDF string literal's body in the stamping font's encoding."""
    raw = encode(text)
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _text(x: float, y: float, size: float, ink: bytes, text: str) -> bytes:
    return b"q BT %s %.2f Tf %s %.2f %.2f Td (%s) Tj ET Q\n" % (
        FONT_KEY.encode("ascii"),
        size,
        ink,
        x,
        y,
        _literal(text),
    )


def _kids(value: Any) -> list[Any]:
    """A /K entry as a list (an array, or one element on its own)."""
    return list(value) if isinstance(value, Array) else [value]


def _part_destinations(catalog: Any) -> list[tuple[str, Any]]:
    """A part's named destinations, in its name tree (WeasyPrint) or /Dests dictionary (Chromium)."""
    found: list[tuple[str, Any]] = []
    names = catalog.get(Name.Names)
    tree = names.get(Name.Dests) if names is not None else None
    if tree is not None:
        flat = tree.get(Name.Names, Array())
        found += [(str(flat[i]), flat[i + 1]) for i in range(0, len(flat), 2)]
    table = catalog.get(Name.Dests)
    if table is not None:
        found += [(str(key)[1:], table[key]) for key in sorted(table.keys())]
    return found


class Joiner:
    """Appends parts to one document, carrying their structure trees across."""

    def __init__(self) -> None:
        self.pdf = Pdf.new()
        self.sources: list[Pdf] = []
        """The parts, open until the joined file is written (qpdf reads their streams then)."""
        self.root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = self.pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=self.root, K=Array())
        )
        self.nums: list[tuple[int, Any]] = []
        self.next_key = 0
        self.dests: dict[str, Any] = {}
        self.stand_ins: dict[str, Any] = {}
        self.front: Any = None
        """The front part's catalog entries kept for the whole document (language, XMP)."""
        self.by_name = False
        """Whether the parts' links name their destinations (Chromium) rather than use strings."""

    def append(self, part: Part) -> None:
        source = Pdf.open(io.BytesIO(part.pdf))
        self.sources.append(source)
        catalog = source.Root
        shift = self.next_key
        start = len(self.pdf.pages)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=COPY_WARNING)
            self.pdf.pages.extend(source.pages)
        # Everything else the join needs from the part, copied in one go; pages
        # the structure elements and destinations point at map to the copies.
        bundle = Dictionary()
        for entry in ("/StructTreeRoot", "/Names", "/Dests", "/Lang", "/Metadata"):
            if entry in catalog:
                bundle[entry] = catalog[entry]
        copied = self.pdf.copy_foreign(source.make_indirect(bundle))
        self.by_name = self.by_name or Name.Dests in copied
        if self.front is None:
            self.front = copied
        for page in self.pdf.pages[start:]:
            if Name.StructParents in page.obj:
                page.obj[Name.StructParents] = int(page.obj[Name.StructParents]) + shift
            for annot in page.obj.get(Name.Annots, Array()):
                if Name.StructParent in annot:
                    annot[Name.StructParent] = int(annot[Name.StructParent]) + shift
        tree = copied.get(Name.StructTreeRoot)
        if tree is not None:
            kids = self.document[Name.K]
            for part_document in _kids(tree[Name.K]):
                for child in _kids(part_document.get(Name.K, Array())):
                    child[Name.P] = self.document
                    kids.append(child)
            nums = tree[Name.ParentTree][Name.Nums]
            keys = [-1]
            for i in range(0, len(nums), 2):
                key = int(nums[i])
                keys.append(key)
                self.nums.append((key + shift, nums[i + 1]))
            self.next_key = shift + max(keys) + 1
        for name, dest in _part_destinations(copied):
            into = self.stand_ins if name in part.placeholders else self.dests
            into.setdefault(name, dest)

    def close(self) -> None:
        """Close the parts (once the joined file is written)."""
        for source in self.sources:
            source.close()

    def finish_structure(self) -> None:
        self.nums.sort(key=lambda kv: kv[0])
        flat_nums = Array()
        for key, value in self.nums:
            flat_nums.append(key)
            flat_nums.append(value)
        self.root[Name.K] = Array([self.document])
        self.root[Name.ParentTree] = self.pdf.make_indirect(Dictionary(Nums=flat_nums))
        self.root[Name.ParentTreeNextKey] = self.next_key
        merged = {**self.stand_ins, **self.dests}
        catalog = self.pdf.Root
        if self.by_name:  # links name their targets (/Dest /name): the catalog's /Dests
            table = Dictionary({"/" + name: merged[name] for name in sorted(merged)})
            catalog[Name.Dests] = self.pdf.make_indirect(table)
        else:  # links give their targets as strings: a name tree
            flat = Array()
            for name in sorted(merged):
                flat.append(String(name))
                flat.append(merged[name])
            catalog[Name.Names] = Dictionary(Dests=self.pdf.make_indirect(Dictionary(Names=flat)))
        catalog[Name.StructTreeRoot] = self.root
        catalog[Name.MarkInfo] = Dictionary(Marked=True)
        catalog[Name.ViewerPreferences] = Dictionary(DisplayDocTitle=True)
        catalog[Name.PageMode] = Name.UseOutlines
        for entry in (Name.Lang, Name.Metadata):
            if entry in self.front:
                catalog[entry] = self.front[entry]


def _outline(pdf: Pdf, parts: Sequence[Part], offsets: Sequence[int]) -> None:
    """One outline from every part's headings: each under the last heading of a lower level."""
    with pdf.open_outline() as outline:
        stack: list[tuple[int, OutlineItem]] = []
        for part, offset in zip(parts, offsets, strict=True):
            for index, level, label, x, y in part.bookmarks:
                while stack and stack[-1][0] >= level:
                    stack.pop()
                page = offset + index
                height = float(pdf.pages[page].mediabox[3])
                item = OutlineItem(
                    label,
                    page,
                    PageLocation.XYZ,
                    left=x * PX_TO_PT,
                    top=height - y * PX_TO_PT,
                    zoom=0,
                )
                (stack[-1][1].children if stack else outline.root).append(item)
                stack.append((level, item))


def join_parts(pack: Pack, front: Part, body: Sequence[Part]) -> bytes:
    """The whole PDF: the front then the body parts, tagged, numbered, linked and titled."""
    joiner = Joiner()
    for part in (front, *body):
        joiner.append(part)
    joiner.finish_structure()
    pdf = joiner.pdf
    offsets = [0]
    for part in (front, *body)[:-1]:
        offsets.append(offsets[-1] + part.pages)
    _outline(pdf, (front, *body), offsets)

    number_pages(pdf)
    describe_links(pdf, pack)
    data = finish(pdf, pack, "scorepack (WeasyPrint and qpdf)")
    joiner.close()
    return data


def number_pages(pdf: Pdf, heads: Sequence[Head | None] = ()) -> None:
    """ "Page n of m" at the foot of every page but the cover, as a pagination artifact.

    ``heads`` (one per page, or none) are the running heads to draw at the
    top as well (:mod:`scorepack.render.pdf_heads`), for an engine that does
    not print its own.
    """
    stamp = stamp_font()
    font = _font(pdf, stamp)
    total = len(pdf.pages)
    for index in range(1, total):  # the cover has no footer
        page = pdf.pages[index]
        box = page.mediabox
        width, height = float(box[2]) - float(box[0]), float(box[3]) - float(box[1])
        margin = MARGINS["landscape" if width > height else "portrait"][1]
        label = footer_label(index + 1, total)
        x = width - margin - stamp.width(label, FOOTER_FONT)
        marks = [(b"/Footer", _text(x, 24.0, FOOTER_FONT, FOOTER_GREY, label))]
        head = heads[index] if index < len(heads) else None
        if head is not None:
            drawn = b"".join(
                _text(hx, hy, HEAD_SIZE, FOOTER_GREY, words)
                for hx, hy, words in head_lines(head, width, height, stamp)
            )
            marks.append((b"/Header", drawn))
        _stamp(page, font, marks)


def describe_links(pdf: Pdf, pack: Pack) -> None:
    """Give each link annotation a description (``/Contents``), as PDF/UA asks.

    An internal link is described by where it goes, the contents' title of its
    target ("Exception report: …", "Scorecard – East Kent"), so a Red cell
    whose only text is "R" still says what it opens; a web link by its
    address.  This replaces what the printer wrote (WeasyPrint writes the bare
    anchor); a link whose target the contents do not name keeps it.
    """
    titles = {entry.anchor: entry.title for entry in pack.contents}
    titles.setdefault("contents", "Contents")
    for page in pdf.pages:
        for annot in page.obj.get(Name.Annots, Array()):
            if annot.get(Name.Subtype) != Name.Link:
                continue
            action = annot.get(Name.A, Dictionary())
            if Name.URI in action:
                annot[Name.Contents] = String(str(action[Name.URI]))
                continue
            target = annot.get(Name.Dest, action.get(Name.D))
            name = str(target)[1:] if isinstance(target, Name) else str(target or "")
            if name in titles:
                annot[Name.Contents] = String(titles[name])


def finish(pdf: Pdf, pack: Pack, producer: str) -> bytes:
    """The document information from the pack (not the clock), saved with a content-derived /ID."""
    cover = pack.cover
    stamp_date = f"D:{cover.produced:%Y%m%d}000000Z"
    pdf.docinfo = pdf.make_indirect(
        Dictionary(
            Title=String(document_title(pack)),
            Author=String(cover.authority),
            Subject=String(f"{cover.service} performance scorecard for {cover.month_label}"),
            Creator=String("scorepack"),
            Producer=String(producer),
            CreationDate=String(stamp_date),
            ModDate=String(stamp_date),
        )
    )
    out = io.BytesIO()
    pdf.save(
        out,
        min_version=PDF_VERSION,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        deterministic_id=True,
        fix_metadata_version=False,
    )
    return out.getvalue()


def document_title(pack: Pack) -> str:
    cover = pack.cover
    return f"{cover.title} – {cover.authority} – {cover.month_label}"
