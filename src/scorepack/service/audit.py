"""The audit log: who did what, when and from where. Appended to, never changed.

Every sign-in, failed sign-in, commentary change, approval, return, sign-off,
publication, revision and role change is one row.  The table refuses updates
and deletes (see :mod:`scorepack.web.tables`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from scorepack.web.tables import audit

EVENTS = (
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "account_added",
    "account_locked",
    "role_granted",
    "role_revoked",
    "commentary_saved",
    "commentary_submitted",
    "commentary_returned",
    "commentary_approved",
    "signed_off",
    "published",
    "revised",
)
"""Every kind of event the log records (docs/web.md describes each)."""


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    actor: str | None
    address: str | None
    event: str
    unit_id: str | None
    month: str | None
    detail: Mapping[str, Any]


def record(
    conn: sa.Connection,
    event: str,
    *,
    actor: str | None,
    address: str | None = None,
    unit_id: str | None = None,
    month: str | None = None,
    detail: Mapping[str, Any] | None = None,
    at: datetime | None = None,
) -> None:
    """Append one entry, inside the caller's transaction."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    conn.execute(
        audit.insert().values(
            at=at or datetime.now(UTC),
            actor=actor,
            address=address,
            event=event,
            unit_id=unit_id,
            month=month,
            detail=json.dumps(dict(detail or {}), sort_keys=True, ensure_ascii=False),
        )
    )


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def entries(
    engine: sa.Engine,
    *,
    event: str | None = None,
    actor: str | None = None,
    unit_id: str | None = None,
    month: str | None = None,
    limit: int | None = None,
) -> list[Entry]:
    """Entries, newest first, optionally of one event, actor, unit or month (chosen by the
    database, not read whole and filtered)."""
    query = sa.select(audit).order_by(audit.c.id.desc())
    for column, wanted in (
        (audit.c.event, event),
        (audit.c.actor, actor),
        (audit.c.unit_id, unit_id),
        (audit.c.month, month),
    ):
        if wanted:
            query = query.where(column == wanted)
    if limit:
        query = query.limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return [
        Entry(
            r["id"],
            _aware(r["at"]),
            r["actor"],
            r["address"],
            r["event"],
            r["unit_id"],
            r["month"],
            json.loads(r["detail"] or "{}"),
        )
        for r in rows
    ]


CSV_COLUMNS = ("id", "at", "actor", "address", "event", "unit_id", "month", "detail")


def _cell(text: str) -> str:
    """Text a spreadsheet will not run as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(rows: Sequence[Entry]) -> str:
    """The entries as CSV, for analysts and admins to export."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in rows:
        writer.writerow(
            [
                e.id,
                e.at.isoformat(),
                _cell(e.actor or ""),
                _cell(e.address or ""),
                e.event,
                _cell(e.unit_id or ""),
                e.month or "",
                _cell(json.dumps(dict(e.detail), sort_keys=True, ensure_ascii=False)),
            ]
        )
    return out.getvalue()
