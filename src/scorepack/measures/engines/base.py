"""What every engine does, and the one place SQL is written for a dialect.

An :class:`Engine` computes figures inside one database: it runs definitions,
creates the helper tables as session temporary tables, lists the tables and
columns present, and closes.  Everything it writes is a ``SELECT``, a
temporary table (``CREATE TEMPORARY TABLE``, ``INSERT`` into it, ``DROP`` it),
an index or ``ANALYZE`` of one, a temporary view of a definition's events, or
a setting of the session: nothing is ever written to the records' schema.

A :class:`Writer` turns a parsed definition into the text one dialect runs:
record tables are reached through the :class:`~.source.Binding` (schema,
table prefix, renamed columns, casts), helper tables get the dialect's
temporary names, and the dialect's own adjustments are applied.  Each engine
module subclasses both, and that is the only place a dialect differs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, ClassVar

from sqlglot import exp

from scorepack.measures import portable
from scorepack.measures.engines.source import Binding, TableSource
from scorepack.measures.portable import Definition

RESULT_COLUMNS = ("unit", "period", "cohort", "numerator", "denominator")
"""What every definition (or its shared ending) returns."""
DATA_QUALITY = "data_quality"
"""An optional sixth result column: records left out because a value they need is unknown."""
EVENT_COLUMNS = ("child", "event_date", "team_id", "numerator", "denominator")
"""The columns a definition that declares a shared ending must return."""

HelperType = str
"""A helper table column's type: ``text``, ``date`` or ``int``."""


class Writer:
    """SQL for one dialect, with record tables reached through a binding."""

    dialect: ClassVar[str] = "duckdb"
    types: ClassVar[dict[HelperType, str]] = {"text": "VARCHAR", "date": "DATE", "int": "INTEGER"}
    temp_prefix: ClassVar[str] = ""

    def __init__(self, binding: Binding | None = None) -> None:
        self.binding = binding or Binding()
        self.standins: set[str] = set()
        """Record tables absent from the records and made as empty temporary
        tables: read as temporary tables, never through the binding's schema."""

    def temp(self, name: str) -> str:
        """The name a temporary table goes by in this dialect."""
        return f"{self.temp_prefix}{name}"

    def adjust(self, node: exp.Expression) -> exp.Expression:
        """The dialect's own rewrites of one node (none by default)."""
        return node

    def _source(self, table: TableSource, alias: str) -> exp.Expression:
        target = exp.Table(
            this=_ident(table.name),
            db=_ident(self.binding.schema) if self.binding.schema else None,
            catalog=_ident(self.binding.catalog) if self.binding.catalog else None,
        )
        if not table.rewrites:
            if alias:
                target.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
            return target
        select = exp.select(*[c.expression() for c in table.columns]).from_(target)
        return select.subquery(alias or table.scorepack)

    def bind(self, defn: Definition) -> exp.Expression:
        """The definition's tree with every table named as this dialect and
        binding reach it."""
        record = defn.record_tables
        temps = defn.tables - record

        def rename(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.Table) and not node.db:
                name = node.name.lower()
                if name in record and name not in self.standins:
                    return self._source(self.binding.table(name), node.alias)
                if (name in temps or name in self.standins) and self.temp_prefix:
                    return exp.Table(
                        this=exp.Identifier(this=self.temp(name), quoted=False),
                        alias=node.args.get("alias"),
                    )
            return self.adjust(node)

        return defn.tree.transform(rename)

    def query(self, defn: Definition) -> str:
        return self.bind(defn).sql(dialect=self.dialect, pretty=True)

    def create_as(self, name: str, defn: Definition) -> str:
        create = portable.temp_table(name, self.bind(defn))
        return create.sql(dialect=self.dialect, pretty=True)

    def create(self, name: str, columns: dict[str, HelperType]) -> str:
        cols = ", ".join(f"{c} {self.types[t]}" for c, t in columns.items())
        return f"CREATE TEMPORARY TABLE {self.temp(name)} ({cols})"

    def drop(self, name: str) -> str:
        return f"DROP TABLE IF EXISTS {self.temp(name)}"

    def statements(self, defn: Definition) -> list[str]:
        """The statements that run ``defn``: one query, or for a definition
        with a shared ending, its events as a temporary table, the ending, and
        dropping the table."""
        if defn.ending is None:
            return [self.query(defn)]
        tail = portable.parse(portable.helper_sql(defn.ending))
        return [
            self.create_as(portable.EVENTS, defn),
            self.query(tail),
            f"DROP TABLE {self.temp(portable.EVENTS)}",
        ]


def _ident(name: str) -> exp.Identifier:
    """An identifier, quoted only when the name would not survive unquoted."""
    return exp.to_identifier(name, quoted=name != name.lower() or not name.isidentifier())


def check_columns(defn: Definition, wanted: Sequence[str], what: str) -> None:
    """Refuse a definition whose result lacks any of ``wanted``."""
    named = defn.tree.named_selects if isinstance(defn.tree, exp.Query) else []
    if "*" in named:
        return
    missing = [c for c in wanted if c not in named]
    if missing:
        raise ValueError(
            f"{what} must return the columns {', '.join(wanted)}; missing {', '.join(missing)}"
        )


