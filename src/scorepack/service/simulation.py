"""Write the simulated authority's records into a folder, all of it or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scorepack.outputs import staged_folder
from scorepack.simulate import SimSummary, simulate

MARKER = ".scorepack-simulation"
"""The file that marks a folder as scorepack's simulation (so it may be replaced)."""


def simulate_records(
    out_dir: Path,
    seed: int,
    scale: float,
    fmt: str,
    progress: Callable[[str, int, int], None] | None = None,
) -> SimSummary:
    """Simulate into a staging folder and move it into place when complete."""
    with staged_folder(out_dir, MARKER, f"seed={seed} scale={scale}\n") as stage:
        return simulate(stage, seed=seed, scale=scale, progress=progress, fmt=fmt)
