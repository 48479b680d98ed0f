"""The long data table (:mod:`scorepack.render.tidy`) as CSV.

UTF-8 with a header row, comma-separated, ``\\n`` line ends; an empty field
where there is no figure.  Text that a spreadsheet would read as a formula
(beginning ``=``, ``+``, ``-`` or ``@``) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io

from scorepack.pack.model import Pack
from scorepack.render.tidy import NAMES, Cell, data_rows

FORMULA_STARTS = ("=", "+", "-", "@")


def _field(value: Cell) -> Cell:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def render_csv(pack: Pack) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NAMES)
    for row in data_rows(pack):
        writer.writerow(["" if row[n] is None else _field(row[n]) for n in NAMES])
    return out.getvalue()
