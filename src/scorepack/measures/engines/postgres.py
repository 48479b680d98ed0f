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


class PostgresEngine(SQLAlchemyEngine):
    writer_class = PostgresWriter
    name = "postgresql"
    default_schema = "public"

    def analyze(self, name: str) -> None:
        # Autovacuum never sees temporary tables: without statistics the
        # planner guesses, badly, on the larger ones.
        self.execute(f"ANALYZE {name}")
