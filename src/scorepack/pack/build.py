"""Build the pack once, as frozen data, from the judged scorecards.

Reading order: the activity table; the top unit's scorecard and its exception
reports; the overview (every unit's RAG rating for every indicator); the
cohort impact tables; then each area's scorecard with its
exception reports, then each team's.  Units follow the organisation tree.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.judge.model import ActivityTable, Row, Scorecard
from scorepack.judge.scorecard import EXCEPTION_MONTHS
from scorepack.pack.commentary import EMPTY, CommentaryBook
from scorepack.pack.model import (
    ActivityPage,
    CohortBlock,
    CohortTable,
    Comparison,
    ContentsEntry,
    Cover,
    ExceptionPage,
    Level,
    OverviewCell,
    OverviewPage,
    OverviewRow,
    Pack,
    Page,
    ScorecardPage,
    UnitOwner,
)
from scorepack.pack.notes import data_notes

CHART_MONTHS = 13
OVERVIEW_ANCHOR = "overview"


def scorecard_anchor(unit_id: str) -> str:
    return f"scorecard-{unit_id}"


def exception_anchor(unit_id: str, indicator_id: str) -> str:
    return f"exception-{unit_id}-{indicator_id}"


def cohort_anchor(cohort_id: str) -> str:
    return f"impact-{cohort_id}"


def outline_level(tree: OrgTree, unit_id: str) -> int:
    """1 for the county and the areas, one more for each level below the areas."""
    depth = tree.depth(unit_id) if unit_id in tree else 0
    return max(1, depth)


def _level(tree: OrgTree, unit_id: str) -> Level:
    depth = tree.depth(unit_id) if unit_id in tree else 0
    return "county" if depth == 0 else "area" if depth == 1 else "team"


def _ordered(tree: OrgTree, scorecards: Sequence[Scorecard]) -> list[Scorecard]:
    order = {u.id: i for i, u in enumerate(tree.walk())}
    return sorted(scorecards, key=lambda s: order.get(s.unit.id, len(order)))


def _ancestors(tree: OrgTree, unit_id: str) -> list[str]:
    """The unit's ancestors, nearest first (empty for a unit not in the tree)."""
    out: list[str] = []
    parent = tree.get(unit_id).parent if unit_id in tree else None
    while parent is not None:
        out.append(parent)
        parent = tree.get(parent).parent
    return out


def comparisons(
    tree: OrgTree, scorecards: Sequence[Scorecard]
) -> dict[str, tuple[Comparison, ...]]:
    """For each scorecard's unit, its area's and the county's results (where judged).

    The area is the ancestor just below the top of the tree, the county the top
    unit; a parent whose scorecard is not among ``scorecards`` is left out.
    """
    by_unit = {card.unit.id: card for card in scorecards}
    out: dict[str, tuple[Comparison, ...]] = {}
    for card in scorecards:
        found = []
        ancestors = _ancestors(tree, card.unit.id)
        for uid in ancestors:
            depth = tree.depth(uid)
            parent = by_unit.get(uid)
            if parent is not None and depth <= 1:
                role: Level = "county" if depth == 0 else "area"
                found.append(Comparison(role, parent.unit, parent.rows))
        out[card.unit.id] = tuple(found)
    return out


def unit_owner(tree: OrgTree, unit_id: str) -> UnitOwner | None:
    """The owner printed on a unit's exception reports: its own, else the nearest above it."""
    found = tree.owner_of(unit_id)
    if found is None or found.owner_name is None:
        return None
    return UnitOwner(found.owner_name, found.owner_role, found)


def _exceptions(
    catalogue: Catalogue,
    tree: OrgTree,
    card: Scorecard,
    commentary: CommentaryBook,
    level: int,
) -> tuple[ExceptionPage, ...]:
    pages = []
    owner = unit_owner(tree, card.unit.id)
    for ind_id in card.exceptions:
        row = card.row(ind_id)
        ind = row.indicator
        months = max(CHART_MONTHS, len(row.trend))
        recent = tuple(card.period.months_back(EXCEPTION_MONTHS))
        action = commentary.action_for(ind_id, card.unit.id, card.period)
        pages.append(
            ExceptionPage(
                anchor=exception_anchor(card.unit.id, ind_id),
                title=ind.title,
                unit=card.unit,
                row=row,
                owners=catalogue.owners_for(ind),
                recent=tuple(p for p in row.trend if p.result.period in recent),
                commentary=commentary.commentary_for(row, card.unit.id, card.period),
                notes=data_notes(catalogue, ind, card.period, row.latest),
                scorecard_anchor=scorecard_anchor(card.unit.id),
                chart_months=tuple(card.period.months_back(months)),
                outline_level=level + 1,
                recent_months=recent,
                owner=owner,
                action=action.action,
                due=action.due,
                min_denominator=catalogue.min_denominator_for(ind),
            )
        )
    return tuple(pages)


