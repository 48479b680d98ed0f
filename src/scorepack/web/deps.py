"""What every route needs: the signed-in session, the CSRF check, rendering, authorisation."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse

from scorepack.catalogue.units import OrgTree
from scorepack.service import accounts
from scorepack.service.months import MonthSource, StoreMonths
from scorepack.web.access import Action, allowed
from scorepack.web.app import NeedsSignIn
from scorepack.web.security import SESSION_COOKIE, cookie_name, same_token
from scorepack.web.settings import WebSettings


def engine(request: Request) -> sa.Engine:
    return request.app.state.engine


def source(request: Request) -> MonthSource:
    return request.app.state.source


def published(request: Request) -> StoreMonths:
    """The store-backed month source (404 for an app serving built months only)."""
    found = source(request)
    if not isinstance(found, StoreMonths):
        raise HTTPException(status_code=404)
    return found


def settings(request: Request) -> WebSettings:
    return request.app.state.settings


def address(request: Request) -> str | None:
    return request.client.host if request.client else None


def session_token(request: Request) -> str | None:
    return request.cookies.get(cookie_name(SESSION_COOKIE, settings(request).secure_cookies))


def current(request: Request) -> accounts.Session:
    """The signed-in session, or a redirect to the sign-in page."""
    found = accounts.session_for(engine(request), session_token(request))
    if found is None:
        raise NeedsSignIn()
    return found


def check_csrf(session: accounts.Session, given: str | None) -> None:
    if not same_token(given, session.csrf_token):
        raise HTTPException(status_code=403, detail="CSRF token missing or wrong")


def require(session: accounts.Session, action: Action, unit_id: str, tree: OrgTree) -> None:
    """Refuse (404 for a unit that does not exist, 403 otherwise) unless allowed."""
    if unit_id not in tree:
        raise HTTPException(status_code=404)
    if not allowed(session.account.grants, action, unit_id, tree):
        raise HTTPException(status_code=403)


def page(
    request: Request, template: str, session: accounts.Session | None, **context: Any
) -> HTMLResponse:
    env = request.app.state.templates
    html = env.get_template(template).render(
        user=session.account if session else None,
        csrf=session.csrf_token if session else "",
        app_title=settings(request).title,
        **context,
    )
    return HTMLResponse(html)
