"""Where the record tables are in a warehouse, and the pre-flight check.

A council's SSD database names its tables and columns much as scorepack does,
but not always: a table prefix, a schema, a column renamed by one SSD version
or case-management build.  A mapping file says what differs, keyed by the
SSD's per-field item references (``PERS001A``), which stay the same across
versions, or by ``table.column`` for extension tables::

    tables:
      ssd_involvements: ssd_involvement
    columns:
      PERS001A: person_id
      ext_team_type.etty_team_type: team_type

:func:`resolve` compares what the warehouse holds (its
``information_schema``) with the tables and columns scorepack reads, and
returns a :class:`Binding` -- how each table is reached, with columns renamed
and cast (a ``datetime`` to a date, an integer id to text, a floating-point
number to an exact decimal) -- and every problem found: each missing table,
each missing or mistyped column, all at once, before any figure is computed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml
from sqlglot import exp

from scorepack.errors import Problem
from scorepack.records.columns import ColumnType, Table
from scorepack.records.schema import TABLES

DECIMAL = "DECIMAL(18, 6)"
"""Numbers are summed as exact decimals, so every build gives the same figures."""
TEXT = "VARCHAR(255)"
_NULL_TYPE: dict[ColumnType, str] = {"date": "DATE", "number": DECIMAL}

_TEXT_TYPES = ("char", "text", "string", "uniqueidentifier")
_TIMESTAMP_TYPES = ("timestamp", "datetime")
_INTEGER_TYPES = ("int", "serial")
_EXACT_TYPES = ("numeric", "decimal", "money")
_FLOAT_TYPES = ("double", "float", "real")


def kind_of(data_type: str) -> str:
    """A warehouse column type in words: text, date, timestamp, integer, decimal,
    float, or other."""
    t = data_type.lower()
    if t == "date":
        return "date"
    for kind, names in (
        ("timestamp", _TIMESTAMP_TYPES),
        ("text", _TEXT_TYPES),
        ("decimal", _EXACT_TYPES),
        ("float", _FLOAT_TYPES),
        ("integer", _INTEGER_TYPES),
    ):
        if any(n in t for n in names):
            return kind
    return "other"


_ACCEPTS: dict[ColumnType, dict[str, str | None]] = {
    # scorepack type -> {warehouse kind: cast to (None: as it is)}
    "id": {"text": None, "integer": TEXT},
    "text": {"text": None},
    "flag": {"text": None},
    "date": {"date": None, "timestamp": "DATE"},
    "number": {"decimal": None, "integer": None, "float": DECIMAL},
}
_EXPECTED = {
    "id": "text or an integer",
    "text": "text",
    "flag": "text (Y/N)",
    "date": "a date or timestamp",
    "number": "a number",
}


@dataclass(frozen=True)
class ColumnSource:
    """One column as scorepack reads it: the warehouse column (None when an
    optional column is absent) and the type it is cast to, if any."""

    name: str
    found: str | None
    cast: str | None = None

    def expression(self) -> exp.Expression:
        if self.found is None:
            value: exp.Expression = exp.cast(exp.null(), self.cast or TEXT)
        else:
            value = exp.column(self.found, quoted=self.found != self.found.lower())
            if self.cast:
                value = exp.cast(value, self.cast)
        return exp.Alias(this=value, alias=exp.to_identifier(self.name))

    @property
    def rewritten(self) -> bool:
        return self.found != self.name or self.cast is not None


@dataclass(frozen=True)
class TableSource:
    """One record table: its name in the warehouse and its columns."""

    scorepack: str
    name: str
    columns: tuple[ColumnSource, ...] = ()

    @property
    def rewrites(self) -> bool:
        return any(c.rewritten for c in self.columns)


@dataclass(frozen=True)
class Binding:
    """How every record table present is reached; tables not listed are read
    by their own names."""

    schema: str | None = None
    catalog: str | None = None
    tables: dict[str, TableSource] = field(default_factory=dict)

    def table(self, name: str) -> TableSource:
        return self.tables.get(name) or TableSource(name, name)


@dataclass(frozen=True)
class Mapping:
    """Names that differ in the warehouse: tables, and ``(table, column)`` pairs."""

    tables: dict[str, str] = field(default_factory=dict)
    columns: dict[tuple[str, str], str] = field(default_factory=dict)


def item_refs() -> dict[str, tuple[str, str]]:
    """SSD item reference -> ``(table, column)`` for every SSD column scorepack reads."""
    text = resources.files("scorepack.measures.engines").joinpath("ssd_items.csv").read_text()
    return {r["item_ref"]: (r["table"], r["column"]) for r in csv.DictReader(text.splitlines())}


def load_mapping(path: Path, tables: tuple[Table, ...] = TABLES) -> tuple[Mapping, list[Problem]]:
    """Read a mapping file; every unknown table, item reference or column is a problem."""
    name = str(path)
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        return Mapping(), [Problem(name, None, None, f"cannot read the mapping file: {e}")]
    problems: list[Problem] = []
    known = {t.name: {c.name for c in t.columns} for t in tables}
    refs = item_refs()
    mapping = Mapping()
    if node is None:
        return mapping, problems
    if not isinstance(node, yaml.MappingNode):
        return mapping, [Problem(name, 1, None, "expected 'tables:' and 'columns:' sections")]
    for key, section in node.value:
        pairs = section.value if isinstance(section, yaml.MappingNode) else None
        if key.value not in ("tables", "columns") or pairs is None:
            problems.append(
                Problem(
                    name,
                    key.start_mark.line + 1,
                    None,
                    f"unknown section '{key.value}' "
                    "(expected 'tables:' and 'columns:', each of 'name: name in the warehouse')",
                )
            )
            continue
        for k, v in pairs:
            line, source, target = k.start_mark.line + 1, str(k.value), str(v.value)
            if key.value == "tables":
                if source in known:
                    mapping.tables[source] = target
                else:
                    problems.append(Problem(name, line, None, f"unknown table '{source}'"))
                continue
            pair = refs.get(source.upper())
            if pair is None and "." in source:
                t, _, c = source.partition(".")
                pair = (t, c) if c in known.get(t, set()) else None
            if pair is None:
                problems.append(
                    Problem(
                        name,
                        line,
                        None,
                        f"'{source}' is neither an SSD item reference that "
                        "scorepack reads (such as PERS001A) nor a table.column it reads",
                    )
                )
            else:
                mapping.columns[pair] = target
    return mapping, problems


def resolve(
    present: dict[str, dict[str, str]],
    schema: str | None = None,
    prefix: str = "",
    mapping: Mapping | None = None,
    catalog: str | None = None,
    tables: tuple[Table, ...] = TABLES,
) -> tuple[Binding, list[Problem]]:
    """The binding of every record table found, and every problem (the pre-flight check)."""
    mapping = mapping or Mapping()
    refs = {pair: ref for ref, pair in item_refs().items()}
    problems: list[Problem] = []
    bound: dict[str, TableSource] = {}
    for table in tables:
        wanted = mapping.tables.get(table.name, f"{prefix}{table.name}")
        where = f"{schema}.{wanted}" if schema else wanted
        found = present.get(wanted.lower())
        if found is None:
            if table.required:
                problems.append(
                    Problem(where, None, None, f"table not found (scorepack's {table.name})")
                )
            continue
        columns, wrong = _columns(table, found, mapping, refs, where)
        problems += wrong
        if not wrong:
            bound[table.name] = TableSource(table.name, wanted.lower(), columns)
    return Binding(schema, catalog, bound), problems


def _columns(
    table: Table,
    found: dict[str, str],
    mapping: Mapping,
    refs: dict[tuple[str, str], str],
    where: str,
) -> tuple[tuple[ColumnSource, ...], list[Problem]]:
    out: list[ColumnSource] = []
    problems: list[Problem] = []
    for col in table.columns:
        wanted = mapping.columns.get((table.name, col.name), col.name)
        item = refs.get((table.name, col.name))
        about = f"SSD item {item}, " if item else ""
        data_type = found.get(wanted.lower())
        if data_type is None:
            if col.required:
                problems.append(
                    Problem(
                        where,
                        None,
                        wanted,
                        f"column not found ({about}scorepack's "
                        f"{table.name}.{col.name}, {_EXPECTED[col.type]})",
                    )
                )
            else:
                out.append(ColumnSource(col.name, None, _NULL_TYPE.get(col.type, TEXT)))
            continue
        accepted = _ACCEPTS[col.type]
        kind = kind_of(data_type)
        if kind not in accepted:
            problems.append(
                Problem(
                    where,
                    None,
                    wanted,
                    f"expected {_EXPECTED[col.type]}, found {data_type} "
                    f"({about}scorepack's {table.name}.{col.name})",
                )
            )
            continue
        out.append(ColumnSource(col.name, wanted.lower(), accepted[kind]))
    return tuple(out), problems
