"""What PostgreSQL and SQL Server share: a SQLAlchemy connection held for the
session, one transaction rolled back at the end."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from scorepack.measures.engines.base import Engine
from scorepack.measures.engines.source import Binding


class SQLAlchemyEngine(Engine):
    """An engine over one SQLAlchemy connection.

    Everything runs in one transaction that is rolled back on close: the
    temporary tables go with it, and even a statement that somehow wrote
    would leave nothing behind.
    """

    default_schema = "public"

    def __init__(self, url: str | sa.URL, binding: Binding | None = None) -> None:
        super().__init__(binding)
        self.engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.conn = self.engine.connect()
        self.conn.begin()

    def _cursor(self, sql: str) -> Any:
        # The driver's own cursor, given no parameters, so that a '%' or '?' in
        # a definition's comments is not taken for a placeholder.
        cursor = self.conn.connection.cursor()
        cursor.execute(sql)
        return cursor

    def fetch(self, sql: str) -> list[tuple[Any, ...]]:
        cursor = self._cursor(sql)
        try:
            return [tuple(r) for r in cursor.fetchall()]
        finally:
            cursor.close()

    def execute(self, sql: str) -> None:
        self._cursor(sql).close()

    def insert(self, name: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        marks = ", ".join(f":c{i}" for i in range(len(columns)))
        statement = sa.text(f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})")
        self.conn.execute(statement, [{f"c{i}": v for i, v in enumerate(r)} for r in rows])

    def catalogue_rows(self) -> list[tuple[str, str, str]]:
        query = sa.text(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = :schema"
        )
        rows = self.conn.execute(query, {"schema": self.binding.schema or self.default_schema})
        return [(str(t), str(c), str(d)) for t, c, d in rows]

    def close(self) -> None:
        try:
            self.conn.rollback()
            self.conn.close()
        finally:
            self.engine.dispose()
