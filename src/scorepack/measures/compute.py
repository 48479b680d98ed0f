"""Computing figures from child-level records with the SQL measure definitions.

Each definition (``<measure>.sql`` beside the catalogue) is one query that
returns ``unit, period, cohort, numerator, denominator`` for every requested
month, unit and cohort at once -- or, when its first line declares a shared
ending (``-- scorepack: year-to-date events``), one query returning its events,
which the shared ending then turns into those rows.  This module prepares the
helper tables, runs each definition once, fills in zero for units and months
where nothing happened, and turns the rows into
:class:`~scorepack.measures.model.Figure` values.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import Unit
from scorepack.errors import InputError, Problem
from scorepack.measures import cohorts as cohort_tables
from scorepack.measures import helpers, portable
from scorepack.measures.engines import as_engine
from scorepack.measures.engines.base import EVENT_COLUMNS as EVENT_COLUMNS
from scorepack.measures.engines.base import Engine, exact
from scorepack.measures.helpers import record_tables as record_tables
from scorepack.measures.helpers import tables_needed
from scorepack.measures.model import ALL, Figure
from scorepack.periods import Month
from scorepack.text import clean

HELPER_TABLES = frozenset(
    {"months", "calendar", "unit_tree", "case_roles", *cohort_tables.TABLES, *helpers.SQL_HELPERS}
)

Source = Engine | duckdb.DuckDBPyConnection
"""Where figures are computed: an engine, or a DuckDB connection to a loaded records file."""


@dataclass(frozen=True)
class Job:
    """One definition to run: the figure id it feeds and how to scale its value."""

    figure_id: str
    measure: str
    count: bool
    cohorts: tuple[str, ...]


def jobs(catalogue: Catalogue) -> Iterator[Job]:
    """Every indicator and activity measure that names a definition."""
    for ind in catalogue.indicators:
        if ind.measure:
            cohorts = (ALL, *[c for c in ind.cohorts if c != ALL])
            yield Job(ind.id, ind.measure, ind.kind == "count", cohorts)
    for act in catalogue.activity:
        if act.measure:
            yield Job(act.id, act.measure, True, (ALL,))


def definition(measures_dir: Path, measure: str) -> str:
    """The SQL text of ``measure``."""
    return (Path(measures_dir) / f"{measure}.sql").read_text(encoding="utf-8")


def runnable(sql: str, present: set[str]) -> bool:
    """True when every record table the definition reads, itself or through the
    building blocks it names, was loaded."""
    return tables_needed(sql) <= present


def run_definition(source: Source, sql: str) -> list[tuple[Any, ...]]:
    """Rows ``(unit, period, cohort, numerator, denominator)`` of one definition, and
    ``data_quality`` sixth where the definition returns that column.

    A definition that declares a shared ending is run in three plain
    statements, as it would be in any warehouse: its events become the
    temporary table (in DuckDB and PostgreSQL, view) ``events``, the shared ending reads
    them, and it is dropped again (see :meth:`Engine.run`).
    """
    return as_engine(source).run(portable.parse(sql))


def _value(job: Job, num: float | None) -> float | None:
    """Counts carry their value; ratios leave it to the judge, which keeps the
    latest result unrounded and past results as they would have been reported."""
    return num if job.count else None


def _figures(
    job: Job, rows: list[tuple[Any, ...]], units: list[str], months: list[Month]
) -> list[Figure]:
    found = {(str(r[0]), str(r[1]), str(r[2])): r[3:] for r in rows}
    out: list[Figure] = []
    for cohort in job.cohorts:
        for unit in units:
            for month in months:
                num, den, *quality = found.get((unit, str(month), cohort), (0, 0))
                numerator = exact(num)
                den_value = None if job.count else exact(den)
                out.append(
                    Figure(
                        job.figure_id,
                        unit,
                        month,
                        cohort,
                        numerator,
                        den_value,
                        _value(job, numerator),
                        exact(quality[0]) if quality and quality[0] is not None else None,
                    )
                )
    return out


def compute_figures(
    source: Source,
    catalogue: Catalogue,
    months: list[Month],
    measures_dir: Path,
) -> list[Figure]:
    """Figures for every measured indicator and activity measure, unit, month and cohort.

    ``source`` is an engine (:func:`scorepack.measures.engines.open_engine`) or
    a DuckDB connection to a loaded records database.  Definitions that read
    an extension table which is not there are left out, so those figures can
    come from a figures file instead.  Counts have no denominator and their
    value is the count; other figures carry only their numerator and
    denominator, and the judge computes the result.
    """
    declared = {c.id: c for c in catalogue.cohorts}
    unknown = sorted(
        {
            (c, j.figure_id)
            for j in jobs(catalogue)
            for c in j.cohorts
            if c != ALL and not (c in declared and declared[c].excludes)
        }
    )
    if unknown:
        # Refused rather than computed: the definitions would give it nothing,
        # and zero figures would look like real ones.
        raise InputError(
            Problem(
                "catalogue",
                None,
                "cohorts",
                f"indicator {ind}: cohort '{cohort}' cannot be computed from records: the "
                "catalogue does not say whom it leaves out (give the cohort 'excludes:')",
            )
            for cohort, ind in unknown
        )
    cohort_tables.check_blocks(catalogue.cohorts, measures_dir)
    engine = as_engine(source)
    months = sorted(set(months))
    present = helpers.prepare(
        engine,
        months,
        catalogue.case_roles or helpers.CASE_ROLES,
        catalogue.cohorts,
        measures_dir,
    )
    made = {ALL} | {
        c.id for c in cohort_tables.computable(catalogue.cohorts, present, measures_dir)
    }
    units = [u.id for u in units_from_records(engine)]
    figures: list[Figure] = []
    for job in jobs(catalogue):
        sql = definition(measures_dir, job.measure)
        if not runnable(sql, present):
            continue
        # A cohort whose exclusion block reads a table that is not there is
        # left out, like a definition that does: its figures can come from a
        # figures file.
        wanted = Job(
            job.figure_id, job.measure, job.count, tuple(c for c in job.cohorts if c in made)
        )
        figures += _figures(wanted, engine.run(portable.parse(sql)), units, months)
    return figures


def units_from_records(source: Source) -> list[Unit]:
    """Every unit in ``ssd_department`` with its parent and kind.

    The kind comes from ``ext_team_type.etty_unit_kind`` where given, else
    from the shape of the tree: ``county`` at the top, ``area`` for a unit with
    units below it, ``team`` otherwise.
    """
    engine = as_engine(source)
    rows = helpers.departments(engine)
    kinds: dict[str, str] = {}
    if "ext_team_type" in engine.binding.tables:
        kinds = {
            str(t): str(k)
            for t, k in engine.select(
                "SELECT etty_team_id, etty_unit_kind FROM ext_team_type "
                "WHERE etty_unit_kind IS NOT NULL"
            )
        }
    has_children = {parent for _, _, parent in rows if parent is not None}
    units = []
    for uid, name, parent in rows:
        shape = "county" if parent is None else "area" if uid in has_children else "team"
        units.append(Unit(uid, clean(name), parent, kinds.get(uid, shape)))
    # Areas before county-wide services before teams, then by name: the order
    # the activity table and the pack list a unit's children in.
    return sorted(units, key=lambda u: (KIND_ORDER.get(u.kind, len(KIND_ORDER)), u.name))


KIND_ORDER = {"county": 0, "area": 1, "service": 2, "team": 3}
