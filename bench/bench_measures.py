"""Benchmark loading records and computing every indicator for every unit.

    .venv/bin/python bench/bench_measures.py --records DIR [--period 2016-03]
    .venv/bin/python bench/bench_measures.py --scale 1 [--seed 1]   # simulate first

Each step runs in its own Python process so that its peak memory (maximum
resident set size) is its own: loading the folder into DuckDB, then computing
all indicators and activity measures x all units x both cohorts for 1 month and
for 36 months.  Prints one line per step and, with ``--json``, the figures as
JSON for ``docs/performance.md``.

On a shared or busy machine wall-clock times vary from run to run; ``--repeat N``
runs each compute step N times and keeps the fastest, and the CPU time (user +
system, all threads) is printed beside the wall-clock time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_STEP = r"""
import json, resource, sys, time
from pathlib import Path
step, records, database, period, months = sys.argv[1:6]
began = time.perf_counter()
if step == "load":
    from scorepack.records.load import load_records
    load_records(Path(records), Path(database))
    extra = {}
else:
    import duckdb
    from scorepack.catalogue.load import load_catalogue
    from scorepack.measures.compute import compute_figures
    from scorepack.periods import Month
    preset = Path("src/scorepack/presets/kent-scs-2016")
    catalogue = load_catalogue(preset / "catalogue.yaml")
    conn = duckdb.connect(database, read_only=True)
    conn.execute("SET enable_progress_bar = false")
    wanted = Month.parse(period).months_back(int(months))
    figures = compute_figures(conn, catalogue, wanted, preset / "measures")
    extra = {"figures": len(figures)}
seconds = time.perf_counter() - began
usage = resource.getrusage(resource.RUSAGE_SELF)
print("RESULT " + json.dumps({"step": step, "months": int(months), "seconds": seconds,
                  "cpu_seconds": usage.ru_utime + usage.ru_stime,
                  "peak_mib": usage.ru_maxrss / 1024, **extra}))
"""


def run_step(step: str, records: Path, database: Path, period: str, months: int) -> dict:
    """Run one step in a fresh interpreter and return its measurements."""
    out = subprocess.run(
        [sys.executable, "-c", _STEP, step, str(records), str(database), period, str(months)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{step} failed:\n{out.stderr}")
    line = next(x for x in reversed(out.stdout.splitlines()) if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def simulate(scale: float, seed: int, folder: Path) -> Path:
    from scorepack.simulate.engine import simulate as run

    run(folder, seed=seed, scale=scale)
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, help="records folder to load")
    parser.add_argument("--scale", type=float, help="simulate at this scale instead")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--period", default="2016-03")
    parser.add_argument("--months", default="1,36", help="comma-separated month counts")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each compute step")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    with tempfile.TemporaryDirectory(prefix="scorepack-bench-") as tmp:
        records = args.records
        if records is None:
            if args.scale is None:
                parser.error("give --records DIR or --scale X")
            records = simulate(args.scale, args.seed, Path(tmp) / "records")
        database = Path(tmp) / "records.duckdb"
        results = [run_step("load", records, database, args.period, 0)]
        for count in (int(m) for m in args.months.split(",")):
            runs = [
                run_step("compute", records, database, args.period, count)
                for _ in range(max(1, args.repeat))
            ]
            results.append(min(runs, key=lambda r: r["seconds"]))
    for r in results:
        label = "load" if r["step"] == "load" else f"compute {r['months']:>2} month(s)"
        figs = f"  {r['figures']:>8} figures" if "figures" in r else ""
        print(
            f"{label:<22} {r['seconds']:8.2f} s  {r['cpu_seconds']:8.2f} s CPU  "
            f"{r['peak_mib']:8.0f} MiB peak{figs}"
        )
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
