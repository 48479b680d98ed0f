"""Inputs for a build from child-level records: load, compute figures, add supplied ones."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scorepack.catalogue.units import OrgTree
from scorepack.cli.main import err, parse_period
from scorepack.errors import InputError, Problem
from scorepack.inputs import Inputs, load_config
from scorepack.judge.scorecard import TREND_MONTHS
from scorepack.measures.figures import load_figures
from scorepack.measures.store import FigureStore
from scorepack.periods import Month

if TYPE_CHECKING:
    from scorepack.measures.engines.base import Engine


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


def _measures(
    preset: str | None, catalogue: Path | None, period: str | None
) -> tuple[Inputs, Month, Path]:
    config = load_config(preset, catalogue, None, need_units=False)
    month = parse_period(period, config.preset.period if config.preset else None)
    measures = (
        config.preset.measures if config.preset else (catalogue or Path(".")).parent / "measures"
    )
    if not measures.is_dir():
        raise InputError(
            [Problem(str(measures), None, None, "no folder of measure definitions (.sql) here")]
        )
    return config, month, measures


def _computed(
    engine: Engine, config: Inputs, month: Month, measures: Path, figures: Path | None
) -> tuple[Inputs, FigureStore, Month]:
    from scorepack.measures.compute import compute_figures, units_from_records

    try:
        tree = OrgTree(tuple(units_from_records(engine)))
        with err.status("computing every indicator for every unit…"):
            computed = compute_figures(engine, config.catalogue, months_needed(month), measures)
    finally:
        engine.close()
    inputs = Inputs(config.catalogue, tree, config.preset)
    store = FigureStore.from_figures(computed, inputs.catalogue, tree)
    if figures is not None:
        supplied = load_figures(figures, inputs.catalogue, tree)
        store = FigureStore.from_figures(
            [*computed, *supplied.figures.values()], inputs.catalogue, tree
        )
    return inputs, store, month


def inputs_from_records(
    records: Path,
    preset: str | None,
    catalogue: Path | None,
    figures: Path | None,
    period: str | None,
) -> tuple[Inputs, FigureStore, Month]:
    """Load (or reuse) the records database and compute every figure the month needs."""
    _measures(preset, catalogue, period)  # a bad catalogue, period or folder before loading
    database = records / ".scorepack.duckdb"
    _load_if_changed(records, database)
    return inputs_from_engine(str(database), None, "", None, preset, catalogue, figures, period)


def inputs_from_engine(
    url: str,
    schema: str | None,
    prefix: str,
    mapping: Path | None,
    preset: str | None,
    catalogue: Path | None,
    figures: Path | None,
    period: str | None,
) -> tuple[Inputs, FigureStore, Month]:
    """Compute every figure the month needs inside the database at ``url``, read-only."""
    from scorepack.measures.engines import open_engine

    config, month, measures = _measures(preset, catalogue, period)
    with err.status("checking the warehouse's tables and columns…"):
        engine = open_engine(url, schema=schema, prefix=prefix, mapping=mapping)
    return _computed(engine, config, month, measures, figures)
