"""The pack as a PDF printed by headless Chromium: the default engine.

``scorepack build --format pdf`` prints the same print markup the WeasyPrint
engine lays out (:func:`scorepack.render.html.render_document` with
``for_print``), with this engine's own sheet added (``pack-chromium.css``), by::

    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \\
        --export-tagged-pdf --generate-pdf-document-outline --print-to-pdf=OUT file://…

(and the flags in :data:`FLAGS` that stop background network calls),
from a temporary folder holding only that one self-contained file (styles,
charts and fonts are inline or installed; the markup references nothing
else), in a throwaway browser profile.  Chromium writes a tagged PDF (a
structure tree from the HTML's semantics).  The body is printed in two
halves by two browsers side by side, since one browser prints on one core;
the cover and contents are printed beside them to learn their length, and
once more when the body is done, with each entry's page number.  The parts
are joined with their structure trees and named destinations by the
WeasyPrint engine's join.  A finishing pass with pikepdf then makes it the
pack's document, reusing :mod:`scorepack.render.pdf_finish`:

- the language (``/Lang``) and the document's title shown in the title bar;
- the bookmarks rebuilt from the pack's contents, nested by their level
  (Chromium's own outline nests by HTML heading level, which would put every
  team at the same depth as its area), each landing where Chromium put the
  heading's anchor;
- the running head (Chromium has no ``string-set``; see
  :mod:`scorepack.render.pdf_heads`) and "Page n of m", stamped as
  pagination artifacts in an embedded font;
- the document information and XMP metadata from the pack, dated with its
  produced date: Chromium's producer, dates and document ids are dropped;
- a content-derived ``/ID``: the same pack gives the same bytes *for the
  same Chromium build* (a different Chromium lays out and subsets fonts its
  own way).

The file is tagged but, unlike the WeasyPrint engine's, not declared
PDF/UA-1: nothing here validates Chromium's structure against it.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf, String

from scorepack.errors import InputError, request_problem
from scorepack.pack.model import Pack, Page
from scorepack.render.html import TEMPLATES, render_document
from scorepack.render.pdf import (
    FRONT_COST_PER_ENTRY,
    PLACEHOLDER,
    Part,
    check_front_length,
    contents_numbers,
    cost,
    parts_of,
)
from scorepack.render.pdf_finish import (
    Joiner,
    describe_links,
    document_title,
    finish,
    number_pages,
)
from scorepack.render.pdf_heads import running_heads

BROWSER_VARIABLE = "SCOREPACK_CHROMIUM"
"""Names the Chromium executable, where it is not ``chromium`` on the PATH."""
PACKAGE = "chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    # Nothing but the file: no updates, sync or other calls home (a council's
    # network refuses them, and each refused call costs time).
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-pdf-header-footer",
    "--export-tagged-pdf",
    "--generate-pdf-document-outline",
)
TIMEOUT = 900
"""Seconds a print may take before it is given up (a county's pack takes tens)."""
LANGUAGE = "en-GB"
"""The language the pack's markup declares (``<html lang>``)."""


def browser() -> str:
    """The Chromium executable, or an :class:`InputError` naming the package to install."""
    named = os.environ.get(BROWSER_VARIABLE)
    found = shutil.which(named) if named else shutil.which("chromium")
    if found is None:
        looked = named or "chromium on the PATH"
        raise InputError(
            [
                request_problem(
                    "pdf_engine",
                    f"the chromium engine needs Chromium, and {looked} was not found: "
                    f"install the {PACKAGE!r} package (apt-get install {PACKAGE}) "
                    "or use --pdf-engine weasyprint",
                )
            ]
        )
    return found


def print_html(html: str, executable: str | None = None) -> bytes:
    """``html`` printed to PDF by headless Chromium, from a temporary file:// copy."""
    command = executable or browser()
    with tempfile.TemporaryDirectory(prefix="scorepack-chromium-") as tmp:
        folder = Path(tmp)
        page, out = folder / "pack.html", folder / "pack.pdf"
        page.write_text(html, encoding="utf-8")
        flags = [*FLAGS, f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={out}"]
        done = subprocess.run(
            [command, *flags, page.as_uri()],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode != 0 or not out.exists():
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise RuntimeError(f"chromium failed ({done.returncode}): {' '.join(tail)}")
        return out.read_bytes()


def _named_destinations(pdf: Pdf) -> dict[str, Any]:
    """Every named destination (name tree or the older /Dests dictionary) to its array."""
    found: dict[str, Any] = {}
    root = pdf.Root
    if Name.Names in root and Name.Dests in root[Name.Names]:
        tree = pikepdf.NameTree(root[Name.Names][Name.Dests])
        for name, dest in tree.items():
            found[str(name)] = dest.get(Name.D, dest) if isinstance(dest, Dictionary) else dest
    if Name.Dests in root:
        for key, dest in root[Name.Dests].items():
            found.setdefault(
                key[1:], dest.get(Name.D, dest) if isinstance(dest, Dictionary) else dest
            )
    return found


def _outline(pdf: Pdf, pack: Pack, dests: dict[str, Any]) -> None:
    """Bookmarks for the contents' entries, nested by level, at their anchors (``dests``)."""
    with pdf.open_outline() as outline:
        outline.root.clear()
        stack: list[tuple[int, OutlineItem]] = []
        for entry in pack.contents:
            dest = dests.get(entry.anchor)
            if not isinstance(dest, Array):
                continue
            while stack and stack[-1][0] >= entry.level:
                stack.pop()
            item = OutlineItem(entry.title, dest)
            (stack[-1][1].children if stack else outline.root).append(item)
            stack.append((entry.level, item))


def _metadata(pdf: Pdf, pack: Pack) -> None:
    """XMP from the pack (title, author, language, dates), replacing Chromium's."""
    if Name.Metadata in pdf.Root:
        del pdf.Root[Name.Metadata]
    produced = pack.cover.produced.isoformat() + "T00:00:00Z"
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = document_title(pack)
        meta["dc:creator"] = [pack.cover.authority]
        meta["dc:language"] = [LANGUAGE]
        meta["xmp:CreatorTool"] = "scorepack"
        meta["xmp:CreateDate"] = produced
        meta["xmp:ModifyDate"] = produced
        meta["xmp:MetadataDate"] = produced
        meta["pdf:Producer"] = "scorepack (Chromium and qpdf)"


def _finish(pdf: Pdf, pack: Pack) -> bytes:
    """Chromium's PDF made the pack's document: language, bookmarks, numbers, metadata, /ID."""
    catalog = pdf.Root
    catalog[Name.Lang] = String(LANGUAGE)
    catalog[Name.MarkInfo] = Dictionary(Marked=True)
    catalog[Name.ViewerPreferences] = Dictionary(DisplayDocTitle=True)
    catalog[Name.PageMode] = Name.UseOutlines
    dests = _named_destinations(pdf)
    _outline(pdf, pack, dests)
    number_pages(pdf, running_heads(pack, first_pages(pdf, dests=dests), len(pdf.pages)))
    describe_links(pdf, pack)
    _metadata(pdf, pack)
    return finish(pdf, pack, "scorepack (Chromium and qpdf)")


def with_destinations(html: str, anchors: Sequence[str]) -> str:
    """``html`` with a hidden link to each of ``anchors``, so Chromium names them all.

    Chromium writes a named destination only for an anchor that something in
    the same document links to.  A half without the contents would otherwise
    leave out its scorecards that nothing inside it links to, and the join
    could not point their bookmarks (or the contents' links) at them.  The
    links are hidden: not printed, not tagged, no link annotations.
    """
    links = "".join(f'<a href="#{anchor}"></a>' for anchor in anchors)
    end = html.rindex("</body>")
    return f"{html[:end]}<div hidden>{links}</div>{html[end:]}"


STYLE = "pack-chromium.css"
"""Print rules for this engine only, after pack.css (the contents' page numbers)."""


def for_chromium(html: str) -> str:
    """``html`` with this engine's style sheet (``templates/pack-chromium.css``) added.

    The sheet sets the contents' page numbers in a form Chromium can lay out,
    and hides the body on screen: Chromium lays a page out for its (headless)
    window when it loads, then again for paper when it prints, and the print
    markup is never shown on a screen, so the load takes 0.3 s instead of
    about 1.5 s for half the pack, and the whole print about a fifth less CPU,
    with the same pages, text and structure tree.
    """
    css = (TEMPLATES / STYLE).read_text(encoding="utf-8")
    end = html.index("</head>")
    return f"{html[:end]}<style>\n{css}</style>\n{html[end:]}"


def _pages(data: bytes) -> int:
    with Pdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def _where(part: Part) -> tuple[dict[str, int], int]:
    """A printed half's own anchors (not its stand-ins) to their pages, and its length."""
    with Pdf.open(io.BytesIO(part.pdf)) as half:
        return first_pages(half, part.placeholders), len(half.pages)


def first_pages(
    pdf: Pdf, skip: frozenset[str] = frozenset(), dests: dict[str, Any] | None = None
) -> dict[str, int]:
    """Each named destination (but ``skip``) to the index of the page it is on."""
    index: dict[tuple[int, int], int] = {
        page.obj.objgen: number for number, page in enumerate(pdf.pages)
    }
    found: dict[str, int] = {}
    for name, dest in (dests if dests is not None else _named_destinations(pdf)).items():
        if name not in skip and isinstance(dest, Array) and len(dest) and dest[0].objgen in index:
            found[name] = index[dest[0].objgen]
    return found


def halves(pack: Pack) -> list[list[Page]]:
    """The body cut in two of about equal printing cost, the first printed after the draft front.

    The cut falls before a unit's scorecard (never between a scorecard and its
    exception reports), always at the same place for the same pack.
    """
    units = parts_of(pack)
    front = FRONT_COST_PER_ENTRY * len(pack.contents)
    total = front + sum(cost(u) for u in units)
    first: list[Page] = []
    spent = front
    for index, unit in enumerate(units):
        if first and spent + cost(unit) / 2 > total / 2:
            second = [page for rest in units[index:] for page in rest]
            return [first, second]
        first.extend(unit)
        spent += cost(unit)
    return [first]


def render_pdf_chromium(pack: Pack, workers: int | None = None) -> bytes:
    """The pack printed by headless Chromium: the body in two halves side by side, then the front.

    Chromium lays out and draws a document on one core, so the body is
    printed in two halves in two browsers at once (``workers`` at a time;
    default: every CPU).  The front (cover and contents) is printed beside
    them to learn its length, then once more when the body is done, with each
    contents entry's page number.  The three parts are joined with their
    structure trees and named destinations
    (:class:`scorepack.render.pdf_finish.Joiner`) and finished: bookmarks,
    running heads, page numbers, metadata.  The cut does not depend on
    ``workers``, so neither do the bytes.
    """
    executable = browser()  # before any work: a missing browser is the user's to fix
    chunks = halves(pack)
    wanted = {entry.anchor for entry in pack.contents}

    def markup(pages: Sequence[Page], front: bool, numbers: dict[str, int] | None = None) -> str:
        html = render_document(pack, pages, front=front, for_print=True, page_numbers=numbers)
        wanted.update(PLACEHOLDER.findall(html))
        return html

    body = [markup(chunk, front=False) for chunk in chunks]
    draft = markup([], front=True)
    prepared = [for_chromium(with_destinations(html, sorted(wanted))) for html in (draft, *body)]
    count = max(1, min(len(prepared), workers or os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=count) as pool:
        # The draft front first, then the halves from the last: the worker
        # that prints the short front goes on to the lighter first half.
        front_pages = pool.submit(lambda: _pages(print_html(prepared[0], executable)))
        printed = [pool.submit(print_html, html, executable) for html in prepared[:0:-1]][::-1]
        parts = [
            Part(future.result(), 0, {}, (), frozenset(PLACEHOLDER.findall(html)))
            for future, html in zip(printed, body, strict=True)
        ]
        draft_pages = front_pages.result()
    numbers = contents_numbers(draft_pages, [_where(part) for part in parts])
    final = markup([], front=True, numbers=numbers)
    front = print_html(for_chromium(with_destinations(final, sorted(wanted))), executable)
    check_front_length(draft_pages, _pages(front))
    joiner = Joiner()
    try:
        for part in (Part(front, 0, {}, (), frozenset(PLACEHOLDER.findall(final))), *parts):
            joiner.append(part)
        joiner.finish_structure()
        return _finish(joiner.pdf, pack)
    finally:
        joiner.close()
