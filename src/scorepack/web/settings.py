"""The web app's settings, as data: each documented in docs/web.md (a test checks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from scorepack.service.accounts import Policy
from scorepack.service.render import DEFAULT_PDF_ENGINE
from scorepack.service.web_publish import WEB_FORMATS


@dataclass(frozen=True)
class OidcSettings:
    """Sign-in through the council's identity provider (OpenID Connect, code flow with PKCE)."""

    issuer: str
    """The provider's issuer URL; its /.well-known/openid-configuration is read on first use."""
    client_id: str
    client_secret: str
    redirect_base: str
    """This app's public base URL, e.g. https://scorecard.council.gov.uk (the callback is /sign-in/oidc/callback)."""
    label: str = "your organisation's account"
    """Words on the sign-in button: "Sign in with …"."""


@dataclass(frozen=True)
class WebSettings:
    secure_cookies: bool = True
    """Mark cookies Secure (sent over HTTPS only; browsers also accept them on localhost)."""
    policy: Policy = field(default_factory=Policy)
    """Sign-in limits: lock-out after failures, attempts per address per minute, session length."""
    title: str = "scorepack"
    """The name shown in every page's header."""
    oidc: OidcSettings | None = None
    """OpenID Connect sign-in, when configured."""
    publish_scope: str = "all"
    """The units a month published from the web reports: ``all`` (every team) or ``areas``."""
    publish_formats: tuple[str, ...] = WEB_FORMATS
    """The formats a month published from the web freezes in the store, for viewers to download."""
    pdf_engine: str = DEFAULT_PDF_ENGINE
    """What prints the PDF a month published from the web freezes: ``chromium`` or ``weasyprint``."""


def setting_names() -> list[str]:
    """Every setting's dotted name (docs/web.md documents each; a test checks)."""
    from dataclasses import fields

    names = []
    for f in fields(WebSettings):
        if f.name == "policy":
            names += [f"policy.{p.name}" for p in fields(Policy)]
        elif f.name == "oidc":
            names += [f"oidc.{p.name}" for p in fields(OidcSettings)]
        else:
            names.append(f.name)
    return names
