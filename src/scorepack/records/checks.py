"""Checks run on record tables while loading, each finding every offending row.

Values are checked in the text staging tables (blank where a value is needed,
dates, numbers and flags that cannot be read); keys, references between tables
and date spans are checked on the typed tables built from them.  Rows are
numbered from 1, the first row after the header.
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from scorepack.errors import Problem
from scorepack.records.extract import Extract, format_regex
from scorepack.records.files import Staged, _quote
from scorepack.records.schema import Column, Table

MAX_ROWS_PER_CHECK = 200
"""Rows listed for one check on one column; the rest are summed up in one line."""

_TRUE = ("Y", "YES", "TRUE", "T", "1")
_FALSE = ("N", "NO", "FALSE", "F", "0")
ISO = Extract()


ISO_DATE = r"\d{4}-\d{2}-\d{2}"
_ISO_TIME = r"[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?"
ISO_LOCAL = rf"{ISO_DATE}({_ISO_TIME})?"
"""An ISO date, or a date-time without a zone: the date is read as written."""
ISO_ZONED = rf"{ISO_DATE}{_ISO_TIME}(Z|[+-]\d{{2}}(:?\d{{2}})?)"
"""An ISO date-time with a zone or offset: the date is taken in the extract's time zone."""


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def date_sql(v: str, extract: Extract) -> str:
    """SQL reading the text ``v`` as a date, or NULL when it is not one the extract allows."""
    whens = [
        f"WHEN regexp_full_match({v}, {_literal(ISO_LOCAL)}) THEN TRY_CAST(LEFT({v}, 10) AS DATE)",
        f"WHEN regexp_full_match({v}, {_literal(ISO_ZONED)}) "
        f"THEN CAST(timezone({_literal(extract.timezone)}, TRY_CAST({v} AS TIMESTAMPTZ)) AS DATE)",
    ]
    if extract.date_format is not None:
        declared = f"({format_regex(extract.date_format)})({_ISO_TIME})?"
        whens.append(
            f"WHEN regexp_full_match({v}, {_literal(declared)}) THEN CAST(TRY_STRPTIME("
            f"regexp_extract({v}, {_literal('^' + declared + '$')}, 1), "
            f"{_literal(extract.date_format)}) AS DATE)"
        )
    return f"CASE {' '.join(whens)} END"


def typed(col: Column, extract: Extract = ISO) -> str:
    """SQL turning the staged text of ``col`` into its declared type (NULL if unreadable)."""
    v = _quote(col.name)
    if col.type == "date":
        return date_sql(v, extract)
    if col.type == "number":
        return (
            f"CASE WHEN isfinite(TRY_CAST({v} AS DOUBLE)) AND TRY_CAST({v} AS DOUBLE) >= 0 "
            f"THEN TRY_CAST({v} AS DOUBLE) END"
        )
    if col.type == "flag":
        yes = ", ".join(f"'{x}'" for x in _TRUE)
        no = ", ".join(f"'{x}'" for x in _FALSE)
        return f"CASE WHEN UPPER({v}) IN ({yes}) THEN 'Y' WHEN UPPER({v}) IN ({no}) THEN 'N' END"
    return v


def expected(col: Column, extract: Extract = ISO) -> str | None:
    """What a value of ``col`` must look like, in words (None: any text)."""
    if col.type == "date":
        return extract.expected_date
    if col.type == "number":
        return "a number of zero or more (such as 3 or 0.5)"
    if col.type == "flag":
        return "a flag (Y or N)"
    return None


def _rows(
    conn: duckdb.DuckDBPyConnection,
    sql: str,
    file: str,
    column: str,
    message: str,
) -> list[Problem]:
    """One problem per row returned by ``sql`` (columns: row number, value)."""
    found = conn.execute(sql).fetchall()
    problems = [
        Problem(file, int(row), column, message.format(value=value))
        for row, value in found[:MAX_ROWS_PER_CHECK]
    ]
    if len(found) > MAX_ROWS_PER_CHECK:
        more = len(found) - MAX_ROWS_PER_CHECK
        problems.append(
            Problem(file, None, column, f"... and {more} more rows with the same problem")
        )
    return problems


