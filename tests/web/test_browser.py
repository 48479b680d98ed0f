"""Real-browser tests: Debian's Chromium, driven by Playwright, against the app on loopback.

axe-core must report no WCAG 2.2 AA violation on every kind of page, at desktop
width and at 320 px, where nothing may stick out past the screen's edge; and
signing in and drilling down must work with the keyboard alone.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from scorepack.periods import Month
from scorepack.service import accounts, web_publish
from scorepack.service import workflow as workflow_service
from scorepack.service.workflow_rules import Step
from scorepack.web.app import create_app

from .conftest import PASSWORD
from .live import AXE, CHROMIUM, CHROMIUM_ARGS, axe_violations, overflows, serving

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright_api = pytest.importorskip("playwright.sync_api")

if not shutil.which(CHROMIUM):
    pytest.fail("Debian's chromium is needed: make test installs it", pytrace=False)

PAGES = [
    "/",
    "/months/2016-03/units/kent",
    "/months/2016-03/units/dover-ait-fst",
    "/months/2016-03/overview",
    "/months/2016-03/units/kent/indicators/cfa-within-45wd",
    "/months/2016-03/units/kent/indicators/rereferrals-12m",  # with its DfE benchmark
    "/audit",
    "/months/2016-03/publish",  # the first publication, with what is not signed off
    "/months/2016-02/publish",  # a revision, with its reason
    "/months/2016-02/downloads",
    "/months/2016-03/downloads",  # not published yet
]
"""Pages for the analyst; the commentary forms are another role's (:data:`FORMS`)."""
FORMS = {
    "author-east": ["/months/2016-03/units/east-kent/indicators/cic-health-assessments"],
    "approver-east": ["/months/2016-03/units/east-kent/indicators/cic-3-placements-12m"],
}
"""The author's commentary editor, and the approver's form on submitted commentary."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def base_url(engine, months) -> Iterator[str]:
    with serving(create_app(engine, months)) as url:
        yield url


@pytest.fixture
def worked(engine, months) -> None:
    """February published (JSON only, the areas: quick); one March Red's commentary submitted."""
    analyst, author = accounts.find(engine, "analyst-kent"), accounts.find(engine, "author-east")
    assert analyst is not None and author is not None
    web_publish.publish_from_web(
        months.store, months.draft(), analyst, Month(2016, 2),
        confirm_unsigned=True, scope="areas", formats=("json",),
    )  # fmt: skip
    workflow_service.take_step(
        engine, author, months.tree, Month(2016, 3), "east-kent", "cic-3-placements-12m",
        Step.submit, text="Two children **moved** twice.",
    )  # fmt: skip


def _signed_in(browser, base_url: str, width: int, username: str = "analyst-kent"):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + "/sign-in")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base_url + "/")
    return context, page


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_violation_on_any_page_and_nothing_overflows(
    browser, worked, base_url, width
) -> None:
    from tests.render.axe_runner import ensure_axe

    assert ensure_axe() == AXE
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + "/sign-in")
    found = {"/sign-in": axe_violations(page)}
    spill = {"/sign-in": overflows(page)}
    refused = {}
    context.close()
    for username, paths in {"analyst-kent": PAGES, **FORMS}.items():
        context, page = _signed_in(browser, base_url, width, username)
        for path in paths:
            response = page.goto(base_url + path)
            if response is None or response.status != 200:
                refused[path] = response.status if response else None
            if username in FORMS and page.locator("#commentary form textarea").count() != 1:
                refused[path] = "no commentary form"
            found[path] = axe_violations(page)
            spill[path] = overflows(page)
        context.close()
    assert refused == {}
    assert {p: v for p, v in found.items() if v} == {}
    assert {p: v for p, v in spill.items() if v} == {}


def test_the_csp_holds_in_the_browser_and_pages_raise_no_errors(browser, base_url) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base_url + "/sign-in")
    blocked = page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.ran = 1";
                   document.body.appendChild(s); return window.ran === undefined; }"""
    )
    context.close()
    assert blocked, "an inline script ran: the Content-Security-Policy is not enforced"
    assert [e for e in errors if "Content Security Policy" not in e] == []


def test_sign_in_and_drill_down_with_the_keyboard_alone(browser, base_url) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/sign-in")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "skip"
    page.focus("#username")
    page.keyboard.type("approver-south")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base_url + "/")
    # Tab to the link of the approver's area, then into one of its teams.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "South Kent":
            break
    else:
        pytest.fail("the area's link cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/units/south-kent")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").startswith("Dover"):
            break
    else:
        pytest.fail("the team's link cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/units/dover-ait-fst")
    assert "Dover AIT &amp; FST: scorecard" in page.content()
    context.close()


def _tab_to(page, test: str, limit: int = 80) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until ``test`` (a script on the focused element ``e``) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(e => {test})(document.activeElement)"):
            return
    pytest.fail(f"nothing matching {test!r} can be reached with Tab")


def test_commentary_is_written_submitted_and_returned_with_the_keyboard_alone(
    browser, base_url
) -> None:
    red = base_url + FORMS["author-east"][0]
    for username, fill, button, state in (
        ("author-east", ("text", "Fewer were due in March."), "Submit for approval", "submitted"),
        ("approver-east", ("note", "Say when it recovers."), "Return to the author", "returned"),
    ):
        context, page = _signed_in(browser, base_url, 1280, username)
        page.goto(red)
        _tab_to(page, f"e.id === {fill[0]!r}")
        page.keyboard.type(fill[1])
        _tab_to(page, f"e.tagName === 'BUTTON' && e.textContent.trim() === {button!r}")
        page.keyboard.press("Enter")
        page.wait_for_url(red + "#commentary")
        assert f"Status: <strong>{state}</strong>" in page.content()
        context.close()
