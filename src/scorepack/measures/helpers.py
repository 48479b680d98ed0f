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
``cohorts``    the cohorts computed: ``all`` and ``excl-uasc``.
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

import re
from datetime import date, timedelta
from importlib import resources
from typing import Any

import duckdb
import holidays
import pyarrow as pa

from scorepack.periods import Month
from scorepack.records.load import loaded_tables

UNASSIGNED = "(unassigned)"
COHORTS = ("all", "excl-uasc")
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
ENDINGS = {"year-to-date events": "year_to_date"}
"""What a definition may declare on its first line, ``-- scorepack: <form>``, and
the shared ending (``sql/<name>.sql``) that turns its rows into figures."""
CASE_ROLES = ("Allocated Social Worker", "Allocated Case Worker", "Social Worker")
"""Worker roles whose involvement holds a child's case, unless the catalogue says
otherwise (``case_roles``).  An involvement with no role recorded counts too."""
EVENTS = "events"
"""The name under which a definition's events are given to its shared ending."""
CALENDAR_YEARS_BACK = 12
"""How far before the earliest month the working-day calendar reaches."""


def prepare(
    conn: duckdb.DuckDBPyConnection,
    months: list[Month],
    case_roles: tuple[str, ...] = CASE_ROLES,
) -> None:
    """Create (or replace) every helper table for ``months``."""
    if not months:
        raise ValueError("no months to compute")
    _months(conn, months)
    _calendar(conn, min(months).start, max(months).end)
    _unit_tree(conn)
    _from_columns(conn, "cohorts", {"cohort": list(COHORTS)})
    _from_columns(
        conn,
        "case_roles",
        {"role": [r.strip().upper() for r in case_roles]},
        pa.schema([("role", pa.string())]),
    )
    _optional_tables(conn)
    present = loaded_tables(conn)
    for name in SQL_HELPERS:
        sql = helper_sql(name)
        if record_tables(sql) <= present:
            conn.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")
        else:
            conn.execute(f"DROP TABLE IF EXISTS {name}")


def _optional_tables(conn: duckdb.DuckDBPyConnection) -> None:
    """Empty stand-ins for the optional SSD tables that were not loaded."""
    from scorepack.records.schema import SSD_TABLES

    types = {"id": "VARCHAR", "text": "VARCHAR", "date": "DATE", "number": "DOUBLE"}
    present = loaded_tables(conn)
    for t in SSD_TABLES:
        if not t.required and t.name not in present:
            cols = ", ".join(f'"{c.name}" {types.get(c.type, "VARCHAR")}' for c in t.columns)
            conn.execute(f'CREATE TEMP TABLE "{t.name}" ({cols})')


def helper_sql(name: str) -> str:
    """The SQL text of the building block ``name``."""
    return resources.files("scorepack.measures").joinpath(f"sql/{name}.sql").read_text()


_RECORD_TABLE = re.compile(r"\b((?:ssd|ext)_[a-z0-9_]+)\b", re.IGNORECASE)
_COMMENT = re.compile(r"--[^\n]*")


def record_tables(sql: str) -> set[str]:
    """Record tables (``ssd_*``, ``ext_*``) a query names outside its comments.

    A quick scan rather than a parse; ``portable.tables_used`` gives the
    parsed answer and a test checks the two agree for every definition.
    """
    names = {m.lower() for m in _RECORD_TABLE.findall(_COMMENT.sub("", sql))}
    return {n for n in names if "." not in n}


_FORM = re.compile(r"^--\s*scorepack:\s*(.*?)\s*$", re.IGNORECASE)


