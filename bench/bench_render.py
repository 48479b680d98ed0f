"""Benchmark rendering the whole pack for the simulated authority.

This is the workload of::

    scorepack build --records DIR --preset kent-scs-2016 --period 2016-03 \\
        --units-scope all --format pdf

The figures are computed from the records and every unit is judged (county,
areas and every team: 29 scorecards and all their exception reports); then
build_pack, the HTML, the workbook and the PDF are each timed on their own:
wall-clock seconds, and CPU seconds summed over this process and the PDF
workers (the steadier figure when other work shares the machine).  Peak
memory is the maximum resident set size of this process and of the largest
PDF worker.  Usage::

    .venv/bin/python bench/bench_render.py [--records DIR] [--workers N] [--out DIR]

The PDF is printed by both engines: the Chromium engine (the default: the
print markup printed by headless Chromium, then the pikepdf finishing pass) and
WeasyPrint (``--pdf-engine weasyprint``).  The same HTML pack is printed by
headless Chromium on its own (``/usr/bin/chromium --headless --print-to-pdf``),
timed the same way, as the yardstick scorepack's PDF should not be slower than
(skipped when Chromium is absent), and the ratio of each engine's time to it is
printed.  Chromium's CPU seconds are counted only when its processes have all
exited by the time it returns (they are children of this process), so the
wall-clock ratio is the one the goal is about; the CPU ratio is given for a
loaded machine.

Without ``--records`` the authority is simulated first (seed 1, scale 1) into
``.cache/simulated-seed1-scale1``, or reused from there.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
DEFAULT_RECORDS = Path(".cache/simulated-seed1-scale1")


def records_folder(given: Path | None) -> Path:
    """The records to use: the folder given, or a cached seed-1, scale-1 simulation."""
    if given is not None:
        return given
    if not (DEFAULT_RECORDS / ".scorepack-simulation").exists():
        command = [sys.executable, "-m", "scorepack", "simulate", "--out", str(DEFAULT_RECORDS)]
        subprocess.run([*command, "--seed", "1", "--scale", "1"], check=True)
    return DEFAULT_RECORDS


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the PDF workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def chromium_print(html: str, out: Path) -> None:
    """Print ``html`` to ``out`` with headless Chromium, as a browser would."""
    import shutil
    import tempfile

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise FileNotFoundError("chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "pack.html"
        page.write_text(html, encoding="utf-8")
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        # The engine's quiet-network flags too, so that neither waits on refused calls.
        flags += ["--disable-background-networking", "--disable-component-update"]
        flags += ["--disable-sync", "--disable-quic"]
        flags += [f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer"]
        subprocess.run(
            [browser, *flags, f"--print-to-pdf={out}", page.as_uri()],
            check=True,
            capture_output=True,
            timeout=600,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, help="a records folder (default: simulate)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--out", type=Path, help="write pack.html, pack.xlsx, pack.pdf and pack-weasyprint.pdf here"
    )
    args = parser.parse_args()

    from pypdf import PdfReader

    from scorepack.errors import InputError
    from scorepack.pack.build import build_pack
    from scorepack.render.html import render_html
    from scorepack.render.pdf import render_pdf
    from scorepack.render.pdf_chromium import render_pdf_chromium
    from scorepack.render.xlsx import render_xlsx
    from scorepack.service.build import BuildRequest, gather
    from scorepack.service.judge import judge_month

    records = records_folder(args.records)
    got = gather(BuildRequest(preset="kent-scs-2016", records=records, period="2016-03"))
    judged = judge_month(got.inputs.catalogue, got.inputs.tree, got.store, got.month, "all")

    timings: dict[str, float] = {}

    cpu: dict[str, float] = {}

    load: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], T]) -> T:
        load[name] = os.getloadavg()[0]
        began, began_cpu = time.perf_counter(), _cpu_seconds()
        result = fn()
        timings[name] = time.perf_counter() - began
        cpu[name] = _cpu_seconds() - began_cpu
        return result

    pack = timed(
        "build_pack",
        lambda: build_pack(judged.catalogue, judged.tree, judged.scorecards, judged.activity),
    )
    html = timed("html", lambda: render_html(pack))
    xlsx = timed("xlsx", lambda: render_xlsx(pack))
    engine = "pdf (chromium engine, the default)"
    try:
        engine_pdf = timed(engine, lambda: render_pdf_chromium(pack, workers=args.workers))
    except InputError as missing:
        print(f"chromium engine skipped: {missing.problems[0].message}")
        engine_pdf = b""
    pdf = timed("pdf, weasyprint engine", lambda: render_pdf(pack, workers=args.workers))
    chromium_pdf = Path(".cache/bench-chromium.pdf")
    chromium_pdf.parent.mkdir(parents=True, exist_ok=True)
    try:
        timed("chromium print (yardstick)", lambda: chromium_print(html, chromium_pdf))
        chromium_pages = len(PdfReader(str(chromium_pdf)).pages)
    except (FileNotFoundError, subprocess.CalledProcessError) as problem:
        print(f"chromium print skipped: {problem}")
        chromium_pages = 0

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    engine_pages = len(PdfReader(io.BytesIO(engine_pdf)).pages) if engine_pdf else 0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{len(pack.scorecards)} scorecards, {len(pack.exceptions)} exception reports, "
        f"{engine_pages} PDF pages (weasyprint engine: {pages}, Chromium print: {chromium_pages}); "
        f"{args.workers} workers on {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}"
    )
    print("| stage | wall s | CPU s | load average at its start |\n|---|---:|---:|---:|")
    for name, seconds in timings.items():
        print(f"| {name} | {seconds:.2f} | {cpu[name]:.2f} | {load[name]:.1f} |")
    print(f"| total | {sum(timings.values()):.2f} | {sum(cpu.values()):.2f} | |")
    yardstick = "chromium print (yardstick)"
    if yardstick in timings:
        for name in (engine, "pdf, weasyprint engine"):
            if name in timings:
                print(
                    f"{name} / Chromium print: {timings[name] / timings[yardstick]:.2f} "
                    f"wall-clock, {cpu[name] / max(cpu[yardstick], 1e-9):.2f} CPU "
                    "(goal: at most 1.00 wall-clock)"
                )
    print(f"peak RSS: this process {own:.0f} MiB, largest PDF worker {workers:.0f} MiB")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "pack.html").write_text(html, encoding="utf-8")
        (args.out / "pack.xlsx").write_bytes(xlsx)
        (args.out / "pack-weasyprint.pdf").write_bytes(pdf)
        if engine_pdf:
            (args.out / "pack.pdf").write_bytes(engine_pdf)


if __name__ == "__main__":
    main()
