"""Judge every reported unit of a month, and the activity table."""

from __future__ import annotations

from dataclasses import dataclass

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.judge.activity import activity_table
from scorepack.judge.model import ActivityTable, Scorecard
from scorepack.judge.scorecard import ReportedHistory, judge_unit
from scorepack.measures.store import FigureStore
from scorepack.periods import Month

SCOPES = ("areas", "all")


@dataclass(frozen=True)
class JudgedMonth:
    """Everything judged for one month."""

    catalogue: Catalogue
    tree: OrgTree
    period: Month
    scorecards: tuple[Scorecard, ...]
    activity: ActivityTable | None


def report_units(tree: OrgTree, scope: str) -> list[str]:
    """The units to report: the top unit(s) and their areas, or every unit."""
    if scope == "all":
        return [u.id for u in tree.walk()]
    ids = []
    for root in tree.roots():
        ids.append(root.id)
        ids += [c.id for c in tree.children(root.id) if c.kind == "area"]
    return ids


def judge_month(
    catalogue: Catalogue,
    tree: OrgTree,
    store: FigureStore,
    period: Month,
    scope: str = "areas",
    history: ReportedHistory | None = None,
) -> JudgedMonth:
    """Judge every reported unit; past months from ``history`` (what was published) first."""
    cards = tuple(
        judge_unit(catalogue, tree, store, period, uid, history)
        for uid in report_units(tree, scope)
    )
    activity = activity_table(catalogue, tree, store, period) if catalogue.activity else None
    return JudgedMonth(catalogue, tree, period, cards, activity)
