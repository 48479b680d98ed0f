"""A judged month rendered in every format asked for, in memory.

File names are built only from ids that pass :data:`SAFE_ID` (whatever the
loaders checked), and are relative: the caller decides the folder, and
:func:`scorepack.outputs.inside` checks them again there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date

from scorepack.errors import InputError, Problem, request_problem
from scorepack.judge.model import Scorecard
from scorepack.pack.build import comparisons
from scorepack.pack.commentary import CommentaryBook
from scorepack.pack.model import Comparison, Pack
from scorepack.service.judge import JudgedMonth

FORMATS = ("json", "markdown", "html", "pdf", "xlsx", "csv", "parquet")
PDF_ENGINES = ("chromium", "weasyprint")
"""What prints the PDF: headless Chromium (tagged; the same bytes only for the same
Chromium build) or WeasyPrint (slower; declared PDF/UA-1). See docs/cli.md, "PDF engines"."""
DEFAULT_PDF_ENGINE = "chromium"
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


def _safe(unit_id: str) -> str:
    if not SAFE_ID.match(unit_id) or ".." in unit_id:
        raise InputError(
            [
                Problem(
                    "units",
                    None,
                    "id",
                    f"unit id {unit_id!r} cannot name an output file: "
                    "use letters, digits, '-', '_' and '.'",
                )
            ]
        )
    return unit_id


def _text(content: str) -> bytes:
    return content.encode("utf-8")


def scorecard_text(
    card: Scorecard,
    fmt: str,
    cohorts: Sequence[tuple[str, str]],
    comparisons: Sequence[Comparison] = (),
) -> str:
    """One scorecard as JSON or Markdown, with its area's and county's results beside."""
    from scorepack.render import json as json_render
    from scorepack.render import markdown as md_render

    if fmt == "json":
        return json_render.render_scorecard(card, comparisons)
    return md_render.render_scorecard(card, cohorts, comparisons)


def render_files(
    judged: JudgedMonth,
    formats: Sequence[str],
    commentary: CommentaryBook | None = None,
    produced: date | None = None,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> dict[str, bytes]:
    """Every requested output, keyed by its file name relative to the output folder."""
    from scorepack.render import json as json_render
    from scorepack.render import markdown as md_render

    month = judged.period
    files: dict[str, bytes] = {}
    cohorts = [(c.id, c.label) for c in judged.catalogue.cohorts]
    suffixes = {"json": "json", "markdown": "md"}
    compared = comparisons(judged.tree, judged.scorecards)
    for card in judged.scorecards:
        stem = f"scorecard-{_safe(card.unit.id)}-{month}"
        for fmt in ("json", "markdown"):
            if fmt in formats:
                files[f"{stem}.{suffixes[fmt]}"] = _text(
                    scorecard_text(card, fmt, cohorts, compared[card.unit.id])
                )
    if judged.activity is not None:
        if "json" in formats:
            files[f"activity-{month}.json"] = _text(
                json_render.dumps(json_render.activity_to_dict(judged.activity))
            )
        if "markdown" in formats:
            files[f"activity-{month}.md"] = _text(
                "\n".join(md_render.activity_lines(judged.activity))
            )
    if {"html", "pdf", "xlsx", "csv", "parquet"} & set(formats):
        files.update(
            _pack_files(judged, formats, f"pack-{month}", commentary, produced, pdf_engine)
        )
    return files


def _pack_files(
    judged: JudgedMonth,
    formats: Sequence[str],
    stem: str,
    commentary: CommentaryBook | None,
    produced: date | None,
    pdf_engine: str,
) -> Mapping[str, bytes]:
    from scorepack.pack.build import build_pack
    from scorepack.render.html import SCRIPT, render_html, script_text

    pack = build_pack(
        judged.catalogue,
        judged.tree,
        judged.scorecards,
        judged.activity,
        commentary,
        produced=produced,
    )
    files: dict[str, bytes] = {}
    if "html" in formats:
        files[f"{stem}.html"] = _text(render_html(pack))
        files[SCRIPT] = _text(script_text())
    if "xlsx" in formats:
        from scorepack.render.xlsx import render_xlsx

        files[f"{stem}.xlsx"] = render_xlsx(pack)
    if "pdf" in formats:
        files[f"{stem}.pdf"] = render_pdf(pack, pdf_engine)
    data = stem.removeprefix("pack-")
    if "csv" in formats:
        from scorepack.render.csv import render_csv

        files[f"data-{data}.csv"] = _text(render_csv(pack))
    if "parquet" in formats:
        from scorepack.render.parquet import render_parquet

        files[f"data-{data}.parquet"] = render_parquet(pack)
    return files


def render_pdf(pack: Pack, engine: str = DEFAULT_PDF_ENGINE) -> bytes:
    """The pack's PDF printed by ``engine`` (one of :data:`PDF_ENGINES`)."""
    if engine == "chromium":
        from scorepack.render.pdf_chromium import render_pdf_chromium

        return render_pdf_chromium(pack)
    problems = pdf_engine_problems(engine, ("pdf",))
    if problems:
        raise InputError(problems)
    from scorepack.render.pdf import render_pdf as render_weasyprint

    return render_weasyprint(pack)


def pdf_engine_problems(engine: str, formats: Sequence[str]) -> list[Problem]:
    """What is wrong with the PDF engine asked for: unknown, or Chromium not installed."""
    if engine not in PDF_ENGINES:
        message = f"unknown PDF engine {engine!r}; choose from {', '.join(PDF_ENGINES)}"
        return [request_problem("pdf_engine", message)]
    if engine == "chromium" and "pdf" in formats:
        from scorepack.render.pdf_chromium import browser

        try:
            browser()
        except InputError as missing:
            return list(missing.problems)
    return []
