"""PostgreSQL: figures computed inside a council's own warehouse."""

from __future__ import annotations

from typing import ClassVar

from sqlglot import exp

from scorepack.measures.engines.base import Writer
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


INDEXED = ("person_id", "child", "cal_date", "team_id", "cla_id")
"""Columns of a temporary table that get an index: the keys the definitions
join the helper tables and building blocks on."""


class PostgresEngine(SQLAlchemyEngine):
    writer_class = PostgresWriter
    name = "postgresql"
    default_schema = "public"

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
