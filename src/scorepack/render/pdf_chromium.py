"""The pack as a PDF printed by headless Chromium: the opt-in fast engine.

``scorepack build --format pdf --pdf-engine chromium`` prints the same print
markup the WeasyPrint engine lays out (:func:`scorepack.render.html.render_document`
with ``for_print``) with::

    chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \\
        --export-tagged-pdf --generate-pdf-document-outline --print-to-pdf=OUT file://…

from a temporary folder holding only that one self-contained file (styles,
charts and fonts are inline or installed; the markup references nothing
else), in a throwaway browser profile.  Chromium writes a tagged PDF (a
structure tree from the HTML's semantics).  A finishing pass with pikepdf
then makes it the pack's document, reusing :mod:`scorepack.render.pdf_finish`:

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
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf, String

from scorepack.errors import InputError, request_problem
from scorepack.pack.model import Pack
from scorepack.render.html import render_document
from scorepack.render.pdf_finish import document_title, finish, number_pages

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


def finish_chromium(data: bytes, pack: Pack) -> bytes:
    """Chromium's PDF made the pack's document: language, bookmarks, numbers, metadata, /ID."""
    with Pdf.open(io.BytesIO(data)) as pdf:
        catalog = pdf.Root
        catalog[Name.Lang] = String(LANGUAGE)
        catalog[Name.MarkInfo] = Dictionary(Marked=True)
        catalog[Name.ViewerPreferences] = Dictionary(DisplayDocTitle=True)
        catalog[Name.PageMode] = Name.UseOutlines
        _outline(pdf, pack)
        number_pages(pdf)
        _metadata(pdf, pack)
        return finish(pdf, pack, "scorepack (Chromium and qpdf)")


def render_pdf_chromium(pack: Pack) -> bytes:
    """The whole pack printed by headless Chromium in one document, then finished."""
    executable = browser()  # before any work: a missing browser is the user's to fix
    html = render_document(pack, list(pack.body), front=True, for_print=True)
    return finish_chromium(print_html(html, executable), pack)
