"""The pre-flight check: every missing or mistyped table and column, at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorepack.errors import InputError, Problem
from scorepack.measures.compute import compute_figures
from scorepack.measures.engines import bind, open_engine
from scorepack.measures.engines.duckdb import DuckDBEngine
from scorepack.measures.engines.source import kind_of, load_mapping
from scorepack.periods import Month
from tests.measures.kit import Records
from tests.measures.test_compute import tiny
from tests.measures.test_definitions import CATALOGUE, MEASURES


def altered() -> Records:
    """A schema as another SSD build might have it: a table renamed, a column
    renamed, a column dropped, a date held as a number."""
    r = tiny()
    r.conn.execute("ALTER TABLE ssd_involvements RENAME TO ssd_involvement")
    r.conn.execute("ALTER TABLE ssd_person RENAME COLUMN pers_dob TO pers_date_of_birth")
    r.conn.execute("ALTER TABLE ssd_cp_plans DROP COLUMN cppl_cp_plan_end_date")
    r.conn.execute("ALTER TABLE ssd_cin_episodes ALTER cine_referral_date TYPE INTEGER USING 1")
    return r


def problems(r: Records, mapping: Path | None = None) -> list[Problem]:
    rules = load_mapping(mapping)[0] if mapping else None
    with pytest.raises(InputError) as caught:
        bind(DuckDBEngine(r.conn), mapping=rules)
    return list(caught.value.problems)


def test_every_missing_renamed_and_mistyped_table_and_column_is_named() -> None:
    found = {(p.file, p.column): p.message for p in problems(altered())}
    assert set(found) == {
        ("ssd_involvements", None),
        ("ssd_person", "pers_dob"),
        ("ssd_cp_plans", "cppl_cp_plan_end_date"),
        ("ssd_cin_episodes", "cine_referral_date"),
    }
    assert found[("ssd_involvements", None)] == "table not found (scorepack's ssd_involvements)"
    assert "SSD item PERS005A" in found[("ssd_person", "pers_dob")]
    assert found[("ssd_cin_episodes", "cine_referral_date")].startswith(
        "expected a date or timestamp, found integer"
    )


def test_a_mapping_file_by_item_reference_puts_it_right(tmp_path: Path) -> None:
    r = altered()
    r.conn.execute("ALTER TABLE ssd_cp_plans ADD COLUMN plan_end DATE")
    r.conn.execute("ALTER TABLE ssd_cin_episodes DROP COLUMN cine_referral_date")
    r.conn.execute("ALTER TABLE ssd_cin_episodes ADD COLUMN ref_date TIMESTAMP")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "tables:\n  ssd_involvements: ssd_involvement\n"
        "columns:\n  PERS005A: pers_date_of_birth\n"
        "  ssd_cp_plans.cppl_cp_plan_end_date: plan_end\n  CINE003A: ref_date\n",
        encoding="utf-8",
    )
    rules, wrong = load_mapping(mapping)
    assert wrong == []
    engine = bind(DuckDBEngine(r.conn), mapping=rules)
    figures = compute_figures(engine, CATALOGUE, [Month(2016, 3)], MEASURES)
    plans = {f.key: f for f in figures}[("cp-plans", "north", Month(2016, 3), "all")]
    assert plans.value == 1


def test_a_mapping_file_with_unknown_names_is_refused(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "tables:\n  ssd_nothing: x\ncolumns:\n  ZZZZ999A: y\nextra: {}\n", encoding="utf-8"
    )
    wrong = load_mapping(mapping)[1]
    assert [(p.line, p.message.split(" (")[0]) for p in wrong] == [
        (2, "unknown table 'ssd_nothing'"),
        (4, "'ZZZZ999A' is neither an SSD item reference that scorepack reads"),
        (5, "unknown section 'extra'"),
    ]


@pytest.mark.parametrize(
    ("data_type", "kind"),
    [
        ("DATE", "date"),
        ("timestamp without time zone", "timestamp"),
        ("datetime2", "timestamp"),
        ("character varying", "text"),
        ("nvarchar", "text"),
        ("numeric", "decimal"),
        ("DECIMAL(18,3)", "decimal"),
        ("double precision", "float"),
        ("DOUBLE", "float"),
        ("bigint", "integer"),
        ("boolean", "other"),
    ],
)
def test_warehouse_types_in_words(data_type: str, kind: str) -> None:
    assert kind_of(data_type) == kind


def test_a_database_that_is_not_there_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="database file not found"):
        open_engine(str(tmp_path / "none.duckdb"))
    with pytest.raises(InputError, match="unknown database 'oracle'"):
        open_engine("oracle://x@y/z")


def test_the_mapping_example_in_the_docs_loads(tmp_path: Path) -> None:
    text = (Path(__file__).resolve().parents[2] / "docs/warehouse.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(block, encoding="utf-8")
    rules, wrong = load_mapping(mapping)
    assert wrong == []
    assert rules.columns[("ssd_person", "pers_dob")] == "pers_date_of_birth"
    assert rules.tables == {"ssd_involvements": "ssd_involvement"}
