"""Reading DfE files for ``scorepack benchmarks import``: checked, all problems at once.

A file is either a DfE statistics table (``time_period``, ``geographic_level``,
place, filter and measure columns; see :mod:`scorepack.benchmarks.dfe`) or the
statistical neighbour groupings (``LA num``, ``LA Name``, ``SN1`` … ``SN10``).
A table's measure columns are found from its cells (:func:`~scorepack.benchmarks.dfe.measure_columns`)
and every cell of them must be a number, a suppression code or empty; any
other is a problem naming the file, line and column.  Nothing is written
unless every file reads cleanly.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from scorepack.benchmarks.dfe import (
    Neighbours,
    Table,
    cells_of,
    measure_columns,
    parse_neighbours,
    parse_table,
)
from scorepack.errors import InputError, Problem, raise_if_any

Kind = Literal["table", "neighbours"]
NEIGHBOUR_COLUMNS = ("LA num", "LA Name", *(f"SN{i}" for i in range(1, 11)))


@dataclass(frozen=True)
class StoredRow:
    line: int
    year: str
    level: str
    old_la_code: str
    new_la_code: str
    cells: dict[str, str]


@dataclass(frozen=True)
class ImportFile:
    """One file, read and checked, ready for :meth:`Store.import_benchmarks`."""

    name: str
    kind: Kind
    sha256: str
    columns: tuple[str, ...]
    measures: tuple[str, ...]
    rows: tuple[StoredRow, ...]


def _is_neighbours(text: str) -> bool:
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])
    names = {h.strip() for h in header}
    return "LA num" in names and "SN1" in names


def _table_rows(table: Table) -> tuple[StoredRow, ...]:
    return tuple(
        StoredRow(
            r.line,
            r.year,
            r.level,
            r.place.get("old_la_code", ""),
            r.place.get("new_la_code", ""),
            cells_of(r),
        )
        for r in table.rows
    )


def _neighbour_rows(groups: Neighbours) -> tuple[StoredRow, ...]:
    rows = []
    for line, (code, near) in enumerate(groups.groups.items(), start=2):
        cells = {"LA num": code, "LA Name": groups.names.get(code, "")}
        cells.update({f"SN{i}": c for i, c in enumerate(near, start=1)})
        rows.append(StoredRow(line, "", "Local authority", code, "", cells))
    return tuple(rows)


def parse_import(text: str, name: str) -> ImportFile:
    """One file's text, checked: a statistics table or the neighbour groupings."""
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if _is_neighbours(text):
        groups = parse_neighbours(text, name)
        return ImportFile(name, "neighbours", sha, NEIGHBOUR_COLUMNS, (), _neighbour_rows(groups))
    measures = measure_columns(parse_table(text, name))
    if not measures:
        raise_if_any(
            [Problem(name, 1, None, "no measure columns: no column holds numbers or codes")]
        )
    table = parse_table(text, name, measures)
    return ImportFile(name, "table", sha, table.columns, measures, _table_rows(table))


def read_import(path: Path) -> ImportFile:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(str(path), None, None, "no such file")]) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            [
                Problem(
                    str(path), None, None, f"not UTF-8 text (byte {exc.start}): a CSV as published"
                )
            ]
        ) from None
    return parse_import(text, path.name)


def read_imports(paths: Iterable[Path]) -> list[ImportFile]:
    """Every file read and checked; every problem in every file raised together."""
    found: list[ImportFile] = []
    problems: list[Problem] = []
    names: dict[str, Path] = {}
    for path in paths:
        if path.name in names:
            problems.append(Problem(str(path), None, None, f"same file name as {names[path.name]}"))
            continue
        names[path.name] = path
        try:
            found.append(read_import(path))
        except InputError as err:
            problems += err.problems
    raise_if_any(problems)
    return found
