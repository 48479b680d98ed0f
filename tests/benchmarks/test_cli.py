"""``scorepack benchmarks show`` end to end."""

from __future__ import annotations

import json

from typer.testing import CliRunner

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
