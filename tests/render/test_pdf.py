"""The PDF: the same figures as the data, read back as text; bookmarks; A4 pages."""

from __future__ import annotations

import io
import os
import re

import pytest
from pypdf import PdfReader

from scorepack.render.pdf import render_pdf

from . import expected
from .pdfread import bookmarks

A4 = (595, 842)


@pytest.fixture(scope="module")
def pdf_bytes(pack) -> bytes:
    return render_pdf(pack, workers=2)


@pytest.fixture(scope="module")
def reader(pdf_bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes))


@pytest.fixture(scope="module")
def hostile_text(hostile_pack) -> str:
    pdf = PdfReader(io.BytesIO(render_pdf(hostile_pack)))
    return " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)


def _text(reader: PdfReader) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def test_every_scorecard_figure_rag_and_arrow_matches_the_judged_results(pack, reader):
    text = _text(reader)
    expected.assert_scorecards_in_text(pack, text)


def test_exception_pages_carry_the_last_four_months(pack, reader):
    text = _text(reader)
    for ex in pack.exceptions:
        kicker = f"Exception report · {ex.unit.name} · Indicator {ex.row.indicator.number}"
        start = text.index(kicker.upper())
        results = " ".join(p.result.display for p in ex.recent)
        rags = " ".join(p.rag or "–" for p in ex.recent)
        assert text.find(f"{ex.unit.name} result {results}", start) > start
        assert text.find(f"RAG rating {rags}", start) > start


def test_pages_are_a4_with_landscape_pages_for_the_wide_tables(reader):
    sizes = [tuple(round(float(x)) for x in p.mediabox.upper_right) for p in reader.pages]
    assert set(sizes) == {A4, A4[::-1]}
    landscape = [i for i, s in enumerate(sizes) if s == A4[::-1]]
    for i in landscape:
        head = reader.pages[i].extract_text()
        wide = ("Scorecard –", "activity", "Cohort impact", "Overview –")
        assert any(w in head for w in wide), head[:80]


def test_every_page_after_the_cover_is_numbered(reader):
    total = len(reader.pages)
    assert "Page 1 of" not in reader.pages[0].extract_text()
    for n, page in enumerate(reader.pages[1:], start=2):
        assert page.extract_text().rstrip().endswith(f"Page {n} of {total}")


def test_bookmarks_list_each_section_and_exception_report(pack, reader):
    marks = list(bookmarks(reader.outline))
    for entry in pack.contents:
        title = entry.title.removeprefix("Exception report: ")
        assert any(title in t for _, t in marks), title
    exception_marks = [t for d, t in marks if d == 2]
    for ex in pack.exceptions:
        assert any(t.endswith(ex.title) for t in exception_marks), ex.title


def test_the_charts_are_vector_graphics_not_images(reader):
    for page in reader.pages:
        assert not page.images


def test_hostile_commentary_prints_as_plain_text(hostile_text):
    assert "<script>alert('owned')</script>" in hostile_text
    assert '=HYPERLINK("http://evil.example/","Click")' in hostile_text
    assert "a real link (https://example.org/report)" in hostile_text


def test_the_pdf_is_byte_identical_whatever_the_clock_timezone_or_workers(
    pack, pdf_bytes, monkeypatch
):
    """Printed again on one worker, with another clock and timezone: the same bytes.

    fontTools stamps a font subset with SOURCE_DATE_EPOCH (or else the time);
    the renderer sets it from the pack's produced date, so the caller's value,
    the second the print falls in and the timezone never show in the file.
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    again = render_pdf(pack, workers=1)
    assert again == pdf_bytes
    assert os.environ["SOURCE_DATE_EPOCH"] == "1000000000"  # the caller's value is restored


def test_the_contents_give_the_page_each_section_starts_on(pack, reader):
    numbers: list[int] = []
    for page in reader.pages[1:]:
        text = page.extract_text()
        if ". . ." not in text:  # past the contents and its dot leaders
            break
        # each entry's line ends in dot leaders and its page number
        numbers += [int(n) for n in re.findall(r"\.\s+(\d+)$", text, re.MULTILINE)]
    assert len(numbers) == len(pack.contents)
    for entry, number in zip(pack.contents, numbers, strict=True):
        printed = " ".join(reader.pages[number - 1].extract_text().split())
        assert entry.title.removeprefix("Exception report: ") in printed, (entry.title, number)
