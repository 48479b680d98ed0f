"""The authorisation matrix: every route × every role × a unit inside and outside its tree.

A role granted on a unit covers it and everything below it.  The expected
answers are written out by hand here, not derived from the code under test.
"""

from __future__ import annotations

import pytest

MONTH = "2016-03"
INSIDE = {
    # each account's grant, and a unit below it that it may therefore read
    "viewer-north": "gravesham-ait-fst",
    "author-dover": "dover-ait-fst",
    "approver-south": "dover-ait-fst",
    "analyst-kent": "canterbury-ait-fst",
    "admin-kent": "west-kent",
    "analyst-east": "canterbury-ait-fst",
}
OUTSIDE = {
    "viewer-north": "dover-ait-fst",
    "author-dover": "ashford-ait-fst",
    "approver-south": "north-kent",
    "analyst-kent": None,  # the whole tree is inside
    "admin-kent": None,
    "analyst-east": "kent",
}
UNIT_ROUTES = [
    "/months/{month}/units/{unit}",
    "/months/{month}/units/{unit}/indicators/cfa-within-45wd",
]
AUDIT_ROUTES = ["/audit", "/audit.csv"]
AUDIT_ALLOWED = {"analyst-kent", "admin-kent", "analyst-east"}


@pytest.mark.parametrize("route", UNIT_ROUTES)
@pytest.mark.parametrize("username", sorted(INSIDE))
def test_a_unit_inside_the_grant_is_shown(as_user, username, route) -> None:
    client = as_user(username)
    unit = INSIDE[username]
    page = client.get(route.format(month=MONTH, unit=unit))
    assert page.status_code == 200
    assert "Every indicator" in page.text or "Reported results" in page.text


@pytest.mark.parametrize("route", UNIT_ROUTES)
@pytest.mark.parametrize("username", sorted(u for u, o in OUTSIDE.items() if o))
def test_a_unit_outside_the_grant_is_refused_without_data(as_user, username, route) -> None:
    client = as_user(username)
    page = client.get(route.format(month=MONTH, unit=OUTSIDE[username]))
    assert page.status_code == 403
    assert "Not allowed" in page.text
    assert "%" not in page.text  # no figure of any kind


@pytest.mark.parametrize("route", [*UNIT_ROUTES, "/", "/months/2016-03/overview", *AUDIT_ROUTES])
def test_signed_out_every_route_sends_you_to_sign_in(client, route) -> None:
    page = client.get(route.format(month=MONTH, unit="kent"), follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/sign-in"


@pytest.mark.parametrize("route", AUDIT_ROUTES)
@pytest.mark.parametrize("username", sorted(INSIDE))
def test_only_analysts_and_admins_read_the_audit_log(as_user, username, route) -> None:
    page = as_user(username).get(route)
    assert page.status_code == (200 if username in AUDIT_ALLOWED else 403)


def test_an_unknown_unit_or_month_is_not_found(as_user) -> None:
    client = as_user("analyst-kent")
    assert client.get(f"/months/{MONTH}/units/nowhere").status_code == 404
    assert client.get("/months/1999-01/units/kent").status_code == 404
    assert client.get("/months/not-a-month/units/kent").status_code == 404


def test_the_overview_lists_only_units_the_account_may_read(as_user) -> None:
    page = as_user("viewer-north").get(f"/months/{MONTH}/overview")
    assert page.status_code == 200
    assert "Gravesham AIT &amp; FST" in page.text
    assert "Dover AIT" not in page.text
    assert ">Kent<" not in page.text


def test_the_area_audit_reader_sees_only_its_units_entries(as_user, engine) -> None:
    from scorepack.service import audit

    with engine.begin() as conn:
        audit.record(conn, "signed_off", actor="x", unit_id="canterbury-ait-fst", month=MONTH)
        audit.record(conn, "signed_off", actor="x", unit_id="dover-ait-fst", month=MONTH)
    text = as_user("analyst-east").get("/audit.csv").text
    assert "canterbury-ait-fst" in text
    assert "dover-ait-fst" not in text
    assert "sign_in," not in text  # entries about no unit need a grant on the top unit
    everything = as_user("analyst-kent").get("/audit.csv").text
    assert "dover-ait-fst" in everything and ",sign_in," in everything


def test_drill_down_links_lead_to_children_and_back(as_user) -> None:
    client = as_user("approver-south")
    area = client.get(f"/months/{MONTH}/units/south-kent").text
    assert f'href="/months/{MONTH}/units/dover-ait-fst"' in area
    team = client.get(f"/months/{MONTH}/units/dover-ait-fst").text
    assert f'href="/months/{MONTH}/units/south-kent"' in team
    # the county is above the grant: named in the trail, never linked
    assert f'href="/months/{MONTH}/units/kent"' not in team
