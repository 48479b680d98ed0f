"""The measure SQL, parsed once with :mod:`sqlglot`, and written for any warehouse.

The definitions are written in plain SQL that DuckDB runs as it stands.  Each
is parsed once (:func:`parse`, cached) into a :class:`Definition`, which knows
the tables it reads and the shared ending it declares; every engine then
writes the same tree in its own dialect (:mod:`scorepack.measures.engines`).
Date arithmetic is the one place the dialects part ways in the text itself:
``DATE_ADD(d, INTERVAL 12 MONTH)`` is normalised here into sqlglot's own date
addition, which each dialect writes in the form it understands
(``DATEADD(MONTH, 12, d)`` for SQL Server).

A definition that declares a shared ending (``-- scorepack: year-to-date
events``) is not one query but three statements, which :func:`statements`
writes out: its events become a temporary table ``events`` (``#events`` in SQL
Server), the shared ending reads it, and the table is dropped.  No query is
nested inside another's ``WITH``, which SQL Server does not allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import sqlglot
from sqlglot import exp

SOURCE_DIALECT = "duckdb"

EVENTS = "events"
"""The name under which a definition's events are given to its shared ending."""
ENDINGS = {"year-to-date events": "year_to_date"}
"""What a definition may declare on its first line, ``-- scorepack: <form>``, and
the shared ending (``sql/<name>.sql``) that turns its rows into figures."""

_RECORD_TABLE = re.compile(r"^(?:ssd|ext)_[a-z0-9_]+$", re.IGNORECASE)
_FORM = re.compile(r"^--\s*scorepack:\s*(.*?)\s*$", re.IGNORECASE)


def _amount_and_unit(interval: exp.Interval) -> tuple[exp.Expression, exp.Expression] | None:
    amount = interval.this
    unit = interval.args.get("unit")
    if amount is None or unit is None:
        return None
    while isinstance(amount, exp.Paren):
        amount = amount.this
    if isinstance(amount, exp.Literal) and amount.is_string:
        amount = exp.Literal.number(amount.this)
    return amount, exp.var(unit.name.upper())


def _negate(amount: exp.Expression) -> exp.Expression:
    if isinstance(amount, exp.Neg):
        return amount.this
    return exp.Neg(this=amount)


def _plain_date_add(node: exp.Expression) -> exp.Expression:
    """``d + INTERVAL n UNIT`` and ``DATE_ADD(d, INTERVAL n UNIT)`` -> ``DateAdd(d, n, UNIT)``."""
    interval = node.expression if isinstance(node, exp.Binary | exp.Func) else None
    if not isinstance(interval, exp.Interval):
        return node
    parts = _amount_and_unit(interval)
    if parts is None:
        return node
    amount, unit = parts
    if isinstance(node, exp.DateAdd | exp.Add):
        return exp.DateAdd(this=node.this, expression=amount, unit=unit)
    if isinstance(node, exp.DateSub | exp.Sub):
        return exp.DateAdd(this=node.this, expression=_negate(amount), unit=unit)
    return node


def ending(sql: str) -> str | None:
    """The shared ending a definition declares on its first line, or None.

    ``-- scorepack: year-to-date events`` as the first line says that the
    definition returns only its events and ``sql/year_to_date.sql`` turns them
    into ``unit, period, cohort, numerator, denominator``.  A definition
    without that line is a whole query itself.  A declaration that is not on
    the first line, or names no known ending, is an error rather than being
    quietly ignored.
    """
    for no, line in enumerate(sql.splitlines()):
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


@dataclass(frozen=True)
class Definition:
    """One query, parsed: its tree (date arithmetic normalised), the tables it
    names (leaving out its own CTEs) and the shared ending it declares."""

    sql: str
    tree: exp.Expression
    tables: frozenset[str]
    ending: str | None

    @property
    def record_tables(self) -> frozenset[str]:
        """The record tables (``ssd_*``, ``ext_*``) it names itself."""
        return frozenset(t for t in self.tables if _RECORD_TABLE.match(t))


@lru_cache(maxsize=512)
def parse(sql: str) -> Definition:
    """Parse one measure definition (raises :class:`sqlglot.errors.ParseError`)."""
    tree = sqlglot.parse_one(sql, read=SOURCE_DIALECT)
    if not isinstance(tree, exp.Query):
        raise ValueError("not a SQL query")
    tree = tree.transform(_plain_date_add)
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    tables = frozenset(t.name.lower() for t in tree.find_all(exp.Table) if not t.db) - ctes
    return Definition(sql, tree, tables, ending(sql))


@lru_cache(maxsize=64)
def helper_sql(name: str) -> str:
    """The SQL text of the building block or shared ending ``name``."""
    return resources.files("scorepack.measures").joinpath(f"sql/{name}.sql").read_text()


def to_dialect(sql: str, dialect: str) -> str:
    """The definition ``sql`` written for ``dialect`` (e.g. ``postgres``, ``tsql``),
    helper tables by their temporary names there."""
    from scorepack.measures.engines import dialect_for

    return dialect_for(dialect).query(parse(sql))


def tables_used(sql: str) -> set[str]:
    """Names of the tables a definition reads, leaving out its own CTE names."""
    return set(parse(sql).tables)


def temp_table(name: str, query: exp.Expression) -> exp.Create:
    """``CREATE TEMPORARY TABLE name AS query`` as a tree."""
    return exp.Create(
        this=exp.to_table(name),
        kind="TABLE",
        expression=query,
        properties=exp.Properties(expressions=[exp.TemporaryProperty()]),
    )


def statements(sql: str, dialect: str) -> list[str]:
    """The statements that run the definition ``sql`` in ``dialect``, in order.

    One query for a whole definition; for one that declares a shared ending,
    creating the temporary table of its events, the shared ending reading it,
    and dropping the table.  (An engine adds its own table names; this is the
    text a reviewer reads, see ``scorepack sql``.)
    """
    from scorepack.measures.engines import dialect_for

    return dialect_for(dialect).statements(parse(sql))
