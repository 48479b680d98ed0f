"""Benchmark the simulated authority: wall time and peak memory at scale 1 and 10.

Each scale runs in a fresh Python process so that peak resident memory (``ru_maxrss``)
belongs to that run alone.  Usage::

    .venv/bin/python bench/bench_simulate.py [--scales 1 10] [--seed 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _one(scale: float, seed: int, out: Path) -> dict[str, float]:
    """Run one simulation in this process and measure it."""
    from scorepack.simulate import simulate

    began = time.perf_counter()
    summary = simulate(out, seed=seed, scale=scale)
    seconds = time.perf_counter() - began
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    size = sum(p.stat().st_size for p in out.iterdir())
    return {
        "scale": scale,
        "seconds": round(seconds, 2),
        "peak_mib": round(peak_kib / 1024, 1),
        "rows": sum(summary.rows.values()),
        "mib_on_disk": round(size / 2**20, 1),
        **summary.headline,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write extracts under this folder")
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(_one(args.one, args.seed, args.out)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        print(f"{'scale':>6} {'seconds':>8} {'peak MiB':>9} {'rows':>11} {'disk MiB':>9}")
        for scale in args.scales:
            out = base / f"sim-scale-{scale:g}"
            proc = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--one",
                    str(scale),
                    "--seed",
                    str(args.seed),
                    "--out",
                    str(out),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            print(
                f"{r['scale']:>6g} {r['seconds']:>8.1f} {r['peak_mib']:>9.0f} "
                f"{r['rows']:>11,} {r['mib_on_disk']:>9.1f}   "
                f"caseloads={r['caseloads']} cp={r['cp_plans']} lac={r['looked_after']} "
                f"uasc={r['uasc_looked_after']} referrals={r['referrals_in_month']}"
            )


if __name__ == "__main__":
    main()
