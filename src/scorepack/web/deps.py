"""What every route needs: the signed-in session, the CSRF check, rendering, authorisation."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from scorepack.catalogue.units import OrgTree
from scorepack.service import accounts
from scorepack.service.months import MonthSource, StoreMonths
from scorepack.web.access import Action, allowed
from scorepack.web.app import NeedsSignIn
from scorepack.web.fragments import Fragments
from scorepack.web.security import SESSION_COOKIE, cookie_name, same_token
from scorepack.web.settings import WebSettings


def engine(request: Request) -> sa.Engine:
    return request.app.state.engine


def source(request: Request) -> MonthSource:
    return request.app.state.source


def reading(request: Request) -> MonthSource:
    """The months as this request sees them: the store's versions read once per request
    (:meth:`~scorepack.service.months.StoreMonths.view`), for pages that only read."""
    if not hasattr(request.state, "months"):
        request.state.months = source(request).view()
    view: MonthSource = request.state.months
    return view


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
    """The signed-in session (looked up once per request), or a redirect to the sign-in page."""
    if not hasattr(request.state, "session"):
        request.state.session = accounts.session_for(engine(request), session_token(request))
    found: accounts.Session | None = request.state.session
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


def fragment(
    request: Request, key: Hashable, template: str, shared: Callable[[], dict[str, Any]]
) -> Markup:
    """The part of a page that is the same for every account allowed to see it, kept
    under ``key`` (see :mod:`scorepack.web.fragments`); ``shared()``, called only when
    it is not kept, gives all the template shows, and the key must name everything that
    decides it.  Check access first."""
    env = request.app.state.templates
    fragments: Fragments = request.app.state.fragments
    return fragments.get(key, lambda: env.get_template(template).render(**shared()))


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
