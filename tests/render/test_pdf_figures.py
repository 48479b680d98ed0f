"""Every Figure in the Chromium PDF carries an ``/Alt``: each exception page's trend chart
(its title and every month's value) and SPC chart, and the SPC icons.

The HTML gives the screen's charts a ``<title>`` and ``<desc>`` by ``aria-labelledby``,
which Chromium's tagged PDF drops; on paper the chart is ``role="img"`` with an
``aria-label``, which it keeps, and the ``<figure>`` around it is a group (a Div), not a
Figure of its own without an ``/Alt``.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace

import pikepdf
import pytest

from scorepack.catalogue.model import Spc
from scorepack.judge.spc import trend_spc
from scorepack.pack.build import build_pack
from scorepack.pack.model import Pack
from scorepack.render.pdf_chromium import render_pdf_chromium
from tests.pack import sample

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium"),
]


def _with_spc(cards):  # type: ignore[no-untyped-def]
    """The sample month with every row's SPC chart worked out (at least 11 points)."""
    settings = Spc(min_points=11)
    return [
        replace(
            card,
            rows=tuple(
                replace(r, spc=trend_spc(r.indicator, r.trend, r.target, settings))
                for r in card.rows
            ),
        )
        for card in cards
    ]


@pytest.fixture(scope="module")
def spc_pack(cards) -> Pack:  # type: ignore[no-untyped-def]
    return build_pack(
        sample.CATALOGUE, sample.TREE, _with_spc(cards), sample.activity(), None, sample.PRODUCED
    )


def _figures(node, found: list) -> list:  # type: ignore[no-untyped-def]
    if isinstance(node, pikepdf.Array):
        for kid in node:
            _figures(kid, found)
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(node)
        if "/K" in node:
            _figures(node["/K"], found)
    return found


@pytest.fixture(scope="module")
def figures(spc_pack) -> list[str | None]:  # type: ignore[no-untyped-def]
    pdf = pikepdf.open(io.BytesIO(render_pdf_chromium(spc_pack)))
    found = _figures(pdf.Root.StructTreeRoot["/K"], [])
    return [str(f["/Alt"]) if "/Alt" in f else None for f in found]


def test_the_pack_has_spc_charts_to_print(spc_pack) -> None:  # type: ignore[no-untyped-def]
    assert spc_pack.exceptions
    assert all(p.row.spc is not None and p.row.spc.charted for p in spc_pack.exceptions)


def test_every_figure_has_a_non_empty_alt(figures) -> None:  # type: ignore[no-untyped-def]
    assert figures
    assert [a for a in figures if not (a or "").strip()] == []


def test_every_trend_and_spc_chart_is_a_figure_with_its_description(spc_pack, figures) -> None:  # type: ignore[no-untyped-def]
    for page in spc_pack.exceptions:
        title = f"Trend chart: {page.row.indicator.title}, {page.unit.name}. Monthly results"
        trend = [a for a in figures if a and a.startswith(title)]
        assert len(trend) == 1, title
        for point in page.row.trend:
            assert f"{point.result.period.label} {point.result.display}" in trend[0]
    spc = [a for a in figures if a and a.startswith("SPC chart. ")]
    assert len(spc) == len(spc_pack.exceptions)
