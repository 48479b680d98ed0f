"""Accounts, role grants, sign-in and sessions: called by ``scorepack users`` and the web app.

Passwords are hashed with Argon2id (argon2-cffi).  Repeated failed sign-ins
lock an account for a while, and too many attempts from one address in a
minute are refused whatever the account; both are recorded in the audit log.
Session tokens are random, kept only as a SHA-256 hash, and expire.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from scorepack.errors import InputError, Problem
from scorepack.service import audit as audit_log
from scorepack.web.access import Grant, Role
from scorepack.web.tables import accounts, audit, grants, sessions

Clock = Callable[[], datetime]
HASHER = PasswordHasher()
_DUMMY_HASH = HASHER.hash("not a password anyone has")
USERNAME_RULE = "3 to 120 characters: lower-case letters, digits, '.', '_', '-' or '@'"
MIN_PASSWORD = 12


@dataclass(frozen=True)
class Policy:
    """Sign-in limits (settings as data; see docs/web.md)."""

    lock_after: int = 5
    """Failed sign-ins in a row that lock the account."""
    lock_minutes: int = 15
    per_address_per_minute: int = 20
    """Sign-in attempts one address may make in a minute, whatever the account."""
    session_hours: int = 8


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    grants: tuple[Grant, ...]


@dataclass(frozen=True)
class Session:
    account: Account
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True)
class Opened:
    """A session just opened: the raw token goes into the cookie once and is never stored."""

    session: Session
    token: str


class SignInRefused(Exception):
    """A sign-in that did not succeed; ``reason`` is safe to show."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


def now_utc() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _valid_username(name: str) -> bool:
    allowed = set("abcdefghijklmnopqrstuvwxyz0123456789._-@")
    return 3 <= len(name) <= 120 and set(name) <= allowed


def _grants(conn: sa.Connection, account_id: int) -> tuple[Grant, ...]:
    rows = conn.execute(
        sa.select(grants.c.role, grants.c.unit_id).where(grants.c.account_id == account_id)
    ).all()
    return tuple(sorted(Grant(Role(r.role), r.unit_id) for r in rows))


def _account(conn: sa.Connection, row: sa.RowMapping) -> Account:
    return Account(row["id"], row["username"], row["display_name"], _grants(conn, row["id"]))


def add_account(
    engine: sa.Engine,
    username: str,
    display_name: str,
    password: str | None,
    *,
    oidc_subject: str | None = None,
    actor: str | None = None,
    clock: Clock = now_utc,
) -> Account:
    """Create an account (a password, an OpenID subject, or both)."""
    problems = []
    if not _valid_username(username):
        problems.append(Problem("username", None, None, f"{username!r}: expected {USERNAME_RULE}"))
    if password is not None and len(password) < MIN_PASSWORD:
        problems.append(
            Problem("password", None, None, f"expected at least {MIN_PASSWORD} characters")
        )
    if password is None and oidc_subject is None:
        problems.append(Problem("password", None, None, "give a password or an OpenID subject"))
    if problems:
        raise InputError(problems)
    with engine.begin() as conn:
        if conn.execute(sa.select(accounts.c.id).where(accounts.c.username == username)).first():
            raise InputError([Problem("username", None, None, f"{username!r} already exists")])
        inserted = conn.execute(
            accounts.insert().values(
                username=username,
                display_name=display_name or username,
                password_hash=HASHER.hash(password) if password is not None else None,
                oidc_subject=oidc_subject,
                created_at=clock(),
            )
        ).inserted_primary_key
        assert inserted is not None
        new_id = inserted[0]
        audit_log.record(
            conn, "account_added", actor=actor, detail={"username": username}, at=clock()
        )
        row = conn.execute(sa.select(accounts).where(accounts.c.id == new_id)).mappings().one()
        return _account(conn, row)


def find(engine: sa.Engine, username: str) -> Account | None:
    with engine.connect() as conn:
        row = (
            conn.execute(sa.select(accounts).where(accounts.c.username == username))
            .mappings()
            .first()
        )
        return _account(conn, row) if row else None


