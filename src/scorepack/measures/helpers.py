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
``unit_tree``  ``(team_id, unit_id)``: every team mapped to itself and to every
               unit above it in ``ssd_department``.  Cases no team holds carry
               the team id ``(unassigned)``, which counts only at the top.
``cohorts``    the cohorts computed: ``all`` and ``excl-uasc``.
and one table per SQL file in ``scorepack/measures/sql`` (``allocation``,
``uasc``, ``looked_after``).
"""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources
from typing import Any

import duckdb
import holidays
import pyarrow as pa

from scorepack.periods import Month

UNASSIGNED = "(unassigned)"
COHORTS = ("all", "excl-uasc")
SQL_HELPERS = ("allocation", "uasc", "looked_after")
CALENDAR_YEARS_BACK = 12
"""How far before the earliest month the working-day calendar reaches."""


def prepare(conn: duckdb.DuckDBPyConnection, months: list[Month]) -> None:
    """Create (or replace) every helper table for ``months``."""
    if not months:
        raise ValueError("no months to compute")
    _months(conn, months)
    _calendar(conn, min(months).start, max(months).end)
    _unit_tree(conn)
    _from_columns(conn, "cohorts", {"cohort": list(COHORTS)})
    for name in SQL_HELPERS:
        sql = resources.files("scorepack.measures").joinpath(f"sql/{name}.sql").read_text()
        conn.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS {sql}")


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
    count = 0
    day = start
    while day <= stop:
        is_working = int(day.weekday() < 5 and day not in bank)
        count += is_working
        days.append(day)
        working.append(is_working)
        numbers.append(count)
        day += timedelta(days=1)
    _from_columns(
        conn,
        "calendar",
        {"cal_date": days, "is_working_day": working, "working_day_no": numbers},
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
