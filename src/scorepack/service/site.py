"""What ``scorepack serve`` and ``scorepack users`` open: the store with the web
app's tables, and the months the web app shows.

:func:`open_store` makes an engine on a store URL and creates (or migrates)
the accounts, sessions, commentary and audit tables; :func:`open_site` also
gathers the catalogue, units and figures (a preset or files, the Kent 2016
preset when nothing is named) into a :class:`~scorepack.service.months.StoreMonths`.
Problems are raised as :class:`~scorepack.errors.InputError`; nothing prints.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from scorepack.catalogue.units import OrgTree, load_units
from scorepack.errors import InputError, Problem
from scorepack.publish.repository import Store
from scorepack.publish.store import ENV_VAR as STORE_ENV
from scorepack.publish.store import make_engine, store_url
from scorepack.service import accounts
from scorepack.service.inputs import load_config, load_preset, load_store, read_text_file
from scorepack.service.months import StoreMonths, built_from
from scorepack.web.access import Role

__all__ = [
    "STORE_ENV",
    "DemoAccount",
    "Site",
    "add_demo_accounts",
    "add_user",
    "check_units",
    "demo_plan",
    "grant_role",
    "open_site",
    "open_store",
    "units_for",
]

DEFAULT_PRESET = "kent-scs-2016"
"""The preset the web app shows when neither a preset nor a catalogue is named."""


def open_store(url: str | None) -> sa.Engine:
    """An engine on the store (``url``, else the environment variable or the data
    folder), with the web app's tables in place."""
    from scorepack.web.tables import create_schema

    where = store_url(url)
    try:
        engine = make_engine(where)
        create_schema(engine)
    except Exception as exc:  # a bad URL or an unreachable server: one message
        raise InputError(
            [Problem("--store", None, None, f"cannot open the store {where!r}: {exc}")]
        ) from None
    return engine


@dataclass(frozen=True)
class Site:
    """An open store and the months it serves."""

    engine: sa.Engine
    months: StoreMonths


def open_site(
    store: str | None,
    preset: str | None = None,
    catalogue: Path | None = None,
    units: Path | None = None,
    figures: Path | None = None,
) -> Site:
    """The store and the months to serve: published ones from the store, the
    others judged from the figures as drafts."""
    engine = open_store(store)
    inputs = load_config(preset or (None if catalogue else DEFAULT_PRESET), catalogue, units)
    cat_path = catalogue or (inputs.preset.catalogue if inputs.preset else None)
    kept = Store(store_url(store), engine)
    months = StoreMonths(
        built_from(inputs.catalogue, inputs.tree, load_store(inputs, figures), kept),
        kept,
        cat_path.read_text(encoding="utf-8") if cat_path else "",
    )
    return Site(engine, months)


def units_for(preset: str | None, units: Path | None) -> OrgTree:
    """The organisation tree roles are granted on: a units file, else the preset's
    (the default preset when neither is named)."""
    if units is not None:
        return read_text_file(load_units, units)
    chosen = load_preset(preset or DEFAULT_PRESET)
    assert chosen is not None
    return read_text_file(load_units, chosen.units)


def check_units(tree: OrgTree, unit_ids: Sequence[str], where: str = "--role") -> None:
    """Refuse unit ids the tree does not hold: a role on a mistyped unit would
    silently grant nothing."""
    unknown = [u for u in unit_ids if u not in tree]
    if unknown:
        raise InputError(
            [
                Problem(where, None, None, f"no unit {u!r} in the units (give --units FILE?)")
                for u in unknown
            ]
        )


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    unit: str
    password: str | None
    """The new account's password, shown once; None when the account already existed."""


def demo_plan(
    tree: OrgTree, county: str | None = None, area: str | None = None, team: str | None = None
) -> tuple[tuple[str, Role, str], ...]:
    """One demo account per role: viewer, analyst and admin on the top unit, approver on
    an area (its first unit with units below it unless named), and the author on the
    same area unless a team is named: an area has Red indicators to explain in every
    preset's months, where a single team may have none."""
    top = county or tree.roots()[0].id
    middle = area or next((u.id for u in tree.children(top) if tree.children(u.id)), top)
    bottom = team or middle
    check_units(tree, [top, middle, bottom], "--county/--area/--team")
    return (
        ("demo-viewer", Role.viewer, top),
        ("demo-author", Role.author, bottom),
        ("demo-approver", Role.approver, middle),
        ("demo-analyst", Role.analyst, top),
        ("demo-admin", Role.admin, top),
    )


def add_demo_accounts(
    engine: sa.Engine, plan: Sequence[tuple[str, Role, str]], *, actor: str
) -> list[DemoAccount]:
    """Create the accounts of ``plan`` that do not exist yet, each with a random password."""
    made = []
    for username, role, unit in plan:
        password = None
        if accounts.find(engine, username) is None:
            password = secrets.token_urlsafe(12)
            accounts.add_account(engine, username, username, password, actor=actor)
            accounts.grant(engine, username, role, unit, actor=actor)
        made.append(DemoAccount(username, role, unit, password))
    return made


def add_user(
    engine: sa.Engine,
    tree: OrgTree,
    username: str,
    display_name: str,
    password: str | Callable[[], str] | None,
    roles: Sequence[tuple[Role, str]] = (),
    oidc_subject: str | None = None,
    *,
    actor: str,
) -> accounts.Account:
    """An account with its roles; every unit is checked before anything is written, and
    before ``password`` is asked for when it is a function (a prompt)."""
    check_units(tree, [unit for _, unit in roles])
    if callable(password):
        password = password()
    made = accounts.add_account(
        engine, username, display_name, password, oidc_subject=oidc_subject, actor=actor
    )
    for role, unit in roles:
        made = accounts.grant(engine, username, role, unit, actor=actor)
    return made


def grant_role(
    engine: sa.Engine, tree: OrgTree, username: str, role: Role, unit: str, *, actor: str
) -> None:
    """Grant ``role`` on ``unit``, a unit of ``tree``."""
    check_units(tree, [unit], "unit")
    accounts.grant(engine, username, role, unit, actor=actor)
