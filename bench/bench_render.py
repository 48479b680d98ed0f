"""Benchmark rendering a large pack: county, areas, every team, every exception report.

The Kent 2016 preset's county scorecard (44 indicators, 7 Red) is judged once and
given to every unit of the Kent tree (28 units), so the pack has 28 scorecards and
196 exception reports: the size of a full month for a county with all its teams.
Times are wall-clock seconds for each stage.  Usage::

    .venv/bin/python bench/bench_render.py [--workers N] [--copies K] [--out DIR]

``--copies`` repeats the tree's units K times (K=2 doubles the pack).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import time
from datetime import date
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write pack.html, pack.xlsx and pack.pdf here")
    parser.add_argument("--skip-pdf", action="store_true")
    args = parser.parse_args()

    from scorepack.catalogue.units import OrgTree, Unit
    from scorepack.inputs import load_config, load_store
    from scorepack.judge.activity import activity_table
    from scorepack.judge.scorecard import judge_unit
    from scorepack.pack.build import build_pack
    from scorepack.periods import Month
    from scorepack.render.html import render_html
    from scorepack.render.pdf import render_pdf
    from scorepack.render.xlsx import render_xlsx

    inputs = load_config("kent-scs-2016", None, None)
    store = load_store(inputs, None)
    month = Month(2016, 3)
    root = inputs.tree.roots()[0].id
    county = judge_unit(inputs.catalogue, inputs.tree, store, month, root)
    units = list(inputs.tree.walk())
    for k in range(1, args.copies):
        units += [
            Unit(f"{u.id}-{k}", f"{u.name} ({k})", u.parent and f"{u.parent}-{k}", u.kind)
            for u in inputs.tree.walk()
        ]
    tree = OrgTree(tuple(units))
    cards = [dataclasses.replace(county, unit=u) for u in tree.walk()]
    activity = activity_table(inputs.catalogue, inputs.tree, store, month)

    timings: dict[str, float] = {}

    def timed(name, fn):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        result = fn()
        timings[name] = time.perf_counter() - began
        return result

    pack = timed(
        "build",
        lambda: build_pack(inputs.catalogue, tree, cards, activity, None, date(2016, 5, 13)),
    )
    html = timed("html", lambda: render_html(pack))
    xlsx = timed("xlsx", lambda: render_xlsx(pack))
    pdf = b"" if args.skip_pdf else timed("pdf", lambda: render_pdf(pack, workers=args.workers))
    print(
        f"scorecards {len(pack.scorecards)}, exception reports {len(pack.exceptions)}, "
        f"workers {args.workers}, cpus {os.cpu_count()}"
    )
    for name, seconds in timings.items():
        print(f"{name:>6} {seconds:8.2f} s")
    print(f" total {sum(timings.values()):8.2f} s")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "pack.html").write_text(html, encoding="utf-8")
        (args.out / "pack.xlsx").write_bytes(xlsx)
        if pdf:
            (args.out / "pack.pdf").write_bytes(pdf)


if __name__ == "__main__":
    main()
