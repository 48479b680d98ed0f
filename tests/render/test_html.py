"""The HTML pack: one self-contained, accessible file whose figures match the data."""

from __future__ import annotations

import re

from scorepack.judge.model import RAG_WORDS, TRAVEL_WORDS
from scorepack.render.html import SCRIPT, render_document, render_html, script_text

from . import expected
from .dom import Node, parse


def _doc(pack) -> Node:  # type: ignore[no-untyped-def]
    return parse(render_html(pack))


def test_every_scorecard_figure_rag_and_arrow_matches_the_judged_results(pack):
    doc = _doc(pack)
    for page in pack.scorecards:
        card = page.scorecard
        table = doc.find("table", data_unit=card.unit.id)
        facts = expected.scorecard_facts(card, page.comparisons)
        shown = {}
        for tr in table.find_all("tr"):
            if "data-indicator" in tr.attrs:
                shown[tr.attrs["data-indicator"]] = {
                    td.attrs["data-field"]: td.visible
                    for td in tr.find_all("td")
                    if "data-field" in td.attrs
                }
        assert shown == facts, card.unit.id


def test_rag_and_arrows_are_given_in_words_as_well_as_symbols(pack):
    doc = _doc(pack)
    card = pack.scorecards[0].scorecard
    for row in card.rows:
        tr = doc.find("table", data_unit=card.unit.id).find("tr", data_indicator=row.indicator.id)
        cells = {td.attrs.get("data-field"): td for td in tr.find_all("td")}
        if row.rag:
            assert cells["rag"].spoken == RAG_WORDS[row.rag]
            assert f"rag-{row.rag}" in cells["rag"].find("span").classes
        if row.dot_previous:
            assert cells["dot_previous"].spoken == TRAVEL_WORDS[row.dot_previous]


def test_each_red_row_links_to_its_exception_page_and_back(pack):
    doc = _doc(pack)
    ids = {n.attrs["id"] for n in doc.iter() if "id" in n.attrs}
    for page in pack.scorecards:
        card = page.scorecard
        table = doc.find("table", data_unit=card.unit.id)
        for row in card.rows:
            tr = table.find("tr", data_indicator=row.indicator.id)
            links = [a.attrs["href"] for a in tr.find_all("a")]
            if row.rag == "R":
                assert links == [f"#exception-{card.unit.id}-{row.indicator.id}"]
                assert links[0][1:] in ids
            else:
                assert links == []
    for ex in pack.exceptions:
        section = doc.find("section", id=ex.anchor)
        assert f"#{ex.scorecard_anchor}" in [a.attrs["href"] for a in section.find_all("a")]


def test_exception_pages_show_the_last_four_months_and_the_data_notes(pack):
    doc = _doc(pack)
    for ex in pack.exceptions:
        section = doc.find("section", id=ex.anchor)
        results = [td.visible for td in section.find_all("td", data_field="result")]
        assert results == [p.result.display for p in ex.recent]
        rags = [td.visible for td in section.find_all("td", data_field="rag")]
        assert rags == [p.rag or "–" for p in ex.recent]
        notes = section.find("dl").visible
        assert ex.notes.target in notes and (ex.notes.bands or "") in notes
        assert section.find("p", data_field="rag").spoken.startswith(RAG_WORDS["R"])


def test_the_file_asks_for_nothing_but_its_contents_script_beside_it(pack):
    html = render_html(pack)
    script = f'<script src="{SCRIPT}" defer></script>'
    assert html.count(script) == 1
    rest = html.replace(script, "")
    for forbidden in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import"):
        assert forbidden not in rest, forbidden
    assert not re.search(r"<[^>]+\son\w+=", rest), "an inline event handler"
    assert "/" not in SCRIPT and script_text().strip()


def test_print_markup_has_no_script_filter_or_screen_links(pack):
    html = render_document(pack, pack.body, for_print=True).split("<body>")[1]
    for screen_only in ("<script", "contents-filter", "to-contents", "below-units"):
        assert screen_only not in html, screen_only


def test_the_page_declares_its_language_and_every_table_is_described(pack):
    doc = _doc(pack)
    assert doc.find("html").attrs["lang"] == "en-GB"
    for table in doc.find_all("table"):
        assert table.find_all("caption"), table.attrs
    for th in doc.find_all("th"):
        assert th.attrs.get("scope") in {"col", "row", "colgroup", "rowgroup"}


def test_charts_are_images_with_a_title_and_a_description_of_every_value(pack):
    doc = _doc(pack)
    charts = doc.find_all("svg")
    assert len(charts) == len(pack.exceptions)
    for svg, ex in zip(charts, pack.exceptions, strict=True):
        assert svg.attrs["role"] == "img"
        title, desc = svg.find("title"), svg.find("desc")
        assert svg.attrs["aria-labelledby"] == f"{title.attrs['id']} {desc.attrs['id']}"
        for point in ex.row.trend:
            assert f"{point.result.period.label} {point.result.display}" in desc.text()


