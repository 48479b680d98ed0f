"""The monthly workflow: commentary on each Red, approval, sign-off, and who holds a month up.

Called by the web app's routes; every step checks the account's permission on
the unit itself (the routes check too), moves commentary by the rules in
:mod:`.workflow_rules`, and records the change, before and after, in the
audit log, in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from scorepack.catalogue.units import OrgTree
from scorepack.errors import InputError, Problem
from scorepack.periods import Month
from scorepack.service import audit as audit_log
from scorepack.service.accounts import Account, now_utc
from scorepack.service.workflow_rules import (
    EVENT,
    NEEDS,
    MonthStatus,
    State,
    Step,
    month_status,
    next_state,
)
from scorepack.web.access import Action, Role, allowed, covers
from scorepack.web.tables import accounts, commentary, grants, signoffs

MAX_TEXT = 5000
Clock = Callable[[], datetime]


class NotAllowed(Exception):
    """The account holds no role that allows this step on this unit."""


@dataclass(frozen=True)
class Commentary:
    month: str
    unit_id: str
    indicator_id: str
    state: State
    text: str
    action: str
    due: str | None
    note: str
    revision: int
    updated_by: str
    updated_at: datetime


@dataclass(frozen=True)
class Holdup:
    """Something a month waits for, and who can do it."""

    unit_id: str
    indicator_id: str | None
    waiting_for: str
    people: tuple[str, ...]


def _row(r: sa.RowMapping) -> Commentary:
    return Commentary(
        r["month"],
        r["unit_id"],
        r["indicator_id"],
        State(r["state"]),
        r["text"],
        r["action"],
        r["due"],
        r["note"],
        r["revision"],
        r["updated_by"],
        r["updated_at"],
    )


def get(engine: sa.Engine, month: Month, unit_id: str, indicator_id: str) -> Commentary | None:
    with engine.connect() as conn:
        found = (
            conn.execute(
                sa.select(commentary).where(
                    commentary.c.month == str(month),
                    commentary.c.unit_id == unit_id,
                    commentary.c.indicator_id == indicator_id,
                )
            )
            .mappings()
            .first()
        )
    return _row(found) if found else None


def for_month(engine: sa.Engine, month: Month) -> dict[tuple[str, str], Commentary]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(commentary).where(commentary.c.month == str(month)))
        return {(r["unit_id"], r["indicator_id"]): _row(r) for r in rows.mappings()}


def _check(step: Step, text: str, note: str, due: str | None) -> list[Problem]:
    problems = []
    if step in (Step.save, Step.submit) and not text.strip():
        problems.append(Problem("commentary", None, "text", "write some commentary first"))
    if len(text) > MAX_TEXT:
        problems.append(
            Problem("commentary", None, "text", f"at most {MAX_TEXT} characters, got {len(text)}")
        )
    if step is Step.give_back and not note.strip():
        problems.append(Problem("commentary", None, "note", "say what needs changing"))
    if due:
        try:
            date.fromisoformat(due)
        except ValueError:
            problems.append(Problem("commentary", None, "due", f"expected a date, got {due!r}"))
    return problems


def take_step(
    engine: sa.Engine,
    account: Account,
    tree: OrgTree,
    month: Month,
    unit_id: str,
    indicator_id: str,
    step: Step,
    *,
    text: str = "",
    action: str = "",
    due: str | None = None,
    note: str = "",
    address: str | None = None,
    clock: Clock = now_utc,
) -> Commentary:
    """Save, submit, approve or return one Red indicator's commentary."""
    if not allowed(account.grants, NEEDS[step], unit_id, tree):
        raise NotAllowed(step.value)
    problems = _check(step, text, note, due)
    if problems:
        raise InputError(problems)
    now = clock()
    key = {"month": str(month), "unit_id": unit_id, "indicator_id": indicator_id}
    with engine.begin() as conn:
        before = (
            conn.execute(
                sa.select(commentary)
                .where(*(getattr(commentary.c, k) == v for k, v in key.items()))
                .with_for_update()
            )
            .mappings()
            .first()
        )
        current = State(before["state"]) if before else State.none
        target = next_state(current, step)
        if target is None:
            raise InputError(
                [
                    Problem(
                        "commentary",
                        None,
                        "state",
                        f"cannot {step.value} commentary that is {current.value}",
                    )
                ]
            )
        values: dict[str, object] = {
            "state": target.value,
            "updated_by": account.username,
            "updated_at": now,
        }
        if step in (Step.save, Step.submit):
            values |= {"text": text, "action": action, "due": due or None, "note": ""}
        if step is Step.give_back:
            values["note"] = note
        if before is None:
            conn.execute(commentary.insert().values(**key, revision=1, **values))
        else:
            values["revision"] = before["revision"] + 1
            conn.execute(
                commentary.update().where(commentary.c.id == before["id"]).values(**values)
            )
        after = (
            conn.execute(
                sa.select(commentary).where(
                    *(getattr(commentary.c, k) == v for k, v in key.items())
                )
            )
            .mappings()
            .one()
        )
        audit_log.record(
            conn,
            EVENT[step],
            actor=account.username,
            address=address,
            unit_id=unit_id,
            month=str(month),
            at=now,
            detail={
                "indicator": indicator_id,
                "before": _summary(before),
                "after": _summary(after),
            },
        )
        return _row(after)


