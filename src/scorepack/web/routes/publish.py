"""Publishing a month from the browser, and downloading every published version's files.

- ``GET /months/{month}/publish``: the analyst's form (what is unsigned, each version so far);
- ``POST /months/{month}/publish``: publish, or revise with a reason, through
  :func:`scorepack.service.web_publish.publish_from_web` (the same service call as
  ``scorepack publish``);
- ``GET /months/{month}/downloads``: every version of a published month and its files;
- ``GET /months/{month}/versions/{version}/files/{name}``: one file, as the store keeps it,
  with its SHA-256 in ``ETag`` and ``X-Content-SHA256``.

The pack files (PDF, HTML, workbook, activity) cover the whole authority and are
for everyone with a role; a unit's own scorecard files only for those who may
read that unit.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from scorepack.catalogue.units import OrgTree
from scorepack.errors import InputError
from scorepack.service import web_publish
from scorepack.service.accounts import Session
from scorepack.web import deps
from scorepack.web.access import Action, allowed, visible_units
from scorepack.web.routes.pages import month_of

router = APIRouter()
Short = Annotated[str, Form(max_length=200)]
Reason = Annotated[str, Form(max_length=2000)]
UNIT_FILE = re.compile(r"^scorecard-(?P<unit>.+)-\d{4}-\d{2}\.(?:json|md)$")
TYPES = {
    ".md": "text/markdown; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".parquet": "application/vnd.apache.parquet",
}
"""Content types by suffix (anything else by :mod:`mimetypes`, else plain bytes)."""


def content_type(name: str) -> str:
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def may_download(session: Session, tree: OrgTree, name: str) -> bool:
    """Pack files for every account with a role; a unit's scorecard files for its readers."""
    grants = session.account.grants
    found = UNIT_FILE.match(name)
    if found is None:
        return bool(visible_units(grants, tree))
    unit = found.group("unit")
    return unit in tree and allowed(grants, Action.read, unit, tree)


def can_publish(session: Session, tree: OrgTree) -> bool:
    """Publishing covers the whole tree: an analyst role on every top unit."""
    return all(allowed(session.account.grants, Action.publish, r.id, tree) for r in tree.roots())


def _analyst(request: Request) -> Session:
    session = deps.current(request)
    if not can_publish(session, deps.source(request).tree):
        raise HTTPException(status_code=403)
    return session


@router.get("/months/{month_text}/publish", response_class=HTMLResponse)
def publish_form(
    request: Request, month_text: str, problems: tuple[Any, ...] = (), code: int = 200
) -> Response:
    session = _analyst(request)
    source = deps.published(request)
    month = month_of(source, month_text)
    tree = source.tree
    response = deps.page(
        request,
        "publish.html",
        session,
        month=month,
        versions=list(reversed(source.versions(month))),
        unsigned=web_publish.unsigned_units(deps.engine(request), tree, month),
        names={u.id: u.name for u in tree},
        problems=problems,
    )
    response.status_code = code
    return response


@router.post("/months/{month_text}/publish")
def publish(
    request: Request,
    month_text: str,
    csrf_token: Short = "",
    revise: Short = "",
    reason: Reason = "",
    confirm_unsigned: Short = "",
) -> Response:
    session = _analyst(request)
    deps.check_csrf(session, csrf_token)
    source = deps.published(request)
    month = month_of(source, month_text)
    settings = deps.settings(request)
    try:
        web_publish.publish_from_web(
            source.store, source.draft(), session.account, month,
            revise=bool(revise), reason=reason, confirm_unsigned=bool(confirm_unsigned),
            scope=settings.publish_scope, formats=settings.publish_formats,
            address=deps.address(request), pdf_engine=settings.pdf_engine,
        )  # fmt: skip
    except web_publish.NotAllowed:
        raise HTTPException(status_code=403) from None
    except InputError as exc:
        return publish_form(request, month_text, problems=tuple(exc.problems), code=400)
    return RedirectResponse(f"/months/{month}/downloads", status_code=303)


@router.get("/months/{month_text}/downloads", response_class=HTMLResponse)
def downloads(request: Request, month_text: str) -> Response:
    session = deps.current(request)
    source = deps.published(request)
    month = month_of(source, month_text)
    if not visible_units(session.account.grants, source.tree):
        raise HTTPException(status_code=403)
    versions = []
    for v in reversed(source.versions(month)):
        files = source.store.files(month, v.version)
        shown = [
            (name, sha, len(data), content_type(name))
            for name, (sha, data) in sorted(files.items())
            if may_download(session, source.tree, name)
        ]
        versions.append((v, shown))
    return deps.page(
        request,
        "downloads.html",
        session,
        month=month,
        versions=versions,
        can_publish=can_publish(session, source.tree),
    )


@router.get("/months/{month_text}/versions/{version}/files/{name}")
def download(request: Request, month_text: str, version: int, name: str) -> Response:
    session = deps.current(request)
    source = deps.published(request)
    month = month_of(source, month_text)
    if not may_download(session, source.tree, name):
        raise HTTPException(status_code=403)
    found = source.store.files(month, version).get(name)
    if found is None:
        raise HTTPException(status_code=404)
    sha, data = found
    return Response(
        data,
        media_type=content_type(name),
        headers={
            "Content-Disposition": f'attachment; filename="{version_name(name, version)}"',
            "ETag": f'"{sha}"',
            "X-Content-SHA256": sha,
            "Cache-Control": "private, no-cache",
        },
    )


def version_name(name: str, version: int) -> str:
    """The file's name, with ``-v2`` (and so on) before the suffix for a revision."""
    if version == 1:
        return name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}-v{version}.{suffix}" if dot else f"{name}-v{version}"
