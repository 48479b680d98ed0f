"""Publishing a month from the web app: the same :func:`scorepack.service.publish.publish`
as ``scorepack publish``, with the commentary approved in the browser.

:func:`publish_from_web` checks the analyst's permission, refuses while units
are not signed off (unless the analyst confirms, which the audit log keeps),
publishes or revises the month and records it in the audit log.  Nothing here
prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
import yaml

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.units import OrgTree
from scorepack.errors import InputError, Problem
from scorepack.measures.store import FigureStore
from scorepack.pack.commentary import CommentaryBook
from scorepack.periods import Month
from scorepack.publish.repository import Store
from scorepack.service import audit as audit_log
from scorepack.service import workflow
from scorepack.service.accounts import Account, now_utc
from scorepack.service.inputs import Inputs
from scorepack.service.publish import MonthInputs, Published, publish
from scorepack.service.render import DEFAULT_PDF_ENGINE
from scorepack.service.workflow_rules import State
from scorepack.web.access import Action, allowed

WEB_FORMATS = ("json", "markdown", "html", "pdf", "xlsx")
"""What a month published from the web freezes: the pack in every format viewers download."""


class NotAllowed(Exception):
    """The account may not publish this month."""


@dataclass(frozen=True)
class Draft:
    """What the web app builds a month from: its configuration and figures."""

    catalogue: Catalogue
    catalogue_text: str
    tree: OrgTree
    figures: FigureStore


def approved_commentary(engine: sa.Engine, month: Month) -> tuple[CommentaryBook, str | None]:
    """The month's approved commentary, as a book for the pack and as the YAML text the store keeps."""
    approved = sorted(
        (c for c in workflow.for_month(engine, month).values() if c.state is State.approved),
        key=lambda c: (c.unit_id, c.indicator_id),
    )
    if not approved:
        return CommentaryBook(), None
    entries = {(c.indicator_id, c.unit_id, month): c.text for c in approved}
    text = yaml.safe_dump(
        {
            "commentary": [
                {
                    "indicator": c.indicator_id,
                    "unit": c.unit_id,
                    "month": str(month),
                    "text": c.text,
                }
                for c in approved
            ]
        },
        allow_unicode=True,
        sort_keys=False,
    )
    return CommentaryBook(entries), text


def unsigned_units(engine: sa.Engine, tree: OrgTree, month: Month) -> list[str]:
    """The units whose approvers have not signed the month off."""
    signed = workflow.signed_off(engine, month)
    return [u for u in workflow.sign_off_units(tree) if u not in signed]


def _problem(message: str, column: str | None = None) -> Problem:
    return Problem("publish", None, column, message)


def publish_from_web(
    store: Store,
    draft: Draft,
    account: Account,
    month: Month,
    *,
    revise: bool = False,
    reason: str = "",
    confirm_unsigned: bool = False,
    scope: str = "all",
    formats: Sequence[str] = WEB_FORMATS,
    address: str | None = None,
    now: datetime | None = None,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> Published:
    """Publish (or, with ``revise`` and a reason, revise) the month; record it in the audit log."""
    root = [u.id for u in draft.tree.roots()]
    if not all(allowed(account.grants, Action.publish, u, draft.tree) for u in root):
        raise NotAllowed(str(month))
    engine = store.engine
    latest = store.version(month)
    problems = []
    if revise and not reason.strip():
        problems.append(_problem("say why the month is revised", "reason"))
    if revise and latest is None:
        problems.append(_problem(f"{month} has not been published: there is nothing to revise"))
    if not revise and latest is not None:
        problems.append(
            _problem(
                f"{month} is already published (version {latest.version}, by "
                f"{latest.published_by}); a published month is never changed: revise it, "
                "with a reason, to publish a new version"
            )
        )
    unsigned = unsigned_units(engine, draft.tree, month)
    if unsigned and not confirm_unsigned:
        problems += [
            _problem(f"{u} has not signed off {month}; confirm to publish without it", "confirm")
            for u in unsigned
        ]
    if problems:
        raise InputError(problems)
    book, text = approved_commentary(engine, month)
    given = MonthInputs(
        Inputs(draft.catalogue, draft.tree), draft.figures, month, draft.catalogue_text, book, text
    )
    moment = now or now_utc()
    done = publish(
        store, given, account.username, formats, scope, revise, reason or None, moment,
        pdf_engine=pdf_engine,
    )  # fmt: skip
    with engine.begin() as conn:
        audit_log.record(
            conn,
            "revised" if done.version.revised else "published",
            actor=account.username,
            address=address,
            unit_id=root[0] if root else None,
            month=str(month),
            at=moment,
            detail={
                "version": done.version.version,
                "reason": done.version.reason,
                "unsigned_confirmed": unsigned,
                "commentary_entries": len(book.entries),
                "files": {name: store_hash for name, store_hash in _hashes(store, done)},
            },
        )
    return done


def _hashes(store: Store, done: Published) -> list[tuple[str, str]]:
    files = store.files(done.version.month, done.version.version)
    return sorted((name, sha) for name, (sha, _) in files.items())
