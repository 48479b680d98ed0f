"""axe-core finds no accessibility violations in the HTML pack (WCAG 2.2 AA and best practice)."""

from __future__ import annotations

import pytest

from scorepack.render.html import render_html

from .axe_runner import chromium, run_axe, summarise

BROWSER = chromium()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.skipif(BROWSER is None, reason="needs Debian's chromium: apt-get install chromium")
@pytest.mark.parametrize("which", ["pack", "hostile_pack", "kent_pack"])
def test_axe_reports_no_violations(which, request):
    pack = request.getfixturevalue(which)
    violations = run_axe(render_html(pack), BROWSER)
    assert violations == [], summarise(violations)


@pytest.mark.browser
@pytest.mark.skipif(BROWSER is None, reason="needs Debian's chromium: apt-get install chromium")
def test_the_axe_check_does_catch_a_violation():
    bad = (
        '<!DOCTYPE html><html><head><title>x</title></head><body><main><img src="x.png">'
        '<p style="color:#ccc;background:#fff">faint</p></main></body></html>'
    )
    ids = {v["id"] for v in run_axe(bad, BROWSER)}
    assert {"image-alt", "color-contrast", "html-has-lang"} <= ids
