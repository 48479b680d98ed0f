"""Alembic's environment for the store: always run from :func:`scorepack.publish.store.migrate`.

The caller hands over an open connection in ``config.attributes["connection"]``;
the migrations run inside that connection's transaction, so two processes that
open a new store at once cannot both create it.
"""

from __future__ import annotations

from alembic import context

from scorepack.publish.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    transactional_ddl=True,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
