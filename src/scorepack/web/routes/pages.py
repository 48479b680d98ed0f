"""Reading pages: home, a unit's scorecard with drill-down, the overview grid, an indicator.

Every page checks on the server that the signed-in account may read the unit it
shows (:func:`scorepack.web.deps.require`); the overview and home list only the
units the account may read.  Each request reads the store's versions once
(:func:`scorepack.web.deps.reading`); the scorecard's and the indicator page's
bodies, the same for every account that may read the unit, are rendered once per
unit, month, indicator and store stamp and kept (:mod:`scorepack.web.fragments`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from scorepack.judge.model import RAG_WORDS, TRAVEL_ARROWS, TRAVEL_WORDS, Row, Scorecard
from scorepack.periods import Month
from scorepack.render import spc_svg
from scorepack.service.months import MonthSource
from scorepack.web import deps, history
from scorepack.web.access import Action, allowed, top_units, visible_units

router = APIRouter()
WORDS = {"rag": RAG_WORDS, "arrows": TRAVEL_ARROWS, "travel": TRAVEL_WORDS}


def month_of(source: MonthSource, text: str) -> Month:
    try:
        month = Month.parse(text)
    except ValueError:
        raise HTTPException(status_code=404) from None
    if month not in source.months():
        raise HTTPException(status_code=404)
    return month


def _card(source: MonthSource, unit_id: str, month: Month) -> Scorecard:
    card = source.scorecard(unit_id, month)
    if card is None:
        raise HTTPException(status_code=404)
    return card


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    session = deps.current(request)
    source = deps.reading(request)
    tree = source.tree
    months = list(source.months())
    latest = months[-1] if months else None
    grants = session.account.grants
    tops = [tree.get(u) for u in top_units(grants, tree)]
    waiting = []
    if latest is not None:
        for uid in visible_units(grants, tree):
            if not allowed(grants, Action.write_commentary, uid, tree):
                continue
            card = source.scorecard(uid, latest)
            for ind_id in card.exceptions if card else ():
                waiting.append((tree.get(uid), card.row(ind_id)))  # type: ignore[union-attr]
    return deps.page(
        request,
        "home.html",
        session,
        tops=tops,
        latest=latest,
        months=list(reversed(months)),
        waiting=waiting,
        can_audit=any(allowed(grants, Action.read_audit, u.id, tree) for u in tops),
    )


def _trail(request: Request, unit_id: str) -> list[tuple[object, bool]]:
    """Ancestors first, each with whether the account may open it."""
    session = deps.current(request)
    tree = deps.reading(request).tree
    trail = []
    unit = tree.get(unit_id)
    while unit.parent is not None:
        unit = tree.get(unit.parent)
        trail.append((unit, allowed(session.account.grants, Action.read, unit.id, tree)))
    return list(reversed(trail))


@router.get("/months/{month_text}/units/{unit_id}", response_class=HTMLResponse)
def scorecard(request: Request, month_text: str, unit_id: str) -> Response:
    session = deps.current(request)
    source = deps.reading(request)
    deps.require(session, Action.read, unit_id, source.tree)
    month = month_of(source, month_text)
    card = _card(source, unit_id, month)
    body = deps.fragment(
        request,
        ("scorecard", unit_id, month, source.stamp),
        "_scorecard_body.html",
        lambda: {
            "card": card,
            "month": month,
            "children": source.tree.children(unit_id),
            "months": list(reversed(source.months())),
            "words": WORDS,
        },
    )
    return deps.page(
        request,
        "scorecard.html",
        session,
        card=card,
        month=month,
        trail=_trail(request, unit_id),
        body=body,
    )


@router.get("/months/{month_text}/overview", response_class=HTMLResponse)
def overview(request: Request, month_text: str) -> Response:
    session = deps.current(request)
    source = deps.reading(request)
    month = month_of(source, month_text)
    tree = source.tree
    units = visible_units(session.account.grants, tree)
    if not units:
        raise HTTPException(status_code=403)
    cards = [c for c in (source.scorecard(u, month) for u in units) if c is not None]
    rags = {(c.unit.id, r.indicator.id): r.rag for c in cards for r in c.rows}
    return deps.page(
        request,
        "overview.html",
        session,
        month=month,
        cards=cards,
        depth={u: tree.depth(u) for u in units},
        indicators=source.catalogue.indicators,
        rags=rags,
        words=WORDS,
    )


@router.get(
    "/months/{month_text}/units/{unit_id}/indicators/{indicator_id}",
    response_class=HTMLResponse,
)
def indicator(request: Request, month_text: str, unit_id: str, indicator_id: str) -> Response:
    return indicator_page(request, month_text, unit_id, indicator_id)


def indicator_page(
    request: Request,
    month_text: str,
    unit_id: str,
    indicator_id: str,
    problems: tuple[object, ...] = (),
) -> Response:
    """The indicator page; with ``problems``, the commentary form shown again with them."""
    from scorepack.web.routes.workflow import commentary_context

    session = deps.current(request)
    source = deps.reading(request)
    deps.require(session, Action.read, unit_id, source.tree)
    month = month_of(source, month_text)
    card = _card(source, unit_id, month)
    try:
        row = card.row(indicator_id)
    except KeyError:
        raise HTTPException(status_code=404) from None
    body = deps.fragment(
        request,
        ("indicator", unit_id, month, indicator_id, source.stamp),
        "_indicator_body.html",
        lambda: _indicator_body(source, card, row, month),
    )
    response = deps.page(
        request,
        "indicator.html",
        session,
        card=card,
        row=row,
        month=month,
        body=body,
        problems=problems,
        past_commentary=history.past_commentary(deps.engine(request), unit_id, indicator_id),
        **commentary_context(
            request, session, month, unit_id, row, indicator_id in card.exceptions
        ),
    )
    if problems:
        response.status_code = 400
    return response


def _indicator_body(source: MonthSource, card: Scorecard, row: Row, month: Month) -> dict[str, Any]:
    """What the indicator page's body shows: the same for everyone who may read the unit."""
    unit_id, indicator_id = card.unit.id, row.indicator.id
    reported = history.reported_results(source, unit_id, indicator_id, month)
    return {
        "card": card,
        "row": row,
        "month": month,
        "fy": card.financial_year,
        "bands": row.indicator.bands.get(card.financial_year),
        "words": WORDS,
        "reported": reported,
        "reported_chart": Markup(history.line_chart(reported)),
        "versions": history.versions(source, unit_id, indicator_id),
        "spc_chart": (
            Markup(spc_svg.chart(row.spc, row.target)) if row.spc and row.spc.charted else None
        ),
        "spc_icons": Markup(spc_svg.icons(row.spc)) if row.spc else None,
    }


@router.get("/months/latest/units/{unit_id}")
def latest(request: Request, unit_id: str) -> Response:
    months = deps.reading(request).months()
    if not months:
        raise HTTPException(status_code=404)
    return RedirectResponse(f"/months/{months[-1]}/units/{unit_id}", status_code=303)