def test_hostile_commentary_is_shown_as_text_and_never_runs(hostile_pack):
    html = render_html(hostile_pack)
    doc = parse(html)
    for node in doc.iter():
        for name, value in node.attrs.items():
            assert not name.startswith("on"), (node.tag, name)
            assert not (value or "").strip().lower().startswith("javascript:"), (node.tag, name)
    scripts = doc.find_all("script")
    assert [s.attrs for s in scripts] == [{"src": SCRIPT, "defer": None}]  # the pack's own only
    assert not scripts[0].children and not doc.find_all("img")
    commentary = doc.find("section", id="exception-kent-pf-initial-visit").find(
        "div", class_="commentary"
    )
    text = commentary.visible
    assert "<script>alert('owned')</script>" in text
    assert text.startswith('=HYPERLINK("http://evil.example/","Click")')
    hrefs = [a.attrs["href"] for a in commentary.find_all("a")]
    assert hrefs == ["https://example.org/report"]


def test_rendering_is_deterministic(pack, cards):
    from scorepack.pack.build import build_pack

    from ..pack import sample

    again = build_pack(
        sample.CATALOGUE,
        sample.TREE,
        list(reversed(cards)),
        sample.activity(),
        None,
        sample.PRODUCED,
    )
    assert render_html(pack) == render_html(pack) == render_html(again)


def test_colours_meet_the_contrast_minimum():
    from scorepack.render.html import TEMPLATES

    css = (TEMPLATES / "pack.css").read_text()
    colours = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6});", css))

    def luminance(hex_: str) -> float:
        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b = (int(hex_[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    def contrast(a: str, b: str) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    pairs = [
        ("#ffffff", colours["green"]),
        ("#ffffff", colours["red"]),
        (colours["ink"], colours["amber"]),
        ("#ffffff", colours["navy"]),
        (colours["ink"], colours["band"]),
        (colours["link"], "#ffffff"),
        (colours["muted"], "#ffffff"),
    ]
    for fg, bg in pairs:
        assert contrast(fg, bg) >= 4.5, (fg, bg)
    # Non-text contrast (WCAG 2.2 1.4.11): the focus outline against the white page, and the
    # border that tells the chart's pale bands apart against every band and every swatch.
    from scorepack.render.charts import BAND_FILL

    named = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6});", css))
    assert "a:focus, .table-wrap:focus { outline: 3px solid var(--focus);" in css
    assert contrast(named["focus"], "#ffffff") >= 3
    screen = css.split("@media screen {\n  .trend-chart", 1)[1].split("\n}", 1)[0]
    assert " .bands rect { stroke: var(--band-edge); stroke-width: 1; }" in screen
    assert ".swatch { border: 1px solid var(--band-edge); }" in screen
    swatches = re.findall(r"\.swatch-[GAR] \{ background: (#[0-9a-f]{6})", css)
    assert len(swatches) == 3
    for fill in (*BAND_FILL.values(), *swatches):
        assert contrast(named["band-edge"], fill) >= 3, fill


def test_the_overview_grid_shows_each_rating_and_too_few_to_rate_in_html_and_workbook(cards):
    """A unit too few to rate shows "n" (read out as "Too few to rate"), not a dash."""
    import dataclasses as dc
    import io

    import openpyxl

    from scorepack.pack.build import build_pack
    from scorepack.render.xlsx import HEADER_ROW, render_xlsx
    from tests.pack import sample

    east = next(c for c in cards if c.unit.id == "east")
    few = dc.replace(east.rows[0], rag=None, too_few=True)
    fewer = dc.replace(east, rows=(few, *east.rows[1:]))
    built = build_pack(
        sample.CATALOGUE,
        sample.TREE,
        [fewer if c is east else c for c in cards],
        None,
        None,
        sample.PRODUCED,
    )
    html = render_html(built)
    grid = html.split('id="overview"', 1)[1].split("</section>", 1)[0]
    east_row = grid.split('data-unit="east"', 1)[1].split("</tr>", 1)[0]
    first = east_row.split('data-field="rag">', 1)[1].split("</td>", 1)[0]
    assert first == '<span aria-hidden="true">n</span><span class="vh">Too few to rate</span>'
    kent_row = grid.split('data-unit="kent"', 1)[1].split("</tr>", 1)[0]
    rated = [r.rag for r in built.scorecards[0].scorecard.rows]
    for rag in filter(None, rated):
        assert f'class="ov rag-{rag}"' in kent_row
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(built)))["Overview"]
    rows = {r[0].value: [c.value for c in r[1:]] for r in ws.iter_rows(min_row=HEADER_ROW + 2)}
    assert rows["East Kent"][0] == "n"
    assert rows["Kent"] == [r or "-" for r in rated]


def test_an_area_links_to_its_teams_and_every_section_back_to_the_contents(pack):
    html = render_html(pack)
    east = html.split('id="scorecard-east"', 1)[1].split('id="scorecard-ashford"', 1)[0]
    below = east.split('class="below-units"', 1)[1].split("</div>", 1)[0]
    assert '<a href="#scorecard-ashford">Ashford AIT &amp; FST</a>' in below
    north = html.split('id="scorecard-north"', 1)[1].split('id="scorecard-east"', 1)[0]
    assert 'class="below-units"' not in north  # no teams of its own in the sample
    assert 'id="contents"' in html
    assert html.count('<a href="#contents">Back to the contents</a>') == len(pack.body)