def ending(sql: str) -> str | None:
    """The shared ending a definition declares on its first line, or None.

    ``-- scorepack: year-to-date events`` as the first line says that the
    definition returns only its events and ``sql/year_to_date.sql`` turns them
    into ``unit, period, cohort, numerator, denominator``.  A definition
    without that line is a whole query itself.  A declaration that is not on
    the first line, or names no known ending, is an error rather than being
    quietly ignored.
    """
    lines = sql.splitlines()
    for no, line in enumerate(lines):
        found = _FORM.match(line.strip())
        if found is None:
            continue
        if no != 0:
            raise ValueError(f"'{line.strip()}' must be the definition's first line")
        form = found.group(1).lower()
        if form not in ENDINGS:
            known = ", ".join(f"'-- scorepack: {k}'" for k in ENDINGS)
            raise ValueError(f"unknown declaration '{line.strip()}' (known: {known})")
        return ENDINGS[form]
    return None


def tables_needed(sql: str) -> set[str]:
    """Record tables a definition reads, itself, through the building blocks it
    names or through the shared ending it declares."""
    needed = record_tables(sql)
    tail = ending(sql)
    if tail is not None:
        needed |= tables_needed(helper_sql(tail))
    body = _COMMENT.sub("", sql)
    for name in SQL_HELPERS:
        if re.search(rf"\b(?:FROM|JOIN)\s+{name}\b", body, re.IGNORECASE):
            needed |= tables_needed(helper_sql(name))
    return needed


def _months(conn: duckdb.DuckDBPyConnection, months: list[Month]) -> None:
    ordered = sorted(set(months))
    _from_columns(
        conn,
        "months",
        {
            "period": [str(m) for m in ordered],
            "period_start": [m.start for m in ordered],
            "period_end": [m.end for m in ordered],
            "fy_start": [date(m.fy_start_year, 4, 1) for m in ordered],
            "r12m_start": [m.shift(-11).start for m in ordered],
        },
    )


def _calendar(conn: duckdb.DuckDBPyConnection, first: date, last: date) -> None:
    start = date(first.year - CALENDAR_YEARS_BACK, 1, 1)
    stop = date(last.year + 2, 12, 31)
    bank = holidays.country_holidays("GB", subdiv="ENG", years=range(start.year, stop.year + 1))
    days: list[date] = []
    working: list[int] = []
    numbers: list[int] = []
    month_starts: list[date] = []
    fy_starts: list[date] = []
    count = 0
    day = start
    while day <= stop:
        is_working = int(day.weekday() < 5 and day not in bank)
        count += is_working
        days.append(day)
        working.append(is_working)
        numbers.append(count)
        month_starts.append(day.replace(day=1))
        fy_starts.append(date(day.year if day.month >= 4 else day.year - 1, 4, 1))
        day += timedelta(days=1)
    _from_columns(
        conn,
        "calendar",
        {
            "cal_date": days,
            "is_working_day": working,
            "working_day_no": numbers,
            "month_start": month_starts,
            "fy_start": fy_starts,
        },
    )


def departments(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str | None]]:
    """``(id, name, parent)`` for every row of ``ssd_department``."""
    rows = conn.execute(
        "SELECT dept_team_id, dept_team_name, dept_team_parent_id FROM ssd_department "
        "ORDER BY dept_team_id"
    ).fetchall()
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


def _unit_tree(conn: duckdb.DuckDBPyConnection) -> None:
    parents = {d[0]: d[2] for d in departments(conn)}
    pairs = ancestry(parents)
    _from_columns(
        conn,
        "unit_tree",
        {"team_id": [p[0] for p in pairs], "unit_id": [p[1] for p in pairs]},
        pa.schema([("team_id", pa.string()), ("unit_id", pa.string())]),
    )


def _from_columns(
    conn: duckdb.DuckDBPyConnection,
    name: str,
    columns: dict[str, list[Any]],
    schema: pa.Schema | None = None,
) -> None:
    """Create temp table ``name`` from Python lists, one per column."""
    data = pa.table(columns, schema=schema)
    conn.register("_scorepack_columns", data)
    try:
        conn.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _scorepack_columns")
    finally:
        conn.unregister("_scorepack_columns")
