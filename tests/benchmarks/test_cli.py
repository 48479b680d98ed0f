"""``scorepack benchmarks show`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from scorepack.benchmarks import NEIGHBOURS_FILE, reference_dir
from scorepack.cli.main import app

runner = CliRunner()


def test_show_one_indicator_as_a_table() -> None:
    result = runner.invoke(
        app, ["benchmarks", "show", "--preset", "kent-scs-2016", "--indicator", "rereferrals-12m"]
    )
    assert result.exit_code == 0, result.output
    assert "England" in result.output and "22.6" in result.output
    assert "Statistical neighbours" in result.output and "18.74" in result.output


def test_show_every_mapped_indicator_as_json() -> None:
    result = runner.invoke(
        app, ["benchmarks", "show", "--preset", "kent-scs-2016", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["indicator"] for d in data] == ["rereferrals-12m", "cp-repeat-24m"]
    assert data[0]["own"]["name"] == "Kent" and data[0]["year"] == "2025"


def test_a_new_la_code_finds_the_same_authority() -> None:
    args = ["benchmarks", "show", "--preset", "kent-scs-2016", "--format", "json"]
    old = json.loads(runner.invoke(app, [*args, "--la", "886"]).stdout)
    new = json.loads(runner.invoke(app, [*args, "--la", "E10000016"]).stdout)
    assert old == new


def test_an_unmapped_indicator_is_one_clear_problem() -> None:
    result = runner.invoke(
        app, ["benchmarks", "show", "--preset", "kent-scs-2016", "--indicator", "cin-with-plan"]
    )
    assert result.exit_code == 2
    assert (
        "'cin-with-plan' has no benchmark; mapped: rereferrals-12m, cp-repeat-24m" in result.output
    )
    assert "Traceback" not in result.output


def test_an_unknown_la_code_is_one_clear_problem() -> None:
    result = runner.invoke(app, ["benchmarks", "show", "--preset", "kent-scs-2016", "--la", "999"])
    assert result.exit_code == 2
    assert "no local authority with code '999'" in result.output


def test_import_reports_every_bad_cell_with_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    header = (
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
        "region_name,old_la_code,new_la_code,la_name,category,percent\n"
    )
    rows = [
        "2025,Reporting year,National,E92000001,England,,,,,,Things,20.0",
        "2025,Reporting year,Local authority,E92000001,England,E12000008,South East,101,E06000101,Alpha,Things,ten",
        "2025,Reporting year,Local authority,E92000001,England,E12000008,South East,102,E06000102,Beta,Things,12.5",
        "2025,Reporting year,Local authority,E92000001,England,E12000008,South East,103,E06000103,Gamma,Things,n/a",
    ]
    (tmp_path / "bad.csv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    store = tmp_path / "store.sqlite"
    result = runner.invoke(
        app, ["benchmarks", "import", str(tmp_path / "bad.csv"), "--store", str(store)]
    )
    assert result.exit_code == 2
    assert "bad.csv, line 3, column percent: expected a number" in result.stderr
    assert "bad.csv, line 5, column percent: expected a number" in result.stderr
    assert "Traceback" not in result.output and not store.exists()


def test_import_twice_says_unchanged(tmp_path: Path) -> None:
    store = str(tmp_path / "store.sqlite")
    args = ["benchmarks", "import", str(reference_dir() / NEIGHBOURS_FILE), "--store", store]
    first = runner.invoke(app, args)
    again = runner.invoke(app, args)
    assert first.exit_code == again.exit_code == 0
    assert f"added {NEIGHBOURS_FILE}: 156 neighbour groupings" in first.stderr
    assert f"unchanged {NEIGHBOURS_FILE}" in again.stderr
