"""Sign-in through the council's identity provider (when configured)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from scorepack.service import accounts
from scorepack.web import deps, oidc
from scorepack.web.routes.auth import sign_in_form_with
from scorepack.web.security import (
    OIDC_STATE_COOKIE,
    SESSION_COOKIE,
    cookie_name,
    same_token,
    set_cookie,
)
from scorepack.web.settings import OidcSettings

router = APIRouter()


def _settings(request: Request) -> OidcSettings:
    found = deps.settings(request).oidc
    if found is None:
        raise HTTPException(status_code=404)
    return found


@router.get("/sign-in/oidc")
def start(request: Request) -> Response:
    settings = _settings(request)
    url, state = oidc.start(deps.engine(request), settings, accounts.now_utc())
    response = RedirectResponse(url, status_code=303)
    set_cookie(
        response,
        OIDC_STATE_COOKIE,
        state,
        secure=deps.settings(request).secure_cookies,
        max_age=600,
    )
    return response


@router.get(oidc.CALLBACK)
def callback(request: Request, state: str = "", code: str = "") -> Response:
    settings = _settings(request)
    secure = deps.settings(request).secure_cookies
    if not same_token(state, request.cookies.get(cookie_name(OIDC_STATE_COOKIE, secure))):
        return sign_in_form_with(
            request, "This sign-in did not start in this browser. Please start again.", 403
        )
    try:
        subject = oidc.finish(deps.engine(request), settings, state, code, accounts.now_utc())
        opened = accounts.sign_in_oidc(
            deps.engine(request),
            subject,
            address=deps.address(request),
            policy=deps.settings(request).policy,
        )
    except (oidc.OidcRefused, accounts.SignInRefused) as refused:
        return sign_in_form_with(request, refused.reason, 401)
    response = RedirectResponse("/", status_code=303)
    hours = deps.settings(request).policy.session_hours
    set_cookie(response, SESSION_COOKIE, opened.token, secure=secure, max_age=hours * 3600)
    response.delete_cookie(cookie_name(OIDC_STATE_COOKIE, secure), path="/")
    return response