def check_values(
    conn: duckdb.DuckDBPyConnection, staged: Staged, extract: Extract = ISO
) -> list[Problem]:
    """Blank required values and unreadable dates, numbers and flags."""
    problems: list[Problem] = []
    file = staged.file.name
    for col in staged.table.columns:
        v = _quote(col.name)
        if col.not_null:
            problems += _rows(
                conn,
                f"SELECT rowid + 1, {v} FROM {staged.staging} WHERE {v} IS NULL ORDER BY 1",
                file,
                col.name,
                "a value is required",
            )
        what = expected(col, extract)
        if what is not None:
            what = what.replace("{", "{{").replace("}", "}}")
            problems += _rows(
                conn,
                f"SELECT rowid + 1, {v} FROM {staged.staging} "
                f"WHERE {v} IS NOT NULL AND {typed(col, extract)} IS NULL ORDER BY 1",
                file,
                col.name,
                f"expected {what}, got {{value!r}}",
            )
    return problems


def build_typed(conn: duckdb.DuckDBPyConnection, staged: Staged, extract: Extract = ISO) -> None:
    """Create the table itself from its staging table, keeping row numbers in ``_row``."""
    ddl = {
        "id": "VARCHAR",
        "text": "VARCHAR",
        "date": "DATE",
        "number": "DOUBLE",
        "flag": "VARCHAR",
    }
    cols = ", ".join(
        f"CAST({typed(c, extract)} AS {ddl[c.type]}) AS {_quote(c.name)}"
        for c in staged.table.columns
    )
    conn.execute(
        f"CREATE TABLE {_quote(staged.table.name)} AS "
        f"SELECT {cols}, CAST(rowid + 1 AS BIGINT) AS _row FROM {staged.staging}"
    )
    conn.execute(f"DROP TABLE {staged.staging}")


def check_keys(conn: duckdb.DuckDBPyConnection, staged: Staged) -> list[Problem]:
    """Key values used by more than one row (each repeat after the first is listed)."""
    key = staged.table.key
    if key is None:
        return []
    k = _quote(key)
    name = _quote(staged.table.name)
    return _rows(
        conn,
        f"SELECT _row, {k} FROM (SELECT _row, {k}, ROW_NUMBER() OVER "
        f"(PARTITION BY {k} ORDER BY _row) AS n FROM {name} WHERE {k} IS NOT NULL) "
        f"WHERE n > 1 ORDER BY _row",
        staged.file.name,
        key,
        "duplicate id {value!r}: each row needs its own",
    )


def check_references(
    conn: duckdb.DuckDBPyConnection, staged: Staged, loaded: Iterable[str]
) -> list[Problem]:
    """Ids that refer to no row of the table they point to."""
    problems: list[Problem] = []
    present = set(loaded)
    for col in staged.table.columns:
        if col.references is None:
            continue
        target, target_col = col.references.split(".")
        if target not in present:
            continue
        v = _quote(col.name)
        problems += _rows(
            conn,
            f"SELECT _row, {v} FROM {_quote(staged.table.name)} WHERE {v} IS NOT NULL "
            f"AND {v} NOT IN (SELECT {_quote(target_col)} FROM {_quote(target)} "
            f"WHERE {_quote(target_col)} IS NOT NULL) ORDER BY _row",
            staged.file.name,
            col.name,
            f"{{value!r}} refers to nothing: no such {target}.{target_col}",
        )
    return problems


def check_spans(conn: duckdb.DuckDBPyConnection, table: Table, file: str) -> list[Problem]:
    """Rows whose end date comes before their start date."""
    problems: list[Problem] = []
    for start, end in table.spans:
        s, e = _quote(start), _quote(end)
        problems += _rows(
            conn,
            f"SELECT _row, CAST({e} AS VARCHAR) || ' is before the start, ' "
            f"|| CAST({s} AS VARCHAR) FROM {_quote(table.name)} WHERE {e} < {s} ORDER BY _row",
            file,
            end,
            f"ends before it starts: {{value}} ({start})",
        )
    return problems
