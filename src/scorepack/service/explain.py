"""The records behind one figure: which record ids are in its numerator and
denominator, and which were left out and why.

For an analyst checking a figure against the case management system; the
answer is child-level, so it is printed or written to a file the analyst
names and never goes into a pack.

How the per-record rows are found (the convention every definition follows,
see ``docs/explain.md``):

* a definition that declares the shared ending (``-- scorepack: year-to-date
  events``) *is* its list of records: each event, counted in the month of its
  ``event_date``, for every month of the financial year up to the one asked;
* any other definition names, on a header line ``-- Records: <cte>``, the CTE
  of one row per record and month, with at least ``period`` and ``team_id``.
  Optionally ``(numerator <col>, denominator <col>)`` after the name says which
  columns hold the amounts; otherwise they are ``in_numerator`` (or
  ``numerator``) and ``denominator``, each row counting 1 where a column is
  absent.

Either may carry ``item_id`` (the record's own id, else the team's), ``child``
(the person id) and ``excluded`` (why a row is left out of both; empty when it
counts).  A row counts for a unit when its team is the unit or below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
from sqlglot import exp

from scorepack.catalogue.model import Catalogue
from scorepack.errors import InputError, Problem
from scorepack.measures import helpers, portable
from scorepack.measures.compute import definition
from scorepack.periods import Month

RECORDS = re.compile(
    r"^--\s*Records:\s*([a-z_][a-z0-9_]*)(?:\s*\(\s*numerator\s+([a-z_][a-z0-9_]*)\s*,"
    r"\s*denominator\s+([a-z_][a-z0-9_]*))?",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class RecordRow:
    """One record behind a figure."""

    part: str
    """``numerator`` (counts above and below the line), ``denominator`` (below
    only) or ``excluded`` (in neither, for ``reason``)."""
    item_id: str
    child: str | None
    team_id: str
    numerator: float
    denominator: float | None
    reason: str | None = None
    event_date: str | None = None


@dataclass(frozen=True)
class Explanation:
    indicator: str
    unit: str
    period: Month
    count: bool
    rows: tuple[RecordRow, ...]

    @property
    def numerator(self) -> float:
        return sum(r.numerator for r in self.rows if r.part != "excluded")

    @property
    def denominator(self) -> float | None:
        if self.count:
            return None
        return sum(r.denominator or 0 for r in self.rows if r.part != "excluded")


def records_declaration(sql: str) -> tuple[str, str | None, str | None] | None:
    """``(cte, numerator column, denominator column)`` from a ``-- Records:`` line."""
    found = RECORDS.search(sql)
    if found is None:
        return None
    return found.group(1), found.group(2), found.group(3)


def _records_query(sql: str, measure: str) -> str:
    """The definition's records: the whole query for event definitions, else its
    named CTE selected on its own with the definition's other CTEs."""
    if helpers.ending(sql) is not None:
        return sql
    declared = records_declaration(sql)
    if declared is None:
        raise InputError(
            [
                Problem(
                    f"{measure}.sql",
                    None,
                    None,
                    "declares no records: add a header line '-- Records: <cte>' naming the "
                    "CTE of one row per record (see docs/explain.md)",
                )
            ]
        )
    tree = portable.parse(sql).tree
    query = exp.select("*").from_(declared[0])
    for cte in tree.find_all(exp.CTE):
        if cte.parent is not None and cte.parent.parent is tree:
            query = query.with_(cte.alias, as_=cte.this.copy())
    return query.sql(dialect=portable.SOURCE_DIALECT)


def _amount(row: dict[str, object], *names: str | None) -> float | None:
    for name in names:
        if name and name in row:
            value = row[name]
            return float(value) if value is not None else 0.0  # type: ignore[arg-type]
    return None


