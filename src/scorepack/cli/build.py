"""``scorepack build``: every scorecard of a month, written in the formats asked for."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scorepack.catalogue.units import OrgTree
from scorepack.cli.main import (
    CatalogueOpt,
    FiguresOpt,
    PresetOpt,
    UnitsOpt,
    app,
    err,
    out,
    parse_period,
    reports_problems,
)
from scorepack.errors import InputError, Problem
from scorepack.inputs import load_config, load_store
from scorepack.judge.activity import activity_table
from scorepack.judge.scorecard import judge_unit
from scorepack.outputs import write_all
from scorepack.render import json as json_render
from scorepack.render import markdown as md_render
from scorepack.render.table import print_scorecard

FORMATS = ("json", "markdown")


def report_units(tree: OrgTree, scope: str) -> list[str]:
    """The units to report: the root(s) and areas, or every unit."""
    if scope == "all":
        return [u.id for u in tree.walk()]
    ids = []
    for root in tree.roots():
        ids.append(root.id)
        ids += [c.id for c in tree.children(root.id) if c.kind == "area"]
    return ids


def parse_formats(text: str) -> list[str]:
    wanted = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise InputError(
            [
                Problem(
                    "--format",
                    None,
                    None,
                    f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}",
                )
            ]
        )
    return wanted


@app.command()
@reports_problems
def build(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the pack into.")],
    preset: PresetOpt = None,
    catalogue: CatalogueOpt = None,
    units: UnitsOpt = None,
    figures: FiguresOpt = None,
    period: Annotated[str | None, typer.Option("--period", help="Month as YYYY-MM.")] = None,
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated: json,markdown.")
    ] = "json,markdown",
    scope: Annotated[
        str, typer.Option("--units-scope", help="'areas' (county and areas) or 'all'.")
    ] = "areas",
    show: Annotated[
        bool, typer.Option("--show/--quiet", help="Print the top unit's scorecard.")
    ] = True,
) -> None:
    """Build every scorecard of a month and write them to a folder."""
    formats = parse_formats(format)
    inputs = load_config(preset, catalogue, units)
    store = load_store(inputs, figures)
    month = parse_period(period, inputs.preset.period if inputs.preset else None)
    cat, tree = inputs.catalogue, inputs.tree
    cards = [judge_unit(cat, tree, store, month, uid) for uid in report_units(tree, scope)]
    cohorts = [(c.id, c.label) for c in cat.cohorts]
    files: dict[Path, str | bytes] = {}
    for card in cards:
        stem = out_dir / f"scorecard-{card.unit.id}-{month}"
        if "json" in formats:
            files[stem.with_suffix(".json")] = json_render.render_scorecard(card)
        if "markdown" in formats:
            files[stem.with_suffix(".md")] = md_render.render_scorecard(card, cohorts)
    if cat.activity:
        table = activity_table(cat, tree, store, month)
        if "json" in formats:
            files[out_dir / f"activity-{month}.json"] = json_render.dumps(
                json_render.activity_to_dict(table)
            )
        if "markdown" in formats:
            files[out_dir / f"activity-{month}.md"] = "\n".join(md_render.activity_lines(table))
    written = write_all(files)
    if show and cards:
        print_scorecard(cards[0], out)
    err.print(f"wrote {len(written)} files to {out_dir.resolve()}")
    for path in written:
        err.print(f"  {path}", markup=False)