def _summary(row: sa.RowMapping | None) -> dict[str, object] | None:
    if row is None:
        return None
    return {k: row[k] for k in ("state", "text", "action", "due", "note", "revision")}


def people_with(engine: sa.Engine, role: Role, unit_id: str, tree: OrgTree) -> tuple[str, ...]:
    """Accounts whose grant of ``role`` covers ``unit_id``."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(accounts.c.username, grants.c.unit_id)
            .join(grants, grants.c.account_id == accounts.c.id)
            .where(grants.c.role == role.value, accounts.c.disabled.is_(False))
        ).all()
    return tuple(sorted({r.username for r in rows if covers(tree, r.unit_id, unit_id)}))


def signed_off(engine: sa.Engine, month: Month) -> dict[str, tuple[str, datetime]]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(signoffs).where(signoffs.c.month == str(month))).mappings()
        return {r["unit_id"]: (r["signed_by"], r["signed_at"]) for r in rows}


def missing_commentary(
    reds: Sequence[tuple[str, str]], written: dict[tuple[str, str], Commentary]
) -> list[tuple[str, str, State]]:
    """The Red (unit, indicator) pairs whose commentary is not yet approved."""
    out: list[tuple[str, str, State]] = []
    for key in reds:
        state = written[key].state if key in written else State.none
        if state is not State.approved:
            out.append((*key, state))
    return out


def sign_off(
    engine: sa.Engine,
    account: Account,
    tree: OrgTree,
    month: Month,
    unit_id: str,
    reds: Sequence[tuple[str, str]],
    *,
    address: str | None = None,
    clock: Clock = now_utc,
) -> None:
    """Sign off a unit's month: every Red in it and below it must have approved commentary."""
    if not allowed(account.grants, Action.sign_off, unit_id, tree):
        raise NotAllowed("sign off")
    inside = [(u, i) for u, i in reds if covers(tree, unit_id, u)]
    missing = missing_commentary(inside, for_month(engine, month))
    if missing:
        raise InputError(
            [
                Problem("sign-off", None, f"{u} / {i}", f"commentary is {s.value}, not approved")
                for u, i, s in missing
            ]
        )
    now = clock()
    with engine.begin() as conn:
        done = conn.execute(
            sa.select(signoffs.c.id).where(
                signoffs.c.month == str(month), signoffs.c.unit_id == unit_id
            )
        ).first()
        if done:
            raise InputError([Problem("sign-off", None, None, f"{unit_id} is already signed off")])
        conn.execute(
            signoffs.insert().values(
                month=str(month), unit_id=unit_id, signed_by=account.username, signed_at=now
            )
        )
        audit_log.record(
            conn, "signed_off", actor=account.username, address=address,
            unit_id=unit_id, month=str(month), at=now,
        )  # fmt: skip


def sign_off_units(tree: OrgTree) -> tuple[str, ...]:
    """The units whose approvers sign a month off: the areas (else the top units)."""
    areas = tuple(u.id for u in tree.walk() if u.kind == "area")
    return areas or tuple(u.id for u in tree.roots())


def status(
    engine: sa.Engine,
    tree: OrgTree,
    month: Month,
    reds: Sequence[tuple[str, str]],
    published_versions: int = 0,
) -> tuple[MonthStatus, list[Holdup]]:
    """A month's status and what (and who) it is waiting for."""
    missing = missing_commentary(reds, for_month(engine, month))
    holdups = [
        Holdup(
            u,
            i,
            "approval" if s is State.submitted else "commentary",
            people_with(engine, Role.approver if s is State.submitted else Role.author, u, tree),
        )
        for u, i, s in missing
    ]
    signed = signed_off(engine, month)
    unsigned = [u for u in sign_off_units(tree) if u not in signed]
    holdups += [
        Holdup(u, None, "sign-off", people_with(engine, Role.approver, u, tree)) for u in unsigned
    ]
    return month_status(len(missing), len(unsigned), published_versions), holdups
