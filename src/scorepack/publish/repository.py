"""The store's small API: add a version of a month, read versions, history and files.

Nothing here updates or deletes: a published month is immutable (the
database's triggers refuse it too).  :meth:`Store.add` writes a whole
version in one transaction and takes its number from the database; the
unique ``(month, version)`` constraint decides between two runs that publish
the same month at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.exc import IntegrityError

from scorepack.errors import InputError, Problem
from scorepack.judge.model import Result, TrendPoint
from scorepack.measures.model import ALL
from scorepack.periods import Month
from scorepack.publish.benchmark_store import BenchmarkTables
from scorepack.publish.models import (
    Judgement,
    Publication,
    PublishedFile,
    UnitSummary,
    UsedFigure,
)
from scorepack.publish.store import describe, make_engine, migrate, store_url, writing


class PublishRefused(InputError):
    """The month is already published, or another run published it first."""

    def __init__(self, message: str):
        super().__init__([Problem("--period", None, None, message)])


@dataclass(frozen=True)
class NewVersion:
    """Everything one version freezes; the rows are column → value mappings of the tables."""

    month: Month
    origin: str
    published_by: str
    reason: str | None
    catalogue_name: str
    catalogue_hash: str
    catalogue_text: str
    commentary: str | None
    judgements: Sequence[Mapping[str, Any]]
    figures: Sequence[Mapping[str, Any]] = ()
    summaries: Sequence[Mapping[str, Any]] = ()
    files: Mapping[str, tuple[str, bytes]] = field(default_factory=dict)
    """Relative name → (SHA-256, bytes)."""
    published_at: datetime | None = None


@dataclass(frozen=True)
class PublishedVersion:
    id: int
    month: Month
    version: int
    origin: str
    published_at: datetime
    published_by: str
    reason: str | None
    catalogue_name: str
    catalogue_hash: str

    @property
    def revised(self) -> bool:
        return self.version > 1


@dataclass(frozen=True)
class HistoryEntry:
    """One indicator's result for one unit as one version reported it."""

    month: Month
    version: int
    origin: str
    published_at: datetime
    reason: str | None
    indicator: str
    unit: str
    value: float | None
    display: str
    rag: str | None
    target: float | None


def already_published(latest: PublishedVersion) -> PublishRefused:
    return PublishRefused(
        f"{latest.month} is already published (version {latest.version}, by "
        f"{latest.published_by} on {latest.published_at:%d %B %Y %H:%M} UTC); a published "
        "month is never changed: give --revise --reason TEXT to publish a new version"
    )


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _version(row: Publication) -> PublishedVersion:
    return PublishedVersion(
        id=row.id,
        month=Month.parse(row.month),
        version=row.version,
        origin=row.origin,
        published_at=_utc(row.published_at),
        published_by=row.published_by,
        reason=row.reason,
        catalogue_name=row.catalogue_name,
        catalogue_hash=row.catalogue_hash,
    )


PUBLICATION_COLUMNS = [c for c in Publication.__table__.columns if c.name != "catalogue_text"]
JUDGEMENT_COLUMNS = list(Judgement.__table__.columns)


class PublishedHistory:
    """The judge's :class:`~scorepack.judge.scorecard.ReportedHistory`, from the newest versions."""

    def __init__(self, points: dict[tuple[str, str, Month], TrendPoint]):
        self.points = points

    def reported(self, indicator: str, unit: str, month: Month) -> TrendPoint | None:
        return self.points.get((indicator, unit, month))

    def __len__(self) -> int:
        return len(self.points)


