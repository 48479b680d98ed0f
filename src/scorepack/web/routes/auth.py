"""Signing in and out with a local account.

The sign-in form carries a CSRF token tied to a short-lived cookie (there is no
session yet); signing out is a POST with the session's token.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from scorepack.service import accounts
from scorepack.web import deps
from scorepack.web.security import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    cookie_name,
    new_token,
    same_token,
    set_cookie,
)

router = APIRouter()


def sign_in_form_with(
    request: Request, error: str | None = None, status: int = 200
) -> HTMLResponse:
    """The sign-in page (with a fresh form token), optionally with a message."""
    token = new_token()
    oidc = deps.settings(request).oidc
    response = deps.page(
        request, "sign_in.html", None, error=error, form_token=token,
        oidc_label=oidc.label if oidc else None,
    )  # fmt: skip
    response.status_code = status
    set_cookie(
        response,
        LOGIN_CSRF_COOKIE,
        token,
        secure=deps.settings(request).secure_cookies,
        max_age=1800,
    )
    return response


@router.get("/sign-in", response_class=HTMLResponse)
def sign_insign_in_form_with(request: Request) -> Response:
    if accounts.session_for(deps.engine(request), deps.session_token(request)):
        return RedirectResponse("/", status_code=303)
    return sign_in_form_with(request)


@router.post("/sign-in")
def sign_in(
    request: Request,
    username: Annotated[str, Form(max_length=120)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    secure = deps.settings(request).secure_cookies
    expected = request.cookies.get(cookie_name(LOGIN_CSRF_COOKIE, secure))
    if not same_token(csrf_token, expected):
        return sign_in_form_with(request, "The form had expired. Please sign in again.", status=403)
    try:
        opened = accounts.sign_in(
            deps.engine(request),
            username.strip().lower(),
            password,
            address=deps.address(request),
            policy=deps.settings(request).policy,
        )
    except accounts.SignInRefused as refused:
        return sign_in_form_with(request, refused.reason, status=401)
    response = RedirectResponse("/", status_code=303)
    hours = deps.settings(request).policy.session_hours
    set_cookie(response, SESSION_COOKIE, opened.token, secure=secure, max_age=hours * 3600)
    response.delete_cookie(cookie_name(LOGIN_CSRF_COOKIE, secure), path="/")
    return response


@router.post("/sign-out")
def sign_out(request: Request, csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    session = deps.current(request)
    deps.check_csrf(session, csrf_token)
    accounts.sign_out(
        deps.engine(request), deps.session_token(request), address=deps.address(request)
    )
    response = RedirectResponse("/sign-in", status_code=303)
    secure = deps.settings(request).secure_cookies
    response.delete_cookie(
        cookie_name(SESSION_COOKIE, secure), path="/", secure=secure, httponly=True
    )
    return response
