"""Sign-in through OpenID Connect, against a real (local) provider: oidc-provider-mock.

The provider runs on loopback in a thread; the test plays the browser: it
follows the app's redirect to the provider, answers the provider's sign-in form
as a user, and follows the provider's redirect back to the app's callback.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from scorepack.service import accounts, audit
from scorepack.web.app import create_app
from scorepack.web.settings import OidcSettings, WebSettings

oidc_mock = pytest.importorskip("oidc_provider_mock")


@pytest.fixture(scope="module")
def issuer():  # type: ignore[no-untyped-def]
    with oidc_mock.run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


def _client(engine, kent_months, issuer: str) -> TestClient:  # type: ignore[no-untyped-def]
    settings = WebSettings(
        oidc=OidcSettings(issuer, "scorepack-test", "secret", "https://testserver", "the council")
    )
    return TestClient(create_app(engine, kent_months, settings), base_url="https://testserver")


def _through_provider(client: TestClient, subject: str):  # type: ignore[no-untyped-def]
    start = client.get("/sign-in/oidc", follow_redirects=False)
    assert start.status_code == 303
    authorize = start.headers["location"]
    params = parse_qs(urlsplit(authorize).query)
    assert params["code_challenge_method"] == ["S256"] and params["nonce"][0]
    answered = httpx.post(authorize, data={"sub": subject}, follow_redirects=False)
    assert answered.status_code in (302, 303)
    back = urlsplit(answered.headers["location"])
    assert back.path == "/sign-in/oidc/callback"
    return client.get(f"{back.path}?{back.query}", follow_redirects=False)


def test_a_linked_identity_signs_in(engine, kent_months, issuer) -> None:
    accounts.add_account(engine, "jo.smith", "Jo Smith", None, oidc_subject="jo@council.example")
    with _client(engine, kent_months, issuer) as client:
        assert "Sign in with the council" in client.get("/sign-in").text
        done = _through_provider(client, "jo@council.example")
        assert done.status_code == 303 and done.headers["location"] == "/"
        assert "Signed in as Jo Smith" in client.get("/").text
    assert [(e.actor, e.detail.get("via")) for e in audit.entries(engine, event="sign_in")] == [
        ("jo.smith", "openid")
    ]


def test_an_identity_with_no_account_is_refused(engine, kent_months, issuer) -> None:
    with _client(engine, kent_months, issuer) as client:
        done = _through_provider(client, "stranger@elsewhere.example")
        assert done.status_code == 401
        assert "no scorepack account" in done.text
        assert client.get("/", follow_redirects=False).status_code == 303


def test_a_callback_that_did_not_start_in_this_browser_is_refused(
    engine, kent_months, issuer
) -> None:
    accounts.add_account(engine, "jo.smith", "Jo Smith", None, oidc_subject="jo@council.example")
    with (
        _client(engine, kent_months, issuer) as victim,
        _client(engine, kent_months, issuer) as attacker,
    ):
        start = attacker.get("/sign-in/oidc", follow_redirects=False).headers["location"]
        answered = httpx.post(start, data={"sub": "jo@council.example"}, follow_redirects=False)
        back = urlsplit(answered.headers["location"])
        done = victim.get(f"{back.path}?{back.query}", follow_redirects=False)
        assert done.status_code == 403


def test_a_code_is_used_once(engine, kent_months, issuer) -> None:
    accounts.add_account(engine, "jo.smith", "Jo Smith", None, oidc_subject="jo@council.example")
    with _client(engine, kent_months, issuer) as client:
        start = client.get("/sign-in/oidc", follow_redirects=False).headers["location"]
        answered = httpx.post(start, data={"sub": "jo@council.example"}, follow_redirects=False)
        back = urlsplit(answered.headers["location"])
        assert client.get(f"{back.path}?{back.query}", follow_redirects=False).status_code == 303
        client.cookies.set("__Host-scorepack-oidc", parse_qs(back.query)["state"][0])
        again = client.get(f"{back.path}?{back.query}", follow_redirects=False)
        assert again.status_code == 401
