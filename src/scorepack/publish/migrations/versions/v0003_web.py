"""The web app's tables: accounts, role grants, sessions, the audit log, commentary, sign-offs.

Before this migration the web app made its tables itself (``create_all``), so
a store may already hold some of them: those are kept as they are and only the
missing ones are created.  The audit log refuses ``UPDATE``, ``DELETE`` (and,
on PostgreSQL, ``TRUNCATE``) through triggers.

Revision ID: 0003
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = (
    "web_accounts",
    "web_grants",
    "web_sessions",
    "web_audit",
    "web_commentary",
    "web_signoffs",
    "web_oidc_pending",
)


def _moment(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _text(name: str, length: int | None, nullable: bool = False, **kw: object) -> sa.Column:
    kind = sa.Text if length is None else sa.String(length)
    return sa.Column(name, kind, nullable=nullable, **kw)  # type: ignore[arg-type]


def _account() -> sa.Column:
    return sa.Column("account_id", sa.Integer, sa.ForeignKey("web_accounts.id"), nullable=False)


def _key() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _tables() -> dict[str, tuple[object, ...]]:
    return {
        "web_accounts": (
            _key(),
            _text("username", 120, unique=True),
            _text("display_name", 200),
            _text("password_hash", 200, nullable=True),
            _text("oidc_subject", 255, nullable=True, unique=True),
            sa.Column("failed_sign_ins", sa.Integer, nullable=False, server_default="0"),
            _moment("locked_until", nullable=True),
            sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
            _moment("created_at"),
        ),
        "web_grants": (
            _key(),
            _account(),
            _text("role", 20),
            _text("unit_id", 120),
            sa.UniqueConstraint("account_id", "role", "unit_id"),
        ),
        "web_sessions": (
            _text("token_hash", 64, primary_key=True),
            _account(),
            _text("csrf_token", 64),
            _moment("created_at"),
            _moment("expires_at"),
        ),
        "web_audit": (
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            _moment("at"),
            _text("actor", 120, nullable=True),
            _text("address", 64, nullable=True),
            _text("event", 60),
            _text("unit_id", 120, nullable=True),
            _text("month", 7, nullable=True),
            _text("detail", None, server_default="{}"),
        ),
        "web_commentary": (
            _key(),
            _text("month", 7),
            _text("unit_id", 120),
            _text("indicator_id", 120),
            _text("state", 20),
            _text("text", None),
            _text("action", None, server_default=""),
            _text("due", 10, nullable=True),
            _text("note", None, server_default=""),
            sa.Column("revision", sa.Integer, nullable=False),
            _text("updated_by", 120),
            _moment("updated_at"),
            sa.UniqueConstraint("month", "unit_id", "indicator_id"),
        ),
        "web_signoffs": (
            _key(),
            _text("month", 7),
            _text("unit_id", 120),
            _text("signed_by", 120),
            _moment("signed_at"),
            sa.UniqueConstraint("month", "unit_id"),
        ),
        "web_oidc_pending": (
            _text("state", 64, primary_key=True),
            _text("nonce", 64),
            _text("verifier", 128),
            _moment("created_at"),
        ),
    }


APPEND_ONLY = {
    "sqlite": [
        "CREATE TRIGGER IF NOT EXISTS web_audit_no_update BEFORE UPDATE ON web_audit "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
        "CREATE TRIGGER IF NOT EXISTS web_audit_no_delete BEFORE DELETE ON web_audit "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION web_audit_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS web_audit_append_only ON web_audit",
        "CREATE TRIGGER web_audit_append_only BEFORE UPDATE OR DELETE ON web_audit "
        "FOR EACH ROW EXECUTE FUNCTION web_audit_append_only()",
        "DROP TRIGGER IF EXISTS web_audit_no_truncate ON web_audit",
        "CREATE TRIGGER web_audit_no_truncate BEFORE TRUNCATE ON web_audit "
        "FOR EACH STATEMENT EXECUTE FUNCTION web_audit_append_only()",
    ],
}
"""The audit log's guard, per dialect (idempotent)."""


def upgrade() -> None:
    bind = op.get_bind()
    existing = set(sa.inspect(bind).get_table_names())
    for name, columns in _tables().items():
        if name not in existing:
            op.create_table(name, *columns)  # type: ignore[arg-type]
    for sql in APPEND_ONLY.get(bind.dialect.name, []):
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS web_audit_append_only() CASCADE")
    for name in reversed(TABLES):
        op.drop_table(name)
