"""`scorepack sql --dialect tsql`: scripts SQL Server 2016 and later can run."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlglot
from sqlglot import exp
from typer.testing import CliRunner

from scorepack.cli.main import app
from tests.measures.test_definitions import CATALOGUE

NEWER_THAN_2016 = {
    # function (sqlglot's or the name as written) -> the SQL Server version that added it
    "GENERATE_SERIES": 2022,
    "DATETRUNC": 2022,
    "DATE_BUCKET": 2022,
    "TIMESTAMP_TRUNC": 2022,
    "DATE_TRUNC": 2022,
    "GREATEST": 2022,
    "LEAST": 2022,
    "STRING_AGG": 2017,
    "GROUP_CONCAT": 2017,
    "CONCAT_WS": 2017,
    "TRANSLATE": 2017,
    "TRIM": 2017,
    "APPROX_COUNT_DISTINCT": 2019,
    "JSON_OBJECT": 2022,
    "JSON_ARRAY": 2022,
}


def too_new(script: str) -> list[str]:
    """Constructs in ``script`` that SQL Server 2016 does not have."""
    found = []
    for statement in sqlglot.parse(script, read="tsql"):
        if statement is None:
            continue
        for node in statement.walk():
            name = node.name.upper() if isinstance(node, exp.Anonymous) else None
            if isinstance(node, exp.Func) and not isinstance(node, exp.Anonymous):
                name = node.sql_name().upper()
            if isinstance(node, exp.Trim) and node.args.get("position"):
                name = None  # LTRIM / RTRIM, which SQL Server has always had
            if name in NEWER_THAN_2016:
                found.append(name)
            if isinstance(node, exp.NullSafeEQ | exp.NullSafeNEQ):
                found.append("IS [NOT] DISTINCT FROM")
            if isinstance(node, exp.Select) and node.args.get("windows"):
                found.append("WINDOW clause")
    return found


@pytest.fixture(scope="module")
def scripts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tsql")
    result = CliRunner().invoke(
        app, ["sql", "--preset", "kent-scs-2016", "--dialect", "tsql", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def test_one_script_per_definition_and_the_building_blocks(scripts: Path) -> None:
    names = {p.name for p in scripts.glob("*.sql")}
    measures = {i.measure for i in CATALOGUE.indicators} | {a.measure for a in CATALOGUE.activity}
    assert names == {f"{m}.sql" for m in measures} | {"00-building-blocks.sql"}


def test_every_script_parses_as_tsql_and_uses_nothing_newer_than_2016(scripts: Path) -> None:
    for path in sorted(scripts.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        assert too_new(text) == [], path.name
        assert "INTERVAL" not in text.upper().replace("INTERVALS", ""), path.name
        assert "CREATE TEMPORARY" not in text, path.name


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT value FROM GENERATE_SERIES(1, 10)",
        "SELECT DATETRUNC(month, d) FROM t",
        "SELECT STRING_AGG(x, ',') FROM t",
        "SELECT GREATEST(a, b) FROM t",
        "SELECT 1 FROM t WHERE a IS DISTINCT FROM b",
    ],
)
def test_the_check_catches_what_2016_lacks(sql: str) -> None:
    assert too_new(sql) != []


def test_a_year_to_date_script_makes_its_events_a_temporary_table(scripts: Path) -> None:
    text = (scripts / "cfa-within-45wd.sql").read_text(encoding="utf-8")
    assert "INTO #events" in text
    assert "FROM #events AS e" in text
    assert text.rstrip().endswith("DROP TABLE #events;")


def test_an_unknown_dialect_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["sql", "--preset", "kent-scs-2016", "--dialect", "oracle", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "--dialect: expected one of duckdb, postgres, tsql" in result.output
