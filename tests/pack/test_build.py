"""The pack is built once, as frozen data, in the order a reader meets it."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from scorepack.pack.build import build_pack
from scorepack.pack.model import (
    ActivityPage,
    CohortTable,
    ExceptionPage,
    OverviewPage,
    ScorecardPage,
)

from . import sample


def test_the_cover_names_authority_service_month_and_date_produced(pack):
    cover = pack.cover
    assert (cover.authority, cover.service) == (
        "Kent County Council",
        "Specialist Children's Services",
    )
    assert cover.month_label == "March 2016"
    assert cover.produced_label == "13 May 2016"


def test_the_date_produced_defaults_to_the_month_end_so_builds_repeat(cards):
    pack = build_pack(sample.CATALOGUE, sample.TREE, cards)
    assert pack.cover.produced == date(2016, 3, 31)


def test_reading_order_is_activity_county_exceptions_overview_cohorts_then_areas_and_teams(pack):
    kinds = [(type(p).__name__, p.anchor) for p in pack.body]
    assert kinds == [
        ("ActivityPage", "activity"),
        ("ScorecardPage", "scorecard-kent"),
        ("ExceptionPage", "exception-kent-pf-initial-visit"),
        ("ExceptionPage", "exception-kent-cic-3-placements"),
        ("OverviewPage", "overview"),
        ("CohortTable", "impact-no-uasc"),
        ("ScorecardPage", "scorecard-north"),
        ("ExceptionPage", "exception-north-cic-3-placements"),
        ("ScorecardPage", "scorecard-east"),
        ("ExceptionPage", "exception-east-cic-3-placements"),
        ("ScorecardPage", "scorecard-ashford"),
        ("ExceptionPage", "exception-ashford-cic-3-placements"),
    ]


def test_scorecards_follow_the_tree_whatever_order_they_arrive_in(cards):
    pack = build_pack(sample.CATALOGUE, sample.TREE, list(reversed(cards)))
    assert [p.scorecard.unit.id for p in pack.scorecards] == ["kent", "north", "east", "ashford"]
    assert [p.level for p in pack.scorecards] == ["county", "area", "area", "team"]


def test_contents_nest_teams_under_their_area_and_exception_reports_under_their_scorecard(pack):
    assert [(c.level, c.anchor) for c in pack.contents] == [
        (1, "activity"),
        (1, "scorecard-kent"),
        (2, "exception-kent-pf-initial-visit"),
        (2, "exception-kent-cic-3-placements"),
        (1, "overview"),
        (1, "impact-no-uasc"),
        (1, "scorecard-north"),
        (2, "exception-north-cic-3-placements"),
        (1, "scorecard-east"),
        (2, "exception-east-cic-3-placements"),
        (2, "scorecard-ashford"),
        (3, "exception-ashford-cic-3-placements"),
    ]
    assert [c.anchor for c in pack.contents] == [p.anchor for p in pack.body]
    assert pack.contents[2].title.startswith("Exception report: % of PF notifications")


def test_there_is_one_exception_page_per_red_indicator_per_unit(pack, cards):
    expected = [(c.unit.id, ind) for c in cards for ind in c.exceptions]
    assert [(e.unit.id, e.row.indicator.id) for e in pack.exceptions] == expected
    for page in pack.scorecards:
        for ind in page.scorecard.exceptions:
            assert page.exception_anchor(ind) == f"exception-{page.scorecard.unit.id}-{ind}"


def test_an_exception_page_has_owners_four_recent_months_and_a_thirteen_month_chart(pack):
    ex = pack.page("exception-kent-pf-initial-visit")
    assert isinstance(ex, ExceptionPage)
    assert ex.owners.cabinet_member == "Peter Oakford"
    assert [str(p.result.period) for p in ex.recent] == ["2015-12", "2016-01", "2016-02", "2016-03"]
    assert [p.result.display for p in ex.recent] == ["77.8%", "76.7%", "78.1%", "76.5%"]
    assert len(ex.chart_months) == 13 and str(ex.chart_months[0]) == "2015-03"
    assert ex.scorecard_anchor == "scorecard-kent"


def test_written_commentary_is_used_and_otherwise_a_factual_draft(hostile_pack, pack):
    assert pack.page("exception-kent-pf-initial-visit").commentary.drafted
    assert not hostile_pack.page("exception-kent-pf-initial-visit").commentary.drafted
    assert hostile_pack.page("exception-kent-cic-3-placements").commentary.drafted


def test_cohort_tables_cover_the_county_and_areas_but_not_teams(pack):
    (table,) = pack.cohort_tables
    assert isinstance(table, CohortTable)
    assert [b.unit.id for b in table.blocks] == ["kent", "north", "east"]
    assert all(r.indicator.id == "cic-3-placements" for b in table.blocks for r in b.rows)


def test_the_pack_is_frozen(pack):
    with pytest.raises(dataclasses.FrozenInstanceError):
        pack.cover = None
    assert isinstance(pack.activity, ActivityPage)
    assert all(isinstance(p, ScorecardPage) for p in pack.scorecards)


def test_a_pack_needs_a_scorecard():
    with pytest.raises(ValueError, match="at least one scorecard"):
        build_pack(sample.CATALOGUE, sample.TREE, [])


def test_the_catalogues_scorecard_title_heads_every_scorecard(cards):
    catalogue = sample.CATALOGUE.model_copy(
        update={"scorecard_title": "Scorecard - {unit}, inc UASC"}
    )
    pack = build_pack(catalogue, sample.TREE, cards)
    assert [p.title for p in pack.scorecards] == [
        "Scorecard - Kent, inc UASC",
        "Scorecard - North Kent, inc UASC",
        "Scorecard - East Kent, inc UASC",
        "Scorecard - Ashford AIT & FST, inc UASC",
    ]
    assert [c.title for c in pack.contents if c.anchor.startswith("scorecard-")] == [
        p.title for p in pack.scorecards
    ]
    assert (
        build_pack(sample.CATALOGUE, sample.TREE, cards).scorecards[0].title == "Scorecard – Kent"
    )


@pytest.mark.parametrize("title", ["Scorecard {area}", "Scorecard {", "", "{unit} {0}"])
def test_a_scorecard_title_names_only_the_unit(title):
    data = sample.CATALOGUE.model_dump()
    data["scorecard_title"] = title
    with pytest.raises(ValueError):
        type(sample.CATALOGUE).model_validate(data)


def test_the_overview_has_every_units_rating_for_every_indicator(pack):
    overview = pack.page("overview")
    assert isinstance(overview, OverviewPage)
    ids = [i for i, _n, _t in overview.indicators]
    assert ids == [r.indicator.id for r in pack.scorecards[0].scorecard.rows]
    assert [r.unit.id for r in overview.rows] == ["kent", "north", "east", "ashford"]
    for row, page in zip(overview.rows, pack.scorecards, strict=True):
        rags = {r.indicator.id: r.rag for r in page.scorecard.rows}
        for ind_id, cell in zip(ids, row.cells, strict=True):
            assert cell.rag == rags.get(ind_id)
            assert cell.state == ("rated" if cell.rag else "not-rated")
            assert cell.link == (page.exception_anchor(ind_id) if cell.rag == "R" else None)


def test_a_row_too_few_to_rate_is_shown_as_such(pack):
    from scorepack.pack.build import too_few_to_rate

    row = pack.scorecards[0].scorecard.rows[0]
    assert not too_few_to_rate(row)

    import dataclasses as dc

    assert too_few_to_rate(dc.replace(row, too_few=True, rag=None))


def test_the_recent_table_always_spans_the_last_four_calendar_months(pack, cards):
    import dataclasses as dc

    card = cards[0]
    row = card.row("pf-initial-visit")
    gappy = dc.replace(row, trend=tuple(p for p in row.trend if str(p.result.period) != "2016-01"))
    rows = tuple(gappy if r.indicator.id == row.indicator.id else r for r in card.rows)
    holed = build_pack(sample.CATALOGUE, sample.TREE, [dc.replace(card, rows=rows)])
    ex = holed.page("exception-kent-pf-initial-visit")
    assert [str(m) for m in ex.recent_months] == ["2015-12", "2016-01", "2016-02", "2016-03"]
    assert [str(p.result.period) for p in ex.recent] == ["2015-12", "2016-02", "2016-03"]
    assert ex.recent_point(ex.recent_months[1]) is None
    from scorepack.render.html import render_page

    html = render_page(holed, ex)
    assert html.count('data-field="result"></td>') == 1  # the month without a figure is blank


def _owned_tree():
    from scorepack.catalogue.units import OrgTree

    owners = {"east": ("Sam Patel", "Area Director"), "kent": ("Alex Moor", None)}
    return OrgTree(
        tuple(
            dataclasses.replace(u, owner_name=o[0], owner_role=o[1])
            if (o := owners.get(u.id))
            else u
            for u in sample.TREE
        )
    )


def test_exception_pages_name_the_units_owner_else_the_nearest_above_else_the_catalogues(cards):
    from scorepack.pack.commentary import Action, CommentaryBook

    key = ("cic-3-placements", "ashford", sample.PERIOD)
    book = CommentaryBook(
        {key: "Visits *improved*."}, {key: Action("Weekly review", date(2016, 6, 30))}
    )
    built = build_pack(sample.CATALOGUE, _owned_tree(), cards, None, book, sample.PRODUCED)
    owners = {
        (e.unit.id, e.owner.name if e.owner else None, e.owner.unit.id if e.owner else None)
        for e in built.exceptions
    }
    assert ("ashford", "Sam Patel", "east") in owners
    assert ("east", "Sam Patel", "east") in owners
    assert ("kent", "Alex Moor", "kent") in owners
    plain = build_pack(sample.CATALOGUE, sample.TREE, cards, None, None, sample.PRODUCED)
    assert {e.owner for e in plain.exceptions} == {None}
    ashford = built.page("exception-ashford-cic-3-placements")
    assert (ashford.action, ashford.due, ashford.due_label) == (
        "Weekly review",
        date(2016, 6, 30),
        "30 June 2016",
    )


def test_the_exception_page_shows_owner_action_and_due(cards):
    from scorepack.pack.commentary import Action, CommentaryBook
    from scorepack.render.html import render_page

    key = ("cic-3-placements", "ashford", sample.PERIOD)
    book = CommentaryBook({key: "Text."}, {key: Action("Weekly review", date(2016, 6, 30))})
    built = build_pack(sample.CATALOGUE, _owned_tree(), cards, None, book, sample.PRODUCED)
    html = render_page(built, built.page("exception-ashford-cic-3-placements"))
    assert '<td data-field="owner">Sam Patel (East Kent)</td>' in html
    assert '<td data-field="owner_role">Area Director</td>' in html
    assert '<td data-field="action">Weekly review</td>' in html
    assert '<time datetime="2016-06-30">30 June 2016</time>' in html
    assert "Cabinet Member" not in html
    plain = build_pack(sample.CATALOGUE, sample.TREE, cards, None, None, sample.PRODUCED)
    html = render_page(plain, plain.page("exception-ashford-cic-3-placements"))
    assert "Cabinet Member" in html and 'data-field="action"' not in html
