"""A month's build, end to end: judge every unit, build the pack, render each format.

The CLI (and any other front end) calls these; they hold no I/O beyond what
they are given, and return every output in memory so that the caller can
write all of it or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.judge.activity import activity_table
from scorepack.judge.model import ActivityTable, Scorecard
from scorepack.judge.scorecard import judge_unit
from scorepack.measures.store import FigureStore
from scorepack.pack.commentary import CommentaryBook
from scorepack.periods import Month

FORMATS = ("json", "markdown", "html", "pdf", "xlsx", "csv", "parquet")
SCOPES = ("areas", "all")


@dataclass(frozen=True)
class JudgedMonth:
    """Everything judged for one month."""

    catalogue: Catalogue
    tree: OrgTree
    period: Month
    scorecards: tuple[Scorecard, ...]
    activity: ActivityTable | None


def report_units(tree: OrgTree, scope: str) -> list[str]:
    """The units to report: the top unit(s) and their areas, or every unit."""
    if scope == "all":
        return [u.id for u in tree.walk()]
    ids = []
    for root in tree.roots():
        ids.append(root.id)
        ids += [c.id for c in tree.children(root.id) if c.kind == "area"]
    return ids


def judge_month(
    catalogue: Catalogue, tree: OrgTree, store: FigureStore, period: Month, scope: str = "areas"
) -> JudgedMonth:
    cards = tuple(
        judge_unit(catalogue, tree, store, period, uid) for uid in report_units(tree, scope)
    )
    activity = activity_table(catalogue, tree, store, period) if catalogue.activity else None
    return JudgedMonth(catalogue, tree, period, cards, activity)


def render_files(
    judged: JudgedMonth,
    formats: Sequence[str],
    out_dir: Path,
    commentary: CommentaryBook | None = None,
) -> dict[Path, str | bytes]:
    """Every requested output, rendered in memory, keyed by the path it belongs at."""
    from scorepack.render import json as json_render
    from scorepack.render import markdown as md_render

    month = judged.period
    files: dict[Path, str | bytes] = {}
    cohorts = [(c.id, c.label) for c in judged.catalogue.cohorts]
    for card in judged.scorecards:
        stem = out_dir / f"scorecard-{card.unit.id}-{month}"
        if "json" in formats:
            files[stem.with_suffix(".json")] = json_render.render_scorecard(card)
        if "markdown" in formats:
            files[stem.with_suffix(".md")] = md_render.render_scorecard(card, cohorts)
    if judged.activity is not None:
        if "json" in formats:
            files[out_dir / f"activity-{month}.json"] = json_render.dumps(
                json_render.activity_to_dict(judged.activity)
            )
        if "markdown" in formats:
            files[out_dir / f"activity-{month}.md"] = "\n".join(
                md_render.activity_lines(judged.activity)
            )
    if {"html", "pdf", "xlsx", "csv", "parquet"} & set(formats):
        files.update(_pack_files(judged, formats, out_dir / f"pack-{month}", commentary))
    return files


def _pack_files(
    judged: JudgedMonth, formats: Sequence[str], stem: Path, commentary: CommentaryBook | None
) -> dict[Path, str | bytes]:
    from scorepack.pack.build import build_pack
    from scorepack.render.html import render_html

    pack = build_pack(judged.catalogue, judged.tree, judged.scorecards, judged.activity, commentary)
    files: dict[Path, str | bytes] = {}
    html = render_html(pack)
    if "html" in formats:
        files[stem.with_suffix(".html")] = html
    if "xlsx" in formats:
        from scorepack.render.xlsx import render_xlsx

        files[stem.with_suffix(".xlsx")] = render_xlsx(pack)
    if "pdf" in formats:
        from scorepack.render.pdf import render_pdf

        files[stem.with_suffix(".pdf")] = render_pdf(pack)
    if "csv" in formats:
        from scorepack.render.csv import render_csv

        files[stem.with_name(f"data-{stem.name.removeprefix('pack-')}.csv")] = render_csv(pack)
    if "parquet" in formats:
        from scorepack.render.parquet import render_parquet

        files[stem.with_name(f"data-{stem.name.removeprefix('pack-')}.parquet")] = render_parquet(
            pack
        )
    return files
