"""Publishing from the web and downloading what was published: every version, as the store keeps it."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from scorepack.periods import Month
from scorepack.service import audit
from scorepack.service import workflow as workflow_service
from scorepack.service.workflow_rules import Step
from scorepack.web.settings import WebSettings

from .conftest import csrf_from

MONTH = "2016-03"
RED = ("east-kent", "cic-health-assessments")
AREAS = ("north-kent", "south-kent", "east-kent", "west-kent")


@pytest.fixture
def web_settings() -> WebSettings:
    """JSON and HTML only, area scorecards: quick to render (the PDF has its own test)."""
    return WebSettings(publish_formats=("json", "html"), publish_scope="areas")


def _post(client, url: str, **fields: str):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/").text)
    return client.post(url, data={"csrf_token": token, **fields}, follow_redirects=False)


def _approve(engine, months, text: str) -> None:  # type: ignore[no-untyped-def]
    """The Red's commentary written by its author and approved by its approver."""
    from scorepack.service import accounts

    unit, indicator = RED
    month = Month.parse(MONTH)
    for who, step in (("author-east", Step.submit), ("approver-east", Step.approve)):
        account = accounts.find(engine, who)
        assert account is not None
        workflow_service.take_step(
            engine, account, months.tree, month, unit, indicator, step, text=text
        )


def test_publishing_refuses_while_units_are_unsigned_and_writes_nothing(as_user, months) -> None:
    analyst = as_user("analyst-kent")
    form = analyst.get(f"/months/{MONTH}/publish")
    assert form.status_code == 200 and "Not signed off" in form.text
    refused = _post(analyst, f"/months/{MONTH}/publish")
    assert refused.status_code == 400
    for area in AREAS:
        assert f"{area} has not signed off {MONTH}" in refused.text
    assert months.versions(Month.parse(MONTH)) == []
    assert audit.entries(months.store.engine, event="published") == []


def test_an_analyst_publishes_with_confirmation_and_every_viewer_downloads(
    as_user, months, engine
) -> None:
    _approve(engine, months, "Fewer **checks** were due.")
    analyst = as_user("analyst-kent")
    done = _post(analyst, f"/months/{MONTH}/publish", confirm_unsigned="yes")
    assert done.status_code == 303 and done.headers["location"] == f"/months/{MONTH}/downloads"

    (version,) = months.versions(Month.parse(MONTH))
    assert version.version == 1 and version.published_by == "analyst-kent"
    stored = months.store.files(Month.parse(MONTH), 1)
    assert f"pack-{MONTH}.html" in stored
    # the approved commentary went into the pack and into the store's commentary text
    assert "Fewer <strong>checks</strong> were due." in stored[f"pack-{MONTH}.html"][1].decode()
    (entry,) = audit.entries(engine, event="published")
    assert entry.actor == "analyst-kent" and entry.month == MONTH
    assert entry.detail["version"] == 1 and entry.detail["commentary_entries"] == 1
    assert sorted(entry.detail["unsigned_confirmed"]) == sorted(AREAS)
    assert entry.detail["files"][f"pack-{MONTH}.html"] == stored[f"pack-{MONTH}.html"][0]

    viewer = as_user("viewer-north")
    page = viewer.get(f"/months/{MONTH}/downloads")
    assert page.status_code == 200 and "Version 1 (latest)" in page.text
    url = f"/months/{MONTH}/versions/1/files/pack-{MONTH}.html"
    assert url in page.text
    got = viewer.get(url)
    sha, data = stored[f"pack-{MONTH}.html"]
    assert got.status_code == 200 and got.content == data
    assert hashlib.sha256(got.content).hexdigest() == sha == got.headers["x-content-sha256"]
    assert got.headers["etag"] == f'"{sha}"'
    assert got.headers["content-type"] == "text/html; charset=utf-8"
    assert got.headers["content-disposition"] == f'attachment; filename="pack-{MONTH}.html"'
    # a unit's own scorecard: only for those who may read the unit
    assert (
        viewer.get(
            f"/months/{MONTH}/versions/1/files/scorecard-north-kent-{MONTH}.json"
        ).status_code
        == 200
    )
    assert (
        viewer.get(f"/months/{MONTH}/versions/1/files/scorecard-east-kent-{MONTH}.json").status_code
        == 403
    )
    assert f"scorecard-east-kent-{MONTH}.json" not in page.text
    assert viewer.get(f"/months/{MONTH}/versions/2/files/pack-{MONTH}.html").status_code == 404
    assert viewer.get(f"/months/{MONTH}/versions/1/files/nothing.pdf").status_code == 404

    status = viewer.get(f"/months/{MONTH}/status").text
    assert "Mar 2016: published" in status


