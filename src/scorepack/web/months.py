"""Where the web app's scorecards come from: judged months, built once and kept.

A :class:`MonthSource` answers for the organisation tree, the months it holds
and one unit's scorecard for one month.  :class:`BuiltMonths` judges months
from a catalogue, units and figures (a preset or files) through the same
pipeline as ``scorepack build``, once per month, and keeps them in memory.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.judge.model import Scorecard
from scorepack.measures.store import FigureStore
from scorepack.periods import Month
from scorepack.pipeline import JudgedMonth, judge_month


class MonthSource(Protocol):
    @property
    def catalogue(self) -> Catalogue: ...

    @property
    def tree(self) -> OrgTree: ...

    def months(self) -> Sequence[Month]: ...

    def scorecard(self, unit_id: str, month: Month) -> Scorecard | None: ...


@dataclass
class BuiltMonths:
    """Months judged on demand from a figure store, every unit, kept once judged."""

    catalogue: Catalogue
    tree: OrgTree
    store: FigureStore
    available: tuple[Month, ...]
    _judged: dict[Month, JudgedMonth] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def months(self) -> Sequence[Month]:
        return self.available

    def judged(self, month: Month) -> JudgedMonth | None:
        if month not in self.available:
            return None
        with self._lock:
            if month not in self._judged:
                self._judged[month] = judge_month(
                    self.catalogue, self.tree, self.store, month, "all"
                )
            return self._judged[month]

    def scorecard(self, unit_id: str, month: Month) -> Scorecard | None:
        judged = self.judged(month)
        if judged is None:
            return None
        for card in judged.scorecards:
            if card.unit.id == unit_id:
                return card
        return None


def built_from(catalogue: Catalogue, tree: OrgTree, store: FigureStore) -> BuiltMonths:
    """Every month the figures cover, latest last."""
    return BuiltMonths(catalogue, tree, store, tuple(sorted(store.periods())))
