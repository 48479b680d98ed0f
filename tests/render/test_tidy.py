"""The long data table: the workbook's Data sheet, CSV and Parquet agree with the JSON."""

from __future__ import annotations

import csv
import io

import openpyxl
import pyarrow.parquet as pq
import pytest

from scorepack.render.csv import render_csv
from scorepack.render.json import scorecard_to_dict
from scorepack.render.parquet import render_parquet
from scorepack.render.tidy import COLUMNS, NAMES, clean, data_rows, number
from scorepack.render.xlsx import HEADER_ROW, render_xlsx

MONTHS = 13


def _size(pack) -> int:  # type: ignore[no-untyped-def]
    indicators = sum(len(p.scorecard.rows) for p in pack.scorecards)
    return indicators * (1 + len(pack.cohorts)) * MONTHS


@pytest.fixture(scope="module")
def data_sheet(kent_pack) -> list[dict]:
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(kent_pack)))
    ws = book["Data"]
    assert list(ws.tables) == ["ScorecardData"]
    assert ws.tables["ScorecardData"].autoFilter is not None
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$4:$4"
    heads = [c.value for c in ws[HEADER_ROW + 1]]
    assert heads == [c.heading for c in COLUMNS]
    return [
        dict(zip(NAMES, (c.value for c in cells), strict=True))
        for cells in ws.iter_rows(min_row=HEADER_ROW + 2)
    ]


def test_the_data_sheet_has_a_row_per_unit_indicator_cohort_and_month(kent_pack, data_sheet):
    assert len(data_sheet) == _size(kent_pack)
    keys = {(r["unit_id"], r["indicator_id"], r["cohort"], r["period"]) for r in data_sheet}
    assert len(keys) == len(data_sheet)
    assert {r["period"] for r in data_sheet} == {f"2015-{m:02}" for m in range(3, 13)} | {
        "2016-01",
        "2016-02",
        "2016-03",
    }


def test_the_data_sheet_agrees_with_the_json(kent_cards, data_sheet):
    index = {(r["unit_id"], r["indicator_id"], r["cohort"], r["period"]): r for r in data_sheet}
    for card in map(scorecard_to_dict, kent_cards):
        for row in card["rows"]:
            got = index[(card["unit"], row["id"], "all", card["period"])]
            assert got["indicator_number"] == number(row["number"])
            assert isinstance(got["indicator_number"], int)
            assert got["value"] == clean(row["value"])
            assert got["rag"] == row["rag"]
            assert got["numerator"] == clean(row["numerator"])
            assert got["denominator"] == clean(row["denominator"])
            assert got["target"] == clean(row["target"])
            assert got["previous"] == clean(row["previous"])
            assert got["dot_previous"] == row["dot_previous"]
            assert got["outturn"] == clean(row["outturn"])
            for cohort, c in row["cohorts"].items():
                mine = index[(card["unit"], row["id"], cohort, card["period"])]
                assert (mine["value"], mine["rag"]) == (clean(c["value"]), c["rag"])
        for ind_id, points in card["exception_trends"].items():
            for p in points:
                got = index[(card["unit"], ind_id, "all", p["period"])]
                assert (got["value"], got["rag"]) == (clean(p["value"]), p["rag"])


FIGURES = ("numerator", "denominator", "value", "rag", "target", "suppressed")
LATEST_ONLY = ("previous", "dot_previous", "outturn", "dot_outturn", "exception")


