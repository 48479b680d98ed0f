"""Exception pages: the benchmark detail table and the SPC chart, in HTML and for print."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scorepack.benchmarks import for_indicator
from scorepack.catalogue.model import Spc
from scorepack.judge.spc import spc
from scorepack.pack.build import build_pack
from scorepack.pack.model import Pack
from scorepack.render.html import render_page
from tests.pack import sample

SERIES = [20.0, 21.0, 19.5, 20.5, 20.0, 21.5, 19.0, 20.0, 20.5, 21.0, 19.5, 20.0, 35.0]
PERIODS = [f"{2015 + (m + 2) // 12}-{(m + 2) % 12 + 1:02d}" for m in range(len(SERIES))]


@pytest.fixture(scope="module")
def pack() -> Pack:
    """The hand-made month of tests/pack (its Kent county exception pages)."""
    cards = sample.scorecards()
    return build_pack(
        sample.CATALOGUE, sample.TREE, cards, sample.activity(), None, sample.PRODUCED
    )


@pytest.fixture
def exception(pack, kent):  # type: ignore[no-untyped-def]
    page = pack.page("exception-kent-pf-initial-visit")
    bench = for_indicator(kent.catalogue, "rereferrals-12m")
    chart = spc(PERIODS, SERIES, 1, 25.0, Spc())
    row = replace(page.row, benchmark=bench, spc=chart)
    return replace(page, row=row)


@pytest.mark.parametrize("for_print", [False, True])
def test_the_benchmark_table_lists_every_place_and_the_rank(pack, exception, for_print) -> None:  # type: ignore[no-untyped-def]
    html = render_page(pack, exception, for_print=for_print)
    assert "DfE's published statistics, year ending March 2025" in html
    for text in ("England", "South East", "Essex", "Staffordshire", "Kent (this authority)"):
        assert text in html
    assert html.count("Neighbour ") == 10
    assert "Statistical neighbours' mean (10 of 10)" in html and ">18.7<" in html
    b = exception.row.benchmark
    assert f"Rank {b.rank} of {b.of} authorities" in html and f"quartile {b.quartile}" in html
    if not for_print:  # print markup drops the data- attributes
        assert html.count('data-field="neighbour"') == 10


@pytest.mark.parametrize("for_print", [False, True])
def test_the_spc_chart_shows_limits_special_causes_and_icons_with_text(
    pack, exception, for_print
) -> None:  # type: ignore[no-untyped-def]
    html = render_page(pack, exception, for_print=for_print)
    assert 'class="trend spc-chart"' in html and 'role="img"' in html
    assert "Special cause variation, improving: higher than expected" in html
    assert "Centre line and limits" in html
    assert "2016-03: 35.0%, high special cause (beyond a process limit" in html


def test_too_few_points_gives_a_sentence_and_no_chart(pack, exception) -> None:  # type: ignore[no-untyped-def]
    short = replace(
        exception, row=replace(exception.row, spc=spc(PERIODS[:5], SERIES[:5], 1, None, Spc()))
    )
    html = render_page(pack, short)
    assert "Too few points for SPC: 5 monthly points" in html and "spc-chart" not in html


def test_no_benchmark_no_table(pack) -> None:  # type: ignore[no-untyped-def]
    html = render_page(pack, pack.page("exception-kent-pf-initial-visit"))
    assert 'data-field="benchmark"' not in html
