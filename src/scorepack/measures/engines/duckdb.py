"""DuckDB: the embedded default, over a records database loaded from files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from scorepack.measures.engines.base import Engine, Writer
from scorepack.measures.engines.source import Binding


class DuckDBWriter(Writer):
    dialect = "duckdb"


class DuckDBEngine(Engine):
    """Figures inside a DuckDB connection (a loaded records file, or in memory)."""

    writer_class = DuckDBWriter
    name = "duckdb"
    events_view = True

    def __init__(
        self, conn: duckdb.DuckDBPyConnection, binding: Binding | None = None, own: bool = False
    ) -> None:
        super().__init__(binding)
        self.conn = conn
        self._own = own

    def fetch(self, sql: str) -> list[tuple[Any, ...]]:
        return self.conn.execute(sql).fetchall()

    def execute(self, sql: str) -> None:
        self.conn.execute(sql)

    def insert(self, name: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        data = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
        if not rows:
            data = pa.table({c: pa.array([], pa.string()) for c in columns})
        self.conn.register("_scorepack_rows", data)
        try:
            self.conn.execute(f"INSERT INTO {name} SELECT * FROM _scorepack_rows")
        finally:
            self.conn.unregister("_scorepack_rows")

    def catalogue_rows(self) -> list[tuple[str, str, str]]:
        rows = self.conn.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_catalog = current_database() AND table_schema = ?",
            [self.binding.schema or "main"],
        ).fetchall()
        return [(str(t), str(c), str(d)) for t, c, d in rows]

    def close(self) -> None:
        if self._own:
            self.conn.close()
