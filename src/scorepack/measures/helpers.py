"""Helper tables the measure definitions read, created before they run.

``months``     one row per requested month: ``period`` (``YYYY-MM``),
               ``period_start``, ``period_end``, ``fy_start`` (1 April of its
               financial year) and ``r12m_start`` (first day of the 12 months
               ending with it).
``calendar``   one row per day: ``cal_date``, ``is_working_day`` (1/0) and
               ``working_day_no``, the count of working days up to and
               including that day.  Working days leave out weekends and the
               bank holidays of England and Wales (``holidays`` library).  The
               working days from ``a`` to ``b`` are ``no(b) - no(a)``.
               ``month_start`` and ``fy_start`` give the first day of the
               day's month and of its financial year (1 April), so that
               year-to-date definitions can count each event once, in its
               own month, and then add the months of the year up.
``unit_tree``  ``(team_id, unit_id)``: every team mapped to itself and to every
               unit above it in ``ssd_department``.  Cases no team holds carry
               the team id ``(unassigned)``, which counts only at the top.
``cohorts``, ``cohort_exclusions``, ``cohort_excluded``
               the cohorts computed (``all`` and those the catalogue declares)
               and who each leaves out from which month; see
               :mod:`scorepack.measures.cohorts`.
``case_roles`` ``role``: the worker roles (upper case) whose involvement holds a
               child's case (see ``allocation``); the catalogue's
               ``case_roles``, else :data:`CASE_ROLES`.
An optional SSD table (``ssd_legal_status``) that was not supplied is made as an
empty temporary table, so the definitions that read it still run.
and one table per building block in ``scorepack/measures/sql`` that several
definitions share (``allocation``, ``uasc``, ``looked_after``,
``care_leaver_status``, ``pf_visits_due``).  A building block is made only
when every record table it reads was loaded; a definition that names one that
was not made is left out, like one that reads a missing table itself.

The same folder holds the shared endings (``year_to_date``): queries that turn
a definition's list of events into figures.  A definition chooses one with
its first line (see :func:`ending`); they are run, not made into tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import holidays

from scorepack.measures import portable
from scorepack.measures.portable import EVENTS as EVENTS
from scorepack.measures.portable import ending as ending
from scorepack.measures.portable import helper_sql as helper_sql
from scorepack.periods import Month

if TYPE_CHECKING:
    from scorepack.catalogue.model import Cohort
    from scorepack.measures.engines.base import Engine

UNASSIGNED = "(unassigned)"
SQL_HELPERS = (
    "allocation",
    "uasc",
    "looked_after",
    "care_leaver_status",
    "pf_visits_due",
    "caseholding",
    "caseholding_posts",
    "health_checks",
)
"""The SQL building blocks, in the order they are made (later ones read earlier ones)."""
ENDINGS = portable.ENDINGS
CASE_ROLES = ("Allocated Social Worker", "Allocated Case Worker", "Social Worker")
"""Worker roles whose involvement holds a child's case, unless the catalogue says
otherwise (``case_roles``).  An involvement with no role recorded counts too."""
CALENDAR_YEARS_BACK = 12
"""How far before the earliest month the working-day calendar reaches."""


def _engine(source: Engine | duckdb.DuckDBPyConnection) -> Engine:
    from scorepack.measures.engines import as_engine

    return as_engine(source)


def prepare(
    source: Engine | duckdb.DuckDBPyConnection,
    months: list[Month],
    case_roles: tuple[str, ...] = CASE_ROLES,
    cohorts: Sequence[Cohort] = (),
    measures_dir: Path | None = None,
) -> set[str]:
    """Create (or replace) every helper table for ``months``; return the record
    tables the definitions can read (those present and the optional stand-ins).

    ``cohorts`` are the catalogue's; their exclusion blocks are looked for in
    ``measures_dir`` first (see :mod:`scorepack.measures.cohorts`).
    """
    from scorepack.measures import cohorts as cohort_tables

    if not months:
        raise ValueError("no months to compute")
    engine = _engine(source)
    _months(engine, months)
    _calendar(engine, min(months).start, max(months).end)
    _unit_tree(engine)
    engine.create_table("case_roles", {"role": "text"}, [(r.strip().upper(),) for r in case_roles])
    present = set(engine.binding.tables) | _optional_tables(engine)
    cohort_tables.make(engine, cohorts, present, measures_dir)
    for name in SQL_HELPERS:
        defn = portable.parse(helper_sql(name))
        if tables_needed(defn.sql) <= present:
            engine.create_from(name, defn)
        else:
            engine.drop(name)
    return present


def _optional_tables(engine: Engine) -> set[str]:
    """Empty stand-ins for the optional SSD tables that are not there."""
    from scorepack.records.schema import SSD_TABLES

    made = set()
    for t in SSD_TABLES:
        if not t.required and t.name not in engine.binding.tables:
            columns: dict[str, Any] = {
                c.name: "date" if c.type == "date" else "text" for c in t.columns
            }
            engine.create_table(t.name, columns, [])
            engine.writer.standins.add(t.name)
            made.add(t.name)
    return made


def record_tables(sql: str) -> set[str]:
    """Record tables (``ssd_*``, ``ext_*``) a query names (parsed, outside its comments)."""
    return set(portable.parse(sql).record_tables)


def tables_needed(sql: str) -> set[str]:
    """Record tables a definition reads, itself, through the building blocks it
    names or through the shared ending it declares."""
    defn = portable.parse(sql)
    needed = set(defn.record_tables)
    if defn.ending is not None:
        needed |= tables_needed(helper_sql(defn.ending))
    for name in SQL_HELPERS:
        if name in defn.tables:
            needed |= tables_needed(helper_sql(name))
    return needed


def _months(engine: Engine, months: list[Month]) -> None:
    ordered = sorted(set(months))
    engine.create_table(
        "months",
        {
            "period": "text",
            "period_start": "date",
            "period_end": "date",
            "fy_start": "date",
            "r12m_start": "date",
        },
        [
            (str(m), m.start, m.end, date(m.fy_start_year, 4, 1), m.shift(-11).start)
            for m in ordered
        ],
    )


def calendar_rows(first: date, last: date) -> list[tuple[date, int, int, date, date]]:
    """The days of the working-day calendar around ``first`` to ``last``."""
    start = date(first.year - CALENDAR_YEARS_BACK, 1, 1)
    stop = date(last.year + 2, 12, 31)
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year, stop.year + 1))
    rows = []
    count = 0
    day = start
    while day <= stop:
        is_working = int(day.weekday() < 5 and day not in bank)
        count += is_working
        fy_start = date(day.year if day.month >= 4 else day.year - 1, 4, 1)
        rows.append((day, is_working, count, day.replace(day=1), fy_start))
        day += timedelta(days=1)
    return rows


def _calendar(engine: Engine, first: date, last: date) -> None:
    engine.create_table(
        "calendar",
        {
            "cal_date": "date",
            "is_working_day": "int",
            "working_day_no": "int",
            "month_start": "date",
            "fy_start": "date",
        },
        list(calendar_rows(first, last)),
    )


def departments(source: Engine | duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """``(id, name, parent)`` for every row of ``ssd_department``."""
    rows = _engine(source).select(
        "SELECT dept_team_id, dept_team_name, dept_team_parent_id FROM ssd_department "
        "ORDER BY dept_team_id"
    )
    return [(str(r[0]), str(r[1]), None if r[2] is None else str(r[2])) for r in rows]


def ancestry(parents: dict[str, str | None]) -> list[tuple[str, str]]:
    """``(team, unit)`` pairs: each team with itself and every unit above it.

    A loop in the parentage is cut where it closes, so it cannot hang.
    """
    pairs: list[tuple[str, str]] = []
    for team in parents:
        seen: set[str] = set()
        node: str | None = team
        while node is not None and node not in seen:
            seen.add(node)
            pairs.append((team, node))
            node = parents.get(node)
    roots = [t for t, p in parents.items() if p is None]
    pairs += [(UNASSIGNED, root) for root in roots]
    return pairs


def _unit_tree(engine: Engine) -> None:
    parents = {d[0]: d[2] for d in departments(engine)}
    engine.create_table(
        "unit_tree", {"team_id": "text", "unit_id": "text"}, list(ancestry(parents))
    )
