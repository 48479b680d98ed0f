"""The web indicator page shows the authority beside the DfE's statistics, as the pack does."""

from __future__ import annotations

import re

from scorepack.benchmarks import for_catalogue

PAGE = "/months/2016-03/units/{unit}/indicators/rereferrals-12m"


def _cells(html: str) -> dict[str, str]:
    """The benchmark table's rows: heading → value, tags stripped."""
    table = html.split('class="recent bm-table"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<th scope=\"row\">(.*?)</th><td[^>]*>(.*?)</td>", table)
    return {re.sub(r"<[^>]+>", "", k): v for k, v in rows}


def test_the_top_unit_s_indicator_page_shows_its_benchmark_table(as_user, kent_months) -> None:
    (rereferrals,) = [b for b in kent_months.benchmarks if b.indicator == "rereferrals-12m"]
    assert rereferrals == for_catalogue(kent_months.catalogue)[0]
    page = as_user("analyst-kent").get(PAGE.format(unit="kent"))
    assert page.status_code == 200
    html = page.text
    assert f"Beside the DfE's published statistics, year ending March {rereferrals.year}" in html
    assert '<h2 id="indicator-benchmark">' in html  # under the page's h1, not the pack's h4
    cells = _cells(html)
    assert cells["Kent (this authority)"] == "21.6"
    assert cells["England"] == f"{rereferrals.england.value:.1f}"
    assert len([k for k in cells if k.startswith("Neighbour ")]) == len(rereferrals.neighbours)
    assert "Rank 97 of 153 authorities with a published value" in html


def test_a_published_month_keeps_the_benchmark_and_a_team_has_none(as_user, months, engine) -> None:
    from scorepack.periods import Month
    from scorepack.service import accounts, web_publish

    analyst = accounts.find(engine, "analyst-kent")
    assert analyst is not None
    web_publish.publish_from_web(
        months.store, months.draft(), analyst, Month(2016, 3),
        confirm_unsigned=True, scope="areas", formats=("json",),
    )  # fmt: skip
    client = as_user("viewer-north")
    assert 'id="indicator-benchmark"' not in client.get(PAGE.format(unit="north-kent")).text
    published = as_user("analyst-kent").get(PAGE.format(unit="kent")).text
    assert _cells(published)["Kent (this authority)"] == "21.6"


def test_an_indicator_with_no_benchmark_shows_no_table(as_user) -> None:
    html = as_user("analyst-kent").get("/months/2016-03/units/kent/indicators/cfa-within-45wd").text
    assert "bm-table" not in html and "DfE's published statistics" not in html
