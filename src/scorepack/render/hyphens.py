"""Places where a long word may break in a narrow printed column.

A fixed-layout table on paper gives each column its share of the page, and a
word wider than its column (an SPC verdict's "Consistently" among twenty
columns, "assessments" in the activity table's header) would otherwise run
into the next cell.  Chromium has no hyphenation dictionary offline, so the
print markup carries soft hyphens (U+00AD, drawn only where a line breaks)
at the places Pyphen's British English patterns give; WeasyPrint honours
them the same way.  Words shorter than :data:`SHORTEST` are left whole, and
only the narrow columns' headers and words carry them (a PDF's text keeps
the soft hyphens, so a search for a word broken this way may miss it: unit
names and titles are never broken).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

SOFT_HYPHEN = "\u00ad"
SHORTEST = 8
LANGUAGE = "en_GB"
WORD = re.compile(rf"[^\W\d_]{{{SHORTEST},}}")


@cache
def _dictionary() -> Any:
    import pyphen

    return pyphen.Pyphen(lang=LANGUAGE)


def breakable(text: object) -> str:
    """``text`` with a soft hyphen at each place one of its long words may break."""
    dictionary = _dictionary()
    return WORD.sub(
        lambda m: str(dictionary.inserted(m.group(0), hyphen=SOFT_HYPHEN)),
        str(text),
    )
