"""Advance widths of Helvetica, to place text without asking a layout engine.

Liberation Sans (the font the PDF prefers) and Arial share these metrics.
Only the print version of the trend charts uses them, to centre its axis
labels roughly; where another font is used the labels shift by a point or
two and nothing else changes.  (The page numbers the PDF renderer stamps are
measured with the embedded font's own widths: :mod:`scorepack.render.pdf_font`.)
"""

from __future__ import annotations

# Helvetica advance widths in 1/1000 em for printable ASCII, space to "~".
_WIDTHS = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
HELVETICA = {chr(32 + i): width for i, width in enumerate(_WIDTHS)}
OTHER = 556  # a fair guess for anything else (£ and – are 556 too)


def text_width(text: str, size: float) -> float:
    """The width of ``text`` set in Helvetica at ``size`` (same unit as ``size``)."""
    return sum(HELVETICA.get(ch, OTHER) for ch in text) * size / 1000
