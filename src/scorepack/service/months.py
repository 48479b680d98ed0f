"""Where the web app's scorecards come from: judged months, built once and kept.

A :class:`MonthSource` answers for the organisation tree, the months it holds
and one unit's scorecard for one month.  :class:`BuiltMonths` judges months
from a catalogue, units and figures (a preset or files) through the same
pipeline as ``scorepack build``, once per month, and keeps them in memory.
:class:`StoreMonths` (what ``scorepack serve`` uses) adds the store: the
months published there, each version, and the history of what was reported.

A page reads the store once: :meth:`StoreMonths.view` takes one look at the
versions list (a :class:`StoreView`) and answers every question of the request
from it; its :attr:`~StoreView.stamp` (every version's id) is what a cache of
anything drawn from the store is keyed by, so a publication or a revision,
from this process or another, is seen by the next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from scorepack.benchmarks import BenchmarkResult, StoredBenchmarks, source_for
from scorepack.benchmarks.wiring import attach, authority, benchmark_month
from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.judge.model import Result, Revision, Scorecard
from scorepack.measures.model import ALL
from scorepack.measures.store import FigureStore
from scorepack.periods import Month
from scorepack.publish.repository import HistoryEntry, PublishedVersion, Store
from scorepack.service.judge import JudgedMonth, judge_month
from scorepack.service.publish import past_months
from scorepack.service.web_publish import Draft


class MonthSource(Protocol):
    @property
    def catalogue(self) -> Catalogue: ...

    @property
    def tree(self) -> OrgTree: ...

    def months(self) -> Sequence[Month]: ...

    def scorecard(self, unit_id: str, month: Month) -> Scorecard | None: ...

    def versions(self, month: Month) -> Sequence[PublishedVersion]: ...

    def history(self, unit_id: str, indicator_id: str) -> Sequence[HistoryEntry]: ...

    @property
    def stamp(self) -> tuple[int, ...]:
        """What changes whenever anything the source answers changes (for cache keys)."""
        ...

    def view(self) -> MonthSource:
        """The source as one request sees it (the store read once)."""
        ...


@dataclass
class BuiltMonths:
    """Months judged on demand from a figure store, every unit, kept once judged.

    ``benchmarks``: the authority's DfE comparisons, set on the top unit's rows
    as ``scorepack build`` sets them.
    """

    catalogue: Catalogue
    tree: OrgTree
    store: FigureStore
    available: tuple[Month, ...]
    benchmarks: tuple[BenchmarkResult, ...] = ()
    _judged: dict[Month, JudgedMonth] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def months(self) -> Sequence[Month]:
        return self.available

    def versions(self, month: Month) -> Sequence[PublishedVersion]:
        return ()

    def history(self, unit_id: str, indicator_id: str) -> Sequence[HistoryEntry]:
        return ()

    @property
    def stamp(self) -> tuple[int, ...]:
        return ()  # judged once from figures that do not change while it runs

    def view(self) -> BuiltMonths:
        return self

    def judged(self, month: Month) -> JudgedMonth | None:
        if month not in self.available:
            return None
        with self._lock:
            if month not in self._judged:
                judged = judge_month(self.catalogue, self.tree, self.store, month, "all")
                self._judged[month] = self.with_benchmarks(judged)
            return self._judged[month]

    def with_benchmarks(self, judged: JudgedMonth) -> JudgedMonth:
        return replace(judged, scorecards=attach(judged.scorecards, self.benchmarks, self.tree))

    def scorecard(self, unit_id: str, month: Month) -> Scorecard | None:
        judged = self.judged(month)
        if judged is None:
            return None
        for card in judged.scorecards:
            if card.unit.id == unit_id:
                return card
        return None


def built_from(
    catalogue: Catalogue,
    tree: OrgTree,
    store: FigureStore,
    dfe: StoredBenchmarks | None = None,
    records: Path | None = None,
) -> BuiltMonths:
    """Every month the figures cover, latest last, with the authority's benchmarks and the
    populations of its rates when the catalogue names it (``la_code``, else the note in the
    ``records`` folder the figures were computed from): from the DfE files imported into
    ``dfe`` (a store) where it has them, else from those shipped with scorepack, through
    the same step as ``scorepack build`` and ``publish``."""
    months = tuple(sorted(store.periods()))
    la_code = authority(catalogue, records)
    figures, benchmarks = benchmark_month(store, la_code, source_for(store=dfe))
    return BuiltMonths(catalogue, tree, figures, months, benchmarks)


PUBLISHED_MONTHS_KEPT = 36
"""How many judged published months (each every unit's scorecards) a server keeps."""


@dataclass
class StoreMonths:
    """Published months (every version) from the store; other months built on demand as drafts.

    A published month's scorecards show what the store froze: each row's
    result, RAG and target come from the newest version's judgements (the
    rest of the row, such as the trend and SPC, is judged again from the
    figures and what was published before it, as ``scorepack publish`` did).
    Judged months are kept, the newest :data:`PUBLISHED_MONTHS_KEPT`, keyed by
    the ids of the versions they were judged from.
    """

    drafts: BuiltMonths
    store: Store
    catalogue_text: str = ""
    _published: OrderedDict[tuple[int, ...], dict[str, Scorecard]] = field(
        default_factory=OrderedDict
    )
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def catalogue(self) -> Catalogue:
        return self.drafts.catalogue

    @property
    def tree(self) -> OrgTree:
        return self.drafts.tree

    def view(self) -> StoreView:
        return StoreView(self, tuple(self.store.versions()))

    @property
    def stamp(self) -> tuple[int, ...]:
        return self.view().stamp

    def months(self) -> Sequence[Month]:
        return self.view().months()

    def versions(self, month: Month) -> list[PublishedVersion]:
        return self.store.versions(month)

    def draft(self) -> Draft:
        return Draft(self.catalogue, self.catalogue_text, self.tree, self.drafts.store)

    def history(self, unit_id: str, indicator_id: str) -> list[HistoryEntry]:
        return self.store.history(unit_id, indicator_id)

    def scorecard(self, unit_id: str, month: Month) -> Scorecard | None:
        return self.view().scorecard(unit_id, month)

    def published_cards(
        self, key: tuple[int, ...], version: PublishedVersion
    ) -> dict[str, Scorecard]:
        """Every unit's scorecard of that version, judged once per ``key`` (the ids of the
        month's newest version and of the newest versions of the months it looks back on)."""
        with self._lock:
            if key in self._published:
                self._published.move_to_end(key)
                return self._published[key]
            cards = self._judge_published(version)
            self._published[key] = cards
            while len(self._published) > PUBLISHED_MONTHS_KEPT:
                self._published.popitem(last=False)
            return cards

    def _judge_published(self, version: PublishedVersion) -> dict[str, Scorecard]:
        month = version.month
        history = self.store.reported_history(past_months(month))
        judged = self.drafts.with_benchmarks(
            judge_month(self.catalogue, self.tree, self.drafts.store, month, "all", history)
        )
        frozen = {(j.unit, j.indicator): j for j in self.store.judgements(month, version.version)}
        frozen = {k: j for k, j in frozen.items() if j.cohort == ALL}
        revision = (
            Revision(version.version, version.published_at.date(), version.reason or "")
            if version.revised
            else None
        )
        return {
            card.unit.id: replace(as_published(card, frozen), revision=revision)
            for card in judged.scorecards
        }


@dataclass(frozen=True)
class StoreView:
    """One look at the store's versions list: every answer of one request comes from it
    (frozen; its one mutable part is the memo of indicator histories, which a page asks
    for twice)."""

    source: StoreMonths
    all_versions: tuple[PublishedVersion, ...]
    _histories: dict[tuple[str, str], list[HistoryEntry]] = field(default_factory=dict)

    @property
    def catalogue(self) -> Catalogue:
        return self.source.catalogue

    @property
    def tree(self) -> OrgTree:
        return self.source.tree

    @property
    def stamp(self) -> tuple[int, ...]:
        """Every version's id: a publication or revision changes it."""
        return tuple(v.id for v in self.all_versions)

    def view(self) -> StoreView:
        return self

    def months(self) -> Sequence[Month]:
        published = {v.month for v in self.all_versions}
        return tuple(sorted(published | set(self.source.drafts.available)))

    def versions(self, month: Month) -> list[PublishedVersion]:
        return [v for v in self.all_versions if v.month == month]

    def newest(self, month: Month) -> PublishedVersion | None:
        found = self.versions(month)
        return max(found, key=lambda v: v.version) if found else None

    def history(self, unit_id: str, indicator_id: str) -> list[HistoryEntry]:
        key = (unit_id, indicator_id)
        if key not in self._histories:
            self._histories[key] = self.source.store.history(unit_id, indicator_id)
        return self._histories[key]

    def scorecard(self, unit_id: str, month: Month) -> Scorecard | None:
        newest = self.newest(month)
        if newest is None:
            return self.source.drafts.scorecard(unit_id, month)
        looked_back = (self.newest(m) for m in past_months(month))
        key = (newest.id, *(v.id for v in looked_back if v is not None))
        return self.source.published_cards(key, newest).get(unit_id)


def as_published(card: Scorecard, frozen: dict[tuple[str, str], Any]) -> Scorecard:
    """The card with each row's result, RAG and target as the store froze them."""
    rows = []
    for row in card.rows:
        j = frozen.get((card.unit.id, row.indicator.id))
        if j is not None:
            latest = Result(card.period, j.value, j.display, j.numerator, j.denominator)
            row = replace(row, latest=latest, rag=j.rag, target=j.target)
        rows.append(row)
    exceptions = tuple(r.indicator.id for r in rows if r.rag == "R")
    return replace(card, rows=tuple(rows), exceptions=exceptions)
