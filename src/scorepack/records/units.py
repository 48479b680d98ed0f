"""Organisation units from the records: ``ssd_department``, checked like a units file.

Unit ids taken from records end up in file names and links of the pack, so they are
held to exactly the rule of the units file (:func:`scorepack.catalogue.units.id_problem`),
and the tree must be a tree: :func:`department_problems` runs at load time and names
the file, row and column of each problem.  The units of a loaded database are built by
:func:`scorepack.measures.compute.units_from_records`, on any engine.
"""

from __future__ import annotations

import duckdb

from scorepack.catalogue.units import Unit, id_problem, tree_problems
from scorepack.errors import Problem


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
