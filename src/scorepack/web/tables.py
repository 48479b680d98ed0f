"""The web app's tables: accounts, role grants, sessions and the audit log.

The audit log is append-only: the database itself refuses ``UPDATE`` and
``DELETE`` on it (a trigger on SQLite and on PostgreSQL, made by the store's
migration ``v0003_web``), so not even a bug in scorepack can rewrite history.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

accounts = sa.Table(
    "web_accounts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(120), nullable=False, unique=True),
    sa.Column("display_name", sa.String(200), nullable=False),
    sa.Column("password_hash", sa.String(200)),
    sa.Column("oidc_subject", sa.String(255), unique=True),
    sa.Column("failed_sign_ins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", sa.DateTime(timezone=True)),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

grants = sa.Table(
    "web_grants",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account_id", sa.ForeignKey("web_accounts.id"), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("unit_id", sa.String(120), nullable=False),
    sa.UniqueConstraint("account_id", "role", "unit_id"),
)

sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.ForeignKey("web_accounts.id"), nullable=False),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)

audit = sa.Table(
    "web_audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("actor", sa.String(120)),
    sa.Column("address", sa.String(64)),
    sa.Column("event", sa.String(60), nullable=False),
    sa.Column("unit_id", sa.String(120)),
    sa.Column("month", sa.String(7)),
    sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
)

commentary = sa.Table(
    "web_commentary",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("month", sa.String(7), nullable=False),
    sa.Column("unit_id", sa.String(120), nullable=False),
    sa.Column("indicator_id", sa.String(120), nullable=False),
    sa.Column("state", sa.String(20), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("action", sa.Text, nullable=False, server_default=""),
    sa.Column("due", sa.String(10)),
    sa.Column("note", sa.Text, nullable=False, server_default=""),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("updated_by", sa.String(120), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("month", "unit_id", "indicator_id"),
)

signoffs = sa.Table(
    "web_signoffs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("month", sa.String(7), nullable=False),
    sa.Column("unit_id", sa.String(120), nullable=False),
    sa.Column("signed_by", sa.String(120), nullable=False),
    sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("month", "unit_id"),
)

oidc_pending = sa.Table(
    "web_oidc_pending",
    metadata,
    sa.Column("state", sa.String(64), primary_key=True),
    sa.Column("nonce", sa.String(64), nullable=False),
    sa.Column("verifier", sa.String(128), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


def create_schema(engine: sa.Engine) -> None:
    """Bring the store, with the web tables and the audit log's guard, up to the newest migration.

    The tables are made by the store's Alembic migrations (``v0003_web``);
    :data:`metadata` describes them for queries (a test checks the two agree).
    """
    from scorepack.publish.store import migrate

    migrate(engine)
