"""Figures computed from child-level records, with supplied figures laid over them.

The records are loaded into a DuckDB database in the cache folder (keyed by
the records folder's path, so a read-only folder works) or at a path given,
and reused until a table file changes.  A lock keeps two runs from loading or
reading the same database at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from scorepack.catalogue.units import OrgTree
from scorepack.errors import InputError, Problem
from scorepack.judge.scorecard import TREND_MONTHS
from scorepack.measures.figures import load_figures
from scorepack.measures.store import FigureStore
from scorepack.periods import Month
from scorepack.service.cache import holding, records_database
from scorepack.service.inputs import Inputs

Progress = Callable[[str], None]


def quiet(_: str) -> None:
    """A progress report that says nothing."""


def months_needed(period: Month) -> list[Month]:
    """The latest month, the twelve before it (previous result and trend) and the outturn."""
    return sorted({*period.months_back(TREND_MONTHS), period.outturn})


def fingerprint(folder: Path) -> str:
    """Names, sizes and times of the table files: a change to any means reloading."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    return "\n".join(f"{p.name} {p.stat().st_size} {p.stat().st_mtime_ns}" for p in files)


def load_if_changed(records: Path, database: Path, progress: Progress = quiet) -> None:
    """Load ``records`` into ``database`` unless it already holds these very files."""
    from scorepack.records.load import load_records

    if not records.is_dir():
        raise InputError([Problem(str(records), None, None, "records folder not found")])
    stamp = database.with_name(database.name + ".source")
    current = fingerprint(records)
    if database.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == current:
        return
    progress(f"loading records from {records}…")
    load_records(records, database)
    stamp.write_text(current, encoding="utf-8")


@dataclass(frozen=True)
class Computed:
    inputs: Inputs
    store: FigureStore


def measures_folder(config: Inputs, catalogue: Path | None) -> Path:
    measures = (
        config.preset.measures if config.preset else (catalogue or Path(".")).parent / "measures"
    )
    if not measures.is_dir():
        raise InputError(
            [Problem(str(measures), None, None, "no folder of measure definitions (.sql) here")]
        )
    return measures


def compute_from_records(
    config: Inputs,
    catalogue: Path | None,
    records: Path,
    database: Path | None,
    month: Month,
    progress: Progress = quiet,
) -> Computed:
    """Load (or reuse) the records database and compute every figure the month needs.

    The units come from the records; ``config`` supplies the catalogue.
    """
    from scorepack.measures.compute import compute_figures, units_from_records
    from scorepack.records.load import open_records

    measures = measures_folder(config, catalogue)
    target = database or records_database(records)
    with holding(target, f"the records database {target}"):
        load_if_changed(records, target, progress)
        conn = open_records(target, read_only=True)
        try:
            tree = OrgTree(tuple(units_from_records(conn)))
            progress("computing every indicator for every unit…")
            computed = compute_figures(conn, config.catalogue, months_needed(month), measures)
        finally:
            conn.close()
    inputs = Inputs(config.catalogue, tree, config.preset)
    return Computed(inputs, FigureStore.from_figures(computed, inputs.catalogue, tree))


@dataclass(frozen=True)
class Warehouse:
    """Where to compute inside the council's own database (``--engine``), read-only."""

    url: str
    schema: str | None = None
    prefix: str = ""
    mapping: Path | None = None


def compute_in_warehouse(
    config: Inputs,
    catalogue: Path | None,
    warehouse: Warehouse,
    month: Month,
    progress: Progress = quiet,
) -> Computed:
    """Compute every figure the month needs inside the database, after a pre-flight check."""
    from scorepack.measures.compute import compute_figures, units_from_records
    from scorepack.measures.engines import open_engine

    measures = measures_folder(config, catalogue)
    progress("checking the warehouse's tables and columns…")
    engine = open_engine(
        warehouse.url, schema=warehouse.schema, prefix=warehouse.prefix, mapping=warehouse.mapping
    )
    try:
        tree = OrgTree(tuple(units_from_records(engine)))
        progress("computing every indicator for every unit…")
        computed = compute_figures(engine, config.catalogue, months_needed(month), measures)
    finally:
        engine.close()
    inputs = Inputs(config.catalogue, tree, config.preset)
    return Computed(inputs, FigureStore.from_figures(computed, inputs.catalogue, tree))


def lay_over(computed: Computed, figures: Path | None) -> FigureStore:
    """The computed figures with the supplied ones laid over them (supplied win)."""
    if figures is None:
        return computed.store
    cat, tree = computed.inputs.catalogue, computed.inputs.tree
    supplied = load_figures(figures, cat, tree)
    merged = {**computed.store.figures, **supplied.figures}
    return FigureStore.from_figures(merged.values(), cat, tree)
