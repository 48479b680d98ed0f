"""The FastAPI application: ``create_app(engine, source)``.

Front-end only: routes parse the request, ask :mod:`scorepack.web.access`
whether it is allowed, call the service layer and render a template.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup
from starlette.exceptions import HTTPException as StarletteHTTPException

from scorepack.service.months import MonthSource
from scorepack.web.fragments import Fragments
from scorepack.web.security import SecurityHeaders
from scorepack.web.settings import WebSettings

HERE = Path(__file__).parent
MESSAGES = {
    401: ("Sign in", "Please sign in to see this page."),
    403: ("Not allowed", "Your account has no role that covers this page."),
    404: ("Not found", "There is no such page."),
    405: ("Not allowed", "That is not something this page does."),
}


class NeedsSignIn(Exception):
    """Raised by a route when nobody is signed in: answered with a redirect."""


def templates() -> Environment:
    """The web pages' templates; the pack's partials as ``pack/NAME`` (one markup for both)."""
    from scorepack.render.html import TEMPLATES as PACK_TEMPLATES
    from scorepack.service.benchmarks import SUPPRESSION_CODES

    env = Environment(
        loader=ChoiceLoader(
            [
                FileSystemLoader(HERE / "templates"),
                PrefixLoader({"pack": FileSystemLoader(PACK_TEMPLATES)}),
            ]
        ),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = _safe_markdown
    env.globals["SUPPRESSION_WORDS"] = SUPPRESSION_CODES
    return env


def _safe_markdown(text: str) -> Markup:
    """Commentary as HTML: Markdown with raw HTML off, then cleaned by nh3."""
    from scorepack.service.commentary import render_markdown

    return Markup(render_markdown(text))


def create_app(
    engine: sa.Engine, source: MonthSource, settings: WebSettings | None = None
) -> FastAPI:
    from scorepack.web.routes import audit, auth, oidc, pages, publish, workflow

    app = FastAPI(title="scorepack", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine = engine
    app.state.source = source
    app.state.settings = settings or WebSettings()
    app.state.templates = templates()
    app.state.fragments = Fragments()
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(auth.router)
    app.include_router(pages.router)
    app.include_router(audit.router)
    app.include_router(workflow.router)
    app.include_router(oidc.router)
    app.include_router(publish.router)

    @app.get("/favicon.ico", include_in_schema=False)
    async def _favicon() -> RedirectResponse:
        return RedirectResponse("/static/favicon.svg", status_code=301)

    @app.exception_handler(NeedsSignIn)
    async def _sign_in(request: Request, exc: NeedsSignIn) -> RedirectResponse:
        return RedirectResponse("/sign-in", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def _error(request: Request, exc: StarletteHTTPException) -> HTMLResponse:
        title, text = MESSAGES.get(exc.status_code, ("Error", "Something went wrong."))
        page = request.app.state.templates.get_template("error.html").render(
            title=title,
            text=text,
            status=exc.status_code,
            user=None,
            csrf="",
            app_title=app.state.settings.title,
        )
        return HTMLResponse(page, status_code=exc.status_code)

    return app
