"""``explain``: the records behind a figure add up to the figure, for every kind."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorepack.catalogue.load import load_catalogue
from scorepack.cli.main import app
from scorepack.errors import InputError
from scorepack.measures.helpers import ending
from scorepack.periods import Month
from scorepack.service.explain import as_csv_rows, explain, records_declaration
from tests.measures import test_national_definitions as rows
from tests.measures.kit import MEASURES, Records
from tests.measures.test_children_in_care import in_care, placement

KENT = load_catalogue(MEASURES.parent / "catalogue.yaml")
MEASURED = [(i.id, i.measure) for i in KENT.indicators if i.measure] + [
    (a.id, a.measure) for a in KENT.activity if a.measure
]


def distances() -> Records:
    r = Records()
    for c, miles in (("c1", 10.0), ("c2", 999.9), ("c3", 30.0), ("c4", None)):
        r.person(c, team="t1")
        in_care(r, c, "2015-01-01")
        placement(r, c, "2015-01-01", miles=miles)
    r.person("c5", team="t3", uasc_from="2015-01-01")
    in_care(r, "c5", "2015-01-01")
    placement(r, "c5", "2015-01-01", miles=5.0)
    return r


def notifications() -> Records:
    """Initial visit due dates made with DATE_ADD, which DuckDB returns as timestamps."""
    from tests.measures.test_private_fostering import notification

    r = Records().person("c1", team="t1").person("c2", team="t3")
    notification(r, "n1", "c1", "2016-03-01", "2016-03-08")  # the seventh day: in time
    notification(r, "n2", "c2", "2016-03-01", "2016-03-09")
    notification(r, "n3", "c2", "2015-03-01", "2015-03-02")  # last year
    return r


CASES: list[tuple[str, Callable[[], Records], str, str]] = [
    # snapshot percentage, with exclusions
    ("cic-within-20-miles", distances, "2016-03", "county"),
    ("cic-reviews-in-time", rows.TestRow1ReviewsYearToDate().build, "2016-03", "county"),
    ("cic-health-assessments", rows.TestRow2HealthChecksByInterval().build, "2016-03", "t1"),
    # year-to-date ratio (average days) from events
    ("adoption-authority-to-match-days", rows.TestRow3AdoptionA1A2().build, "2016-03", "north"),
    ("adoption-entry-to-placement-days", rows.TestRow3AdoptionA1A2().build, "2016-03", "county"),
    ("pf-initial-visit-7d", notifications, "2016-03", "county"),
    # counts (activity)
    ("lac", rows.TestRow6ShortBreaks().build, "2016-03", "county"),
    ("lac-starts", rows.TestRow6ShortBreaks().build, "2016-03", "t1"),
]


@pytest.mark.parametrize(("indicator", "build", "period", "unit"), CASES, ids=lambda c: str(c))
def test_the_records_add_up_to_the_figure(
    indicator: str, build: Callable[[], Records], period: str, unit: str
) -> None:
    r = build()
    measure = dict(MEASURED)[indicator]
    figure = r.result(measure, period, unit)
    got = explain(r.conn, KENT, MEASURES, indicator, unit, Month.parse(period))
    assert (got.numerator, got.denominator) == (figure[0], figure[1])
    assert got.rows


def test_excluded_records_carry_their_reason() -> None:
    got = explain(distances().conn, KENT, MEASURES, "cic-within-20-miles", "county", Month(2016, 3))
    parts = {(r.child, r.part, r.reason) for r in got.rows}
    assert parts == {
        ("c1", "numerator", None),
        ("c3", "denominator", None),
        ("c2", "excluded", "distance not known (999.9)"),
        ("c4", "excluded", "distance not recorded"),
        ("c5", "excluded", "UASC"),
    }
    assert (got.numerator, got.denominator) == (1, 2)


def test_year_to_date_events_of_the_year_so_far_only() -> None:
    r = Records().person("c1", team="t1")
    from tests.measures.test_child_protection import plan

    plan(r, "p0", "c1", "2015-03-01", "2015-03-20")  # last year
    plan(r, "p1", "c1", "2015-06-01")
    got = explain(r.conn, KENT, MEASURES, "cp-repeat-24m", "t1", Month(2016, 3))
    assert [(x.item_id, x.part, x.event_date) for x in got.rows] == [
        ("p1", "numerator", "2015-06-01")
    ]
    got = explain(r.conn, KENT, MEASURES, "cp-repeat-24m", "t1", Month(2015, 5))
    assert got.rows == ()


@pytest.mark.parametrize(("indicator", "measure"), MEASURED, ids=lambda v: str(v))
def test_every_definition_exposes_its_records(indicator: str, measure: str) -> None:
    sql = (MEASURES / f"{measure}.sql").read_text(encoding="utf-8")
    assert ending(sql) is not None or records_declaration(sql) is not None
    # Runs (on no records at all) and agrees with the figure: nothing.
    got = explain(Records().conn, KENT, MEASURES, indicator, "county", Month(2016, 3))
    assert got.rows == ()


def test_unknown_indicator_and_unit_are_reported() -> None:
    with pytest.raises(InputError, match="no definition computes 'nope'"):
        explain(Records().conn, KENT, MEASURES, "nope", "county", Month(2016, 3))
    with pytest.raises(InputError, match="unknown unit 'mars'"):
        explain(Records().conn, KENT, MEASURES, "lac", "mars", Month(2016, 3))


def test_csv_rows() -> None:
    got = explain(distances().conn, KENT, MEASURES, "cic-within-20-miles", "t1", Month(2016, 3))
    table = as_csv_rows(got)
    assert table[0] == [
        "part",
        "child",
        "item_id",
        "team_id",
        "event_date",
        "numerator",
        "denominator",
        "reason",
    ]
    assert table[1] == ["numerator", "c1", "c1", "t1", "", "1", "1", ""]


def write_records(r: Records, folder: Path) -> None:
    """Every non-empty table of a hand-built record set as CSV, plus the required
    empty ones, as a records folder."""
    from scorepack.records.schema import TABLES

    folder.mkdir()
    for t in TABLES:
        count = r.conn.execute(f'SELECT COUNT(*) FROM "{t.name}"').fetchone()
        if t.required or (count and count[0]):
            r.conn.execute(f"COPY \"{t.name}\" TO '{folder / (t.name + '.csv')}' (HEADER)")


def test_the_explain_command_writes_a_csv(tmp_path: Path) -> None:
    write_records(distances(), tmp_path / "records")
    out = tmp_path / "check.csv"
    args = [
        "explain",
        "--records",
        str(tmp_path / "records"),
        "--preset",
        "kent-scs-2016",
        "--indicator",
        "cic-within-20-miles",
        "--unit",
        "county",
        "--period",
        "2016-03",
    ]
    result = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "numerator,c1,c1,t1,,1,1,"
    assert len(lines) == 6
    printed = CliRunner().invoke(app, args)
    assert printed.exit_code == 0, printed.output
    assert "numerator 1, denominator 2; 5 records" in printed.output
    assert "distance not known (999.9)" in printed.output


def test_the_explain_command_reports_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "explain",
            "--records",
            str(tmp_path / "none"),
            "--preset",
            "kent-scs-2016",
            "--indicator",
            "lac",
            "--unit",
            "county",
            "--period",
            "2016-13",
        ],
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_the_docs_show_the_csv_header_and_the_convention() -> None:
    from scorepack.service.explain import CSV_COLUMNS

    doc = (Path(__file__).resolve().parents[2] / "docs/explain.md").read_text(encoding="utf-8")
    assert f"```csv\n{','.join(CSV_COLUMNS)}\n```" in doc
    assert all(f"| `{c}` |" in doc for c in CSV_COLUMNS)
    assert "never goes into a pack" in doc
    assert records_declaration("-- Records: items (one row per child).") == ("items", None, None)
    assert records_declaration("-- Records: items (numerator cases, denominator fte)") == (
        "items",
        "cases",
        "fte",
    )