def test_commentary_text_kept_by_the_store_is_the_approved_commentary(
    as_user, months, engine
) -> None:
    _approve(engine, months, "Recovers by June.")
    _post(as_user("analyst-kent"), f"/months/{MONTH}/publish", confirm_unsigned="yes")
    from sqlalchemy import select

    from scorepack.publish.models import Publication

    with engine.connect() as conn:
        text = conn.execute(select(Publication.commentary)).scalar_one()
    assert yaml.safe_load(text) == {
        "commentary": [
            {"indicator": RED[1], "unit": RED[0], "month": MONTH, "text": "Recovers by June."}
        ]
    }


def test_a_revision_needs_a_reason_and_every_version_stays_downloadable(as_user, months) -> None:
    analyst = as_user("analyst-kent")
    assert _post(analyst, f"/months/{MONTH}/publish", confirm_unsigned="yes").status_code == 303
    again = _post(analyst, f"/months/{MONTH}/publish", confirm_unsigned="yes")
    assert again.status_code == 400 and "already published (version 1" in again.text
    form = analyst.get(f"/months/{MONTH}/publish").text
    assert 'name="reason"' in form and "Publish a revision of Mar 2016" in form
    no_reason = _post(analyst, f"/months/{MONTH}/publish", revise="yes", confirm_unsigned="yes")
    assert no_reason.status_code == 400 and "say why the month is revised" in no_reason.text
    revised = _post(
        analyst,
        f"/months/{MONTH}/publish",
        revise="yes",
        reason="Late returns from Dover",
        confirm_unsigned="yes",
    )
    assert revised.status_code == 303
    assert [v.version for v in months.versions(Month.parse(MONTH))] == [1, 2]
    (entry,) = audit.entries(months.store.engine, event="revised")
    assert entry.detail["version"] == 2 and entry.detail["reason"] == "Late returns from Dover"

    viewer = as_user("viewer-north")
    page = viewer.get(f"/months/{MONTH}/downloads").text
    assert (
        "Version 2 (latest)" in page and "Version 1" in page and "Late returns from Dover" in page
    )
    one = viewer.get(f"/months/{MONTH}/versions/1/files/pack-{MONTH}.html")
    two = viewer.get(f"/months/{MONTH}/versions/2/files/pack-{MONTH}.html")
    assert two.headers["content-disposition"] == f'attachment; filename="pack-{MONTH}-v2.html"'
    assert one.content != two.content and b"Late returns from Dover" in two.content
    assert "Mar 2016: revised" in viewer.get(f"/months/{MONTH}/status").text


@pytest.mark.parametrize("who", ["viewer-north", "author-dover", "approver-south", "analyst-east"])
def test_only_an_analyst_of_the_whole_tree_publishes(as_user, months, who: str) -> None:
    client = as_user(who)
    assert client.get(f"/months/{MONTH}/publish").status_code == 403
    assert _post(client, f"/months/{MONTH}/publish", confirm_unsigned="yes").status_code == 403
    assert months.versions(Month.parse(MONTH)) == []


def test_publishing_without_the_csrf_token_is_refused(as_user, months) -> None:
    analyst = as_user("analyst-kent")
    refused = analyst.post(
        f"/months/{MONTH}/publish", data={"confirm_unsigned": "yes"}, follow_redirects=False
    )
    assert refused.status_code == 403
    assert months.versions(Month.parse(MONTH)) == []


def test_downloads_of_a_month_never_published_say_so(as_user) -> None:
    page = as_user("analyst-kent").get(f"/months/{MONTH}/downloads")
    assert page.status_code == 200 and "has not been published yet" in page.text
    assert 'href="/months/2016-03/publish"' in page.text
