"""The one scorecard column specification: every renderer reads it, and what the new columns show.

Markdown, the terminal table, the workbook, the HTML (screen and print) and the
JSON each take their columns from ``SCORECARD_COLUMNS``; a column added to a copy
of the spec appears in all of them, and one taken out disappears from all.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from scorepack.benchmarks.compare import BenchmarkResult, Place
from scorepack.benchmarks.dfe import Published
from scorepack.judge.model import Row, Scorecard
from scorepack.judge.spc import Segment, SpcResult
from scorepack.pack.build import build_pack, comparisons
from scorepack.render import markdown, table
from scorepack.render.cells import benchmark_text
from scorepack.render.columns import (
    ALL,
    SCORECARD_COLUMNS,
    Column,
    Sheet,
    for_format,
    page_sheet,
)
from scorepack.render.html import environment, render_html
from scorepack.render.json import render_scorecard, scorecard_to_dict
from scorepack.render.xlsx import HEADER_ROW, render_xlsx
from tests.pack import sample

from .dom import parse

PROBE = Column(
    "probe",
    "Probe heading",
    lambda ln: ln.row.indicator.id,
    lambda ln: f"probe-{ln.row.indicator.id}",
    "data",
    formats=ALL,
    json=lambda ln: {"probe": f"probe-{ln.row.indicator.id}"},
)
WITH_PROBE = (*SCORECARD_COLUMNS, PROBE)
WITHOUT_TARGET = tuple(c for c in SCORECARD_COLUMNS if c.key != "target")


def _terminal(card: Scorecard, spec: tuple[Column, ...]) -> str:
    console = Console(record=True, width=400, file=io.StringIO())
    console.print(table.scorecard_table(card, spec=spec))
    return console.export_text()


def _html(pack, page, spec, for_print=False) -> str:  # type: ignore[no-untyped-def]
    template = environment(for_print).get_template("_scorecard.html.j2")
    return template.render(
        pack=pack, page=page, cover=pack.cover, for_print=for_print, columns=spec
    )


def _sheet_headings(pack, spec, name: str) -> list[str]:  # type: ignore[no-untyped-def]
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(pack, spec)))[name]
    return [c.value for c in ws[HEADER_ROW + 1] if c.value]


def _outputs(pack, spec) -> dict[str, str]:  # type: ignore[no-untyped-def]
    page = pack.scorecards[0]
    card = page.scorecard
    return {
        "markdown": "\n".join(markdown.scorecard_lines(card, spec=spec)),
        "table": _terminal(card, spec),
        "xlsx": "\n".join(_sheet_headings(pack, spec, card.unit.name)),
        "html": _html(pack, page, spec),
        # The print markup may break long words at soft hyphens (render/hyphens.py).
        "print": _html(pack, page, spec, for_print=True).replace("\u00ad", ""),
        "json": json.dumps(scorecard_to_dict(card, spec=spec)),
    }


def test_a_column_added_to_a_copy_of_the_spec_appears_in_every_format(pack):
    for fmt, text in _outputs(pack, WITH_PROBE).items():
        heading = "probe" if fmt == "json" else "Probe heading"
        assert heading in text, fmt
        if fmt != "xlsx":  # the workbook's cells are checked below
            assert "probe-referrals-repeat" in text, fmt
    for fmt, text in _outputs(pack, SCORECARD_COLUMNS).items():
        assert "Probe heading" not in text and "probe-" not in text, fmt


def test_the_probe_column_fills_a_workbook_cell_on_every_row(pack):
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(pack, WITH_PROBE)))["Kent"]
    headings = [c.value for c in ws[HEADER_ROW + 1]]
    col = headings.index("Probe heading")
    card = pack.scorecards[0].scorecard
    got = [ws.cell(HEADER_ROW + 2 + i, col + 1).value for i in range(len(card.rows))]
    assert got == [f"probe-{r.indicator.id}" for r in card.rows]


def test_a_column_taken_out_of_the_spec_leaves_every_format(pack):
    out = _outputs(pack, WITHOUT_TARGET)
    assert "Target for 15/16" not in out["markdown"]
    assert "Target 15/16" not in out["table"]
    assert "Target for 15/16" not in out["xlsx"]
    assert 'data-field="target"' not in out["html"]
    assert '"target_display"' not in out["json"]
    assert "Target for 15/16" in _outputs(pack, SCORECARD_COLUMNS)["markdown"]


def test_html_header_spans_add_up_to_the_columns(pack):
    doc = parse(_html(pack, pack.scorecards[0], WITH_PROBE))
    first, second = doc.find("thead").find_all("tr")
    spans = sum(int(th.attrs.get("colspan", "1")) for th in first.find_all("th"))
    shown = for_format("html", page_sheet(pack.scorecards[0]), WITH_PROBE)
    assert spans == len(shown)
    assert len(second.find_all("th")) == len([c for c in shown if c.group])


# --- parent and county results ----------------------------------------------------------------


def test_each_unit_is_compared_with_its_area_and_the_county(cards):
    found = comparisons(sample.TREE, cards)
    assert [(c.role, c.unit.id) for c in found["kent"]] == []
    assert [(c.role, c.unit.id) for c in found["east"]] == [("county", "kent")]
    assert [(c.role, c.unit.id) for c in found["ashford"]] == [("area", "east"), ("county", "kent")]


def test_a_parent_not_judged_this_month_is_left_out(cards):
    without_east = [c for c in cards if c.unit.id != "east"]
    found = comparisons(sample.TREE, without_east)
    assert [(c.role, c.unit.id) for c in found["ashford"]] == [("county", "kent")]


def test_a_team_scorecard_shows_its_area_and_county_results_in_every_format(pack, cards):
    by_id = {c.unit.id: c for c in cards}
    page = next(p for p in pack.scorecards if p.scorecard.unit.id == "ashford")
    team = page.scorecard
    row = team.rows[0]
    area_row = by_id["east"].row(row.indicator.id)
    county_row = by_id["kent"].row(row.indicator.id)
    md = markdown.render_scorecard(team, (), page.comparisons)
    assert "| East Kent result | East Kent RAG | Kent result | Kent RAG |" in md
    cells = f"| {area_row.latest.display} | {area_row.rag or ''} | {county_row.latest.display} |"
    assert cells in md
    data = json.loads(render_scorecard(team, page.comparisons))["rows"][0]
    assert data["area"] == {
        "unit": "east",
        "unit_name": "East Kent",
        "value": area_row.latest.value,
        "display": area_row.latest.display,
        "rag": area_row.rag,
    }
    assert data["county"]["display"] == county_row.latest.display
    tr = (
        parse(render_html(pack))
        .find("table", data_unit="ashford")
        .find("tr", data_indicator=row.indicator.id)
    )
    fields = {
        td.attrs["data-field"]: td.visible for td in tr.find_all("td") if "data-field" in td.attrs
    }
    assert fields["area_result"] == area_row.latest.display
    assert fields["county_result"] == county_row.latest.display
    headings = _sheet_headings(pack, None, team.unit.name)
    assert headings[-5:-1] == ["East Kent result", "East Kent RAG", "Kent result", "Kent RAG"]


def test_the_county_scorecard_has_no_parent_columns_but_json_keeps_the_keys(pack):
    card = pack.scorecards[0].scorecard
    header = markdown.scorecard_lines(card)[4]
    assert header.count("RAG") == 1  # no parent RAG columns
    row = json.loads(render_scorecard(card))["rows"][0]
    assert row["area"] is None and row["county"] is None


# --- SPC icons --------------------------------------------------------------------------------

CHARTED = SpcResult(
    points=(),
    segments=(Segment("2015-03", 13, 13, 20.0, 10.0, 30.0),),
    min_points=12,
    variation="improving_low",
    assurance="hit_and_miss",
    message="",
    direction=-1,
)
TOO_FEW = SpcResult(
    points=(), segments=(), min_points=12, variation=None, assurance=None, message=""
)


def _with(card: Scorecard, **changes: object) -> Scorecard:
    first = dataclasses.replace(card.rows[0], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(card, rows=(first, *card.rows[1:]))


@pytest.mark.parametrize(
    ("spc", "variation", "assurance"),
    [
        (CHARTED, "Improving (low)", "Hit and miss"),
        (dataclasses.replace(CHARTED, assurance=None), "Improving (low)", "-"),
        (
            dataclasses.replace(CHARTED, variation="concerning_high"),
            "Concern (high)",
            "Hit and miss",
        ),
        (TOO_FEW, "Not enough points", "-"),
        (None, "-", "-"),
    ],
)
def test_spc_words_beside_rag_in_text_formats(cards, spc, variation, assurance):
    card = _with(cards[0], spc=spc)
    line = markdown.scorecard_lines(card)[7]
    assert f"| G | {variation} | {assurance} |" in line
    assert variation in _terminal(card, SCORECARD_COLUMNS)


def test_spc_icons_on_screen_carry_their_words_and_print_shows_words(cards):
    card = _with(cards[0], spc=CHARTED)
    pack = build_pack(sample.CATALOGUE, sample.TREE, [card], None, None, sample.PRODUCED)
    page = pack.scorecards[0]
    tr = parse(_html(pack, page, SCORECARD_COLUMNS)).find("tr", data_indicator="referrals-repeat")
    td = tr.find("td", data_field="variation")
    svg = td.find("svg")
    assert svg.attrs["role"] == "img"
    assert svg.attrs["aria-label"] == "Special cause variation, improving: lower than expected"
    assert (
        "The target will be met and missed at random"
        in tr.find("td", data_field="assurance").visible
    )
    printed = _html(pack, page, SCORECARD_COLUMNS, for_print=True)
    assert "Im\u00adprov\u00ading (low)" in printed  # may break at a soft hyphen on paper
    printed = printed.replace("\u00ad", "")
    assert "Improving (low)" in printed and "<svg" not in printed
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(pack)))["Kent"]
    assert [c.value for c in ws[HEADER_ROW + 2]][7:9] == ["Improving (low)", "Hit and miss"]


# --- benchmarks -------------------------------------------------------------------------------


def _place(code: str, value: Published) -> Place:
    return Place(code, f"LA {code}", value)


ENGLAND, OWN = Published(22.34), Published(25.0)
NEIGHBOURS = (Published(20.0), Published(21.0))


def benchmark(
    england: Published = ENGLAND,
    neighbours: tuple[Published, ...] = NEIGHBOURS,
    own: Published = OWN,
    quartile: int | None = 2,
) -> BenchmarkResult:
    numbers = [n.value for n in neighbours if n.value is not None]
    return BenchmarkResult(
        indicator="referrals-repeat",
        year="2015",
        file="cin.csv",
        measure="percent",
        comparable="comparable",
        note=None,
        england=england,
        region=None,
        own=_place("886", own),
        neighbours=tuple(_place(str(i), v) for i, v in enumerate(neighbours)),
        neighbour_mean=sum(numbers) / len(numbers) if numbers else None,
        neighbours_left_out=len(neighbours) - len(numbers),
        rank=None if quartile is None else 40,
        of=150,
        quartile=quartile,
    )


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (benchmark(), "England 22.3% / neighbours 20.5% / Q2 (2015)"),
        (
            benchmark(england=Published(code="c")),
            "England suppressed (c) / neighbours 20.5% / Q2 (2015)",
        ),
        (
            benchmark(neighbours=(Published(code="c"), Published(code="x"))),
            "England 22.3% / neighbours suppressed / Q2 (2015)",
        ),
        (
            benchmark(neighbours=(Published(20.0), Published(code="c"))),
            "England 22.3% / neighbours 20.0% / Q2 (2015)",
        ),
        (benchmark(neighbours=(Published(),)), "England 22.3% / neighbours - / Q2 (2015)"),
        (
            benchmark(own=Published(code="low"), quartile=None),
            "England 22.3% / neighbours 20.5% / suppressed (low) (2015)",
        ),
        (benchmark(quartile=None), "England 22.3% / neighbours 20.5% / - (2015)"),
    ],
)
def test_the_compact_benchmark_column(cards, result, text):
    row: Row = dataclasses.replace(cards[0].rows[0], benchmark=result)
    assert benchmark_text(row) == text


def test_the_benchmark_column_shows_only_where_a_row_has_one_and_is_blank_elsewhere(cards):
    plain = cards[0]
    assert "England / neighbours" not in "\n".join(markdown.scorecard_lines(plain))
    card = _with(plain, benchmark=benchmark())
    lines = markdown.scorecard_lines(card)
    assert lines[4].endswith("| England / neighbours / quartile (year) |")
    assert lines[7].endswith("| England 22.3% / neighbours 20.5% / Q2 (2015) |")
    assert lines[8].endswith("|  |")
    data = scorecard_to_dict(card)["rows"]
    assert data[0]["benchmark"]["england"] == {
        "value": 22.34,
        "suppressed": None,
        "display": "22.34",
    }
    assert data[1]["benchmark"] is None
    assert "England 22.3% / neighbours 20.5% / Q2 (2015)" in _terminal(card, SCORECARD_COLUMNS)
    assert for_format("markdown", Sheet(plain)) == [
        c for c in for_format("markdown", Sheet(card)) if c.key != "benchmark"
    ]


def test_every_column_is_documented():
    doc = (Path(__file__).parents[2] / "docs" / "pack.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(" `") for line in doc.splitlines() if line.startswith("| `")}
    assert [c.key for c in SCORECARD_COLUMNS if c.key not in rows] == []


def test_a_built_month_writes_area_scorecards_beside_the_county_result():
    from scorepack.service.build import BuildRequest, build_month

    files = build_month(BuildRequest(preset="kent-scs-2016")).files
    county = json.loads(files["scorecard-kent-2016-03.json"])
    area = json.loads(files["scorecard-east-kent-2016-03.json"])
    shown = {r["id"]: (r["display"], r["rag"]) for r in county["rows"]}
    assert area["rows"], "the area has rows"
    for row in area["rows"]:
        assert (row["county"]["display"], row["county"]["rag"]) == shown[row["id"]]
        assert row["area"] is None
    assert "| Kent result | Kent RAG |" in files["scorecard-east-kent-2016-03.md"].decode()


def test_on_paper_the_columns_share_the_page_width_whatever_columns_show(pack):
    for page in pack.scorecards:  # the county, areas with one parent, a team with two
        printed = _html(pack, page, WITH_PROBE, for_print=True)
        widths = [
            float(w) for w in re.findall(r'<col class="[^"]*" style="width: ([0-9.]+)%">', printed)
        ]
        assert len(widths) == len(for_format("html", page_sheet(page), WITH_PROBE))
        assert abs(sum(widths) - 100) < 0.1, page.anchor
