"""The Chromium engine's PDF (``--pdf-engine chromium``) passes the WeasyPrint PDF's checks.

Tagged, in English, titled, bookmarks nested like the contents, every font
embedded, table header cells with their scope, and the same bytes twice.
The body is printed in two halves side by side and joined: every bookmark
lands on its heading's page and every structure element on a joined page.
The figures are read back in test_agrees_with_json.py, for both engines.
"""

from __future__ import annotations

import io
import itertools
import shutil
import subprocess
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader

from scorepack.pack.model import ScorecardPage
from scorepack.render.pdf_chromium import halves, render_pdf_chromium

# The same checks as the WeasyPrint PDF's, run here on this module's fixtures.
from .test_pdf_access import (  # noqa: F401
    check_structure,
    test_bookmarks_nest_like_the_contents,
    test_every_font_is_embedded,
    test_every_link_says_where_it_goes,
    test_every_structure_element_points_at_a_page_of_the_joined_document,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium"),
]


@pytest.fixture(scope="module")
def pdf_bytes(pack) -> bytes:
    return render_pdf_chromium(pack)


@pytest.fixture(scope="module")
def pdf_file(pdf_bytes, tmp_path_factory) -> Any:
    path = tmp_path_factory.mktemp("chromium") / "pack.pdf"
    path.write_bytes(pdf_bytes)
    return path


@pytest.fixture(scope="module")
def reader(pdf_bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes))


def test_the_pdf_is_tagged_in_english_titled_and_dated_by_the_pack(pdf_file, reader, pack):
    info = subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title.startswith(pack.cover.title)
    stamp = f"D:{pack.cover.produced:%Y%m%d}000000Z"
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == stamp
    assert "Chromium and qpdf" in reader.metadata["/Producer"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "dc:title" in xmp and pack.cover.produced.isoformat() in xmp
    assert "Skia" not in xmp and "Chrom" not in xmp.replace("Chromium and qpdf", "")


def test_the_structure_tree_holds_headings_lists_links_and_table_headers(reader, pack):
    # Chromium puts a table's rows straight under it: no THead/TBody groups.
    check_structure(reader, pack, {("/Table", "/TR"), ("/TR", "/TH"), ("/TR", "/TD")})


def test_table_header_cells_carry_their_scope(pdf_bytes):
    scopes = set()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        todo = [pdf.Root.StructTreeRoot]
        while todo:
            element = todo.pop()
            if element.get("/S") == "/TH":
                attributes = element.get("/A", pikepdf.Array())
                for a in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
                    if "/Scope" in a:
                        scopes.add(str(a.Scope))
            kids = element.get("/K", pikepdf.Array())
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    todo.append(kid)
    assert "/Column" in scopes


def test_every_page_after_the_cover_is_numbered(reader):
    total = len(reader.pages)
    assert "Page" not in reader.pages[0].extract_text()
    for number, page in enumerate(reader.pages[1:], start=2):
        assert f"Page {number} of {total}" in page.extract_text()


def test_the_same_pack_gives_the_same_bytes(pack, pdf_bytes):
    assert render_pdf_chromium(pack) == pdf_bytes


def test_the_body_is_cut_in_two_halves_before_a_scorecard(pack):
    first, second = halves(pack)
    assert first + second == list(pack.body)
    assert isinstance(second[0], ScorecardPage)


def _flat(outline: list[Any]) -> list[Any]:
    return [
        leaf for item in outline for leaf in (_flat(item) if isinstance(item, list) else [item])
    ]


def test_each_bookmark_lands_on_the_page_that_prints_its_heading(reader, pack):
    # A heading in the second half is named there even when nothing in that half links to it.
    marks = _flat(reader.outline)
    assert len(marks) == len(pack.contents)
    for mark in marks:
        text = "".join(
            reader.pages[reader.get_destination_page_number(mark)].extract_text().split()
        )
        assert "".join(mark.title.removeprefix("Exception report: ").split()) in text, mark.title


def test_the_bytes_do_not_depend_on_how_many_halves_print_at_once(pack, pdf_bytes):
    assert render_pdf_chromium(pack, workers=1) == pdf_bytes


def _words(pdf_file: Any, number: int) -> list[tuple[float, float, float, str]]:
    """(xMax, yMin, yMax, word) of each word on page ``number`` (1-based), from pdftotext."""
    import html
    import re

    out = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), "-bbox", str(pdf_file), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'xMin="[^"]+" yMin="([^"]+)" xMax="([^"]+)" yMax="([^"]+)">([^<]*)</word>'
    return [
        (float(x1), float(y0), float(y1), html.unescape(w))
        for y0, x1, y1, w in re.findall(pattern, out)
    ]


