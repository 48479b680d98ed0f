"""The web app's settings, as data: each documented in docs/web.md (a test checks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorepack.service.accounts import Policy


@dataclass(frozen=True)
class WebSettings:
    secure_cookies: bool = True
    """Mark cookies Secure (sent over HTTPS only; browsers also accept them on localhost)."""
    policy: Policy = field(default_factory=Policy)
    """Sign-in limits: lock-out after failures, attempts per address per minute, session length."""
    title: str = "scorepack"
    """The name shown in every page's header."""


SETTINGS_DOCS = {
    "secure_cookies": "Mark the session and CSRF cookies Secure.",
    "policy.lock_after": "Failed sign-ins in a row that lock an account (default 5).",
    "policy.lock_minutes": "How long a locked account stays locked (default 15 minutes).",
    "policy.per_address_per_minute": "Sign-in attempts allowed from one address a minute (20).",
    "policy.session_hours": "How long a session lasts before signing in again (8 hours).",
    "title": "The name shown in every page's header.",
}
