"""A simulated local authority: a deterministic SSD extract for a county like Kent.

``simulate(out_dir, seed, scale)`` writes one file per table of the records schema
(``scorepack.records.schema``) for six financial years up to March 2016.  The model and
its assumptions are described in ``docs/simulation.md``.
"""

from .engine import SimSummary, simulate

__all__ = ["SimSummary", "simulate"]
