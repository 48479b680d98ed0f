"""Issue 10's acceptance story, in a real browser, through the pages alone.

An author signs in, finds their unit from the home page, opens a Red
indicator, writes commentary and submits it; the approver returns it with a
note; the author reads the note, amends and resubmits; the approver approves it
and signs the area off; the analyst publishes the month; a viewer downloads the
published PDF, whose SHA-256 is the one the downloads page shows; and the audit
log shows every step, in order.  Only clicks and form fills: no request is made
behind the browser's back.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from scorepack.periods import Month
from scorepack.service import accounts
from scorepack.service import workflow as workflow_service
from scorepack.service.workflow_rules import Step
from scorepack.web.app import create_app
from scorepack.web.settings import WebSettings

from .conftest import PASSWORD
from .live import CHROMIUM, CHROMIUM_ARGS, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright_api = pytest.importorskip("playwright.sync_api")

if not shutil.which(CHROMIUM):
    pytest.fail("Debian's chromium is needed: make test installs it", pytrace=False)

MONTH = "2016-03"
AREA = ("east-kent", "East Kent")
RED = ("cic-health-assessments", "Health Assessments were held")
OTHER_RED = "cic-3-placements-12m"
"""East Kent's other Red in March 2016: its commentary is approved before the story starts."""


@pytest.fixture
def web_settings() -> WebSettings:
    """The pack as a PDF, for the county and its areas: what the story downloads, quick to render."""
    return WebSettings(publish_scope="areas", publish_formats=("pdf",))


@pytest.fixture
def base_url(engine, months, web_settings) -> Iterator[str]:
    """The app on the store-backed months, with East Kent's other Red already approved."""
    month = Month.parse(MONTH)
    for who, step in (("author-east", Step.submit), ("approver-east", Step.approve)):
        account = accounts.find(engine, who)
        assert account is not None
        workflow_service.take_step(
            engine, account, months.tree, month, AREA[0], OTHER_RED, step, text="Two moves."
        )
    with serving(create_app(engine, months, web_settings)) as url:
        yield url


@pytest.fixture
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_commentary_to_download_through_the_pages_alone(browser, base_url, tmp_path) -> None:
    expect = playwright_api.expect

    @contextmanager
    def signed_in(username: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        page.goto(base_url + "/")  # signed out: sent to the sign-in page
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(base_url + "/")
        yield page
        context.close()

    def red_from_status(page) -> None:  # type: ignore[no-untyped-def]
        page.get_by_role("link", name="Status of Mar 2016").click()
        page.get_by_role("row").filter(has_text=AREA[1]).get_by_role(
            "link", name=RED[1], exact=False
        ).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(RED[1])

    def red_from_home(page) -> None:  # type: ignore[no-untyped-def]
        page.get_by_role("link", name=AREA[1], exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{AREA[1]}: scorecard, Mar 2016")
        page.get_by_role("link", name=RED[1], exact=False).first.click()

    def press(page, button: str, state: str) -> None:  # type: ignore[no-untyped-def]
        page.get_by_role("button", name=button).click()
        expect(page.locator("#commentary")).to_contain_text(f"Status: {state}")

    # The author: home → their area → the Red indicator; writes and submits.
    with signed_in("author-east") as page:
        red_from_home(page)
        author_url = page.url
        expect(page.locator("#commentary")).to_contain_text("Status: none")
        page.get_by_label("Commentary (Markdown)").fill("Fewer assessments were due in March.")
        press(page, "Submit for approval", "submitted")

    # The approver: home → month status → the Red; returns it with a note.
    with signed_in("approver-east") as page:
        red_from_status(page)
        expect(page.locator(".commentary")).to_contain_text("Fewer assessments were due")
        page.get_by_label("Note for the author").fill("Say when it will recover.")
        press(page, "Return to the author", "returned")

    # The author reads the note, amends and resubmits.
    with signed_in("author-east") as page:
        red_from_home(page)
        assert page.url == author_url
        expect(page.locator(".note")).to_contain_text("Say when it will recover.")
        page.get_by_label("Commentary (Markdown)").fill("Fewer were due; back on target by June.")
        page.get_by_label("Action (optional)").fill("Weekly list of assessments due")
        press(page, "Submit for approval", "submitted")

    # The approver approves it, then signs the area off from the status page.
    with signed_in("approver-east") as page:
        red_from_status(page)
        expect(page.locator(".commentary")).to_contain_text("back on target by June")
        press(page, "Approve", "approved")
        page.get_by_role("link", name="Home").first.click()
        page.get_by_role("link", name="Status of Mar 2016").click()
        page.get_by_role("button", name=f"Sign off {AREA[1]} for Mar 2016").click()
        expect(page.get_by_text(f"{AREA[1]}: by approver-east")).to_be_visible()

    # The analyst publishes (the other areas have not signed off: confirmed on the form).
    with signed_in("analyst-kent") as page:
        page.get_by_role("link", name="Status of Mar 2016").click()
        page.get_by_role("link", name="Publish Mar 2016").click()
        expect(page.get_by_role("heading", name="Not signed off")).to_be_visible()
        page.get_by_label("Publish although").check()
        # Rendering the PDF takes a while on a loaded machine: the click waits for the answer.
        page.get_by_role("button", name="Publish Mar 2016").click(timeout=180_000)
        page.wait_for_url(f"{base_url}/months/{MONTH}/downloads")
        expect(page.get_by_text("Version 1 (latest)")).to_be_visible()

    # A viewer downloads the published PDF: its bytes hash to what the page shows.
    with signed_in("viewer-north") as page:
        page.get_by_role("link", name="Published pack for Mar 2016").click()
        name = f"pack-{MONTH}.pdf"
        row = page.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True))
        shown = row.locator("code.hash").inner_text().strip()
        with page.expect_download() as event:
            row.get_by_role("link", name=name, exact=True).click()
        download = event.value
        assert download.suggested_filename == name
        saved = Path(tmp_path / name)
        download.save_as(saved)
        data = saved.read_bytes()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == shown

    # The audit log, read by the analyst: every step, in the order it was taken.
    with signed_in("analyst-kent") as page:
        page.get_by_role("link", name="Read the audit log").click()
        rows = page.locator("table.audit tbody tr")
        logged = []
        for i in range(rows.count()):
            cells = rows.nth(i).locator("th, td").all_inner_texts()
            who, what, unit, month, detail = cells[1], cells[3], cells[4], cells[5], cells[6]
            about_red = f"indicator: {RED[0]}" in detail
            if month == MONTH and (about_red or what in ("signed_off", "published")):
                logged.append((what, who, unit))
    assert list(reversed(logged)) == [
        ("commentary_submitted", "author-east", AREA[0]),
        ("commentary_returned", "approver-east", AREA[0]),
        ("commentary_submitted", "author-east", AREA[0]),  # resubmitted
        ("commentary_approved", "approver-east", AREA[0]),
        ("signed_off", "approver-east", AREA[0]),
        ("published", "analyst-kent", "kent"),
    ]
