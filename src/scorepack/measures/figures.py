"""Read supplied figures: the interchange format, from CSV or Excel.

Header: ``indicator,unit,period,cohort,numerator,denominator,value``.  Every row
is checked by the rules in :data:`ROW_RULES` and all problems are reported at
once, each with file, line and column.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.errors import InputError, Problem, raise_if_any
from scorepack.measures.model import ALL, Figure
from scorepack.measures.store import FigureStore
from scorepack.measures.values import agrees, compute_value
from scorepack.periods import Month

COLUMNS = ("indicator", "unit", "period", "cohort", "numerator", "denominator", "value")
NUMBERS = ("numerator", "denominator", "value")


@dataclass(frozen=True)
class RawRow:
    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Context:
    file: str
    catalogue: Catalogue
    tree: OrgTree


Check = Callable[[RawRow, Context], Iterator[Problem]]


def _number(text: str) -> float | None:
    text = text.strip().replace(",", "")
    if text in ("", "-"):
        return None
    return float(text)


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
        except ValueError:
            yield Problem(ctx.file, row.line, col, f"expected a number, got {text!r}")
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


ROW_RULES: tuple[Check, ...] = (
    known_indicator,
    known_unit,
    valid_period,
    known_cohort,
    numbers_are_numbers,
    enough_numbers,
    parts_agree,
)


def _rows_from_csv(text: str, file: str) -> tuple[list[str], list[RawRow]]:
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        padded = [*cells, *[""] * (len(header) - len(cells))]
        rows.append(RawRow(line, {h: padded[i].strip() for i, h in enumerate(header)}))
    return header, rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows_from_xlsx(path: Path) -> tuple[list[str], list[RawRow]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    it = sheet.iter_rows(values_only=True)
    header = [_cell_text(h).strip().lower() for h in next(it, ())]
    rows = []
    for line, values in enumerate(it, start=2):
        cells = [_cell_text(v) for v in values]
        if not any(c.strip() for c in cells):
            continue
        padded = [*cells, *[""] * (len(header) - len(cells))]
        rows.append(RawRow(line, {h: padded[i].strip() for i, h in enumerate(header)}))
    book.close()
    return header, rows


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
        row = RawRow(row.line, {c: row.cells.get(c, "") for c in COLUMNS})
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
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            header, rows = _rows_from_xlsx(path)
        else:
            header, rows = _rows_from_csv(path.read_text(encoding="utf-8-sig"), file)
    except OSError as exc:
        raise InputError([Problem(file, None, None, f"cannot read file: {exc.strerror}")]) from None
    except Exception as exc:  # a corrupt workbook: openpyxl raises many kinds
        raise InputError([Problem(file, None, None, f"cannot read as a workbook: {exc}")]) from None
    figures, problems = check_rows(header, rows, Context(file, catalogue, tree))
    raise_if_any(problems)
    return FigureStore.from_figures(figures, catalogue, tree)
