"""Kept page bodies: never one account's page for another, always fresh after a change.

The scorecard's and the indicator page's bodies are rendered once and kept
(scorepack.web.fragments).  These tests read the same pages as accounts with
different grants in turns, and change what the pages show (commentary, sign-off,
publication, revision) between reads, including through a second app on the same
store, as a second server process would.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from scorepack.publish.repository import Store
from scorepack.service.months import StoreMonths
from scorepack.web.app import create_app
from scorepack.web.settings import WebSettings

from .conftest import TOKEN, csrf_from, sign_in

MONTH = "2016-03"
UNIT, RED = "east-kent", "cic-health-assessments"
SCORECARD = f"/months/{MONTH}/units/{UNIT}"
INDICATOR = f"{SCORECARD}/indicators/{RED}"
KENT_LINK = f'<a href="/months/{MONTH}/units/kent">'


@pytest.fixture
def web_settings() -> WebSettings:
    """JSON and HTML only, area scorecards: quick to publish."""
    return WebSettings(publish_formats=("json", "html"), publish_scope="areas")


def _post(client: TestClient, url: str, **fields: str):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/").text)
    return client.post(url, data={"csrf_token": token, **fields}, follow_redirects=False)


def _own_tokens_only(client: TestClient, html: str) -> None:
    """Every CSRF token in the page is the signed-in account's own."""
    own = csrf_from(client.get("/").text)
    assert set(TOKEN.findall(html)) == {own}


def test_the_body_is_rendered_once_and_the_account_s_own_parts_every_time(as_user, client) -> None:
    kept = client.app.state.fragments  # type: ignore[attr-defined]
    analyst = as_user("analyst-kent")
    first = analyst.get(INDICATOR).text
    count = len(kept)
    assert analyst.get(INDICATOR).text == first
    assert len(kept) == count  # read again: nothing new rendered

    author = as_user("author-east")
    page = author.get(INDICATOR)
    assert page.status_code == 200 and len(kept) == count  # the same body, kept
    assert "Signed in as Author East" in page.text and "Analyst Kent" not in page.text
    assert 'value="save"' in page.text  # the author's own form
    _own_tokens_only(author, page.text)
    assert 'value="save"' not in as_user("analyst-kent").get(INDICATOR).text


def test_an_account_outside_the_unit_gets_no_kept_page(as_user) -> None:
    assert as_user("analyst-kent").get(SCORECARD).status_code == 200
    assert as_user("analyst-kent").get(INDICATOR).status_code == 200
    viewer = as_user("viewer-north")
    for url in (SCORECARD, INDICATOR):
        refused = viewer.get(url)
        assert refused.status_code == 403
        assert (
            "scorecard, March 2016" not in refused.text and "Reported results" not in refused.text
        )


@pytest.mark.parametrize(
    "order", [("analyst-kent", "analyst-east"), ("analyst-east", "analyst-kent")]
)
def test_breadcrumbs_link_only_units_the_account_may_read_whoever_read_first(
    as_user, order: tuple[str, str]
) -> None:
    seen = {who: as_user(who).get(SCORECARD).text for who in order}
    assert KENT_LINK in seen["analyst-kent"]
    assert KENT_LINK not in seen["analyst-east"]  # Kent is named, not linked
    assert "<li>Kent</li>" in seen["analyst-east"]


def test_commentary_changes_show_at_once(as_user) -> None:
    author = as_user("author-east")
    assert "Checks now booked" not in author.get(INDICATOR).text
    assert (
        _post(
            author, f"{INDICATOR}/commentary", step="submit", text="Checks now booked"
        ).status_code
        == 303
    )
    assert "Checks now booked" in author.get(INDICATOR).text
    approver = as_user("approver-east")
    assert "Status: <strong>submitted</strong>" in approver.get(INDICATOR).text
    _post(approver, f"{INDICATOR}/commentary", step="return", note="Say when")
    page = approver.get(INDICATOR).text
    assert "Status: <strong>returned</strong>" in page and "Say when" in page
    assert "returned by approver-east" in page  # the history, read for this indicator


def test_a_sign_off_shows_at_once(as_user) -> None:
    approver = as_user("approver-south")
    assert approver.get(f"/months/{MONTH}/units/south-kent").status_code == 200
    assert "<h2>Signed off</h2>" not in approver.get(f"/months/{MONTH}/status").text
    done = _post(approver, f"/months/{MONTH}/units/south-kent/sign-off")
    assert done.status_code == 303, done.text
    assert "South Kent: by approver-south" in approver.get(f"/months/{MONTH}/status").text
    assert approver.get(f"/months/{MONTH}/units/south-kent").status_code == 200


def test_publishing_and_revising_show_at_once(as_user) -> None:
    analyst = as_user("analyst-kent")
    before = analyst.get(INDICATOR).text
    assert "Every published version" not in before
    assert _post(analyst, f"/months/{MONTH}/publish", confirm_unsigned="yes").status_code == 303
    published = analyst.get(INDICATOR).text
    assert "Every published version" in published and "<td>published</td>" in published
    revised = _post(
        analyst,
        f"/months/{MONTH}/publish",
        revise="yes",
        reason="Late returns",
        confirm_unsigned="yes",
    )
    assert revised.status_code == 303
    page = analyst.get(INDICATOR).text
    assert "revised (version 2)" in page and "Late returns" in page


def test_a_second_server_on_the_same_store_sees_a_publication_at_once(
    as_user, engine, kent_months, kent_catalogue_text, web_settings
) -> None:
    """Each server process keeps its own bodies; the store's stamp, read on every request,
    tells the other one that a month was published."""
    other = create_app(
        engine, StoreMonths(kent_months, Store(engine=engine), kent_catalogue_text), web_settings
    )
    with TestClient(other, base_url="https://testserver") as second:
        assert sign_in(second, "analyst-kent").status_code == 303
        assert "Every published version" not in second.get(INDICATOR).text
        assert "Every published version" not in second.get(INDICATOR).text  # kept
        first = as_user("analyst-kent")
        assert _post(first, f"/months/{MONTH}/publish", confirm_unsigned="yes").status_code == 303
        assert "Every published version" in second.get(INDICATOR).text
