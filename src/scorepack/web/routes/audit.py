"""The audit log, for analysts and admins: read on a page or exported as CSV.

Entries about a unit are shown to holders of an analyst or admin role covering
that unit; entries about no unit (sign-ins, accounts) only to those whose role
is granted on a top unit of the tree.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from scorepack.service import audit as audit_log
from scorepack.web import deps
from scorepack.web.access import Action, allowed

router = APIRouter()
PAGE_ROWS = 500


def _visible(request: Request) -> tuple[object, list[audit_log.Entry]]:
    session = deps.current(request)
    tree = deps.source(request).tree
    grants = session.account.grants
    if not any(g.role.value in ("analyst", "admin") for g in grants):
        raise HTTPException(status_code=403)
    everywhere = any(allowed(grants, Action.read_audit, r.id, tree) for r in tree.roots())
    rows = [
        e
        for e in audit_log.entries(deps.engine(request))
        if (e.unit_id is None and everywhere)
        or (
            e.unit_id is not None
            and e.unit_id in tree
            and allowed(grants, Action.read_audit, e.unit_id, tree)
        )
    ]
    return session, rows


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request) -> Response:
    session, rows = _visible(request)
    return deps.page(request, "audit.html", session, entries=rows[:PAGE_ROWS], total=len(rows))  # type: ignore[arg-type]


@router.get("/audit.csv")
def audit_csv(request: Request) -> Response:
    _, rows = _visible(request)
    return Response(
        audit_log.to_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="scorepack-audit.csv"'},
    )
