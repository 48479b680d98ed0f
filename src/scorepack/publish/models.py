"""The store's tables, as SQLAlchemy 2 declarative models.

A :class:`Publication` is one version of one month.  Under it are the
judgements it reported (one per indicator, unit and cohort), the figures it
used (one per indicator, unit, month and cohort), each unit's summary and the
rendered files.  ``(month, version)`` is unique, which is what makes two
concurrent publishes of one month safe: the database lets one of them in.

:class:`BenchmarkTable` and :class:`BenchmarkRow` hold DfE statistics files
imported by ``scorepack benchmarks import`` (migration 0002): reference data,
replaced whole when a file changes, never part of a publication.

The migrations in ``publish/migrations`` create these tables; a test checks
that they agree with the models.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Publication(Base):
    __tablename__ = "publication"
    __table_args__ = (UniqueConstraint("month", "version", name="uq_publication_month_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    version: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(16))
    """``published`` (by ``scorepack publish``) or ``imported`` (seeded from earlier reports)."""
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    catalogue_name: Mapped[str] = mapped_column(String(200))
    catalogue_hash: Mapped[str] = mapped_column(String(64))
    catalogue_text: Mapped[str] = mapped_column(Text)
    commentary: Mapped[str | None] = mapped_column(Text)

    judgements: Mapped[list[Judgement]] = relationship(back_populates="publication")
    files: Mapped[list[PublishedFile]] = relationship(back_populates="publication")


class Judgement(Base):
    """One indicator's reported result for one unit and cohort in the publication's month."""

    __tablename__ = "judgement"
    __table_args__ = (
        UniqueConstraint("publication_id", "indicator", "unit", "cohort", name="uq_judgement"),
        Index("ix_judgement_unit_indicator", "unit", "indicator", "cohort"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(200))
    cohort: Mapped[str] = mapped_column(String(200))
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float | None] = mapped_column(Float)
    """Unrounded, as judged."""
    reported: Mapped[float | None] = mapped_column(Float)
    """The value as printed (rounded to the indicator's precision): what later months compare with."""
    display: Mapped[str] = mapped_column(String(40))
    rag: Mapped[str | None] = mapped_column(String(1))
    target: Mapped[float | None] = mapped_column(Float)
    previous_display: Mapped[str | None] = mapped_column(String(40))
    dot_previous: Mapped[str | None] = mapped_column(String(10))
    previous_source: Mapped[str | None] = mapped_column(String(10))
    outturn_display: Mapped[str | None] = mapped_column(String(40))
    dot_outturn: Mapped[str | None] = mapped_column(String(10))
    outturn_source: Mapped[str | None] = mapped_column(String(10))

    publication: Mapped[Publication] = relationship(back_populates="judgements")


class UsedFigure(Base):
    """A figure the publication used: the month's own, and those of past months it compared with."""

    __tablename__ = "used_figure"
    __table_args__ = (
        UniqueConstraint(
            "publication_id", "indicator", "unit", "month", "cohort", name="uq_used_figure"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id"), index=True)
    indicator: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(200))
    month: Mapped[str] = mapped_column(String(7))
    cohort: Mapped[str] = mapped_column(String(200))
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float | None] = mapped_column(Float)


class UnitSummary(Base):
    """One unit's performance summary as published."""

    __tablename__ = "unit_summary"
    __table_args__ = (UniqueConstraint("publication_id", "unit", name="uq_unit_summary"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id"), index=True)
    unit: Mapped[str] = mapped_column(String(200))
    unit_name: Mapped[str] = mapped_column(String(400))
    summary_json: Mapped[str] = mapped_column(Text)
    summary_text: Mapped[str] = mapped_column(Text)


class PublishedFile(Base):
    """One rendered file of the pack, byte for byte, with its SHA-256."""

    __tablename__ = "published_file"
    __table_args__ = (UniqueConstraint("publication_id", "name", name="uq_published_file"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    publication_id: Mapped[int] = mapped_column(ForeignKey("publication.id"), index=True)
    name: Mapped[str] = mapped_column(String(400))
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)

    publication: Mapped[Publication] = relationship(back_populates="files")


class BenchmarkTable(Base):
    """One imported DfE file: a statistics table or the statistical neighbour groupings."""

    __tablename__ = "benchmark_table"
    __table_args__ = (UniqueConstraint("name", name="uq_benchmark_table_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(400))
    """The file's name, as the catalogue's ``benchmark: file:`` names it."""
    kind: Mapped[str] = mapped_column(String(16))
    """``table`` (a DfE statistics file) or ``neighbours`` (the groupings file)."""
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    columns_json: Mapped[str] = mapped_column(Text)
    """The file's columns, in order (a JSON list)."""
    measures_json: Mapped[str] = mapped_column(Text)
    """The columns holding numbers or suppression codes (a JSON list)."""
    row_count: Mapped[int] = mapped_column(Integer)


class BenchmarkRow(Base):
    """One row of an imported file, its cells as published (text, suppression codes kept)."""

    __tablename__ = "benchmark_row"
    __table_args__ = (Index("ix_benchmark_row_table_year", "table_id", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("benchmark_table.id", ondelete="CASCADE"))
    line: Mapped[int] = mapped_column(Integer)
    """The line of the file the row came from (the header is line 1)."""
    year: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(40))
    old_la_code: Mapped[str] = mapped_column(String(20))
    new_la_code: Mapped[str] = mapped_column(String(20))
    cells_json: Mapped[str] = mapped_column(Text)
    """Every cell of the row, column -> text (a JSON object)."""


IMMUTABLE = ("publication", "judgement", "used_figure", "unit_summary", "published_file")
"""Tables whose rows are never updated or deleted once committed (triggers enforce it)."""