def test_the_contents_give_the_page_each_section_starts_on(pdf_file, reader, pack):
    # Each entry ends in its page number, flush with the right margin (the
    # title's words stop short of it, before the dotted rule).
    first_body = reader.get_destination_page_number(_flat(reader.outline)[0])
    numbers = []
    for number in range(2, first_body + 1):
        words = _words(pdf_file, number)
        right = max(x for x, _y0, _y1, _w in words if _w.isdigit())
        numbers += [int(w) for x, _y0, _y1, w in words if w.isdigit() and right - x < 1]
    assert len(numbers) == len(pack.contents)
    for entry, number in zip(pack.contents, numbers, strict=True):
        printed = "".join(reader.pages[number - 1].extract_text().split())
        assert "".join(entry.title.removeprefix("Exception report: ").split()) in printed, (
            entry.title,
            number,
        )


def test_every_body_page_carries_the_running_head_and_a_split_table_says_continued(
    pdf_file, reader, pack
):
    # The head is what WeasyPrint prints from pack.css: the pack's running
    # title, and the section each page is in, "(continued)" after a wide
    # table's first page; an exception report keeps its scorecard's title.
    starts = {}
    for mark in _flat(reader.outline):
        starts.setdefault(reader.get_destination_page_number(mark), mark.title)
    first_body = min(starts)
    sections = {entry.title: entry for entry in pack.contents}
    seen_continued = seen_report = False
    section, continues = "", False
    for index in range(len(reader.pages)):
        top = [w for _x, _y0, y1, w in _words(pdf_file, index + 1) if y1 < 45]
        head = " ".join(top)
        if index < first_body:
            assert head == "", (index + 1, head)
            continue
        if index in starts:
            title = starts[index]
            report = title.startswith("Exception report")
            if not report:
                section = title
            continues = not report
            expected = section
            seen_report = seen_report or report
        else:
            expected = section + (" (continued)" if continues else "")
            seen_continued = seen_continued or continues
        assert head == f"{pack.cover.running_head} {expected}", (index + 1, head)
        assert section in sections
    assert seen_continued and seen_report


def test_the_activity_table_keeps_the_hierarchy_on_paper(pdf_file, reader, pack):
    # Each level of the tree starts further right than the one above it.
    from scorepack.pack.model import ActivityPage

    page = next(p for p in pack.body if isinstance(p, ActivityPage))
    mark = next(m for m in _flat(reader.outline) if m.title == page.title)
    number = reader.get_destination_page_number(mark) + 1
    raw = subprocess.run(
        ["pdftotext", "-f", str(number), "-l", str(number), "-bbox", str(pdf_file), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    import html
    import re

    starts: dict[str, float] = {}
    for x0, word in re.findall(
        r'xMin="([^"]+)" yMin="[^"]+" xMax="[^"]+" yMax="[^"]+">([^<]*)<', raw
    ):
        starts.setdefault(html.unescape(word), float(x0))
    by_depth: dict[int, set[float]] = {}
    for row in page.table.rows:
        first = row.unit.name.split()[0]
        if first in starts and sum(r.unit.name.split()[0] == first for r in page.table.rows) == 1:
            by_depth.setdefault(row.depth, set()).add(round(starts[first], 1))
    depths = sorted(by_depth)
    assert len(depths) >= 3, by_depth
    for upper, lower in itertools.pairwise(depths):
        assert max(by_depth[upper]) < min(by_depth[lower]), by_depth


@pytest.fixture(scope="module")
def kent_pdf(kent_pack, tmp_path_factory) -> tuple[Any, PdfReader]:
    """The reference month's county and areas: scorecards of 44 indicators, over pages."""
    path = tmp_path_factory.mktemp("kent") / "pack.pdf"
    path.write_bytes(render_pdf_chromium(kent_pack))
    return path, PdfReader(str(path))


def test_every_scorecard_page_starts_its_rows_under_a_section_heading(kent_pdf):
    pdf_file, reader = kent_pdf
    # A section (its heading row and its rows) is never split, so the first
    # row under the repeated header on every page of a scorecard is a
    # section's heading (in capitals), never an indicator's row.
    import re

    starts = sorted((reader.get_destination_page_number(m), m.title) for m in _flat(reader.outline))
    checked = 0
    for (start, title), (end, _next) in zip(
        starts, [*starts[1:], (len(reader.pages), "")], strict=True
    ):
        if not title.startswith("Scorecard"):
            continue
        for index in range(start, end):
            text = subprocess.run(
                ["pdftotext", "-f", str(index + 1), "-l", str(index + 1), "-layout",
                 str(pdf_file), "-"],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
            rows = [i for i, ln in enumerate(lines) if re.match(r"\d+\s+\S", ln)]
            if not rows:  # the scorecard's summary, after its table
                continue
            first_row = rows[0]
            heading = lines[first_row - 1]
            assert heading.upper() == heading and re.search(r"[A-Z]{3}", heading), (
                index + 1,
                heading,
            )
            checked += 1
    assert checked > len([t for _s, t in starts if t.startswith("Scorecard")])
