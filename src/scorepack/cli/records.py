"""Inputs for a build from child-level records: load, compute figures, add supplied ones."""

from __future__ import annotations

from pathlib import Path

from scorepack.catalogue.units import OrgTree
from scorepack.cli.main import err, parse_period
from scorepack.errors import InputError, Problem
from scorepack.inputs import Inputs, load_config
from scorepack.judge.scorecard import TREND_MONTHS
from scorepack.measures.figures import load_figures
from scorepack.measures.store import FigureStore
from scorepack.periods import Month


def months_needed(period: Month) -> list[Month]:
    """The latest month, the twelve before it (previous result and trend) and the outturn."""
    return sorted({*period.months_back(TREND_MONTHS), period.outturn})


def _fingerprint(folder: Path) -> str:
    """Names, sizes and times of the table files: a change to any means reloading."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return "\n".join(f"{p.name} {p.stat().st_size} {p.stat().st_mtime_ns}" for p in files)


def _load_if_changed(records: Path, database: Path) -> None:
    from scorepack.records.load import load_records

    stamp = database.with_name(database.name + ".source")
    current = _fingerprint(records)
    if database.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == current:
        return
    with err.status(f"loading records from {records}…"):
        load_records(records, database)
    stamp.write_text(current, encoding="utf-8")


def inputs_from_records(
    records: Path,
    preset: str | None,
    catalogue: Path | None,
    figures: Path | None,
    period: str | None,
) -> tuple[Inputs, FigureStore, Month]:
    """Load (or reuse) the records database and compute every figure the month needs."""
    import duckdb

    from scorepack.measures.compute import compute_figures, units_from_records

    config = load_config(preset, catalogue, None, need_units=False)
    month = parse_period(period, config.preset.period if config.preset else None)
    measures = (
        config.preset.measures if config.preset else (catalogue or Path(".")).parent / "measures"
    )
    if not measures.is_dir():
        raise InputError(
            [Problem(str(measures), None, None, "no folder of measure definitions (.sql) here")]
        )
    database = records / ".scorepack.duckdb"
    _load_if_changed(records, database)
    conn = duckdb.connect(str(database))
    try:
        tree = OrgTree(tuple(units_from_records(conn)))
        with err.status("computing every indicator for every unit…"):
            computed = compute_figures(conn, config.catalogue, months_needed(month), measures)
    finally:
        conn.close()
    inputs = Inputs(config.catalogue, tree, config.preset)
    store = FigureStore.from_figures(computed, inputs.catalogue, tree)
    if figures is not None:
        supplied = load_figures(figures, inputs.catalogue, tree)
        store = FigureStore.from_figures(
            [*computed, *supplied.figures.values()], inputs.catalogue, tree
        )
    return inputs, store, month
