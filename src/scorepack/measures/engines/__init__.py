"""Engines: the databases figures are computed in, each a small class behind
one interface (:class:`~.base.Engine`).

``open_engine(url, schema=…, prefix=…, mapping=…)`` connects, runs the
pre-flight check (every missing or mistyped table and column, all at once)
and returns an engine ready for
:func:`scorepack.measures.compute.compute_figures`.
"""

from __future__ import annotations

from pathlib import Path

import duckdb as duckdb_lib
import sqlalchemy as sa

from scorepack.errors import InputError, Problem
from scorepack.measures.engines.base import Engine, Writer
from scorepack.measures.engines.duckdb import DuckDBEngine, DuckDBWriter
from scorepack.measures.engines.postgres import PostgresEngine, PostgresWriter
from scorepack.measures.engines.source import Binding, Mapping, load_mapping, resolve
from scorepack.measures.engines.tsql import TsqlEngine, TsqlWriter

__all__ = ["DIALECTS", "Engine", "Writer", "as_engine", "bind", "dialect_for", "open_engine"]

DIALECTS: dict[str, type[Writer]] = {
    "duckdb": DuckDBWriter,
    "postgres": PostgresWriter,
    "tsql": TsqlWriter,
}
"""The dialects definitions can be written in, by sqlglot's names."""
SERVERS: dict[str, type[PostgresEngine] | type[TsqlEngine]] = {
    "postgresql": PostgresEngine,
    "mssql": TsqlEngine,
}
"""SQLAlchemy URL back ends and the engine for each."""


def dialect_for(name: str, binding: Binding | None = None) -> Writer:
    """The writer of dialect ``name`` (``duckdb``, ``postgres``, ``tsql``)."""
    try:
        return DIALECTS[name](binding)
    except KeyError:
        raise ValueError(f"unknown dialect '{name}' (known: {', '.join(DIALECTS)})") from None


def bind(
    engine: Engine, schema: str | None = None, prefix: str = "", mapping: Mapping | None = None
) -> Engine:
    """Run the pre-flight check and point ``engine`` at the tables found.

    Raises :class:`InputError` listing every missing or mistyped table and
    column; the engine is then closed.
    """
    engine.writer.binding = Binding(schema)
    binding, problems = resolve(engine.present(), schema, prefix, mapping)
    if problems:
        engine.close()
        raise InputError(problems)
    engine.writer.binding = binding
    return engine


def as_engine(source: Engine | duckdb_lib.DuckDBPyConnection) -> Engine:
    """An engine for a DuckDB connection (bound to its main schema), or the engine itself."""
    if isinstance(source, Engine):
        return source
    return bind(DuckDBEngine(source))


def open_engine(
    url: str,
    schema: str | None = None,
    prefix: str = "",
    mapping: Path | None = None,
) -> Engine:
    """Connect to ``url`` and check it: a DuckDB file (a path, or ``duckdb:///path``),
    ``postgresql://…`` or ``mssql+pyodbc://…``."""
    rules = Mapping()
    if mapping is not None:
        rules, problems = load_mapping(mapping)
        if problems:
            raise InputError(problems)
    engine: Engine
    if url.startswith("duckdb:") or "://" not in url:
        path = url.removeprefix("duckdb:").removeprefix("///") if "://" in url else url
        if not Path(path).exists():
            raise InputError([Problem(path, None, None, "database file not found")])
        if not Path(path).is_file():
            raise InputError([Problem(path, None, None, "expected a DuckDB database file")])
        try:
            conn = duckdb_lib.connect(
                path,
                read_only=True,
                config={"autoinstall_known_extensions": False, "autoload_known_extensions": False},
            )
        except duckdb_lib.Error as e:
            first = str(e).strip().splitlines()[0][:200]
            raise InputError(
                [Problem(path, None, None, f"not a DuckDB database scorepack can read: {first}")]
            ) from None
        engine = DuckDBEngine(conn, own=True)
    else:
        try:
            parsed = sa.make_url(url)
        except sa.exc.ArgumentError as e:
            raise InputError([Problem("--engine", None, None, str(e))]) from None
        backend = parsed.get_backend_name()
        if backend not in SERVERS:
            known = ", ".join(["duckdb", *SERVERS])
            raise InputError(
                [Problem("--engine", None, None, f"unknown database '{backend}' (known: {known})")]
            )
        if backend == "postgresql" and parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            engine = SERVERS[backend](parsed)
        except sa.exc.SQLAlchemyError as e:
            message = str(e.orig if isinstance(e, sa.exc.DBAPIError) else e).strip()
            raise InputError(
                [Problem("--engine", None, None, f"cannot connect: {message}")]
            ) from None
    return bind(engine, schema, prefix, rules)
