"""Columns and tables of the records schema, and short builders for declaring them.

Column types:

``id``      an identifier, kept as text;
``date``    a calendar date, ``YYYY-MM-DD`` (a time part, as SSD ``datetime``
            fields carry, is dropped);
``text``    free text or a code;
``number``  a decimal number;
``flag``    ``Y`` or ``N`` (``Yes``/``No``, ``True``/``False`` and ``1``/``0``
            are accepted and stored as ``Y``/``N``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ColumnType = Literal["id", "date", "text", "number", "flag"]


@dataclass(frozen=True)
class Column:
    """One column of a record table.

    ``required``: the file must have this column (an optional column that is
    absent is loaded as empty).  ``not_null``: every row must give a value.
    ``references``: ``table.column`` that every non-empty value must exist in.
    """

    name: str
    type: ColumnType
    description: str
    required: bool = True
    not_null: bool = False
    references: str | None = None


@dataclass(frozen=True)
class Table:
    """One record table: its columns, unique key and date spans.

    ``key``: the column whose values must be unique.  ``spans``: pairs of
    (start, end) date columns where the end must not be before the start.
    ``required``: SSD tables must be supplied; extension tables may be left
    out, in which case the indicators that need them are not computed (their
    figures can be supplied as figures files instead).
    """

    name: str
    description: str
    columns: tuple[Column, ...]
    key: str | None = None
    spans: tuple[tuple[str, str], ...] = ()
    required: bool = True
    extension: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extension", self.name.startswith("ext_"))

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def id_col(
    name: str,
    description: str,
    ref: str | None = None,
    *,
    required: bool = True,
    not_null: bool = False,
) -> Column:
    return Column(name, "id", description, required, not_null, ref)


def key_col(name: str, description: str) -> Column:
    return Column(name, "id", description, not_null=True)


def date_col(
    name: str, description: str, *, required: bool = True, not_null: bool = False
) -> Column:
    return Column(name, "date", description, required=required, not_null=not_null)


def text_col(
    name: str, description: str, *, required: bool = True, not_null: bool = False
) -> Column:
    return Column(name, "text", description, required=required, not_null=not_null)


def flag_col(
    name: str, description: str, *, required: bool = True, not_null: bool = False
) -> Column:
    return Column(name, "flag", description, required=required, not_null=not_null)


def num_col(
    name: str, description: str, *, required: bool = True, not_null: bool = False
) -> Column:
    return Column(name, "number", description, required=required, not_null=not_null)


PERSON = "ssd_person.pers_person_id"
TEAM = "ssd_department.dept_team_id"
WORKER = "ssd_professionals.prof_professional_id"
