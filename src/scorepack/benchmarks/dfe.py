"""DfE local-authority statistics files, read as published.

The DfE's "explore education statistics" CSV files share a layout: one row per
year (``time_period``), level (``geographic_level``: National, Regional, Local
authority) and combination of filter columns (``category``, ``cla_group``,
...), with one column per measure.  Authorities carry an old three-digit code
(``old_la_code``, e.g. 886) and a new nine-character one (``new_la_code``,
E10000016); either finds them.

Suppression codes (``c``, ``x``, ``z``, ``low``, ``u``, ``k``) are kept as codes and
never read as numbers; an empty cell is "not published".  Any other cell in a
measure column that is not a number is a problem, reported with file, line and
column, all at once.  ``docs/benchmarks.md`` says how to add a new table.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from scorepack.errors import Problem, raise_if_any

SUPPRESSION_CODES: dict[str, str] = {
    "c": "confidential (suppressed to protect individuals)",
    "x": "not available",
    "z": "not applicable",
    "low": "fewer than 0.5, rounded to zero",
    "u": "low reliability",
    "k": "fewer than 0.5 (rounded)",
}
LEVELS = ("National", "Regional", "Local authority")
REQUIRED = ("time_period", "geographic_level")
PLACE_COLUMNS = (
    "time_identifier",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
)


@dataclass(frozen=True)
class Published:
    """One published cell: a number, a suppression code, or nothing."""

    value: float | None = None
    code: str | None = None

    @property
    def suppressed(self) -> bool:
        return self.code is not None

    @property
    def display(self) -> str:
        if self.code is not None:
            return self.code
        return "" if self.value is None else f"{self.value:g}"


def parse_cell(text: str) -> Published | None:
    """A cell as published, or None when it is neither a number nor a known code."""
    raw = text.strip()
    if raw == "":
        return Published()
    if raw.lower() in SUPPRESSION_CODES:
        return Published(code=raw.lower())
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        return None
    return Published(value) if math.isfinite(value) else None


@dataclass(frozen=True)
class Row:
    line: int
    year: str
    level: str
    place: Mapping[str, str]
    """The place columns (region_code, old_la_code, la_name, ...), as text."""
    text: Mapping[str, str]
    """Every other column, as text: filters and measures alike."""

    def matches(self, filters: Mapping[str, str]) -> bool:
        return all(self.text.get(k, self.place.get(k)) == v for k, v in filters.items())

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(
            c for c in (self.place.get("old_la_code"), self.place.get("new_la_code")) if c
        )


@dataclass(frozen=True)
class Table:
    """A DfE file: its rows, and where each came from."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...] = field(repr=False)

    def measure(self, row: Row, measure: str) -> Published:
        """The measure's cell in ``row``; checked when the table was read."""
        cell = parse_cell(row.text.get(measure, ""))
        assert cell is not None  # read_table refused anything else
        return cell


def parse_table(text: str, name: str, measures: Iterable[str] = ()) -> Table:
    """Read a DfE CSV.  ``measures``: the columns that must hold numbers or codes."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    columns = tuple(reader.fieldnames or ())
    problems: list[Problem] = []
    for col in REQUIRED:
        if col not in columns:
            problems.append(Problem(name, 1, None, f"missing column {col!r} (a DfE table has it)"))
    wanted = tuple(measures)
    for col in wanted:
        if col not in columns:
            problems.append(
                Problem(name, 1, None, f"no column {col!r}; columns: {', '.join(columns)}")
            )
    raise_if_any(problems)
    rows: list[Row] = []
    for line, record in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in record.items() if k is not None}
        level = values.get("geographic_level", "")
        if level not in LEVELS:
            continue  # e.g. Local authority district rows: not benchmarks
        for col in wanted:
            if parse_cell(values.get(col, "")) is None:
                problems.append(
                    Problem(
                        name,
                        line,
                        col,
                        f"expected a number or a suppression code "
                        f"({', '.join(SUPPRESSION_CODES)}), got {values.get(col)!r}",
                    )
                )
        rows.append(row_of(line, values))
    raise_if_any(problems)
    return Table(name, columns, tuple(rows))


def row_of(line: int, values: Mapping[str, str]) -> Row:
    """A row from its cells (column -> text), as read from a file or from the store."""
    place = {k: values.get(k, "") for k in PLACE_COLUMNS}
    rest = {k: v for k, v in values.items() if k not in PLACE_COLUMNS and k not in REQUIRED}
    return Row(line, values.get("time_period", ""), values.get("geographic_level", ""), place, rest)


def cells_of(row: Row) -> dict[str, str]:
    """The row's cells again, column -> text: what :func:`row_of` reads back."""
    return {
        "time_period": row.year,
        "geographic_level": row.level,
        **{k: v for k, v in row.place.items() if v},
        **row.text,
    }


def measure_columns(table: Table) -> tuple[str, ...]:
    """The columns that hold numbers or suppression codes: at least half their filled cells.

    What ``benchmarks import`` checks cell by cell; the others (``category``,
    ``age_group``, ...) are filters.
    """
    found = []
    for col in table.columns:
        if col in PLACE_COLUMNS or col in REQUIRED:
            continue
        filled = [t for r in table.rows if (t := r.text.get(col, ""))]
        numeric = sum(parse_cell(t) is not None for t in filled)
        if filled and 2 * numeric >= len(filled):
            found.append(col)
    return tuple(found)


def read_table(path: Path, measures: Iterable[str] = ()) -> Table:
    return parse_table(path.read_text(encoding="utf-8-sig"), path.name, measures)


# --- statistical neighbours ---------------------------------------------------------------------


@dataclass(frozen=True)
class Neighbours:
    """Each authority's statistical neighbours (old LA codes, closest first)."""

    groups: Mapping[str, tuple[str, ...]]
    names: Mapping[str, str]

    def of(self, code: str) -> tuple[str, ...]:
        return self.groups.get(code, ())


def parse_neighbours(text: str, name: str) -> Neighbours:
    """The DfE groupings file: ``LA num, LA Name, ..., SN1, SNP, SN2, SNP, ... SN10, SNP``."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        raise_if_any([Problem(name, 1, None, "empty file")])
    header = [h.strip() for h in rows[0]]
    sn = [header.index(f"SN{i}") for i in range(1, 11) if f"SN{i}" in header]
    problems = []
    if "LA num" not in header or "LA Name" not in header or len(sn) != 10:
        problems.append(Problem(name, 1, None, "expected columns LA num, LA Name and SN1 to SN10"))
    raise_if_any(problems)
    code_at, name_at = header.index("LA num"), header.index("LA Name")
    groups: dict[str, tuple[str, ...]] = {}
    names: dict[str, str] = {}
    for line, row in enumerate(rows[1:], start=2):
        if len(row) <= max(sn) or not row[code_at].strip():
            continue
        code = row[code_at].strip()
        names[code] = row[name_at].strip()
        groups[code] = tuple(row[i].strip() for i in sn if row[i].strip())
        if len(groups[code]) != 10:
            problems.append(Problem(name, line, "SN1", f"{code}: expected 10 neighbours"))
    raise_if_any(problems)
    return Neighbours(groups, names)


def read_neighbours(path: Path) -> Neighbours:
    return parse_neighbours(path.read_text(encoding="utf-8-sig"), path.name)
