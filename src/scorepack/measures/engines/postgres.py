"""PostgreSQL: figures computed inside a council's own warehouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlglot import exp

from scorepack.measures.engines.base import Writer
from scorepack.measures.engines.source import Binding, TableSource
from scorepack.measures.engines.sqla import SQLAlchemyEngine


class PostgresWriter(Writer):
    dialect = "postgres"
    types: ClassVar[dict[str, str]] = {"text": "VARCHAR(255)", "date": "DATE", "int": "INTEGER"}

    def adjust(self, node: exp.Expression) -> exp.Expression:
        # date + interval is a timestamp in PostgreSQL: keep it a date, as in
        # DuckDB, so that it still equals a calendar day.
        if isinstance(node, exp.DateAdd) and not isinstance(node.parent, exp.Cast):
            return exp.cast(node, "DATE")
        return node

    def _source(self, table: TableSource, alias: str) -> exp.Expression:
        # A record table read with casts (a timestamp as a date, say) is a
        # sub-query; OFFSET 0 keeps PostgreSQL from folding it into the query
        # around it, so each cast is computed once per row rather than again
        # for every row it is compared with in a join (a month-end join
        # compares each row with every month).
        node = super()._source(table, alias)
        if isinstance(node, exp.Subquery) and isinstance(node.this, exp.Select):
            node.this.set("offset", exp.Offset(expression=exp.Literal.number(0)))
        return node


INDEXED = ("person_id", "child", "cal_date", "team_id", "cla_id")
"""Columns of a temporary table that get an index: the keys the definitions
join the helper tables and building blocks on."""
SESSION = (
    "SET jit = off",
    "SET work_mem = '64MB'",
)
"""Settings for this session only.  Just-in-time compilation costs more than
it saves on queries of this size (a few hundred milliseconds each, many times
over), and the month-by-month joins sort and hash more than PostgreSQL's
default 4 MB of working memory holds, spilling to disk."""


class PostgresEngine(SQLAlchemyEngine):
    writer_class = PostgresWriter
    name = "postgresql"
    default_schema = "public"
    events_view = True

    def __init__(self, url: str | sa.URL, binding: Binding | None = None) -> None:
        super().__init__(url, binding)
        for setting in SESSION:
            self.execute(setting)

    def insert(self, name: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        # COPY where the driver offers it (psycopg 3): thousands of calendar
        # days in one round trip rather than one statement each.
        raw: Any = self.conn.connection.driver_connection
        if not rows or raw is None:
            super().insert(name, columns, rows)
            return
        with raw.cursor() as cursor:
            if not hasattr(cursor, "copy"):
                super().insert(name, columns, rows)
                return
            with cursor.copy(f"COPY {name} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def analyze(self, name: str) -> None:
        # An index on each join key the table has (temporary, like the table:
        # it goes with the session), then statistics: autovacuum never sees
        # temporary tables, and without them the planner guesses, badly, on
        # the larger ones.
        columns = {
            str(r[0])
            for r in self.fetch(
                "SELECT attname FROM pg_attribute "
                f"WHERE attrelid = 'pg_temp.{name}'::regclass AND attnum > 0 AND NOT attisdropped"
            )
        }
        for column in INDEXED:
            if column in columns:
                self.execute(f"CREATE INDEX ON {name} ({column})")
        self.execute(f"ANALYZE {name}")
