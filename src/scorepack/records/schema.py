"""The child-level record tables scorepack reads, declared as data.

Each :class:`Table` names one file of a records folder (``<name>.csv`` or
``<name>.parquet``) and the columns the indicator definitions use.  Tables and
columns keep their Standard Safeguarding Dataset (SSD) names; what the SSD does
not hold lives in extension tables whose names start with ``ext_``.  Only the
columns listed here are read: any others in a file are ignored.

Column types:

``id``      an identifier, kept as text;
``date``    a calendar date, ``YYYY-MM-DD`` (a time part, as SSD ``datetime``
            fields carry, is dropped);
``text``    free text or a code;
``number``  a decimal number;
``flag``    ``Y`` or ``N`` (``Yes``/``No``, ``True``/``False`` and ``1``/``0``
            are accepted and stored as ``Y``/``N``).

``docs/records.md`` describes every table and column in prose; a test keeps the
two in step.
"""

from __future__ import annotations

from scorepack.records.columns import Column, ColumnType, Table
from scorepack.records.extensions import EXTENSION_TABLES
from scorepack.records.ssd import SSD_TABLES

__all__ = ["EXTENSION_TABLES", "SSD_TABLES", "TABLES", "Column", "ColumnType", "Table", "table"]

TABLES: tuple[Table, ...] = SSD_TABLES + EXTENSION_TABLES


def table(name: str) -> Table:
    """The declared table called ``name``."""
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(name)
