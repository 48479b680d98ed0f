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


def setting_names() -> list[str]:
    """Every setting's dotted name (docs/web.md documents each; a test checks)."""
    from dataclasses import fields

    names = []
    for f in fields(WebSettings):
        if f.name == "policy":
            names += [f"policy.{p.name}" for p in fields(Policy)]
        else:
            names.append(f.name)
    return names
