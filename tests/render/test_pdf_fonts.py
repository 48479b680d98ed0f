"""The PDF is right whichever fonts are installed: here, as if Liberation Sans were absent.

A child process prints the sample pack with fontconfig shown only the DejaVu
fonts (``FONTCONFIG_FILE``), so WeasyPrint and the page-number stamp fall back
to DejaVu Sans; the figures read back from the PDF are still the judged ones,
and every font is still embedded.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from . import expected

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
PRINT = """
import sys
from tests.pack import sample
from scorepack.pack.build import build_pack
from scorepack.render.pdf import render_pdf
pack = build_pack(sample.CATALOGUE, sample.TREE, sample.scorecards(), sample.activity(), None, sample.PRODUCED)
sys.stdout.buffer.write(render_pdf(pack, workers=2))
"""


@pytest.mark.slow
@pytest.mark.skipif(not DEJAVU.is_dir(), reason="needs fonts-dejavu-core")
def test_without_liberation_sans_the_pdf_still_shows_the_judged_figures(pack, tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{DEJAVU}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=root,
        env={**os.environ, "FONTCONFIG_FILE": str(config)},
        capture_output=True,
        check=True,
        timeout=900,
    )
    reader = PdfReader(io.BytesIO(done.stdout))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descendant = font.get("/DescendantFonts")
            described = descendant[0].get_object() if descendant else font
            descriptor = described["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and not any("Liberation" in f for f in fonts), fonts
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    expected.assert_scorecards_in_text(pack, text)
    total = len(reader.pages)
    for n, page in enumerate(reader.pages[1:], start=2):
        assert page.extract_text().rstrip().endswith(f"Page {n} of {total}")
