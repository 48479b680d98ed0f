"""Sign-in, sessions, CSRF, lock-out, headers and the append-only audit log."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from scorepack.service import accounts, audit
from scorepack.web.tables import audit as audit_table

from .conftest import PASSWORD, csrf_from, sign_in


def test_a_right_password_opens_a_session_with_safe_cookie_flags(client) -> None:
    done = sign_in(client, "viewer-north")
    assert done.status_code == 303
    cookie = next(
        h for h in done.headers.get_list("set-cookie") if h.startswith("__Host-scorepack-session=")
    )
    flags = {f.strip().lower() for f in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=lax", "path=/"} <= flags
    assert not any(f.startswith("domain") for f in flags)


def test_a_wrong_password_is_refused_and_recorded(client, engine) -> None:
    done = sign_in(client, "viewer-north", "not the password at all")
    assert done.status_code == 401
    assert "not right" in done.text
    failed = audit.entries(engine, event="sign_in_failed")
    assert [e.actor for e in failed] == ["viewer-north"]
    assert failed[0].address == "testclient"


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(client) -> None:
    unknown = sign_in(client, "nobody-here", PASSWORD)
    wrong = sign_in(client, "viewer-north", "wrong password!!")
    assert unknown.status_code == wrong.status_code == 401
    assert "The username or password is not right." in unknown.text
    assert "The username or password is not right." in wrong.text


def test_the_account_locks_after_five_failures_even_for_the_right_password(client, engine) -> None:
    for _ in range(5):
        assert sign_in(client, "author-dover", "wrong wrong wrong").status_code == 401
    locked = sign_in(client, "author-dover", PASSWORD)
    assert locked.status_code == 401
    assert "locked" in locked.text
    assert [e.actor for e in audit.entries(engine, event="account_locked")] == ["author-dover"]


def test_a_lock_expires(engine) -> None:
    start = datetime(2016, 4, 1, 9, tzinfo=UTC)
    for _ in range(5):
        with pytest.raises(accounts.SignInRefused):
            accounts.sign_in(engine, "author-dover", "wrong!", address=None, clock=lambda: start)
    later = start + timedelta(minutes=16)
    opened = accounts.sign_in(engine, "author-dover", PASSWORD, address=None, clock=lambda: later)
    assert opened.session.account.username == "author-dover"


def test_too_many_attempts_from_one_address_are_refused(engine) -> None:
    now = datetime(2016, 4, 1, 9, tzinfo=UTC)
    for i in range(20):
        with pytest.raises(accounts.SignInRefused):
            accounts.sign_in(engine, f"nobody-{i}", "x", address="10.9.9.9", clock=lambda: now)
    with pytest.raises(accounts.SignInRefused, match="Too many"):
        accounts.sign_in(engine, "viewer-north", PASSWORD, address="10.9.9.9", clock=lambda: now)
    ok = accounts.sign_in(engine, "viewer-north", PASSWORD, address="10.1.1.1", clock=lambda: now)
    assert ok.token


def test_passwords_are_stored_as_argon2id_hashes(engine) -> None:
    from scorepack.web.tables import accounts as accounts_table

    with engine.connect() as conn:
        stored = conn.execute(sa.select(accounts_table.c.password_hash)).scalars().all()
    assert stored and all(h.startswith("$argon2id$") for h in stored)
    assert not any(PASSWORD in h for h in stored)


def test_sign_in_without_the_form_token_is_refused(client) -> None:
    done = client.post(
        "/sign-in", data={"username": "viewer-north", "password": PASSWORD}, follow_redirects=False
    )
    assert done.status_code == 403
    assert "__Host-scorepack-session" not in done.headers.get("set-cookie", "")


def test_sign_out_needs_the_session_csrf_token(as_user, engine) -> None:
    client = as_user("viewer-north")
    refused = client.post("/sign-out", data={}, follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/").status_code == 200  # still signed in
    token = csrf_from(client.get("/").text)
    done = client.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303
    assert [e.event for e in audit.entries(engine, actor="viewer-north")][:2] == [
        "sign_out",
        "sign_in",
    ]


def test_every_page_has_a_strict_csp_and_no_inline_script_or_style(as_user) -> None:
    client = as_user("analyst-kent")
    for url in [
        "/",
        "/months/2016-03/units/kent",
        "/months/2016-03/overview",
        "/audit",
        "/sign-in",
    ]:
        page = client.get(url)
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["cache-control"] == "no-store"
        assert not re.search(r"<script(?![^>]*\bsrc=)", page.text), url
        assert not re.search(r"\sstyle=", page.text), url
        assert not re.search(r"\son[a-z]+=", page.text), url


def test_the_audit_log_refuses_updates_and_deletes(engine) -> None:
    with engine.begin() as conn:
        audit.record(conn, "published", actor="analyst-kent", month="2016-03")
    for change in (audit_table.update().values(actor="someone else"), audit_table.delete()):
        with pytest.raises(sa.exc.DatabaseError), engine.begin() as conn:
            conn.execute(change)
    assert len(audit.entries(engine)) > 0


def test_the_audit_log_refuses_changes_on_postgresql_too(postgres_url) -> None:
    from .conftest import make_engine

    engine = make_engine(postgres_url)
    try:
        with engine.begin() as conn:
            audit.record(conn, "published", actor="analyst-kent", month="2016-03")
        for sql in (
            "UPDATE web_audit SET actor = 'x'",
            "DELETE FROM web_audit",
            "TRUNCATE web_audit",
        ):
            with pytest.raises(sa.exc.DatabaseError), engine.begin() as conn:
                conn.exec_driver_sql(sql)
        assert {e.event for e in audit.entries(engine)} >= {"published", "role_granted"}
    finally:
        engine.dispose()


def test_the_csv_export_cannot_smuggle_a_formula_into_excel(engine) -> None:
    with engine.begin() as conn:
        audit.record(conn, "sign_in_failed", actor='=HYPERLINK("x")', address="1.2.3.4")
    text = audit.to_csv(audit.entries(engine, event="sign_in_failed"))
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text


def test_hostile_unit_names_are_shown_as_text(engine) -> None:
    from fastapi.testclient import TestClient

    from scorepack.catalogue.units import parse_units
    from scorepack.service.inputs import load_config, load_store
    from scorepack.service.months import built_from
    from scorepack.web.app import create_app

    kent = load_config("kent-scs-2016", None, None)
    text = "id,name,parent,kind\n" + "\n".join(
        f"{u.id},{'<script>alert(1)</script>' if u.id == 'kent' else u.name.replace(',', ' ')},"
        f"{u.parent or ''},{u.kind}"
        for u in kent.tree
    )
    tree = parse_units(text, "units.csv")
    source = built_from(
        kent.catalogue, tree, load_store(type(kent)(kent.catalogue, tree), kent.preset.figures)
    )
    with TestClient(create_app(engine, source), base_url="https://testserver") as client:
        sign_in(client, "analyst-kent")
        page = client.get("/months/2016-03/units/kent")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>alert(1)" not in page.text
