"""OpenID Connect sign-in: the authorization code flow with PKCE, state and nonce.

The provider's endpoints come from its discovery document; the ID token's
signature is checked against the provider's published keys, and its issuer,
audience, expiry and nonce are checked before the subject is trusted.  Pending
sign-ins (state, nonce, PKCE verifier) are kept in the store for ten minutes.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any
from urllib.parse import urlencode

import httpx
import sqlalchemy as sa
from joserfc import jwt
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry

from scorepack.web.settings import OidcSettings
from scorepack.web.tables import oidc_pending

PENDING_MINUTES = 10
CLOCK_SKEW_SECONDS = 60
CALLBACK = "/sign-in/oidc/callback"


class OidcRefused(Exception):
    """The provider's answer could not be trusted; ``reason`` is safe to show."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@cache
def provider(issuer: str) -> Provider:
    found = httpx.get(issuer.rstrip("/") + "/.well-known/openid-configuration", timeout=10)
    found.raise_for_status()
    doc = found.json()
    return Provider(
        doc["issuer"], doc["authorization_endpoint"], doc["token_endpoint"], doc["jwks_uri"]
    )


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def start(engine: sa.Engine, settings: OidcSettings, now: datetime) -> tuple[str, str]:
    """The provider URL to send the browser to, and the state to bind to its cookie."""
    state, nonce, verifier = (secrets.token_urlsafe(32) for _ in range(3))
    with engine.begin() as conn:
        conn.execute(
            oidc_pending.delete().where(
                oidc_pending.c.created_at < now - timedelta(minutes=PENDING_MINUTES)
            )
        )
        conn.execute(
            oidc_pending.insert().values(
                state=state, nonce=nonce, verifier=verifier, created_at=now
            )
        )
    query = {
        "response_type": "code",
        "client_id": settings.client_id,
        "redirect_uri": settings.redirect_base.rstrip("/") + CALLBACK,
        "scope": "openid email profile",
        "state": state,
        "nonce": nonce,
        "code_challenge": _challenge(verifier),
        "code_challenge_method": "S256",
    }
    return provider(settings.issuer).authorization_endpoint + "?" + urlencode(query), state


def finish(engine: sa.Engine, settings: OidcSettings, state: str, code: str, now: datetime) -> str:
    """Exchange the code, check the ID token, and return the subject it vouches for."""
    with engine.begin() as conn:
        pending = (
            conn.execute(sa.select(oidc_pending).where(oidc_pending.c.state == state))
            .mappings()
            .first()
        )
        conn.execute(oidc_pending.delete().where(oidc_pending.c.state == state))
    if pending is None:
        raise OidcRefused("This sign-in link has been used or has expired. Please start again.")
    created = pending["created_at"]
    if created.tzinfo is None:
        created = created.replace(tzinfo=now.tzinfo)
    if created < now - timedelta(minutes=PENDING_MINUTES):
        raise OidcRefused("This sign-in took too long. Please start again.")
    found = provider(settings.issuer)
    answer = httpx.post(
        found.token_endpoint,
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": settings.redirect_base.rstrip("/") + CALLBACK,
            "code_verifier": pending["verifier"],
        },
        auth=(settings.client_id, settings.client_secret),
        timeout=10,
    )
    if answer.status_code != 200 or "id_token" not in answer.json():
        raise OidcRefused("The identity provider did not confirm the sign-in.")
    keys = KeySet.import_key_set(httpx.get(found.jwks_uri, timeout=10).json())
    # the token is issued after ``now`` was read: check it against the clock as it is now,
    # allowing the usual minute of skew between the provider's clock and ours
    registry = JWTClaimsRegistry(
        now=int(datetime.now(now.tzinfo).timestamp()),
        leeway=CLOCK_SKEW_SECONDS,
        iss={"essential": True, "value": found.issuer},
        aud={"essential": True, "value": settings.client_id},
        nonce={"essential": True, "value": pending["nonce"]},
        sub={"essential": True},
        exp={"essential": True},
    )
    try:
        claims: dict[str, Any] = jwt.decode(answer.json()["id_token"], keys).claims
        registry.validate(claims)
    except Exception:  # a bad signature, a wrong claim, an expired or malformed token
        raise OidcRefused("The identity provider's token could not be trusted.") from None
    return str(claims["sub"])
