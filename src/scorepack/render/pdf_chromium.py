"""The pack as a PDF printed by headless Chromium: the opt-in fast engine.

``scorepack build --format pdf --pdf-engine chromium`` prints the same print
markup the WeasyPrint engine lays out (:func:`scorepack.render.html.render_document`
with ``for_print``) with::

    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \\
        --export-tagged-pdf --generate-pdf-document-outline --print-to-pdf=OUT file://…

from a temporary folder holding only that one self-contained file (styles,
charts and fonts are inline or installed; the markup references nothing
else), in a throwaway browser profile.  Chromium writes a tagged PDF (a
structure tree from the HTML's semantics).  The pack is printed in two
halves (the front and the first half of the body; the rest) by two browsers
side by side, since one browser prints on one core; the halves are joined
with their structure trees and named destinations by the WeasyPrint
engine's join.  A finishing pass with pikepdf then makes it the pack's
document, reusing :mod:`scorepack.render.pdf_finish`:

- the language (``/Lang``) and the document's title shown in the title bar;
- the bookmarks rebuilt from the pack's contents, nested by their level
  (Chromium's own outline nests by HTML heading level, which would put every
  team at the same depth as its area), each landing where Chromium put the
  heading's anchor;
- "Page n of m" stamped as a pagination artifact in an embedded font;
- the document information and XMP metadata from the pack, dated with its
  produced date: Chromium's producer, dates and document ids are dropped;
- a content-derived ``/ID``: the same pack gives the same bytes *for the
  same Chromium build* (a different Chromium lays out and subsets fonts its
  own way).

What this engine does not do that the WeasyPrint engine does: the contents
carry no page numbers (Chromium has no ``target-counter()``; each entry is
a link), the running header is not printed (no ``string-set``), and the
file is tagged but not declared PDF/UA-1.
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
from scorepack.render.html import render_document
from scorepack.render.pdf import FRONT_COST_PER_ENTRY, PLACEHOLDER, Part, cost, parts_of
from scorepack.render.pdf_finish import Joiner, document_title, finish, number_pages

BROWSER_VARIABLE = "SCOREPACK_CHROMIUM"
"""Names the Chromium executable, where it is not ``chromium`` on the PATH."""
PACKAGE = "chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
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


def _outline(pdf: Pdf, pack: Pack) -> None:
    """Bookmarks for the contents' entries, nested by level, at their anchors."""
    dests = _named_destinations(pdf)
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
    _outline(pdf, pack)
    number_pages(pdf)
    _metadata(pdf, pack)
    return finish(pdf, pack, "scorepack (Chromium and qpdf)")


def finish_chromium(data: bytes, pack: Pack) -> bytes:
    """One Chromium print made the pack's document (see :func:`_finish`)."""
    with Pdf.open(io.BytesIO(data)) as pdf:
        return _finish(pdf, pack)


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


NOT_ON_SCREEN = "<style>@media screen { body { display: none; } }</style>"
"""Keeps Chromium from laying the markup out for its window before printing it."""


def print_only(html: str) -> str:
    """``html`` that lays out only for print.

    Chromium lays a page out for its (headless) window when it loads, then
    again for paper when it prints.  The print markup is never shown on a
    screen, so its body is not displayed there: the load takes 0.3 s instead
    of about 1.5 s for half the pack, and the whole print about a fifth less
    CPU, with the same pages, text and structure tree (print media ignores
    the rule).
    """
    end = html.index("</head>")
    return f"{html[:end]}{NOT_ON_SCREEN}{html[end:]}"


def halves(pack: Pack) -> list[list[Page]]:
    """The body cut in two of about equal printing cost, the first printed after the front.

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
    """The pack printed by headless Chromium in two halves side by side, joined and finished.

    Chromium lays out and draws a document on one core, so the front and the
    first half of the body print in one browser while the rest prints in
    another (``workers`` at a time; default: every CPU); the halves are then
    joined with their structure trees and named destinations
    (:class:`scorepack.render.pdf_finish.Joiner`).  The cut does not depend on
    ``workers``, so neither do the bytes.
    """
    executable = browser()  # before any work: a missing browser is the user's to fix
    chunks = halves(pack)
    htmls = [
        render_document(pack, chunk, front=index == 0, for_print=True)
        for index, chunk in enumerate(chunks)
    ]
    wanted = {entry.anchor for entry in pack.contents}
    wanted.update(name for html in htmls for name in PLACEHOLDER.findall(html))
    htmls = [print_only(with_destinations(html, sorted(wanted))) for html in htmls]
    count = max(1, min(len(htmls), workers or os.cpu_count() or 1))
    joiner = Joiner()
    try:
        with ThreadPoolExecutor(max_workers=count) as pool:
            prints = [pool.submit(print_html, html, executable) for html in htmls]
            # The first half (the lighter) is joined while the second still prints.
            for html, printed in zip(htmls, prints, strict=True):
                held = frozenset(PLACEHOLDER.findall(html))
                joiner.append(Part(printed.result(), 0, {}, (), held))
        joiner.finish_structure()
        return _finish(joiner.pdf, pack)
    finally:
        joiner.close()
