"""DfE statistics imported into the store: one row per file, one per row of each file.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "benchmark_table",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(400), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("columns_json", sa.Text, nullable=False),
        sa.Column("measures_json", sa.Text, nullable=False),
        sa.Column("row_count", sa.Integer, nullable=False),
        sa.UniqueConstraint("name", name="uq_benchmark_table_name"),
    )
    op.create_table(
        "benchmark_row",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "table_id",
            sa.Integer,
            sa.ForeignKey("benchmark_table.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("year", sa.String(20), nullable=False),
        sa.Column("level", sa.String(40), nullable=False),
        sa.Column("old_la_code", sa.String(20), nullable=False),
        sa.Column("new_la_code", sa.String(20), nullable=False),
        sa.Column("cells_json", sa.Text, nullable=False),
    )
    op.create_index("ix_benchmark_row_table_year", "benchmark_row", ["table_id", "year"])


def downgrade() -> None:
    op.drop_table("benchmark_row")
    op.drop_table("benchmark_table")
