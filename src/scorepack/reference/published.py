"""Reading the published DfE and ONS local-authority tables, keeping suppression codes.

The files in ``scorepack/reference/dfe`` (and any file laid out the same way) have one row
per year (``time_period``: ``2016`` or ``201516`` for the year ending 31 March 2016),
geographic level and, at local-authority level, ``old_la_code`` (``886``) and
``new_la_code`` (``E10000016``).  A cell is either a number or one of the published
suppression codes, which are kept as codes and never read as numbers.

Everything here is pure: a table is read once into rows, and :func:`cell` looks one value
up, reporting what it could not find as a :class:`~scorepack.errors.Problem`.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from scorepack.errors import Problem

SUPPRESSION_CODES: Mapping[str, str] = {
    "c": "confidential (suppressed to protect individuals)",
    "x": "not available",
    "z": "not applicable",
    "low": "fewer than 0.5 (rounds to zero)",
    "u": "low reliability",
    "k": "fewer than 0.5",
}
"""The codes the DfE publishes in place of a number, and what each means."""

LOCAL_AUTHORITY = "Local authority"


@dataclass(frozen=True)
class Cell:
    """One published value: a number, or a suppression code (``value`` is then None)."""

    value: float | None
    code: str | None = None

    @property
    def text(self) -> str:
        if self.code is not None:
            return self.code
        assert self.value is not None
        return f"{self.value:g}"


@dataclass(frozen=True)
class Table:
    """The rows of one published file, as text, and the file's name for messages."""

    name: str
    rows: tuple[Mapping[str, str], ...]
    columns: tuple[str, ...]


def reference_dir() -> Path:
    """The folder of published files shipped with scorepack."""
    return Path(str(resources.files("scorepack.reference").joinpath("dfe")))


def read_table(path: Path) -> Table:
    """Every row of a published CSV file (UTF-8, with or without a byte-order mark)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = tuple({k.strip(): (v or "").strip() for k, v in r.items() if k} for r in reader)
        columns = tuple(c.strip() for c in reader.fieldnames or ())
    return Table(path.name, rows, columns)


def parse_cell(text: str) -> Cell:
    """A cell's text as a number or a suppression code; ValueError for anything else."""
    raw = text.strip()
    if raw.lower() in SUPPRESSION_CODES:
        return Cell(None, raw.lower())
    return Cell(float(raw.replace(",", "")))


def time_period(year: str) -> set[str]:
    """The ``time_period`` spellings of a financial year ``2015-16``: ``2016`` and ``201516``."""
    start = int(year[:4])
    return {str(start + 1), f"{start}{(start + 1) % 100:02d}"}


def authority_rows(table: Table, authority: str, year: str) -> list[Mapping[str, str]]:
    """Local-authority rows of ``table`` for the authority (old or new code) and year."""
    periods = time_period(year)
    code = authority.strip().upper()
    return [
        r
        for r in table.rows
        if r.get("geographic_level") == LOCAL_AUTHORITY
        and r.get("time_period") in periods
        and code in (r.get("old_la_code", "").upper(), r.get("new_la_code", "").upper())
    ]


def years(table: Table, authority: str) -> list[str]:
    """The financial years (``2015-16``) for which ``table`` has the authority's rows."""
    found = set()
    code = authority.strip().upper()
    for r in table.rows:
        if r.get("geographic_level") != LOCAL_AUTHORITY:
            continue
        if code not in (r.get("old_la_code", "").upper(), r.get("new_la_code", "").upper()):
            continue
        tp = r.get("time_period", "")
        end = int(tp[:4]) if len(tp) == 4 else int(tp[:4]) + 1 if len(tp) == 6 else None
        if end is not None:
            found.add(f"{end - 1}-{end % 100:02d}")
    return sorted(found)


def cell(
    table: Table,
    authority: str,
    year: str,
    column: str,
    filters: Mapping[str, str] | None = None,
) -> tuple[Cell | None, Problem | None]:
    """The authority's value in ``column`` for ``year``, on the one row matching ``filters``.

    Returns ``(None, None)`` when the file has no row for that authority and year (nothing
    was published), and ``(None, problem)`` when the file cannot answer: the column does
    not exist, several rows match, or the cell is neither a number nor a known code.
    """
    if column not in table.columns:
        return None, Problem(table.name, None, column, "no such column in the published file")
    rows = [
        r
        for r in authority_rows(table, authority, year)
        if all(r.get(k) == v for k, v in (filters or {}).items())
    ]
    if not rows:
        return None, None
    if len(rows) > 1:
        return None, Problem(
            table.name, None, column, f"{len(rows)} rows match {dict(filters or {})}; expected one"
        )
    line = table.rows.index(rows[0]) + 2
    try:
        return parse_cell(rows[0][column]), None
    except ValueError:
        known = ", ".join(SUPPRESSION_CODES)
        return None, Problem(
            table.name,
            line,
            column,
            f"{rows[0][column]!r} is neither a number nor a suppression code ({known})",
        )
