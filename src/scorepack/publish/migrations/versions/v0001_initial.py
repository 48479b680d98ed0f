"""The first store: publications, judgements, figures used, summaries and files.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

IMMUTABLE = ("publication", "judgement", "used_figure", "unit_summary", "published_file")


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def _parent() -> sa.Column:
    return sa.Column(
        "publication_id", sa.Integer, sa.ForeignKey("publication.id"), nullable=False, index=True
    )


def _numbers() -> list[sa.Column]:
    return [sa.Column(n, sa.Float, nullable=True) for n in ("numerator", "denominator", "value")]


def _text(name: str, length: int, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.String(length), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "publication",
        _id(),
        _text("month", 7),
        sa.Column("version", sa.Integer, nullable=False),
        _text("origin", 16),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        _text("published_by", 200),
        sa.Column("reason", sa.Text, nullable=True),
        _text("catalogue_name", 200),
        _text("catalogue_hash", 64),
        sa.Column("catalogue_text", sa.Text, nullable=False),
        sa.Column("commentary", sa.Text, nullable=True),
        sa.UniqueConstraint("month", "version", name="uq_publication_month_version"),
    )
    op.create_index("ix_publication_month", "publication", ["month"])
    op.create_table(
        "judgement",
        _id(),
        _parent(),
        _text("indicator", 200),
        _text("unit", 200),
        _text("cohort", 200),
        *_numbers(),
        sa.Column("reported", sa.Float, nullable=True),
        _text("display", 40),
        _text("rag", 1, nullable=True),
        sa.Column("target", sa.Float, nullable=True),
        _text("previous_display", 40, nullable=True),
        _text("dot_previous", 10, nullable=True),
        _text("previous_source", 10, nullable=True),
        _text("outturn_display", 40, nullable=True),
        _text("dot_outturn", 10, nullable=True),
        _text("outturn_source", 10, nullable=True),
        sa.UniqueConstraint("publication_id", "indicator", "unit", "cohort", name="uq_judgement"),
    )
    op.create_index("ix_judgement_unit_indicator", "judgement", ["unit", "indicator", "cohort"])
    op.create_table(
        "used_figure",
        _id(),
        _parent(),
        _text("indicator", 200),
        _text("unit", 200),
        _text("month", 7),
        _text("cohort", 200),
        *_numbers(),
        sa.UniqueConstraint(
            "publication_id", "indicator", "unit", "month", "cohort", name="uq_used_figure"
        ),
    )
    op.create_table(
        "unit_summary",
        _id(),
        _parent(),
        _text("unit", 200),
        _text("unit_name", 400),
        sa.Column("summary_json", sa.Text, nullable=False),
        sa.Column("summary_text", sa.Text, nullable=False),
        sa.UniqueConstraint("publication_id", "unit", name="uq_unit_summary"),
    )
    op.create_table(
        "published_file",
        _id(),
        _parent(),
        _text("name", 400),
        _text("sha256", 64),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.UniqueConstraint("publication_id", "name", name="uq_published_file"),
    )
    _immutable()


def _immutable() -> None:
    """Refuse UPDATE and DELETE on every published table, whoever connects."""
    message = "a published month is immutable: publish a revision instead"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION scorepack_immutable() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        for table in IMMUTABLE:
            op.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION scorepack_immutable()"
            )
        return
    for table in IMMUTABLE:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def downgrade() -> None:
    for table in reversed(IMMUTABLE):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS scorepack_immutable()")