def exact(number: Any) -> int | float:
    """A numerator or denominator as it prints the same way every time: a whole
    number as an int, anything else as the float nearest its exact value."""
    if number is None:
        return 0
    if isinstance(number, int):
        return number
    if isinstance(number, Decimal):
        return int(number) if number == number.to_integral_value() else float(number)
    value = float(number)
    return int(value) if value.is_integer() else value


def _maybe(number: Any) -> int | float | None:
    return None if number is None else exact(number)


class Engine(ABC):
    """One database that figures are computed in."""

    writer_class: ClassVar[type[Writer]] = Writer
    name: ClassVar[str] = "engine"

    def __init__(self, binding: Binding | None = None) -> None:
        self.writer = self.writer_class(binding)

    @property
    def binding(self) -> Binding:
        return self.writer.binding

    # --- what each engine provides -----------------------------------------------------------

    @abstractmethod
    def fetch(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows of one query."""

    @abstractmethod
    def execute(self, sql: str) -> None:
        """Run one statement that returns nothing."""

    @abstractmethod
    def insert(self, name: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Fill the (temporary) table ``name``."""

    @abstractmethod
    def catalogue_rows(self) -> list[tuple[str, str, str]]:
        """``(table, column, data type)`` of every table in the records' schema."""

    @abstractmethod
    def close(self) -> None:
        """Give the connection back; every temporary table goes with it."""

    def analyze(self, name: str) -> None:  # noqa: B027 - most engines need nothing
        """Gather statistics on a new temporary table, where the engine needs it."""

    # --- built on those ----------------------------------------------------------------------

    def present(self) -> dict[str, dict[str, str]]:
        """``{table: {column: data type}}`` as found, names in lower case."""
        found: dict[str, dict[str, str]] = {}
        for table, column, kind in self.catalogue_rows():
            found.setdefault(str(table).lower(), {})[str(column).lower()] = str(kind).lower()
        return found

    def select(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows of a query written in the definitions' SQL."""
        return self.fetch(self.writer.query(portable.parse(sql)))

    def create_table(
        self, name: str, columns: dict[str, HelperType], rows: list[tuple[Any, ...]]
    ) -> None:
        """(Re)create the temporary helper table ``name`` holding ``rows``."""
        self.execute(self.writer.drop(name))
        self.execute(self.writer.create(name, columns))
        self.insert(self.writer.temp(name), list(columns), rows)
        self.analyze(self.writer.temp(name))

    def create_from(self, name: str, defn: Definition) -> None:
        """(Re)create the temporary table ``name`` from a query."""
        self.execute(self.writer.drop(name))
        self.execute(self.writer.create_as(name, defn))
        self.analyze(self.writer.temp(name))

    def drop(self, name: str) -> None:
        self.execute(self.writer.drop(name))

    def run(self, defn: Definition) -> list[tuple[Any, ...]]:
        """Rows ``(unit, period, cohort, numerator, denominator)`` of one definition."""
        if defn.ending is None:
            check_columns(defn, RESULT_COLUMNS, "a definition")
            return self._result(defn)
        check_columns(defn, EVENT_COLUMNS, f"a '{defn.ending}' definition")
        tail = portable.parse(portable.helper_sql(defn.ending))
        self.make_events(defn)
        try:
            return self._result(tail)
        finally:
            self.drop_events()

    events_view: ClassVar[bool] = False
    """Give a definition's events to its shared ending as a temporary view
    rather than a table, so that the database plans the two together (and
    reads only the events of the months computed)."""

    def make_events(self, defn: Definition) -> None:
        if not self.events_view:
            self.create_from(portable.EVENTS, defn)
            return
        query = self.writer.query(defn)
        self.execute(f"CREATE OR REPLACE TEMPORARY VIEW {portable.EVENTS} AS {query}")

    def drop_events(self) -> None:
        if self.events_view:
            self.execute(f"DROP VIEW IF EXISTS {portable.EVENTS}")
        else:
            self.drop(portable.EVENTS)

    def _result(self, defn: Definition) -> list[tuple[Any, ...]]:
        named = list(defn.tree.named_selects) if isinstance(defn.tree, exp.Query) else []
        rows = self.fetch(self.writer.query(defn))
        at = list(range(5)) if "*" in named else [named.index(c) for c in RESULT_COLUMNS]
        if DATA_QUALITY in named:  # then rows carry it sixth
            q = named.index(DATA_QUALITY)
            return [(*self._row(r, at), _maybe(r[q])) for r in rows]
        return [self._row(r, at) for r in rows]

    @staticmethod
    def _row(r: Sequence[Any], at: list[int]) -> tuple[Any, ...]:
        return (r[at[0]], r[at[1]], r[at[2]], exact(r[at[3]]), _maybe(r[at[4]]))

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
