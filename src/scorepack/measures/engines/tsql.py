"""SQL Server (2016 and later): the definitions as T-SQL.

Temporary tables are ``#name``; ``CREATE TEMPORARY TABLE x AS q`` is written
``SELECT … INTO #x``.  Exercised against a real SQL Server only where one is
available (see ``docs/warehouse.md``); the scripts are checked by parsing.
"""

from __future__ import annotations

from typing import ClassVar

from scorepack.measures.engines.base import Writer
from scorepack.measures.engines.sqla import SQLAlchemyEngine


class TsqlWriter(Writer):
    dialect = "tsql"
    types: ClassVar[dict[str, str]] = {"text": "NVARCHAR(255)", "date": "DATE", "int": "INT"}
    temp_prefix = "#"

    def create(self, name: str, columns: dict[str, str]) -> str:
        cols = ", ".join(f"{c} {self.types[t]}" for c, t in columns.items())
        return f"CREATE TABLE {self.temp(name)} ({cols})"

    def drop(self, name: str) -> str:
        return f"DROP TABLE IF EXISTS {self.temp(name)}"


class TsqlEngine(SQLAlchemyEngine):
    writer_class = TsqlWriter
    name = "mssql"
    default_schema = "dbo"
