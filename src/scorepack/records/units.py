"""Organisation units from the records: ``ssd_department``, checked like a units file.

Unit ids taken from records end up in file names and links of the pack, so they are
held to exactly the rule of the units file (:func:`scorepack.catalogue.units.id_problem`),
and the tree must be a tree: :func:`department_problems` runs at load time and names
the file, row and column of each problem.  :func:`units_from_records` then builds the
units of a loaded database.
"""

from __future__ import annotations

import duckdb

from scorepack.catalogue.units import Unit, id_problem, tree_problems
from scorepack.errors import Problem
from scorepack.text import clean

KIND_ORDER = {"county": 0, "area": 1, "service": 2, "team": 3}
"""Areas before county-wide services before teams: the order children are listed in."""


def department_problems(conn: duckdb.DuckDBPyConnection, file: str) -> list[Problem]:
    """Unit ids that are not safe slugs, parents that loop, in the typed ``ssd_department``."""
    rows = conn.execute(
        "SELECT _row, dept_team_id, dept_team_name, dept_team_parent_id FROM ssd_department "
        "WHERE dept_team_id IS NOT NULL ORDER BY _row"
    ).fetchall()
    problems: list[Problem] = []
    units: list[Unit] = []
    lines: dict[str, int] = {}
    for row, uid, name, parent in rows:
        for column, value in (("dept_team_id", uid), ("dept_team_parent_id", parent)):
            message = None if value is None else id_problem(str(value))
            if message is not None:
                problems.append(Problem(file, int(row), column, message))
        lines.setdefault(str(uid), int(row))
        units.append(Unit(str(uid), str(name), None if parent is None else str(parent), "unit"))
    # parents that do not exist are reported by the reference check already
    known = {u.id for u in units}
    rooted = [u for u in units if u.parent is None or u.parent in known]
    return problems + tree_problems(rooted, file, lines, column="dept_team_parent_id")


def units_from_records(conn: duckdb.DuckDBPyConnection) -> list[Unit]:
    """Every unit in ``ssd_department`` with its parent and kind.

    The kind comes from ``ext_team_type.etty_unit_kind`` where given, else
    from the shape of the tree: ``county`` at the top, ``area`` for a unit with
    units below it, ``team`` otherwise.
    """
    rows = conn.execute(
        "SELECT dept_team_id, dept_team_name, dept_team_parent_id FROM ssd_department "
        "ORDER BY dept_team_id"
    ).fetchall()
    kinds: dict[str, str] = {}
    present = conn.execute(
        "SELECT COUNT(*) FROM information_schema.tables "
        "WHERE table_schema = 'main' AND table_name = 'ext_team_type'"
    ).fetchone()
    if present and present[0]:
        kinds = {
            str(t): str(k)
            for t, k in conn.execute(
                "SELECT etty_team_id, etty_unit_kind FROM ext_team_type "
                "WHERE etty_unit_kind IS NOT NULL"
            ).fetchall()
        }
    has_children = {str(parent) for _, _, parent in rows if parent is not None}
    units = []
    for uid, name, parent in rows:
        shape = "county" if parent is None else "area" if str(uid) in has_children else "team"
        units.append(
            Unit(
                str(uid),
                clean(str(name)),
                None if parent is None else str(parent),
                kinds.get(str(uid), shape),
            )
        )
    # Areas before county-wide services before teams, then by name: the order
    # the activity table and the pack list a unit's children in.
    return sorted(units, key=lambda u: (KIND_ORDER.get(u.kind, len(KIND_ORDER)), u.name))
