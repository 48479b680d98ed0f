"""The PDF is accessible: tagged (PDF/UA-1), in English, titled, nested bookmarks, fonts embedded."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections import Counter
from typing import Any

import pytest
from pypdf import PdfReader

from scorepack.render.pdf import render_pdf

from .pdfread import bookmarks


@pytest.fixture(scope="module")
def pdf_file(pack, tmp_path_factory) -> Any:
    path = tmp_path_factory.mktemp("pdf") / "pack.pdf"
    path.write_bytes(render_pdf(pack))
    return path


@pytest.fixture(scope="module")
def reader(pdf_file) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_file.read_bytes()))


def _tree(reader: PdfReader) -> tuple[Counter[str], set[tuple[str, str]]]:
    """Every structure element's type, and every (parent type, child type) pair."""
    kinds: Counter[str] = Counter()
    pairs: set[tuple[str, str]] = set()

    def walk(element: Any) -> None:
        kind = str(element["/S"])
        kinds[kind] += 1
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                assert kid["/P"].get_object() is element or kid["/P"].get_object() == element
                pairs.add((kind, str(kid["/S"])))
                walk(kid)

    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    (document,) = root["/K"] if isinstance(root["/K"], list) else [root["/K"]]
    walk(document.get_object())
    return kinds, pairs


def test_the_pdf_is_tagged_in_english_with_its_title_shown(pdf_file, reader, pack):
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert reader.metadata.title.startswith(pack.cover.title)
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in xmp and "dc:title" in xmp
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info


def check_structure(reader: PdfReader, pack: Any, table: set[tuple[str, str]]) -> None:
    """Headings, lists, links, one figure per trend chart, and tables shaped as ``table``."""
    kinds, pairs = _tree(reader)
    assert kinds["/Document"] == 1
    assert kinds["/H1"] == 1  # the cover's title
    assert kinds["/H2"] >= len(pack.scorecards) + 1
    assert kinds["/H3"] >= len(pack.exceptions)
    assert table <= pairs
    assert ("/L", "/LI") in pairs  # the contents
    assert kinds["/Link"] >= len(pack.contents)
    assert kinds["/Figure"] == len(pack.exceptions)  # one trend chart each


def test_the_structure_tree_holds_headings_lists_links_and_table_headers(reader, pack):
    table = {("/Table", "/THead"), ("/THead", "/TR"), ("/TR", "/TH"), ("/TR", "/TD")}
    check_structure(reader, pack, table)


def test_every_page_and_link_is_in_the_parent_tree_and_every_link_lands(reader, pack):
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    nums = root["/ParentTree"].get_object()["/Nums"]
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert len(keys) == len(set(keys)) and int(root["/ParentTreeNextKey"]) == max(keys) + 1
    dests = reader.named_destinations
    for page in reader.pages:
        assert int(page["/StructParents"]) in keys
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            assert int(annot["/StructParent"]) in keys
            if "/Dest" in annot:
                assert str(annot["/Dest"]) in dests
    text = [" ".join(page.extract_text().split()) for page in reader.pages]
    for page in pack.body:  # a stand-in in another part never wins over the real page
        landed = text[reader.get_destination_page_number(dests[page.anchor])]
        assert page.title.split(":")[0] in landed, (page.anchor, landed[:80])


def test_bookmarks_nest_like_the_contents(reader, pack):
    marks = [(d, t) for d, t in bookmarks(reader.outline) if t != "Contents"]
    assert [d for d, _ in marks] == [e.level for e in pack.contents]
    for (_, title), entry in zip(marks, pack.contents, strict=True):
        assert entry.title.removeprefix("Exception report: ") in title


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils' pdffonts")
def test_every_font_is_embedded(pdf_file):
    lines = subprocess.run(
        ["pdffonts", str(pdf_file)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert lines
    for line in lines:
        # name type... encoding emb sub uni object ID: "emb" is the fifth field from the end
        assert line.split()[-5] == "yes", line


def test_every_structure_element_points_at_a_page_of_the_joined_document(reader):
    """The join copies each part's pages and structure tree once: no element is left
    pointing at a copy of a page that is not in the document."""
    pages = {page.indirect_reference.idnum for page in reader.pages}
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    seen = 0
    todo = list(root["/K"]) if isinstance(root["/K"], list) else [root["/K"]]
    while todo:
        element = todo.pop().get_object()
        if not isinstance(element, dict):
            continue
        if "/Pg" in element:
            assert element.raw_get("/Pg").idnum in pages, element["/S"]
            seen += 1
        kids = element.get("/K", [])
        todo.extend(k for k in (kids if isinstance(kids, list) else [kids]) if hasattr(k, "idnum"))
    assert seen > len(reader.pages)


def test_every_link_says_where_it_goes(reader, pack):
    # PDF/UA: a link annotation carries a description; ours is the title of
    # what it opens, so a Red cell's bare "R" is read as its exception report.
    titles = {entry.title for entry in pack.contents} | {"Contents"}
    links = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    assert links
    for link in links:
        uri = link.get("/A", {}).get("/URI")
        assert link.get("/Contents") in (titles | ({uri} if uri else set())), link