def grant(
    engine: sa.Engine, username: str, role: Role, unit_id: str, *, actor: str | None
) -> Account:
    """Grant ``role`` on ``unit_id`` (and so on everything below it)."""
    with engine.begin() as conn:
        row = (
            conn.execute(sa.select(accounts).where(accounts.c.username == username))
            .mappings()
            .first()
        )
        if row is None:
            raise InputError([Problem("username", None, None, f"no account {username!r}")])
        exists = conn.execute(
            sa.select(grants.c.id).where(
                grants.c.account_id == row["id"],
                grants.c.role == role.value,
                grants.c.unit_id == unit_id,
            )
        ).first()
        if not exists:
            conn.execute(grants.insert().values(account_id=row["id"], role=role, unit_id=unit_id))
            audit_log.record(
                conn,
                "role_granted",
                actor=actor,
                unit_id=unit_id,
                detail={"username": username, "role": role.value},
            )
        return _account(conn, row)


def revoke(
    engine: sa.Engine, username: str, role: Role, unit_id: str, *, actor: str | None
) -> None:
    with engine.begin() as conn:
        row = conn.execute(sa.select(accounts.c.id).where(accounts.c.username == username)).first()
        if row is None:
            raise InputError([Problem("username", None, None, f"no account {username!r}")])
        gone = conn.execute(
            grants.delete().where(
                grants.c.account_id == row.id,
                grants.c.role == role.value,
                grants.c.unit_id == unit_id,
            )
        ).rowcount
        if gone:
            audit_log.record(
                conn,
                "role_revoked",
                actor=actor,
                unit_id=unit_id,
                detail={"username": username, "role": role.value},
            )


def _recent_attempts(conn: sa.Connection, address: str | None, since: datetime) -> int:
    if not address:
        return 0
    query = sa.select(sa.func.count()).where(
        audit.c.event.in_(("sign_in", "sign_in_failed")),
        audit.c.address == address,
        audit.c.at >= since,
    )
    return int(conn.execute(query).scalar_one())


def sign_in(
    engine: sa.Engine,
    username: str,
    password: str,
    *,
    address: str | None,
    policy: Policy = Policy(),
    clock: Clock = now_utc,
) -> Opened:
    """Check a password and open a session, or raise :class:`SignInRefused`.

    A refusal is recorded (failure count, lock, audit entry) and committed
    before it is raised.
    """
    with engine.begin() as conn:
        outcome = _password_attempt(conn, username, password, address, policy, clock())
    if isinstance(outcome, SignInRefused):
        raise outcome
    return outcome


def _password_attempt(
    conn: sa.Connection,
    username: str,
    password: str,
    address: str | None,
    policy: Policy,
    now: datetime,
) -> Opened | SignInRefused:
    if _recent_attempts(conn, address, now - timedelta(minutes=1)) >= policy.per_address_per_minute:
        audit_log.record(
            conn, "sign_in_failed", actor=username, address=address,
            detail={"reason": "rate limited"}, at=now,
        )  # fmt: skip
        return SignInRefused("Too many sign-in attempts. Wait a minute and try again.")
    row = (
        conn.execute(sa.select(accounts).where(accounts.c.username == username)).mappings().first()
    )
    stored = row["password_hash"] if row else None
    try:
        HASHER.verify(stored or _DUMMY_HASH, password)
        ok = stored is not None
    except (VerificationError, InvalidHashError):
        ok = False
    locked = row is not None and (_aware(row["locked_until"]) or now) > now
    if row is None or row["disabled"] or locked or not ok:
        reason = "locked" if locked else "wrong username or password"
        if row is not None and not locked and not ok:
            failures = row["failed_sign_ins"] + 1
            values: dict[str, object] = {"failed_sign_ins": failures}
            if failures >= policy.lock_after:
                values = {
                    "failed_sign_ins": 0,
                    "locked_until": now + timedelta(minutes=policy.lock_minutes),
                }
                audit_log.record(conn, "account_locked", actor=username, address=address, at=now)
            conn.execute(accounts.update().where(accounts.c.id == row["id"]).values(**values))
        audit_log.record(
            conn, "sign_in_failed", actor=username, address=address,
            detail={"reason": reason}, at=now,
        )  # fmt: skip
        if locked:
            return SignInRefused(
                "This account is locked after repeated failed sign-ins. Try again later."
            )
        return SignInRefused("The username or password is not right.")
    if stored and HASHER.check_needs_rehash(stored):
        conn.execute(
            accounts.update()
            .where(accounts.c.id == row["id"])
            .values(password_hash=HASHER.hash(password))
        )
    conn.execute(
        accounts.update()
        .where(accounts.c.id == row["id"])
        .values(failed_sign_ins=0, locked_until=None)
    )
    audit_log.record(conn, "sign_in", actor=username, address=address, at=now)
    return _open_session(conn, _account(conn, row), policy, now)


