"""Finding the record files in a folder and reading them as text.

Every file is first read into a staging table whose columns are all text, so
that a bad value never stops the read: the checks in
:mod:`scorepack.records.checks` then find every bad value with its row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from scorepack.errors import Problem
from scorepack.records.schema import Table

SUFFIXES = (".csv", ".parquet")


@dataclass(frozen=True)
class Staged:
    """A table read into ``stg_<name>``: its file and the columns found."""

    table: Table
    file: Path
    columns: dict[str, str]
    """Declared column name -> column name as spelt in the file."""

    @property
    def staging(self) -> str:
        return f"stg_{self.table.name}"


def find_files(folder: Path, tables: tuple[Table, ...]) -> tuple[dict[str, Path], list[Problem]]:
    """The file for each declared table, and problems: missing or doubled files."""
    found: dict[str, Path] = {}
    problems: list[Problem] = []
    for table in tables:
        candidates = [folder / f"{table.name}{s}" for s in SUFFIXES]
        present = [p for p in candidates if p.is_file()]
        if len(present) > 1:
            problems.append(
                Problem(
                    present[0].name,
                    None,
                    None,
                    f"both {present[0].name} and {present[1].name} exist; keep only one",
                )
            )
        elif present:
            found[table.name] = present[0]
        elif table.required:
            problems.append(
                Problem(
                    f"{table.name}.csv",
                    None,
                    None,
                    f"table {table.name} is missing: expected {table.name}.csv "
                    f"or {table.name}.parquet in {folder}",
                )
            )
    return found, problems


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _source(path: Path) -> str:
    literal = "'" + str(path).replace("'", "''") + "'"
    if path.suffix == ".parquet":
        return f"read_parquet({literal})"
    return f"read_csv({literal}, all_varchar = true, header = true, auto_detect = true)"


def stage(
    conn: duckdb.DuckDBPyConnection, table: Table, path: Path
) -> tuple[Staged | None, list[Problem]]:
    """Read ``path`` into a text-only staging table; report unreadable files and missing columns."""
    try:
        cols = conn.execute(f"DESCRIBE SELECT * FROM {_source(path)}").fetchall()
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        return None, [Problem(path.name, None, None, f"cannot be read: {first}")]
    by_lower = {str(c[0]).strip().lower(): str(c[0]) for c in cols}
    problems: list[Problem] = []
    mapping: dict[str, str] = {}
    for col in table.columns:
        spelt = by_lower.get(col.name.lower())
        if spelt is not None:
            mapping[col.name] = spelt
        elif col.required:
            problems.append(Problem(path.name, None, col.name, "column is missing"))
    if problems:
        return None, problems
    select = ", ".join(
        f"NULLIF(TRIM(CAST({_quote(mapping[c.name])} AS VARCHAR)), '') AS {_quote(c.name)}"
        if c.name in mapping
        else f"CAST(NULL AS VARCHAR) AS {_quote(c.name)}"
        for c in table.columns
    )
    staged = Staged(table, path, mapping)
    try:
        conn.execute(f"CREATE TABLE {staged.staging} AS SELECT {select} FROM {_source(path)}")
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        return None, [Problem(path.name, None, None, f"cannot be read: {first}")]
    return staged, []
