"""Who may do what, where: roles granted on a unit cover that unit and everything below it.

The rules are data (:data:`PERMISSIONS`) and one pure function (:func:`allowed`);
every route asks :func:`allowed` on the server before it reads or changes
anything.  A grant on the county covers every area and team; a grant on a team
covers that team only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from scorepack.catalogue.units import OrgTree


class Role(StrEnum):
    viewer = "viewer"
    """Reads the unit and everything below it."""
    author = "author"
    """Writes commentary for those units (and reads them)."""
    approver = "approver"
    """Approves commentary and signs off the units' month (and reads them)."""
    analyst = "analyst"
    """Builds, publishes and revises months; manages the catalogue; reads the audit log."""
    admin = "admin"
    """Manages accounts and roles; reads the audit log."""


class Action(StrEnum):
    read = "read"
    write_commentary = "write_commentary"
    approve_commentary = "approve_commentary"
    sign_off = "sign_off"
    publish = "publish"
    read_audit = "read_audit"
    manage_accounts = "manage_accounts"


PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.read: frozenset(Role),
    Action.write_commentary: frozenset({Role.author}),
    Action.approve_commentary: frozenset({Role.approver}),
    Action.sign_off: frozenset({Role.approver}),
    Action.publish: frozenset({Role.analyst}),
    Action.read_audit: frozenset({Role.analyst, Role.admin}),
    Action.manage_accounts: frozenset({Role.admin}),
}
"""Which roles may take each action on a unit their grant covers."""


@dataclass(frozen=True, order=True)
class Grant:
    role: Role
    unit: str


def covers(tree: OrgTree, granted_unit: str, unit: str) -> bool:
    """True when ``unit`` is ``granted_unit`` or lies below it in the tree."""
    if granted_unit not in tree or unit not in tree:
        return False
    current: str | None = unit
    while current is not None:
        if current == granted_unit:
            return True
        current = tree.get(current).parent
    return False


def allowed(grants: Iterable[Grant], action: Action, unit: str, tree: OrgTree) -> bool:
    """May someone holding ``grants`` take ``action`` on ``unit``?"""
    roles = PERMISSIONS[action]
    return any(g.role in roles and covers(tree, g.unit, unit) for g in grants)


def allowed_anywhere(grants: Iterable[Grant], action: Action) -> bool:
    """True when some grant lets the holder take ``action`` somewhere."""
    return any(g.role in PERMISSIONS[action] for g in grants)


def visible_units(grants: Iterable[Grant], tree: OrgTree) -> tuple[str, ...]:
    """Every unit the holder may read, in tree order."""
    mine = list(grants)
    return tuple(u.id for u in tree.walk() if allowed(mine, Action.read, u.id, tree))


def top_units(grants: Iterable[Grant], tree: OrgTree) -> tuple[str, ...]:
    """The highest units the holder may read: where their home page starts."""
    visible = set(visible_units(grants, tree))
    return tuple(
        u.id
        for u in tree.walk()
        if u.id in visible and (u.parent is None or u.parent not in visible)
    )