def sign_in_oidc(
    engine: sa.Engine,
    subject: str,
    *,
    address: str | None,
    policy: Policy = Policy(),
    clock: Clock = now_utc,
) -> Opened:
    """Open a session for the account linked to an identity provider's subject."""
    with engine.begin() as conn:
        outcome = _subject_attempt(conn, subject, address, policy, clock())
    if isinstance(outcome, SignInRefused):
        raise outcome
    return outcome


def _subject_attempt(
    conn: sa.Connection, subject: str, address: str | None, policy: Policy, now: datetime
) -> Opened | SignInRefused:
    row = (
        conn.execute(sa.select(accounts).where(accounts.c.oidc_subject == subject))
        .mappings()
        .first()
    )
    if row is None or row["disabled"]:
        audit_log.record(
            conn, "sign_in_failed", actor=None, address=address,
            detail={"reason": "no account for this identity", "subject": subject}, at=now,
        )  # fmt: skip
        return SignInRefused("There is no scorepack account for this identity.")
    audit_log.record(
        conn, "sign_in", actor=row["username"], address=address,
        detail={"via": "openid"}, at=now,
    )  # fmt: skip
    return _open_session(conn, _account(conn, row), policy, now)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _open_session(conn: sa.Connection, account: Account, policy: Policy, now: datetime) -> Opened:
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires = now + timedelta(hours=policy.session_hours)
    conn.execute(
        sessions.insert().values(
            token_hash=_hash(token),
            account_id=account.id,
            csrf_token=csrf,
            created_at=now,
            expires_at=expires,
        )
    )
    return Opened(Session(account, csrf, expires), token)


def session_for(engine: sa.Engine, token: str | None, *, clock: Clock = now_utc) -> Session | None:
    """The live session for a cookie's token, or None (two queries: the session with its
    account, then the account's grants)."""
    if not token:
        return None
    query = (
        sa.select(sessions.c.csrf_token, sessions.c.expires_at, accounts)
        .join(accounts, accounts.c.id == sessions.c.account_id)
        .where(sessions.c.token_hash == _hash(token))
    )
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
        if row is None or _aware(row["expires_at"]) <= clock():  # type: ignore[operator]
            return None
        if row["disabled"]:
            return None
        return Session(
            _account(conn, row),
            row["csrf_token"],
            _aware(row["expires_at"]),  # type: ignore[arg-type]
        )


def sign_out(engine: sa.Engine, token: str | None, *, address: str | None) -> None:
    if not token:
        return
    with engine.begin() as conn:
        row = conn.execute(
            sa.select(sessions.c.account_id).where(sessions.c.token_hash == _hash(token))
        ).first()
        if row is None:
            return
        conn.execute(sessions.delete().where(sessions.c.token_hash == _hash(token)))
        name = conn.execute(
            sa.select(accounts.c.username).where(accounts.c.id == row.account_id)
        ).scalar_one()
        audit_log.record(conn, "sign_out", actor=name, address=address)