def explain(
    conn: duckdb.DuckDBPyConnection,
    catalogue: Catalogue,
    measures_dir: Path,
    indicator_id: str,
    unit_id: str,
    month: Month,
) -> Explanation:
    """The records behind ``indicator_id`` for ``unit_id`` in ``month`` (cohort all)."""
    count, measure = _measure(catalogue, indicator_id)
    sql = definition(measures_dir, measure)
    helpers.prepare(conn, [month], catalogue.case_roles or helpers.CASE_ROLES)
    units = {str(r[0]) for r in conn.execute("SELECT DISTINCT unit_id FROM unit_tree").fetchall()}
    if unit_id not in units:
        raise InputError(
            [Problem("--unit", None, None, f"unknown unit {unit_id!r} in ssd_department")]
        )
    teams = {
        str(r[0])
        for r in conn.execute(
            "SELECT team_id FROM unit_tree WHERE unit_id = ?", [unit_id]
        ).fetchall()
    }
    cur = conn.execute(_records_query(sql, measure))
    names = [d[0] for d in cur.description]
    declared = records_declaration(sql)
    num_col, den_col = (declared[1], declared[2]) if declared else (None, None)
    is_events = helpers.ending(sql) is not None
    first = Month(month.fy_start_year, 4).start
    rows: list[RecordRow] = []
    for values in cur.fetchall():
        row = dict(zip(names, values, strict=True))
        if str(row.get("team_id")) not in teams:
            continue
        if is_events:
            day = row.get("event_date")
            if isinstance(day, datetime):
                day = row["event_date"] = day.date()  # DATE_ADD may give a timestamp
            if day is None or not first <= day <= month.end:
                continue
        elif str(row.get("period")) != str(month):
            continue
        num = _amount(row, num_col, "in_numerator", "numerator")
        den = _amount(row, den_col, "denominator")
        num = 1.0 if num is None else num
        den = None if count else (1.0 if den is None else den)
        if not num and not den and not row.get("excluded"):
            continue  # a record with nothing due yet (e.g. a CP plan days old)
        reason = row.get("excluded")
        part = "excluded" if reason else ("numerator" if num else "denominator")
        rows.append(
            RecordRow(
                part,
                str(row.get("item_id", row.get("team_id"))),
                None if row.get("child") is None else str(row["child"]),
                str(row["team_id"]),
                num,
                den,
                None if not reason else str(reason),
                None if row.get("event_date") is None else str(row["event_date"]),
            )
        )
    order = {"numerator": 0, "denominator": 1, "excluded": 2}
    rows.sort(key=lambda r: (order[r.part], r.child or "", r.item_id))
    return Explanation(indicator_id, unit_id, month, count, tuple(rows))


def _measure(catalogue: Catalogue, indicator_id: str) -> tuple[bool, str]:
    for ind in catalogue.indicators:
        if ind.id == indicator_id and ind.measure:
            return ind.kind == "count", ind.measure
    for act in catalogue.activity:
        if act.id == indicator_id and act.measure:
            return True, act.measure
    known = ", ".join(
        [i.id for i in catalogue.indicators if i.measure]
        + [a.id for a in catalogue.activity if a.measure]
    )
    raise InputError(
        [
            Problem(
                "--indicator",
                None,
                None,
                f"no definition computes {indicator_id!r}; indicators with one: {known}",
            )
        ]
    )


CSV_COLUMNS = (
    "part",
    "child",
    "item_id",
    "team_id",
    "event_date",
    "numerator",
    "denominator",
    "reason",
)


def as_csv_rows(explained: Explanation) -> list[list[str]]:
    """The rows of the CSV the analyst asked for, header first."""

    def text(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, float):
            return f"{v:g}"
        return str(v)

    out = [list(CSV_COLUMNS)]
    for r in explained.rows:
        out.append([text(getattr(r, c)) for c in CSV_COLUMNS])
    return out


def explain_records(
    records: Path,
    preset: str | None,
    catalogue: Path | None,
    indicator_id: str,
    unit_id: str,
    month: Month,
) -> Explanation:
    """:func:`explain` on a records folder, loading it into its database first
    when it has changed (the same cache as ``scorepack build --records``)."""
    from scorepack.records.load import open_records
    from scorepack.service.cache import holding, records_database
    from scorepack.service.inputs import load_config
    from scorepack.service.records import load_if_changed, measures_folder

    config = load_config(preset, catalogue, None, need_units=False)
    measures = measures_folder(config, catalogue)
    database = records_database(records)
    with holding(database, f"the records database {database}"):
        load_if_changed(records, database)
        conn = open_records(database)
        try:
            return explain(conn, config.catalogue, measures, indicator_id, unit_id, month)
        finally:
            conn.close()