def _cohort_tables(catalogue: Catalogue, pages: Sequence[ScorecardPage]) -> tuple[CohortTable, ...]:
    tables = []
    for cohort in catalogue.cohorts:
        blocks = []
        for page in pages:
            if page.level == "team":
                continue
            rows = tuple(r for r in page.scorecard.rows if r.cohort(cohort.id) is not None)
            if rows:
                unit = page.scorecard.unit
                blocks.append(CohortBlock(heading=unit.name, unit=unit, rows=rows))
        if blocks:
            tables.append(
                CohortTable(
                    anchor=cohort_anchor(cohort.id),
                    title=f"Cohort impact – {cohort.label}",
                    cohort=cohort,
                    financial_year=pages[0].scorecard.financial_year,
                    blocks=tuple(blocks),
                )
            )
    return tuple(tables)


def too_few_to_rate(row: Row) -> bool:
    """Whether the judge's small-number rule left the row unrated (``Row.too_few``)."""
    return row.too_few


def _overview(tree: OrgTree, pages: Sequence[ScorecardPage]) -> OverviewPage:
    indicators: dict[str, tuple[str, str, str]] = {}
    for page in pages:
        for row in page.scorecard.rows:
            ind = row.indicator
            indicators.setdefault(ind.id, (ind.id, ind.number, ind.title))
    rows = []
    for page in pages:
        card = page.scorecard
        by_id = {r.indicator.id: r for r in card.rows}
        cells = []
        for ind_id, _number, _title in indicators.values():
            found = by_id.get(ind_id)
            if found is None:
                cells.append(OverviewCell(None, "not-rated"))
            elif found.rag is None:
                few = too_few_to_rate(found)
                cells.append(OverviewCell(None, "too-few" if few else "not-rated"))
            else:
                cells.append(OverviewCell(found.rag, "rated", page.exception_anchor(ind_id)))
        depth = tree.depth(card.unit.id) if card.unit.id in tree else 0
        rows.append(OverviewRow(card.unit, depth, page.anchor, tuple(cells)))
    return OverviewPage(
        anchor=OVERVIEW_ANCHOR,
        title="Overview – RAG ratings by unit",
        indicators=tuple(indicators.values()),
        rows=tuple(rows),
    )


def build_pack(
    catalogue: Catalogue,
    tree: OrgTree,
    scorecards: Sequence[Scorecard],
    activity: ActivityTable | None = None,
    commentary: CommentaryBook | None = None,
    produced: date | None = None,
) -> Pack:
    """The whole pack for one month.

    ``scorecards`` may hold any units of the tree (county, areas, teams); each
    gets a scorecard page and one exception page per Red indicator.
    ``produced`` is the date printed on the cover; it defaults to the last day
    of the reporting month so that the same input always gives the same pack.
    """
    if not scorecards:
        raise ValueError("a pack needs at least one scorecard")
    book = commentary or EMPTY
    cards = _ordered(tree, scorecards)
    period = cards[0].period
    cover = Cover(
        authority=catalogue.authority,
        service=catalogue.service,
        title=catalogue.name,
        period=period,
        produced=produced or period.end,
    )
    parts: list[tuple[ScorecardPage, tuple[ExceptionPage, ...]]] = []
    compared = comparisons(tree, cards)
    for card in cards:
        level = outline_level(tree, card.unit.id)
        exceptions = _exceptions(catalogue, tree, card, book, level)
        page = ScorecardPage(
            anchor=scorecard_anchor(card.unit.id),
            title=catalogue.scorecard_heading(card.unit.name),
            level=_level(tree, card.unit.id),
            scorecard=card,
            exception_links=tuple((e.row.indicator.id, e.anchor) for e in exceptions),
            outline_level=level,
            comparisons=compared[card.unit.id],
        )
        parts.append((page, exceptions))

    body: list[Page] = []
    contents: list[ContentsEntry] = []

    def add(page: Page, level: int, title: str) -> None:
        body.append(page)
        contents.append(ContentsEntry(page.anchor, title, level))

    if activity is not None:
        add(
            ActivityPage("activity", f"{catalogue.service} activity", activity),
            1,
            f"{catalogue.service} activity",
        )
    tables = _cohort_tables(catalogue, [p for p, _ in parts])
    for n, (page, exceptions) in enumerate(parts):
        add(page, page.outline_level, page.title)
        for ex in exceptions:
            add(ex, ex.outline_level, f"Exception report: {ex.title}")
        if n == 0:
            overview = _overview(tree, [p for p, _ in parts])
            add(overview, 1, overview.title)
            for table in tables:
                add(table, 1, table.title)
    return Pack(cover=cover, contents=tuple(contents), body=tuple(body), cohorts=catalogue.cohorts)
