"""The SQL definitions: one per measure, documented, and portable to other warehouses."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from scorepack.catalogue.load import load_catalogue
from scorepack.measures.compute import HELPER_TABLES, record_tables
from scorepack.measures.portable import tables_used, to_dialect
from tests.measures.kit import MEASURES

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
