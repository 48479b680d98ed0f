"""Read supplied figures: the interchange format, from CSV or Excel.

Header: ``indicator,unit,period,cohort,numerator,denominator,value``.  Every row
is checked by the rules in :data:`ROW_RULES` and all problems are reported at
once, each with file, line and column.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.errors import InputError, Problem, raise_if_any
from scorepack.measures.model import ALL, Figure
from scorepack.measures.store import FigureStore
from scorepack.measures.values import agrees, compute_value
from scorepack.periods import Month
from scorepack.text import clean, read_text

COLUMNS = ("indicator", "unit", "period", "cohort", "numerator", "denominator", "value")
NUMBERS = ("numerator", "denominator", "value")


@dataclass(frozen=True)
class RawRow:
    """One data row as text; ``percent`` names cells a workbook showed as percentages."""

    line: int
    cells: dict[str, str]
    percent: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Context:
    file: str
    catalogue: Catalogue
    tree: OrgTree


Check = Callable[[RawRow, Context], Iterator[Problem]]


_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_NOT_FINITE = ("nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity")


def _number(text: str) -> float | None:
    """The number written in ``text`` (None if blank or ``-``); ValueError says what is wrong.

    A decimal point, never a decimal comma: a comma may only separate thousands in
    groups of three (``1,234.5``).
    """
    text = text.strip()
    if text in ("", "-"):
        return None
    if _GROUPED.match(text):
        return float(text.replace(",", ""))
    if _PLAIN.match(text) or text.lower() in _NOT_FINITE:
        return float(text)
    if "," in text:
        raise ValueError(
            f"expected a number with a decimal point, got {text!r}: a comma may only "
            "separate thousands in groups of three (1,234)"
        )
    if text.endswith("%"):
        raise ValueError(
            f"expected a number without %, got {text!r}: write the percentage as {text[:-1]}"
        )
    raise ValueError(f"expected a number, got {text!r}")


def known_indicator(row: RawRow, ctx: Context) -> Iterator[Problem]:
    if row.cells["indicator"] not in ctx.catalogue.measure_ids:
        yield Problem(
            ctx.file,
            row.line,
            "indicator",
            f"unknown indicator {row.cells['indicator']!r}: not in the catalogue",
        )


def known_unit(row: RawRow, ctx: Context) -> Iterator[Problem]:
    if row.cells["unit"] not in ctx.tree:
        yield Problem(
            ctx.file, row.line, "unit", f"unknown unit {row.cells['unit']!r}: not in the units file"
        )


def valid_period(row: RawRow, ctx: Context) -> Iterator[Problem]:
    try:
        Month.parse(row.cells["period"])
    except ValueError as exc:
        yield Problem(ctx.file, row.line, "period", str(exc))


def known_cohort(row: RawRow, ctx: Context) -> Iterator[Problem]:
    cohort = row.cells["cohort"] or ALL
    if cohort != ALL and cohort not in {c.id for c in ctx.catalogue.cohorts}:
        yield Problem(
            ctx.file,
            row.line,
            "cohort",
            f"unknown cohort {cohort!r}: expected empty, 'all' or a cohort of the catalogue",
        )


def numbers_are_numbers(row: RawRow, ctx: Context) -> Iterator[Problem]:
    for col in NUMBERS:
        text = row.cells[col]
        try:
            number = _number(text)
        except ValueError as exc:
            yield Problem(ctx.file, row.line, col, str(exc))
            continue
        if number is not None and (math.isnan(number) or math.isinf(number)):
            yield Problem(ctx.file, row.line, col, f"expected a finite number, got {text!r}")
        elif number is not None and number < 0:
            yield Problem(
                ctx.file, row.line, col, f"expected a number of zero or more, got {text!r}"
            )


def _numbers(row: RawRow) -> dict[str, float | None] | None:
    try:
        return {c: _number(row.cells[c]) for c in NUMBERS}
    except ValueError:
        return None


def enough_numbers(row: RawRow, ctx: Context) -> Iterator[Problem]:
    nums = _numbers(row)
    if nums is None:
        return
    if nums["denominator"] == 0:
        yield Problem(
            ctx.file, row.line, "denominator", "the denominator is zero: no result can be computed"
        )
    has_parts = nums["numerator"] is not None and nums["denominator"] is not None
    numerator_only = nums["numerator"] is not None and _numerator_suffices(
        ctx.catalogue, row.cells["indicator"]
    )
    if nums["value"] is None and not has_parts and not numerator_only:
        yield Problem(
            ctx.file, row.line, "value", "expected a value, or both a numerator and a denominator"
        )


def _is_ratio(cat: Catalogue, ind_id: str) -> bool:
    return any(i.id == ind_id and i.kind != "count" for i in cat.indicators)


def _numerator_suffices(cat: Catalogue, ind_id: str) -> bool:
    """Counts need only a number; rates of a named population take the population as denominator."""
    if not _is_ratio(cat, ind_id):
        return True
    ind = cat.indicator(ind_id)
    return ind.kind == "rate" and ind.population is not None


def parts_agree(row: RawRow, ctx: Context) -> Iterator[Problem]:
    nums = _numbers(row)
    ind_id = row.cells["indicator"]
    if nums is None or not _is_ratio(ctx.catalogue, ind_id):
        return
    num, den, value = nums["numerator"], nums["denominator"], nums["value"]
    if num is None or den is None or value is None or den == 0:
        return
    ind = ctx.catalogue.indicator(ind_id)
    computed = compute_value(ind, num, den)
    if computed is not None and not agrees(computed, value, ind.places):
        yield Problem(
            ctx.file,
            row.line,
            "value",
            f"numerator/denominator give {computed:.{ind.places + 2}f} but value is {value:g}; "
            f"they must agree to {ind.places} decimal place(s)",
        )


def percent_cells_fit(row: RawRow, ctx: Context) -> Iterator[Problem]:
    """A workbook cell shown as a percentage is a percentage only where one is expected."""
    for col in sorted(row.percent):
        if col != "value":
            yield Problem(
                ctx.file,
                row.line,
                col,
                f"the {col} is formatted as a percentage; a {col} is a count: "
                "format the cell as a number",
            )
        elif any(
            i.id == row.cells["indicator"] and i.kind != "percentage"
            for i in ctx.catalogue.indicators
        ) or row.cells["indicator"] not in {i.id for i in ctx.catalogue.indicators}:
            yield Problem(
                ctx.file,
                row.line,
                col,
                f"the value is formatted as a percentage but {row.cells['indicator']!r} is not "
                "a percentage indicator: format the cell as a number",
            )


ROW_RULES: tuple[Check, ...] = (
    known_indicator,
    known_unit,
    valid_period,
    known_cohort,
    numbers_are_numbers,
    percent_cells_fit,
    enough_numbers,
    parts_agree,
)


def _header(names: list[str]) -> list[str]:
    """The header without empty cells at its end (a workbook's unused columns)."""
    while names and not names[-1]:
        names.pop()
    return names


def _too_long(file: str, line: int, cells: int, header: int) -> Problem:
    return Problem(
        file,
        line,
        None,
        f"the row has {cells} cells but the header has {header} columns: a number with a "
        "thousands comma (1,234) must be quoted or written without the comma",
    )


def _rows_from_csv(text: str, file: str) -> tuple[list[str], list[RawRow], list[Problem]]:
    reader = csv.reader(io.StringIO(text))
    header = _header([h.strip().lower() for h in next(reader, [])])
    rows, problems = [], []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
            problems.append(_too_long(file, line, len(cells), len(header)))
            continue
        padded = [*cells, *[""] * (len(header) - len(cells))]
        rows.append(RawRow(line, {h: clean(padded[i]).strip() for i, h in enumerate(header)}))
    return header, rows, problems


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _workbook_cell(
    column: str, cell: Any, file: str, line: int
) -> tuple[str, bool, Problem | None]:
    """(text, shown as a percentage, problem) for one workbook cell of ``column``."""
    value = cell.value
    if isinstance(value, (datetime, date)):
        if column == "period":
            return (
                "",
                False,
                Problem(
                    file,
                    line,
                    column,
                    f"expected a month as text YYYY-MM, got the date {value:%Y-%m-%d}: Excel turns "
                    "2016-03 into a date; format the column as Text and type the month",
                ),
            )
        return "", False, Problem(file, line, column, f"expected a number, got the date {value}")
    percent = (
        column in NUMBERS
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in str(getattr(cell, "number_format", "") or "")
    )
    if percent:
        # shown 21.3% and stored 0.213: the percentage the reader sees is 21.3
        return _cell_text(float(f"{float(value) * 100:.12g}")), True, None
    return _cell_text(value), False, None


def _rows_from_xlsx(path: Path) -> tuple[list[str], list[RawRow], list[Problem]]:
    from openpyxl import load_workbook

    file = str(path)
    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    it = sheet.iter_rows()
    header = _header([_cell_text(c.value).strip().lower() for c in next(it, ())])
    rows, problems = [], []
    for line, cells in enumerate(it, start=2):
        if not any(_cell_text(c.value).strip() for c in cells):
            continue
        if len(cells) > len(header) and any(
            _cell_text(c.value).strip() for c in cells[len(header) :]
        ):
            problems.append(_too_long(file, line, len(cells), len(header)))
            continue
        texts: dict[str, str] = {h: "" for h in header}
        percent: set[str] = set()
        found = []
        for h, c in zip(header, cells, strict=False):
            text, shown_percent, problem = _workbook_cell(h, c, file, line)
            texts[h] = clean(text).strip()
            if shown_percent:
                percent.add(h)
            if problem is not None:
                found.append(problem)
        problems += found
        if not found:
            rows.append(RawRow(line, texts, frozenset(percent)))
    book.close()
    return header, rows, problems


def check_rows(
    header: list[str], rows: Iterable[RawRow], ctx: Context
) -> tuple[list[Figure], list[Problem]]:
    """Apply every rule to every row; return the figures and all problems found."""
    missing = [c for c in COLUMNS if c not in header and c != "cohort"]
    if missing:
        return [], [
            Problem(
                ctx.file, 1, None, f"missing column {c!r} (expected header {','.join(COLUMNS)})"
            )
            for c in missing
        ]
    problems: list[Problem] = []
    figures: list[Figure] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for row in rows:
        row = RawRow(row.line, {c: row.cells.get(c, "") for c in COLUMNS}, row.percent)
        found = [p for rule in ROW_RULES for p in rule(row, ctx)]
        problems.extend(found)
        if found:
            continue
        cohort = row.cells["cohort"] or ALL
        key = (row.cells["indicator"], row.cells["unit"], row.cells["period"], cohort)
        if key in seen:
            problems.append(
                Problem(
                    ctx.file,
                    row.line,
                    None,
                    f"duplicate row: {', '.join(key)} was already given on line {seen[key]}",
                )
            )
            continue
        seen[key] = row.line
        nums = _numbers(row) or {}
        figures.append(
            Figure(
                key[0],
                key[1],
                Month.parse(key[2]),
                cohort,
                nums.get("numerator"),
                nums.get("denominator"),
                nums.get("value"),
            )
        )
    return figures, problems


def load_figures(path: Path, catalogue: Catalogue, tree: OrgTree) -> FigureStore:
    """Load a figures file (.csv or .xlsx) into a store, or raise InputError with every problem."""
    file = str(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        try:
            header, rows, unread = _rows_from_xlsx(path)
        except OSError as exc:
            raise InputError(
                [Problem(file, None, None, f"cannot read file: {exc.strerror}")]
            ) from None
        except Exception as exc:  # a corrupt workbook: openpyxl raises many kinds
            raise InputError(
                [Problem(file, None, None, f"cannot read as a workbook: {exc}")]
            ) from None
    else:
        header, rows, unread = _rows_from_csv(read_text(path), file)
    figures, problems = check_rows(header, rows, Context(file, catalogue, tree))
    raise_if_any(sorted([*unread, *problems], key=lambda p: p.line or 0))
    return FigureStore.from_figures(figures, catalogue, tree)
