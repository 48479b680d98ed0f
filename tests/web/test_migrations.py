"""The web tables come from the store's Alembic migrations, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from scorepack.publish.store import _config, head_revision, make_engine, writing
from scorepack.service import accounts
from scorepack.web import tables
from scorepack.web.tables import create_schema

WEB_TABLES = {t.name for t in tables.metadata.sorted_tables}


def _about_web(diff: object) -> bool:
    """Whether an Alembic difference concerns a web table (the store's own are not described here)."""
    found = diff[0] if isinstance(diff, list) else diff
    assert isinstance(found, tuple)
    for part in found:
        table = getattr(part, "table", None)
        name = getattr(table, "name", None) or getattr(part, "name", None)
        if isinstance(name, str) and name.startswith("web_"):
            return True
        if isinstance(part, str) and part.startswith("web_"):
            return True
    return False


def _upgraded(url: str) -> sa.Engine:
    engine = make_engine(url)
    create_schema(engine)
    return engine


def _check(engine: sa.Engine, username: str = "someone") -> None:
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
        assert set(sa.inspect(conn).get_table_names()) >= WEB_TABLES
        # the migration makes exactly the tables the queries describe
        diffs = compare_metadata(MigrationContext.configure(conn), tables.metadata)
        assert [d for d in diffs if _about_web(d)] == []
    accounts.add_account(engine, username, "Someone", "a long enough password")
    with engine.begin() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(tables.audit)).scalar_one() >= 1
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(tables.audit.update().values(actor="someone else"))
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(tables.audit.delete())


def test_an_empty_sqlite_store_is_upgraded_to_head(tmp_path) -> None:
    engine = _upgraded(f"sqlite:///{tmp_path / 'store.sqlite'}")
    _check(engine)
    create_schema(engine)  # a second run has nothing to do
    _check(engine, "someone-else")
    engine.dispose()


def test_an_empty_postgresql_database_is_upgraded_to_head(postgres_url) -> None:
    engine = _upgraded(postgres_url)
    _check(engine)
    with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE web_audit"))
    engine.dispose()


def test_web_tables_made_before_the_migration_are_kept(tmp_path) -> None:
    """A store whose web tables ``create_all`` made (before v0003) keeps its accounts."""
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with writing(engine) as conn:
        command.upgrade(_config(conn), "0001")
    tables.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(
            tables.accounts.insert().values(
                username="early", display_name="Early", created_at=datetime.now(UTC)
            )
        )
    create_schema(engine)
    _check(engine)
    assert accounts.find(engine, "early") is not None
    engine.dispose()
