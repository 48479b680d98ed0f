"""The monthly workflow over HTTP: write, submit, return, amend, approve, sign off; all audited."""

from __future__ import annotations

from scorepack.service import audit

from .conftest import csrf_from

PAGE = "/months/2016-03/units/east-kent/indicators/cic-health-assessments"
POST = PAGE + "/commentary"


def _post(client, url: str, **fields: str):  # type: ignore[no-untyped-def]
    token = csrf_from(client.get("/").text)
    return client.post(url, data={"csrf_token": token, **fields}, follow_redirects=False)


def test_the_whole_cycle_for_one_red_is_recorded_step_by_step(as_user, engine) -> None:
    author = as_user("author-east")
    page = author.get(PAGE).text
    assert "Status: <strong>none</strong>" in page and 'value="submit"' in page
    assert _post(author, POST, step="submit", text="Fewer **checks** were due.").status_code == 303
    page = author.get(PAGE).text
    assert "Status: <strong>submitted</strong>" in page
    assert 'value="submit"' not in page  # submitted: the author waits

    approver = as_user("approver-east")
    assert _post(approver, POST, step="return", note="").status_code == 400  # a note is needed
    assert _post(approver, POST, step="return", note="Say when it recovers.").status_code == 303

    author = as_user("author-east")
    page = author.get(PAGE).text
    assert "Returned with a note" in page and "Say when it recovers." in page
    done = _post(
        author,
        POST,
        step="submit",
        text="Recovers by June.",
        action="Weekly list",
        due="2016-06-30",
    )
    assert done.status_code == 303

    approver = as_user("approver-east")
    assert _post(approver, POST, step="approve").status_code == 303
    status = approver.get("/months/2016-03/status").text
    assert "Sign off East Kent" in status
    # another Red in the area still needs approved commentary: sign-off is refused
    refused = _post(approver, "/months/2016-03/units/east-kent/sign-off")
    assert refused.status_code == 400
    assert "cic-3-placements-12m" in refused.text

    author = as_user("author-east")
    other = "/months/2016-03/units/east-kent/indicators/cic-3-placements-12m/commentary"
    assert _post(author, other, step="submit", text="Two children moved twice.").status_code == 303
    approver = as_user("approver-east")
    assert _post(approver, other, step="approve").status_code == 303
    assert _post(approver, "/months/2016-03/units/east-kent/sign-off").status_code == 303
    status = approver.get("/months/2016-03/status").text
    assert "East Kent: by approver-east" in status

    events = [(e.event, e.actor) for e in reversed(audit.entries(engine)) if e.month == "2016-03"]
    assert events == [
        ("commentary_submitted", "author-east"),
        ("commentary_returned", "approver-east"),
        ("commentary_submitted", "author-east"),
        ("commentary_approved", "approver-east"),
        ("commentary_submitted", "author-east"),
        ("commentary_approved", "approver-east"),
        ("signed_off", "approver-east"),
    ]
    returned = next(e for e in audit.entries(engine, event="commentary_returned"))
    assert returned.detail["before"]["state"] == "submitted"
    assert returned.detail["after"]["note"] == "Say when it recovers."


def test_an_author_cannot_approve_and_an_approver_cannot_write(as_user) -> None:
    author = as_user("author-east")
    assert _post(author, POST, step="submit", text="x").status_code == 303
    assert _post(author, POST, step="approve").status_code == 403
    approver = as_user("approver-east")
    assert _post(approver, POST, step="save", text="mine now").status_code == 403


def test_commentary_outside_the_grant_or_on_a_non_red_is_refused(as_user) -> None:
    author = as_user("author-east")
    west = "/months/2016-03/units/west-kent/indicators/cic-3-placements-12m/commentary"
    assert _post(author, west, step="save", text="x").status_code == 403
    green = "/months/2016-03/units/east-kent/indicators/referrals/commentary"
    assert _post(author, green, step="save", text="x").status_code == 404


def test_commentary_without_a_csrf_token_is_refused(as_user) -> None:
    author = as_user("author-east")
    done = author.post(POST, data={"step": "save", "text": "x"}, follow_redirects=False)
    assert done.status_code == 403


def test_script_in_commentary_is_shown_inert(as_user) -> None:
    author = as_user("author-east")
    hostile = (
        '<script>alert("x")</script> and [link](javascript:alert(1)) <img src=x onerror=alert(1)>'
    )
    assert _post(author, POST, step="save", text=hostile).status_code == 303
    page = author.get(PAGE).text
    shown = page.split('<div class="commentary">', 1)[1].split("</div>", 1)[0]
    assert "<script" not in shown and "<img" not in shown
    assert "href=" not in shown  # the javascript: link is left as plain text
    assert "&lt;script&gt;" in shown


def test_the_indicator_page_title_is_just_its_name(as_user) -> None:
    page = as_user("author-east").get(PAGE).text
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("26 ") and title.endswith(", East Kent – scorepack")
    assert "<" not in title
    assert page.count('id="commentary"') == 1


def test_the_audit_log_answers_for_one_unit_and_month(engine) -> None:
    with engine.begin() as conn:
        for unit, month in (
            ("east-kent", "2016-03"),
            ("east-kent", "2016-02"),
            ("kent", "2016-03"),
        ):
            audit.record(conn, "signed_off", actor="approver-east", unit_id=unit, month=month)
    found = audit.entries(engine, unit_id="east-kent", month="2016-03")
    assert [(e.unit_id, e.month) for e in found] == [("east-kent", "2016-03")]
    assert len(audit.entries(engine, unit_id="east-kent", event="signed_off")) == 2
    assert len(audit.entries(engine, month="2016-03", event="signed_off")) == 2
