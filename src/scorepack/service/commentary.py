"""Commentary for a build: read it, and warn about every entry the pack will not show.

Written commentary appears only on exception pages (a Red indicator, for a
reported unit, in the month built) of the pack formats.  Anything else in the
file would vanish silently, so each such entry becomes a warning naming it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from scorepack.errors import Problem
from scorepack.pack.commentary import CommentaryBook, load_commentary, render_markdown
from scorepack.service.inputs import Inputs, read_text_file
from scorepack.service.judge import JudgedMonth

__all__ = ["dropped", "read_commentary", "render_markdown"]

SUFFIXES = (".yaml", ".yml", ".md")
PACK_FORMATS = ("html", "pdf", "xlsx")


def read_commentary(path: Path | None, inputs: Inputs) -> CommentaryBook | None:
    if path is None:
        return None
    indicators = [i.id for i in inputs.catalogue.indicators]
    units = [u.id for u in inputs.tree]
    return read_text_file(lambda p: load_commentary(p, indicators, units), path)


def _warning(path: Path, message: str) -> Problem:
    return Problem(str(path), None, None, message, "warning")


def dropped(
    path: Path, book: CommentaryBook, judged: JudgedMonth, formats: Sequence[str]
) -> list[Problem]:
    """A warning for each entry that no page of this build will show."""
    if path.suffix.lower() not in SUFFIXES:
        kind = "read as Markdown: name a commentary file .md, .yaml or .yml"
        if not book.entries:
            return [_warning(path, f"no commentary found ({kind})")]
        warnings = [_warning(path, kind)]
    elif not book.entries:
        return [_warning(path, "no commentary entries found; see docs/commentary.md")]
    else:
        warnings = []
    if not set(PACK_FORMATS) & set(formats):
        return [
            *warnings,
            _warning(
                path,
                f"{len(book.entries)} commentary entries not used: commentary appears only "
                f"in the pack ({', '.join(PACK_FORMATS)})",
            ),
        ]
    red = {(card.unit.id, ind) for card in judged.scorecards for ind in card.exceptions}
    reported = {card.unit.id for card in judged.scorecards}
    for indicator, unit, month in sorted(book.entries, key=lambda k: (str(k[2]), k[0], k[1])):
        if month != judged.period:
            why = f"it is for {month}, and this pack is for {judged.period}"
        elif unit not in reported:
            why = f"{unit} has no scorecard in this pack (see the units scope)"
        elif (unit, indicator) not in red:
            why = f"{indicator} is not Red for {unit} in {month}, so it has no exception page"
        else:
            continue
        warnings.append(
            _warning(path, f"commentary for {indicator} / {unit} / {month} not used: {why}")
        )
    return warnings
