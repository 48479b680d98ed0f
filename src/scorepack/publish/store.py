"""Open the store: where it is, its engine, and its migrations (run on every open).

The store is an SQLite file by default, in the data folder
``$XDG_DATA_HOME/scorepack/store.sqlite`` (``~/.local/share/scorepack`` when
``XDG_DATA_HOME`` is unset).  ``--store URL`` or the ``SCOREPACK_STORE``
environment variable choose another: any SQLAlchemy URL
(``postgresql+psycopg://user@host/db``, ``sqlite:////path/store.sqlite``) or a
plain file path, taken as SQLite.

SQLite write transactions start with ``BEGIN IMMEDIATE``: a second writer waits
for the first (up to :data:`BUSY_SECONDS`) instead of failing half-way.
Migrations run inside one transaction (on PostgreSQL under an advisory lock),
so two processes opening a new store at once cannot both create it.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from scorepack.errors import InputError, Problem

ENV_VAR = "SCOREPACK_STORE"
BUSY_SECONDS = 30.0
MIGRATION_LOCK = 2016_03
"""The PostgreSQL advisory lock key held while migrating."""


def data_folder() -> Path:
    """Where scorepack keeps its data by default."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "scorepack"


def store_url(given: str | None = None) -> str:
    """The store's SQLAlchemy URL: ``--store``, else ``$SCOREPACK_STORE``, else the data folder."""
    chosen = given or os.environ.get(ENV_VAR)
    if not chosen:
        return f"sqlite:///{data_folder() / 'store.sqlite'}"
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser().absolute()}"
    return chosen


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself, below
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_engine(url: str) -> Engine:
    """An engine for the URL; InputError naming the URL if it is not one."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError([Problem("--store", None, None, f"not a database URL: {url!r}")]) from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    try:
        return create_engine(url, pool_pre_ping=True)
    except Exception as exc:  # an unknown dialect or a missing driver
        raise InputError(
            [Problem("--store", None, None, f"cannot use {describe(url)}: {exc}")]
        ) from None


def _config(conn: Connection | None = None) -> Config:
    cfg = Config()
    folder = resources.files("scorepack.publish") / "migrations"
    cfg.set_main_option("script_location", str(folder))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(_config()).get_current_head()


@contextmanager
def writing(engine: Engine) -> Any:
    """A connection in a write transaction (``BEGIN IMMEDIATE`` on SQLite), committed at the end."""
    with engine.connect() as conn:
        conn = conn.execution_options(write=True)
        with conn.begin():
            yield conn


def migrate(engine: Engine) -> None:
    """Bring the store's tables up to the newest migration (nothing to do if they are)."""
    head = head_revision()
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
        command.upgrade(_config(conn), "head")
