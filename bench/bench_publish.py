"""Benchmark the store: what publishing adds to a build, and reading a 36-month history.

1. **publish vs build** (simulated authority, seed 1, scale 1, March 2016, every unit):
   the build is computing the figures from the records, judging and rendering
   (JSON, Markdown, HTML); publishing is then reading the earlier publications
   and writing the version (``publish_month``) into a fresh SQLite store.  The
   goal: publishing adds less than 20% to the build's time.
2. **history**: a store holding 36 published months of that authority (every
   unit and indicator, as published); the time to read one indicator's history
   for one unit, median of ``--repeat`` reads, on SQLite and on PostgreSQL (a
   throwaway server from ``tests/pgserver.py``).  The goal: under 20 ms.

Usage::

    .venv/bin/python bench/bench_publish.py [--records DIR] [--repeat 20] [--no-postgres]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))  # for tests.pgserver

from bench.bench_render import records_folder

from scorepack.periods import Month
from scorepack.publish.repository import Store
from scorepack.service.judge import JudgedMonth
from scorepack.service.publish import (
    MonthInputs,
    build_files,
    gather,
    past_months,
    publish_month,
)

FORMATS = ("json", "markdown", "html")
Built = tuple[MonthInputs, JudgedMonth]
MONTHS = 36


def publish_against_build(records: Path, folder: Path) -> tuple[float, float, Built]:
    start = time.perf_counter()
    given = gather("kent-scs-2016", None, None, None, records, "2016-03")
    judged, files = build_files(given, FORMATS, "all", None)
    build = time.perf_counter() - start
    with Store(f"sqlite:///{folder / 'publish.sqlite'}") as store:
        start = time.perf_counter()
        store.reported_history(past_months(given.month))
        publish_month(store, judged, files, given.catalogue_text, None, "bench")
        publishing = time.perf_counter() - start
    return build, publishing, (given, judged)


def history_read(url: str, built: Built, repeat: int) -> tuple[float, float, int]:
    given, judged = built
    unit = judged.scorecards[-1].unit.id
    with Store(url) as store:
        for n in range(MONTHS):
            month = Month(2013, 4).shift(n)
            publish_month(store, replace(judged, period=month), {}, given.catalogue_text, None, "b")
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            entries = store.history(unit, "cfa-within-45wd")
            times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), len(entries)


def report(name: str, median: float, fastest: float, count: int) -> None:
    print(
        f"{name}: {count}-month history read in {median * 1000:.1f} ms median, "
        f"{fastest * 1000:.1f} ms fastest (goal < 20 ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, help="a records folder (default: simulate)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    records = records_folder(args.records)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build, publishing, built = publish_against_build(records, folder)
        print(
            f"build {build:.2f} s; publish adds {publishing:.2f} s "
            f"({publishing / build:.0%} of the build; goal < 20%)"
        )
        report("sqlite", *history_read(f"sqlite:///{folder / 'h.sqlite'}", built, args.repeat))
        if not args.no_postgres:
            from tests.pgserver import running_server

            with running_server() as server:
                url = server.database()
                found = history_read(url, built, args.repeat)
                server.drop(url)
            report("postgresql", *found)


if __name__ == "__main__":
    main()
