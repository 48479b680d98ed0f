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

import duckdb

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import Unit
from scorepack.measures import helpers
from scorepack.measures.helpers import record_tables as record_tables
from scorepack.measures.helpers import tables_needed
from scorepack.measures.model import ALL, Figure
from scorepack.periods import Month
from scorepack.records.load import loaded_tables
from scorepack.records.units import KIND_ORDER as KIND_ORDER
from scorepack.records.units import units_from_records as records_units

HELPER_TABLES = frozenset(
    {"months", "calendar", "unit_tree", "cohorts", "case_roles", *helpers.SQL_HELPERS}
)


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


EVENT_COLUMNS = ("child", "event_date", "team_id", "numerator", "denominator")
"""The columns a definition that declares a shared ending must return."""


def run_definition(conn: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    """Rows ``(unit, period, cohort, numerator, denominator)`` of one definition.

    A definition that declares a shared ending is run in three plain
    statements, as it would be in any warehouse: its events become the
    temporary view ``events``, the shared ending reads them, and the view is
    dropped again.  (A view rather than a table, so DuckDB plans the events
    and the ending together; :func:`scorepack.measures.portable.statements`
    writes the same steps for other warehouses with a temporary table.)
    """
    tail = helpers.ending(sql)
    if tail is None:
        return _rows(conn, sql)
    conn.execute(f"CREATE OR REPLACE TEMP VIEW {helpers.EVENTS} AS {sql}")
    try:
        described = conn.execute(f"SELECT * FROM {helpers.EVENTS} LIMIT 0").description
        missing = [c for c in EVENT_COLUMNS if c not in {d[0] for d in described}]
        if missing:
            raise ValueError(
                f"a '{tail}' definition must return the columns {', '.join(EVENT_COLUMNS)}; "
                f"missing {', '.join(missing)}"
            )
        return _rows(conn, helpers.helper_sql(tail))
    finally:
        conn.execute(f"DROP VIEW IF EXISTS {helpers.EVENTS}")


def _rows(conn: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return conn.execute(
        f"SELECT unit, period, cohort, numerator, denominator FROM ({sql}) AS measure"
    ).fetchall()


def _value(job: Job, num: float | None) -> float | None:
    """Counts carry their value; ratios leave it to the judge, which keeps the
    latest result unrounded and past results as they would have been reported."""
    return num if job.count else None


def _figures(job: Job, rows: list[tuple], units: list[str], months: list[Month]) -> list[Figure]:
    found = {(str(u), str(p), str(c)): (n, d) for u, p, c, n, d in rows}
    out: list[Figure] = []
    for cohort in job.cohorts:
        for unit in units:
            for month in months:
                num, den = found.get((unit, str(month), cohort), (0, 0))
                num = float(num or 0)
                den_value = None if job.count else float(den or 0)
                out.append(
                    Figure(
                        job.figure_id,
                        unit,
                        month,
                        cohort,
                        num,
                        den_value,
                        _value(job, num),
                    )
                )
    return out


def compute_figures(
    conn: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    months: list[Month],
    measures_dir: Path,
) -> list[Figure]:
    """Figures for every measured indicator and activity measure, unit, month and cohort.

    Definitions that read an extension table which was not loaded are left
    out, so those figures can come from a figures file instead.  Counts have
    no denominator and their value is the count; other figures carry only
    their numerator and denominator, and the judge computes the result.
    """
    months = sorted(set(months))
    helpers.prepare(conn, months, catalogue.case_roles or helpers.CASE_ROLES)
    present = loaded_tables(conn)
    units = [u.id for u in units_from_records(conn)]
    figures: list[Figure] = []
    for job in jobs(catalogue):
        sql = definition(measures_dir, job.measure)
        if not runnable(sql, present):
            continue
        figures += _figures(job, run_definition(conn, sql), units, months)
    return figures


def units_from_records(conn: duckdb.DuckDBPyConnection) -> list[Unit]:
    """Every unit in ``ssd_department``: see :func:`scorepack.records.units.units_from_records`."""
    return records_units(conn)