class Store(BenchmarkTables):
    """One store, opened (and migrated) by URL; its DfE statistics methods come from
    :class:`~scorepack.publish.benchmark_store.BenchmarkTables`."""

    def __init__(self, url: str | None = None, engine: Engine | None = None):
        self.url = store_url(url)
        self.engine = engine or make_engine(self.url)
        migrate(self.engine)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def where(self) -> str:
        return describe(self.url)

    # -- writing -------------------------------------------------------------

    def add(self, new: NewVersion) -> PublishedVersion:
        """Write a new version of the month in one transaction: all of it, or nothing."""
        month = str(new.month)
        try:
            with writing(self.engine) as conn:
                latest = conn.execute(
                    select(*PUBLICATION_COLUMNS)
                    .where(Publication.month == month)
                    .order_by(Publication.version.desc())
                    .limit(1)
                ).first()
                if latest is not None and new.reason is None:
                    raise already_published(_version(latest))
                version = 1 if latest is None else latest.version + 1
                moment = new.published_at or datetime.now(UTC)
                pub_id = conn.execute(
                    insert(Publication).returning(Publication.id),
                    {
                        "month": month,
                        "version": version,
                        "origin": new.origin,
                        "published_at": moment,
                        "published_by": new.published_by,
                        "reason": new.reason,
                        "catalogue_name": new.catalogue_name,
                        "catalogue_hash": new.catalogue_hash,
                        "catalogue_text": new.catalogue_text,
                        "commentary": new.commentary,
                    },
                ).scalar_one()
                self._children(conn, pub_id, new)
        except IntegrityError:
            raise PublishRefused(
                f"{month} was published by another run at the same moment; nothing was "
                "written by this one (see `scorepack history`, then --revise --reason TEXT "
                "if a new version is wanted)"
            ) from None
        found = self.version(new.month, version)
        assert found is not None
        return found

    @staticmethod
    def _children(conn: Any, pub_id: int, new: NewVersion) -> None:
        tables: list[tuple[Any, Iterable[Mapping[str, Any]]]] = [
            (Judgement, new.judgements),
            (UsedFigure, new.figures),
            (UnitSummary, new.summaries),
            (
                PublishedFile,
                ({"name": n, "sha256": h, "content": b} for n, (h, b) in new.files.items()),
            ),
        ]
        for model, rows in tables:
            batch = [{**row, "publication_id": pub_id} for row in rows]
            if batch:
                conn.execute(insert(model), batch)

    # -- reading -------------------------------------------------------------

    def versions(self, month: Month | None = None) -> list[PublishedVersion]:
        """Every version (of one month, or of all), oldest month and version first."""
        query = select(*PUBLICATION_COLUMNS).order_by(Publication.month, Publication.version)
        if month is not None:
            query = query.where(Publication.month == str(month))
        with self.engine.connect() as conn:
            return [_version(r) for r in conn.execute(query)]  # type: ignore[arg-type]

    def version(self, month: Month, version: int | None = None) -> PublishedVersion | None:
        """That version of the month (the newest when ``version`` is None), or None."""
        found = self.versions(month)
        if version is None:
            return found[-1] if found else None
        return next((v for v in found if v.version == version), None)

    def _latest_ids(self, conn: Any, months: Iterable[Month] | None) -> dict[int, Month]:
        query = select(Publication.month, func.max(Publication.version)).group_by(Publication.month)
        if months is not None:
            query = query.where(Publication.month.in_([str(m) for m in months]))
        newest = [(m, v) for m, v in conn.execute(query)]
        if not newest:
            return {}
        ids: dict[int, Month] = {}
        for month, version in newest:
            pub_id = conn.execute(
                select(Publication.id).where(
                    Publication.month == month, Publication.version == version
                )
            ).scalar_one()
            ids[pub_id] = Month.parse(month)
        return ids

    def reported_history(self, months: Iterable[Month]) -> PublishedHistory:
        """What the newest version of each of those months reported, for the judge."""
        points: dict[tuple[str, str, Month], TrendPoint] = {}
        with self.engine.connect() as conn:
            ids = self._latest_ids(conn, list(months))
            if ids:
                rows = conn.execute(
                    select(*JUDGEMENT_COLUMNS).where(
                        Judgement.publication_id.in_(list(ids)), Judgement.cohort == ALL
                    )
                )
                for j in rows:
                    if j.reported is None:
                        continue
                    month = ids[j.publication_id]
                    result = Result(month, j.reported, j.display, j.numerator, j.denominator)
                    points[(j.indicator, j.unit, month)] = TrendPoint(
                        result,
                        j.target,
                        j.rag,
                    )
        return PublishedHistory(points)

    def judgements(self, month: Month, version: int | None = None) -> list[Any]:
        """Every judgement of that version (the newest by default): rows with the table's columns."""
        found = self.version(month, version)
        if found is None:
            return []
        with self.engine.connect() as conn:
            return list(
                conn.execute(
                    select(*JUDGEMENT_COLUMNS)
                    .where(Judgement.publication_id == found.id)
                    .order_by(Judgement.id)
                )
            )

    def history(self, unit: str, indicator: str | None = None) -> list[HistoryEntry]:
        """Every version's result for the unit (all cohorts' 'all'), by month and version."""
        query = (
            select(
                Publication.month,
                Publication.version,
                Publication.origin,
                Publication.published_at,
                Publication.reason,
                Judgement.indicator,
                Judgement.unit,
                Judgement.value,
                Judgement.display,
                Judgement.rag,
                Judgement.target,
            )
            .join(Judgement, Judgement.publication_id == Publication.id)
            .where(Judgement.unit == unit, Judgement.cohort == ALL)
            .order_by(Publication.month, Publication.version, Judgement.id)
        )
        if indicator is not None:
            query = query.where(Judgement.indicator == indicator)
        with self.engine.connect() as conn:
            return [
                HistoryEntry(
                    Month.parse(r.month),
                    r.version,
                    r.origin,
                    _utc(r.published_at),
                    r.reason,
                    r.indicator,
                    r.unit,
                    r.value,
                    r.display,
                    r.rag,
                    r.target,
                )
                for r in conn.execute(query)
            ]

    def files(self, month: Month, version: int | None = None) -> dict[str, tuple[str, bytes]]:
        """The version's rendered files: name → (SHA-256, bytes)."""
        found = self.version(month, version)
        if found is None:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(PublishedFile.name, PublishedFile.sha256, PublishedFile.content).where(
                    PublishedFile.publication_id == found.id
                )
            )
            return {r.name: (r.sha256, bytes(r.content)) for r in rows}

    def catalogue_text(self, month: Month, version: int | None = None) -> str | None:
        found = self.version(month, version)
        if found is None:
            return None
        with self.engine.connect() as conn:
            return conn.execute(
                select(Publication.catalogue_text).where(Publication.id == found.id)
            ).scalar_one()