def _from_json(card: dict, row: dict, cohort: str, month: str, parent: str | None) -> dict:
    """What the JSON says every cell of one Data row must hold; None for a cell it
    leaves empty, and only the keys the JSON speaks for (a month's numerator,
    denominator, RAG and target before the pack's month are in the JSON only for
    an exception report's last four months)."""
    want: dict = {
        "unit_id": card["unit"],
        "unit_name": card["unit_name"],
        "parent_id": parent,
        "indicator_id": row["id"],
        "indicator_number": number(row["number"]),
        "indicator_title": row["title"],
        "cohort": cohort,
        "period": month,
    }
    latest = month == card["period"]
    if cohort != "all":
        c = row["cohorts"].get(cohort) if latest else None
        shown = c is not None and (c["value"] is not None or c["display"] == "c")
        want.update(dict.fromkeys(FIGURES + LATEST_ONLY))
        if shown:
            want.update(
                numerator=clean(c["numerator"]),
                denominator=clean(c["denominator"]),
                value=clean(c["value"]),
                rag=c["rag"],
                target=clean(row["target"]),
                suppressed="c" if c["display"] == "c" else None,
            )
        return want
    if latest:
        figure = row["value"] is not None or row["suppressed"]
        want.update(
            numerator=clean(row["numerator"]) if figure else None,
            denominator=clean(row["denominator"]) if figure else None,
            value=clean(row["value"]),
            rag=row["rag"] if figure else None,
            target=clean(row["target"]),
            suppressed="c" if row["suppressed"] else None,
            previous=clean(row["previous"]),
            dot_previous=row["dot_previous"],
            outturn=clean(row["outturn"]),
            dot_outturn=row["dot_outturn"],
            exception="Exception report" if row["id"] in card["exceptions"] else None,
        )
        return want
    want.update(dict.fromkeys(LATEST_ONLY))
    points = {p["period"]: p["value"] for p in (row["spc"] or {}).get("points", [])}
    trend = {p["period"]: p for p in card["exception_trends"].get(row["id"], [])}
    if month in points or month in trend:
        value = trend[month]["value"] if month in trend else points[month]
        want["value"] = clean(value)
    if month in trend:
        want.update(rag=trend[month]["rag"], target=clean(trend[month]["target"]))
    return want


def test_every_cell_of_the_data_sheet_agrees_with_the_json(kent_pack, kent_cards, data_sheet):
    """Read back with openpyxl: every row the JSON implies, every cell it speaks for."""
    parents = {p.scorecard.unit.id: p.scorecard.unit.parent for p in kent_pack.scorecards}
    cohorts = ("all", *(c.id for c in kent_pack.cohorts))
    span = [str(m) for m in kent_pack.cover.period.months_back(MONTHS)]
    units = [p.scorecard.unit.id for p in kent_pack.scorecards]
    indicators = {r.indicator.id for p in kent_pack.scorecards for r in p.scorecard.rows}
    assert len(data_sheet) == len(units) * len(indicators) * len(cohorts) * MONTHS
    index = {(r["unit_id"], r["indicator_id"], r["cohort"], r["period"]): r for r in data_sheet}
    checked = 0
    for card in map(scorecard_to_dict, kent_cards):
        for row in card["rows"]:
            for cohort in cohorts:
                for month in span:
                    got = index.pop((card["unit"], row["id"], cohort, month))
                    want = _from_json(card, row, cohort, month, parents[card["unit"]])
                    assert {k: got[k] for k in want} == want, (card["unit"], row["id"], month)
                    checked += 1
    assert index == {} and checked == len(data_sheet)
    with_figure = [r for r in data_sheet if r["value"] is not None]
    assert with_figure and all(type(r["value"]) in (int, float) for r in with_figure)


def test_an_exception_row_links_to_its_report(kent_pack):
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(kent_pack)))
    ws = book["Data"]
    links = [
        c.hyperlink for row in ws.iter_rows(min_row=HEADER_ROW + 2) for c in row if c.hyperlink
    ]
    assert len(links) == len(kent_pack.exceptions)
    assert all(link.location.startswith("'Exceptions'!A") for link in links)


def test_empty_cells_where_there_is_no_figure_and_no_float_noise(pack):
    rows = data_rows(pack)
    assert len(rows) == _size(pack)
    for r in rows:
        for name in ("value", "numerator", "denominator", "target", "previous", "outturn"):
            v = r[name]
            assert v is None or (isinstance(v, float) and v == round(v, 6)), (name, v)
        if r["value"] is None:
            assert r["rag"] is None
    earlier_cohort = [r for r in rows if r["cohort"] != "all" and r["period"] != "2016-03"]
    assert earlier_cohort and all(r["value"] is None for r in earlier_cohort)


def test_csv_and_parquet_hold_the_same_table(pack):
    rows = data_rows(pack)
    text = list(csv.DictReader(io.StringIO(render_csv(pack))))
    assert len(text) == len(rows)
    for mine, read in zip(rows, text, strict=True):
        for name in NAMES:
            want = mine[name]
            got = read[name]
            assert got == ("" if want is None else str(want).removesuffix(".0")), (name, want)
    table = pq.read_table(io.BytesIO(render_parquet(pack))).to_pylist()
    assert table == rows
    assert render_parquet(pack) == render_parquet(pack)


def test_the_pack_doc_describes_every_column_and_shows_the_header():
    from tests.test_docs import DOCS, fenced

    text = (DOCS / "pack.md").read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in text for name in NAMES)
    assert fenced(text, "csv")[0].splitlines()[0] == ",".join(NAMES)
