"""The HTML pack in Debian's Chromium (Playwright): at 1280 px and at 320 px axe-core
finds no violation and nothing sticks out past the screen's edge except inside a
table's own scroll box; the contents' filter box finds a unit; charts scale."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scorepack.render.html import SCRIPT, render_html, script_text
from tests.web.live import CHROMIUM, CHROMIUM_ARGS, axe_violations

from .axe_runner import ensure_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow]
playwright_api = pytest.importorskip("playwright.sync_api")

if not shutil.which(CHROMIUM):
    pytest.skip("needs Debian's chromium: apt-get install chromium", allow_module_level=True)

SPILL = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === "auto" || x === "scroll") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1 && !scrolls(el)) out.push(el.tagName + "." + el.className);
  }
  if (document.documentElement.scrollWidth > width + 1) out.push("the document");
  return out;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    ensure_axe()
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _written(pack, folder: Path) -> str:  # type: ignore[no-untyped-def]
    (folder / SCRIPT).write_text(script_text(), encoding="utf-8")
    page = folder / "pack.html"
    page.write_text(render_html(pack), encoding="utf-8")
    return page.as_uri()


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("which", ["pack", "kent_pack"])
def test_no_violation_and_nothing_overflows(browser, request, tmp_path, which, width) -> None:
    url = _written(request.getfixturevalue(which), tmp_path)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    assert page.is_visible("#contents-filter")  # the script ran
    spill = page.evaluate(SPILL)
    charts = page.evaluate(
        "() => [...document.querySelectorAll('svg.trend-chart')]"
        ".filter(s => s.getBoundingClientRect().right > document.documentElement.clientWidth)"
        ".length"
    )
    found = axe_violations(page)
    context.close()
    assert spill == []
    assert charts == 0
    assert found == []


def test_the_filter_box_finds_a_unit_with_the_units_above_it(browser, pack, tmp_path) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    page.goto(_written(pack, tmp_path))
    shown = "() => [...document.querySelectorAll('.contents li[data-find]')].filter(l => !l.hidden).map(l => l.dataset.find)"
    assert page.evaluate(shown) == ["kent", "north kent", "east kent", "ashford ait & fst"]
    page.fill("#contents-filter", "ashford")
    assert page.evaluate(shown) == ["kent", "east kent", "ashford ait & fst"]
    assert page.text_content("#contents-filter-status") == "1 unit found."
    page.fill("#contents-filter", "east")
    assert page.evaluate(shown) == ["kent", "east kent", "ashford ait & fst"]
    page.fill("#contents-filter", "nowhere")
    assert page.evaluate(shown) == []
    assert "No unit" in (page.text_content("#contents-filter-status") or "")
    page.fill("#contents-filter", "")
    assert len(page.evaluate(shown)) == 4
    context.close()


def test_without_javascript_the_contents_are_the_whole_list(browser, pack, tmp_path) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(_written(pack, tmp_path))
    assert not page.is_visible("#contents-filter")
    assert page.locator(".contents li[data-find]").count() == 4
    context.close()
