"""A tiny hand-built record set, and running one definition over it.

``Records`` creates every declared table empty in an in-memory DuckDB
database; tests add the few rows they need with :meth:`Records.add` and read
a definition's result with :meth:`Records.run` as
``{(unit, period, cohort): (numerator, denominator)}``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from scorepack.catalogue.load import load_catalogue
from scorepack.measures import helpers
from scorepack.measures.compute import definition, run_definition
from scorepack.periods import Month
from scorepack.records.schema import TABLES, table

MEASURES = Path(__file__).resolve().parents[2] / "src/scorepack/presets/kent-scs-2016/measures"
COHORTS = load_catalogue(MEASURES.parent / "catalogue.yaml").cohorts
"""The Kent preset's cohorts (``excl-uasc``), which every definition is run with."""

_DDL = {"id": "VARCHAR", "text": "VARCHAR", "date": "DATE", "number": "DOUBLE", "flag": "VARCHAR"}

# county -> area -> two teams, plus a second area with one team.
DEPARTMENTS = [
    ("county", "County", None),
    ("north", "North", "county"),
    ("t1", "Team 1", "north"),
    ("t2", "Team 2", "north"),
    ("south", "South", "county"),
    ("t3", "Team 3", "south"),
]


class Records:
    def __init__(self, departments: list[tuple[str, str, str | None]] | None = None) -> None:
        self.conn = duckdb.connect()
        for t in TABLES:
            cols = ", ".join(f'"{c.name}" {_DDL[c.type]}' for c in t.columns)
            self.conn.execute(f'CREATE TABLE "{t.name}" ({cols})')
        for dept in departments or DEPARTMENTS:
            self.add(
                "ssd_department",
                dept_team_id=dept[0],
                dept_team_name=dept[1],
                dept_team_parent_id=dept[2],
            )

    def add(self, table_name: str, **values: Any) -> Records:
        """Insert one row; columns not given are empty."""
        cols = [c.name for c in table(table_name).columns]
        unknown = set(values) - set(cols)
        assert not unknown, f"{table_name} has no column {unknown}"
        row = [values.get(c) for c in cols]
        marks = ", ".join("?" for _ in cols)
        self.conn.execute(f'INSERT INTO "{table_name}" VALUES ({marks})', row)
        return self

    def person(
        self,
        pid: str,
        dob: str | None = "2010-01-01",
        uasc_from: str | None = None,
        team: str | None = None,
        since: str = "2000-01-01",
    ) -> Records:
        """A child, optionally UASC from a date and allocated to a team since a date."""
        self.add("ssd_person", pers_person_id=pid, pers_dob=dob)
        if uasc_from:
            self.add(
                "ssd_immigration_status",
                immi_immigration_status_id=f"im-{pid}",
                immi_person_id=pid,
                immi_immigration_status="UASC",
                immi_immigration_status_start_date=uasc_from,
            )
        if team:
            self.allocate(pid, team, since)
        return self

    def allocate(
        self,
        pid: str,
        team: str,
        start: str,
        end: str | None = None,
        worker: str | None = None,
        role: str | None = None,
    ) -> Records:
        n = self.conn.execute("SELECT COUNT(*) FROM ssd_involvements").fetchone()[0]
        return self.add(
            "ssd_involvements",
            invo_involvements_id=f"inv{n}",
            invo_person_id=pid,
            invo_professional_id=worker,
            invo_professional_team=team,
            invo_involvement_start_date=start,
            invo_involvement_end_date=end,
            invo_professional_role_id=role,
        )

    def run(
        self, measure: str, *periods: str, roles: tuple[str, ...] | None = None
    ) -> dict[tuple[str, str, str], tuple]:
        """Run one definition; ``roles``: the worker roles that hold a case, when not
        the default (:data:`scorepack.measures.helpers.CASE_ROLES`)."""
        helpers.prepare(
            self.conn,
            [Month.parse(p) for p in periods],
            helpers.CASE_ROLES if roles is None else roles,
            COHORTS,
            MEASURES,
        )
        rows = run_definition(self.conn, definition(MEASURES, measure))
        return {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows}

    def quality(
        self, measure: str, period: str, unit: str = "county", cohort: str = "all"
    ) -> float | None:
        """The definition's data-quality count for one cell (its sixth column), or None."""
        helpers.prepare(self.conn, [Month.parse(period)], helpers.CASE_ROLES, COHORTS, MEASURES)
        rows = run_definition(self.conn, definition(MEASURES, measure))
        found = {(r[0], r[1], r[2]): r[5] for r in rows if len(r) > 5}
        return found.get((unit, period, cohort))

    def result(self, measure: str, period: str, unit: str = "county", cohort: str = "all") -> tuple:
        """(numerator, denominator) for one cell; (0, 0) if the query gave no row."""
        return self.run(measure, period).get((unit, period, cohort), (0, 0))
