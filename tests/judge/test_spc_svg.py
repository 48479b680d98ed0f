"""The SPC icons and chart as SVG: well-formed, self-contained, with text alternatives."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from scorepack.catalogue.model import Spc
from scorepack.judge import spc as S
from scorepack.render import spc_svg

NS = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg" and root.get("role") == "img"
    assert "<script" not in svg and "href" not in svg
    return root


@pytest.mark.parametrize("variation", list(S.VARIATION_TEXT))
def test_variation_icon_says_what_it_shows(variation: str) -> None:
    root = parsed(spc_svg.variation_icon(variation))
    assert root.get("aria-label") == S.VARIATION_TEXT[variation]
    assert root.findtext(f"{NS}title") == S.VARIATION_TEXT[variation]


@pytest.mark.parametrize("assurance", list(S.ASSURANCE_TEXT))
def test_assurance_icon_says_what_it_shows(assurance: str) -> None:
    root = parsed(spc_svg.assurance_icon(assurance))
    assert root.findtext(f"{NS}title") == S.ASSURANCE_TEXT[assurance]


def months(n: int) -> list[str]:
    return [f"2020-{i + 1:02d}" if i < 12 else f"2021-{i - 11:02d}" for i in range(n)]


def test_chart_draws_points_limits_and_target() -> None:
    values = [5.0, 6.0, 5.5, 6.5, 5.0, 6.0, 5.5, 6.2, 5.8, 6.1, 5.4, 6.0, 12.0]
    result = S.spc(months(13), values, 1, 4.0, Spc())
    root = parsed(spc_svg.chart(result, 4.0))
    assert len(root.findall(f"{NS}circle")) == 13
    assert len(root.findall(f"{NS}line")) == 4
    assert result.message in (root.findtext(f"{NS}title") or "")
    both = spc_svg.icons(result)
    assert both.count("<svg") == 2


def test_too_few_points_chart_is_the_sentence() -> None:
    result = S.spc(months(5), [1.0, 2.0, 3.0, 2.0, 1.0], 1, None, Spc())
    root = parsed(spc_svg.chart(result))
    assert root.findtext(f"{NS}text") == result.message
    assert spc_svg.icons(result) == ""
