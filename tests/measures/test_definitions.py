"""The SQL definitions: one per measure, documented, and portable to other warehouses."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from scorepack.catalogue.load import load_catalogue
from scorepack.catalogue.rules import SHARED_BLOCKS
from scorepack.measures.cohorts import EXCLUSION_COLUMNS
from scorepack.measures.compute import HELPER_TABLES, definition, record_tables, run_definition
from scorepack.measures.helpers import ending, tables_needed
from scorepack.measures.portable import helper_sql, parse, statements, tables_used, to_dialect
from tests.measures.kit import MEASURES, Records

CATALOGUE = load_catalogue(MEASURES.parent / "catalogue.yaml")
HELPERS = Path(str(resources.files("scorepack.measures").joinpath("sql")))
FILES = sorted(MEASURES.glob("*.sql")) + sorted(HELPERS.glob("*.sql"))


def test_every_indicator_and_activity_measure_has_a_definition() -> None:
    named = [i.measure for i in CATALOGUE.indicators] + [a.measure for a in CATALOGUE.activity]
    assert None not in named
    assert sorted(f"{m}.sql" for m in named) == sorted(p.name for p in MEASURES.glob("*.sql"))


def test_every_indicator_has_a_plain_english_definition() -> None:
    assert all(i.notes.definition for i in CATALOGUE.indicators)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_definition_opens_with_its_meaning(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("-- ")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("dialect", ["postgres", "tsql"])
def test_definition_transpiles(path: Path, dialect: str) -> None:
    out = to_dialect(path.read_text(encoding="utf-8"), dialect)
    assert out.strip()
    if dialect == "tsql":
        assert "INTERVAL" not in out.upper()


def test_date_arithmetic_becomes_dateadd_for_sql_server() -> None:
    sql = "SELECT DATE_ADD(d, INTERVAL (-12) MONTH) AS a, DATE_ADD(d, INTERVAL 7 DAY) AS b FROM t"
    out = to_dialect(sql, "tsql")
    assert "DATEADD(MONTH, -12, d)" in out
    assert "DATEADD(DAY, 7, d)" in out


@pytest.mark.parametrize("path", sorted(MEASURES.glob("*.sql")), ids=lambda p: p.stem)
def test_quick_table_scan_agrees_with_the_parser(path: Path) -> None:
    sql = path.read_text(encoding="utf-8")
    assert record_tables(sql) == tables_used(sql) - HELPER_TABLES


YEAR_TO_DATE = HELPERS / "year_to_date.sql"
EVENT_DEFINITIONS = [
    p for p in sorted(MEASURES.glob("*.sql")) if ending(p.read_text(encoding="utf-8")) is not None
]


def test_year_to_date_definitions_declare_the_shared_ending() -> None:
    # Every definition that reads the shared ending says so on its first line,
    # and the catalogue calls each of them year to date.
    # (31, leavers adopted, counts children rather than leavings, so it is a whole query.)
    assert len(EVENT_DEFINITIONS) == 18
    period_type = {i.measure: i.period_type for i in CATALOGUE.indicators}
    for path in EVENT_DEFINITIONS:
        sql = path.read_text(encoding="utf-8")
        assert sql.startswith("-- scorepack: year-to-date events\n"), path.name
        assert ending(sql) == "year_to_date"
        assert period_type[path.stem] == "YTD", path.name
        assert "by_month" not in sql, path.name


def test_the_shared_ending_reads_only_events_and_helper_tables() -> None:
    sql = YEAR_TO_DATE.read_text(encoding="utf-8")
    assert record_tables(sql) == set()
    assert tables_used(sql) == {
        "events",
        "calendar",
        "cohort_exclusions",
        "months",
        "unit_tree",
        "cohorts",
    }


def test_a_year_to_date_definition_needs_what_its_ending_reads() -> None:
    # The ending reads only helper tables (the cohorts' blocks are the cohorts'
    # own needs, see tests/measures/test_cohorts.py), so the definition needs
    # the record tables it reads itself and those of the building blocks it names.
    sql = (MEASURES / "icpc-within-15wd.sql").read_text(encoding="utf-8")
    assert tables_needed(YEAR_TO_DATE.read_text(encoding="utf-8")) == set()
    assert "ssd_involvements" in tables_needed(sql)
    assert "ssd_involvements" not in record_tables(sql)


def test_a_declaration_must_be_the_first_line_and_known() -> None:
    assert ending("-- 1. A count\nSELECT 1") is None
    with pytest.raises(ValueError, match="first line"):
        ending("-- 1. A count\n-- scorepack: year-to-date events\nSELECT 1")
    with pytest.raises(ValueError, match="unknown declaration"):
        ending("-- scorepack: year to date\nSELECT 1")


@pytest.mark.parametrize("path", EVENT_DEFINITIONS, ids=lambda p: p.stem)
@pytest.mark.parametrize("dialect", ["postgres", "tsql"])
def test_year_to_date_definition_runs_as_three_portable_statements(
    path: Path, dialect: str
) -> None:
    create, tail, drop = statements(path.read_text(encoding="utf-8"), dialect)
    body = "\n".join(line for line in tail.splitlines() if not line.strip().startswith("/*"))
    if dialect == "tsql":
        assert "INTO #events" in create
        assert "FROM #events AS e" in body
        assert drop == "DROP TABLE #events"
        assert "INTERVAL" not in (create + tail).upper()
    else:
        assert create.startswith("CREATE TEMPORARY TABLE events AS")
        assert "FROM events AS e" in body
        assert drop == "DROP TABLE events"
    # No query is nested inside another's WITH.
    assert tail.count("WITH ") == 1


def test_whole_definition_is_one_statement() -> None:
    sql = (MEASURES / "cp-plans.sql").read_text(encoding="utf-8")
    assert statements(sql, "tsql") == [to_dialect(sql, "tsql")]


def test_the_statements_give_what_the_runner_gives() -> None:
    # c1: 19 working days from enquiry to conference (late); c2: 7 (in time), UASC
    # from May, so out of excl-uasc for June onwards.
    r = Records().person("c1", team="t1").person("c2", team="t3", uasc_from="2015-05-20")
    for n, (child, held, began) in enumerate(
        [("c1", "2015-04-30", "2015-04-01"), ("c2", "2015-06-10", "2015-06-01")]
    ):
        r.add("ssd_s47_enquiry", s47e_s47_enquiry_id=f"s{n}", s47e_s47_start_date=began)
        r.add(
            "ssd_initial_cp_conference",
            icpc_icpc_id=f"i{n}",
            icpc_person_id=child,
            icpc_s47_enquiry_id=f"s{n}",
            icpc_icpc_date=held,
        )
    expected = r.run("icpc-within-15wd", "2015-06", "2015-07")
    assert expected[("county", "2015-07", "all")] == (1, 2)
    assert expected[("county", "2015-07", "excl-uasc")] == (0, 1)
    create, tail, drop = statements(definition(MEASURES, "icpc-within-15wd"), "duckdb")
    r.conn.execute(create)
    got = r.conn.execute(tail).fetchall()
    r.conn.execute(drop)
    assert {(u, p, c): (n, d) for u, p, c, n, d in got} == expected


def test_events_missing_a_column_are_refused_and_cleared_away() -> None:
    r = Records()
    r.run("referrals", "2016-03")  # prepares the helper tables
    sql = "-- scorepack: year-to-date events\nSELECT 'c1' AS child, DATE '2016-03-01' AS event_date"
    with pytest.raises(ValueError, match="missing team_id, numerator, denominator"):
        run_definition(r.conn, sql)
    assert r.conn.execute(
        "SELECT COUNT(*) FROM duckdb_views() WHERE view_name = 'events'"
    ).fetchone() == (0,)


PRESET_FILES = sorted(MEASURES.parents[1].glob("*/measures/*.sql")) + sorted(HELPERS.glob("*.sql"))


@pytest.mark.parametrize("path", PRESET_FILES, ids=lambda p: f"{p.parent.parent.name}/{p.stem}")
def test_no_definition_names_a_cohort(path: Path) -> None:
    # Cohorts come from the catalogue: every definition joins cohorts and
    # cohort_excluded (or cohort_exclusions) the same way, whatever they are called.
    text = path.read_text(encoding="utf-8").lower()
    for cohort in ("'all'", "excl-uasc", "is_uasc"):
        assert cohort not in text, f"{path.name} names {cohort}"


@pytest.mark.parametrize("name", sorted(SHARED_BLOCKS))
def test_every_shared_exclusion_block_returns_person_id_and_leaves_from(name: str) -> None:
    tree = parse(helper_sql(name)).tree
    assert set(EXCLUSION_COLUMNS) <= set(tree.named_selects)
