"""Turning the measure SQL into other warehouses' dialects.

The definitions are written in plain SQL that DuckDB runs as it stands.  The
same text can be translated, with :mod:`sqlglot`, for PostgreSQL or SQL Server
so that a council can run them in its own warehouse.  Date arithmetic is the
one place the dialects part ways: ``DATE_ADD(d, INTERVAL 12 MONTH)`` is
rewritten here into the form each target understands (``DATEADD(MONTH, 12, d)``
for SQL Server).

A definition that declares a shared ending (``-- scorepack: year-to-date
events``) is not one query but three statements, which :func:`statements`
writes out: its events become a temporary table ``events`` (``#events`` in SQL
Server), the shared ending reads it, and the table is dropped.  No query is
nested inside another's ``WITH``, which SQL Server does not allow.
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp

from scorepack.measures import helpers

SOURCE_DIALECT = "duckdb"


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


def parse(sql: str) -> exp.Expression:
    """Parse one measure definition (raises :class:`sqlglot.errors.ParseError`)."""
    tree = sqlglot.parse_one(sql, read=SOURCE_DIALECT)
    if not isinstance(tree, exp.Expression):
        raise ValueError("not a SQL statement")
    return tree


def to_dialect(sql: str, dialect: str) -> str:
    """The definition ``sql`` written for ``dialect`` (e.g. ``postgres``, ``tsql``)."""
    tree = parse(sql).transform(_plain_date_add)
    return tree.sql(dialect=dialect, pretty=True)


def tables_used(sql: str) -> set[str]:
    """Names of the tables a definition reads, leaving out its own CTE names."""
    tree = parse(sql)
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    return {t.name for t in tree.find_all(exp.Table)} - ctes


def statements(sql: str, dialect: str) -> list[str]:
    """The statements that run the definition ``sql`` in ``dialect``, in order.

    One query for a whole definition; for one that declares a shared ending,
    creating the temporary table of its events, the shared ending reading it,
    and dropping the table.
    """
    tail = helpers.ending(sql)
    if tail is None:
        return [to_dialect(sql, dialect)]
    name = f"#{helpers.EVENTS}" if dialect == "tsql" else helpers.EVENTS
    events = parse(sql).transform(_plain_date_add)
    create = exp.Create(
        this=exp.to_table(helpers.EVENTS),
        kind="TABLE",
        expression=events,
        properties=exp.Properties(expressions=[exp.TemporaryProperty()]),
    )

    def rename(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Table) and node.name == helpers.EVENTS:
            return exp.Table(
                this=exp.Identifier(this=name, quoted=False), alias=node.args.get("alias")
            )
        return node

    ending = parse(helpers.helper_sql(tail)).transform(_plain_date_add).transform(rename)
    return [
        create.sql(dialect=dialect, pretty=True),
        ending.sql(dialect=dialect, pretty=True),
        f"DROP TABLE {name}",
    ]
