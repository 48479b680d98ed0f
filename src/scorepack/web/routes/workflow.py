"""The monthly workflow in the browser: commentary, approval, sign-off and month status."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from scorepack.errors import InputError
from scorepack.judge.model import Row
from scorepack.periods import Month
from scorepack.service import audit as audit_log
from scorepack.service import workflow
from scorepack.service.accounts import Session
from scorepack.service.months import MonthSource
from scorepack.service.workflow_rules import State, Step
from scorepack.web import deps
from scorepack.web.access import Action, allowed, visible_units
from scorepack.web.routes.pages import month_of

router = APIRouter()
Text = Annotated[str, Form(max_length=workflow.MAX_TEXT + 100)]
Short = Annotated[str, Form(max_length=200)]


def reds(source: MonthSource, month: Month) -> list[tuple[str, str]]:
    """Every (unit, indicator) rated Red this month, in tree order."""
    out = []
    for unit in source.tree.walk():
        card = source.scorecard(unit.id, month)
        out += [(unit.id, i) for i in (card.exceptions if card else ())]
    return out


def commentary_context(
    request: Request, session: Session, month: Month, unit_id: str, row: Row, is_red: bool
) -> dict[str, Any]:
    """What the indicator page shows and offers about its commentary."""
    engine = deps.engine(request)
    tree = deps.source(request).tree
    grants = session.account.grants
    current = workflow.get(engine, month, unit_id, row.indicator.id)
    state = current.state if current else State.none
    history = (
        [
            e
            for e in audit_log.entries(engine, unit_id=unit_id, month=str(month))
            if e.detail.get("indicator") == row.indicator.id
        ]
        if current is not None  # every commentary event saves the commentary it is about
        else []
    )
    return {
        "is_red": is_red,
        "commentary": current,
        "state": state.value,
        "can_write": is_red
        and allowed(grants, Action.write_commentary, unit_id, tree)
        and state in (State.none, State.draft, State.returned),
        "can_approve": allowed(grants, Action.approve_commentary, unit_id, tree)
        and state in (State.submitted, State.approved),
        "history": history,
    }


@router.post("/months/{month_text}/units/{unit_id}/indicators/{indicator_id}/commentary")
def step(
    request: Request,
    month_text: str,
    unit_id: str,
    indicator_id: str,
    csrf_token: Short = "",
    step: Short = "",
    text: Text = "",
    action: Text = "",
    due: Short = "",
    note: Text = "",
) -> Response:
    session = deps.current(request)
    deps.check_csrf(session, csrf_token)
    source = deps.source(request)
    deps.require(session, Action.read, unit_id, source.tree)
    month = month_of(source, month_text)
    card = source.scorecard(unit_id, month)
    if card is None or indicator_id not in card.exceptions:
        raise HTTPException(status_code=404)
    try:
        chosen = Step(step)
    except ValueError:
        raise HTTPException(status_code=400) from None
    try:
        workflow.take_step(
            deps.engine(request), session.account, source.tree, month, unit_id, indicator_id,
            chosen, text=text, action=action, due=due or None, note=note,
            address=deps.address(request),
        )  # fmt: skip
    except workflow.NotAllowed:
        raise HTTPException(status_code=403) from None
    except InputError as exc:
        from scorepack.web.routes.pages import indicator_page

        return indicator_page(request, month_text, unit_id, indicator_id, problems=exc.problems)
    return RedirectResponse(
        f"/months/{month}/units/{unit_id}/indicators/{indicator_id}#commentary", status_code=303
    )


@router.post("/months/{month_text}/units/{unit_id}/sign-off")
def sign_off(request: Request, month_text: str, unit_id: str, csrf_token: Short = "") -> Response:
    session = deps.current(request)
    deps.check_csrf(session, csrf_token)
    source = deps.source(request)
    deps.require(session, Action.read, unit_id, source.tree)
    month = month_of(source, month_text)
    try:
        workflow.sign_off(
            deps.engine(request), session.account, source.tree, month, unit_id,
            reds(source, month), address=deps.address(request),
        )  # fmt: skip
    except workflow.NotAllowed:
        raise HTTPException(status_code=403) from None
    except InputError as exc:
        return status_page(request, month_text, problems=exc.problems, code=400)
    return RedirectResponse(f"/months/{month}/status", status_code=303)


@router.get("/months/{month_text}/status", response_class=HTMLResponse)
def status_page(
    request: Request, month_text: str, problems: tuple[Any, ...] = (), code: int = 200
) -> Response:
    session = deps.current(request)
    source = deps.source(request)
    month = month_of(source, month_text)
    tree = source.tree
    visible = set(visible_units(session.account.grants, tree))
    if not visible:
        raise HTTPException(status_code=403)
    versions = source.versions(month)
    status, holdups = workflow.status(
        deps.engine(request), tree, month, reds(source, month), len(versions)
    )
    signed = workflow.signed_off(deps.engine(request), month)
    grants = session.account.grants
    response = deps.page(
        request,
        "status.html",
        session,
        month=month,
        status=status.value,
        holdups=[h for h in holdups if h.unit_id in visible],
        names={u.id: u.name for u in tree},
        titles={i.id: f"{i.number} {i.title}" for i in source.catalogue.indicators},
        signable=[
            u
            for u in workflow.sign_off_units(tree)
            if allowed(grants, Action.sign_off, u, tree) and u not in signed
        ],
        signed=[(u, by, at) for u, (by, at) in signed.items() if u in visible],
        versions=versions,
        can_publish=all(allowed(grants, Action.publish, r.id, tree) for r in tree.roots()),
        problems=problems,
    )
    response.status_code = code
    return response
