"""The embedded font the page marks are stamped in, after the parts are joined.

The page numbers ("Page 3 of 244"), and for the Chromium engine the running
head, are written once the whole PDF is put together, so the printer cannot
set them.  They are set in the same family
as the text, found the way the printer finds it (fontconfig's match for the
print family, so a machine without Liberation Sans gets the font WeasyPrint
falls back to), subset with fontTools to the characters of the Windows-1252 code page
(WinAnsiEncoding: ASCII, Latin-1, curly quotes and dashes) and embedded as a
simple TrueType font; a character outside it is drawn as "?".  The text is right-aligned with that
font's own advance widths, never with another font's metrics.

The subset keeps the font file's own timestamps (``recalcTimestamp=False``),
so the bytes do not depend on the clock.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

PRINT_FAMILY = "Liberation Sans"
"""The family pack.css prints in (``@media print``)."""
ENCODING = "cp1252"
"""Python's name for WinAnsiEncoding, the font's encoding in the PDF."""
FALLBACK_FILES = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
FIRST, LAST = 32, 255


def _character(code: int) -> str | None:
    """The character ``code`` stands for in WinAnsiEncoding (None for its five gaps)."""
    try:
        return bytes([code]).decode(ENCODING)
    except UnicodeDecodeError:
        return None


CHARACTERS = "".join(ch for code in range(FIRST, LAST + 1) if (ch := _character(code)))


@dataclass(frozen=True)
class StampFont:
    name: str
    """The PostScript name with a subset tag, e.g. ``SPPAGE+LiberationSans``."""
    program: bytes
    """The subset TrueType font file."""
    widths: tuple[int, ...]
    """Advance widths in 1/1000 em for the characters FIRST to LAST (0 where unused)."""
    ascent: int
    descent: int
    cap_height: int
    bbox: tuple[int, int, int, int]

    def width(self, text: str, size: float) -> float:
        """The width of ``text`` at ``size`` points, in points."""
        return sum(self.widths[code - FIRST] for code in encode(text)) * size / 1000


def encode(text: str) -> bytes:
    """``text`` in the font's encoding; control characters as spaces, the rest as "?"."""
    printable = "".join(" " if ord(ch) < FIRST else ch for ch in text)
    return printable.encode(ENCODING, errors="replace")


def font_file(family: str = PRINT_FAMILY) -> Path:
    """The file fontconfig picks for ``family`` (as the printer would)."""
    match = shutil.which("fc-match")
    if match is not None:
        done = subprocess.run(
            [match, "-f", "%{file}", f"{family}:style=Regular"],
            capture_output=True,
            text=True,
            check=False,
        )
        found = Path(done.stdout.strip())
        if done.returncode == 0 and found.suffix.lower() == ".ttf" and found.is_file():
            return found
    for candidate in FALLBACK_FILES:
        if Path(candidate).is_file():
            return Path(candidate)
    raise RuntimeError(f"no TrueType font found for {family!r} (install fonts-liberation)")


@cache
def stamp_font(path: Path | None = None) -> StampFont:
    """The stamping font, subset and measured (cached per process)."""
    source = path or font_file()
    font = TTFont(str(source), recalcTimestamp=False)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "DSIG", "FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=CHARACTERS)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    scale = 1000 / font["head"].unitsPerEm
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    points = [_character(code) for code in range(FIRST, LAST + 1)]
    widths = tuple(
        round(metrics[cmap[ord(ch)]][0] * scale) if ch and ord(ch) in cmap else 0 for ch in points
    )
    head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
    postscript = font["name"].getDebugName(6) or "Font"
    return StampFont(
        name=f"SPPAGE+{postscript}",
        program=out.getvalue(),
        widths=widths,
        ascent=round(hhea.ascent * scale),
        descent=round(hhea.descent * scale),
        cap_height=round(getattr(os2, "sCapHeight", hhea.ascent) * scale),
        bbox=(
            round(head.xMin * scale),
            round(head.yMin * scale),
            round(head.xMax * scale),
            round(head.yMax * scale),
        ),
    )
