"""Copy a loaded records database into PostgreSQL as a council's SSD would hold it.

SSD dates become ``TIMESTAMP`` with a time of day, as SSD ``datetime`` fields
are (dates of birth and extension tables stay ``DATE``), numbers ``NUMERIC``,

not the loader's.  A test and bench helper, not a command: councils already
have their SSD in their warehouse.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import duckdb
import sqlalchemy as sa

from scorepack.records.schema import TABLES

AT = time(9, 30)
"""The time of day given to every ``TIMESTAMP`` value, as a case-management system records it."""


def _type(table: str, column: str, kind: str) -> str:
    if kind == "date":
        return "DATE" if table.startswith("ext_") or column == "pers_dob" else "TIMESTAMP"
    if kind == "number":
        return "NUMERIC(12, 4)"
    return "VARCHAR(64)" if kind in ("id", "flag") else "VARCHAR(255)"


def copy_to_postgres(
    database: Path, url: str, schema: str = "ssd_development", prefix: str = ""
) -> list[str]:
    """Copy every record table of ``database`` into ``schema``; returns the tables copied."""
    source = duckdb.connect(str(database), read_only=True)
    present = {r[0] for r in source.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    engine = sa.create_engine(url)
    copied = []
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            raw = conn.connection.driver_connection
            for table in TABLES:
                if table.name not in present:
                    continue
                name = f"{schema}.{prefix}{table.name}"
                cols = [c.name for c in table.columns]
                ddl = ", ".join(
                    f"{c.name} {_type(table.name, c.name, c.type)}" for c in table.columns
                )
                conn.exec_driver_sql(f"CREATE TABLE {name} ({ddl})")
                rows = source.execute(f"SELECT {', '.join(cols)} FROM {table.name}").fetchall()
                with (
                    raw.cursor() as cur,
                    cur.copy(f"COPY {name} ({', '.join(cols)}) FROM STDIN") as cp,
                ):
                    for row in rows:
                        cp.write_row([_stamp(v) for v in row])
                copied.append(table.name)
            for table in copied:
                conn.exec_driver_sql(f"ANALYZE {schema}.{prefix}{table}")
    finally:
        engine.dispose()
        source.close()
    return copied


def _stamp(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, AT)
    return value
