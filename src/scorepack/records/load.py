"""Load a folder of record tables into a DuckDB database file, all or nothing.

The database is built in a temporary file beside the target and only moved
into place when every table has passed every check, so a refused load leaves
any earlier database exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from scorepack.errors import InputError, Problem, raise_if_any
from scorepack.records import checks
from scorepack.records.extract import DEFAULT_TIMEZONE, Extract, read_extract
from scorepack.records.files import Staged, find_files, stage
from scorepack.records.schema import TABLES, Table
from scorepack.records.units import department_problems

LOAD_TABLE = "_scorepack_load"
"""A table in the database listing each loaded table, its file and row count."""
SETTINGS_TABLE = "_scorepack_settings"
"""A table in the database holding the extract's settings (``timezone``, ``date_format``)."""


@dataclass(frozen=True)
class Loaded:
    """What a successful load wrote: the database and each table's row count."""

    database: Path
    rows: dict[str, int]

    @property
    def tables(self) -> tuple[str, ...]:
        return tuple(self.rows)


def load_records(
    folder: Path,
    database: Path,
    tables: tuple[Table, ...] = TABLES,
    *,
    date_format: str | None = None,
    timezone: str | None = None,
) -> Loaded:
    """Validate every table in ``folder`` and write them to ``database``.

    Dates are ISO unless ``date_format`` (or ``date_format`` in the folder's
    ``extract.yaml``) declares another format; date-times with a zone and
    Parquet ``TIMESTAMPTZ`` values are read in ``timezone`` (default
    Europe/London), never the machine's.  Raises :class:`InputError` listing
    every problem found (file, row, column) if anything is wrong; the database
    file is then left untouched.
    """
    folder = Path(folder)
    database = Path(database)
    if not folder.is_dir():
        raise InputError([Problem(str(folder), None, None, "records folder not found")])
    extract, problems = read_extract(folder, date_format, timezone)
    raise_if_any(problems)
    database.parent.mkdir(parents=True, exist_ok=True)
    temp = database.with_name(f".{database.name}.{os.getpid()}.loading")
    _remove(temp)
    try:
        rows = _build(folder, temp, tables, extract)
        os.replace(temp, database)
    finally:
        _remove(temp)
        _remove(temp.with_name(temp.name + ".wal"))
    return Loaded(database, rows)


def _build(folder: Path, temp: Path, tables: tuple[Table, ...], extract: Extract) -> dict[str, int]:
    files, problems = find_files(folder, tables)
    conn = duckdb.connect(str(temp))
    try:
        set_timezone(conn, extract.timezone)
        staged: list[Staged] = []
        for table in tables:
            if table.name not in files:
                continue
            done, found = stage(conn, table, files[table.name])
            problems += found
            if done is not None:
                problems += checks.check_values(conn, done, extract)
                checks.build_typed(conn, done, extract)
                staged.append(done)
        loaded = [s.table.name for s in staged]
        for done in staged:
            problems += checks.check_keys(conn, done)
            problems += checks.check_references(conn, done, loaded)
            problems += checks.check_spans(conn, done.table, done.file.name)
            if done.table.name == "ssd_department":
                problems += department_problems(conn, done.file.name)
        if problems:
            raise InputError(_ordered(problems))
        rows = _finish(conn, staged, extract)
    finally:
        conn.close()
    return rows


def _finish(
    conn: duckdb.DuckDBPyConnection, staged: list[Staged], extract: Extract
) -> dict[str, int]:
    """Drop the row numbers, record what was loaded and how, and flush to disk."""
    rows: dict[str, int] = {}
    conn.execute(f"CREATE TABLE {SETTINGS_TABLE} (name VARCHAR, value VARCHAR)")
    conn.execute(
        f"INSERT INTO {SETTINGS_TABLE} VALUES ('timezone', ?), ('date_format', ?)",
        [extract.timezone, extract.date_format],
    )
    conn.execute(f"CREATE TABLE {LOAD_TABLE} (table_name VARCHAR, file VARCHAR, rows BIGINT)")
    for done in staged:
        name = done.table.name
        conn.execute(f'ALTER TABLE "{name}" DROP COLUMN _row')
        count = conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()
        rows[name] = int(count[0]) if count else 0
        conn.execute(
            f"INSERT INTO {LOAD_TABLE} VALUES (?, ?, ?)", [name, done.file.name, rows[name]]
        )
    conn.execute("CHECKPOINT")
    return rows


def _ordered(problems: list[Problem]) -> list[Problem]:
    """Problems by file, then whole-file problems first, then by row."""
    return sorted(
        problems,
        key=lambda p: (p.file, p.line is not None, p.line or 0, str(p.column or "")),
    )


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def set_timezone(conn: duckdb.DuckDBPyConnection, timezone: str) -> None:
    """Make the session time zone of ``conn`` explicit, so the machine's never leaks in."""
    conn.execute("SET TimeZone = " + "'" + timezone.replace("'", "''") + "'")


def open_records(database: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to a loaded database, in the time zone its extract was loaded in."""
    conn = duckdb.connect(str(database), read_only=read_only)
    found = None
    if SETTINGS_TABLE in loaded_tables(conn):
        found = conn.execute(
            f"SELECT value FROM {SETTINGS_TABLE} WHERE name = 'timezone'"
        ).fetchone()
    set_timezone(conn, str(found[0]) if found and found[0] else DEFAULT_TIMEZONE)
    return conn


def loaded_tables(conn: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the record tables present in a loaded database."""
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {str(r[0]) for r in rows}
