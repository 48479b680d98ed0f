"""``scorepack reconcile`` end to end on a small simulated authority."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorepack import presets
from scorepack.catalogue.load import load_catalogue
from scorepack.cli.main import app
from scorepack.reference.returns import load_returns

runner = CliRunner()


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sim") / "extract"
    result = runner.invoke(
        app, ["simulate", "--out", str(folder), "--scale", "0.05", "--seed", "5"]
    )
    assert result.exit_code == 0, result.stderr
    return folder


def _measures() -> list[str]:
    preset = presets.get("dfe-returns")
    returns = load_returns(preset.folder / "returns.yaml", load_catalogue(preset.catalogue))
    return [m.id for m in returns.measures]


def test_json_lists_every_measure_with_published_and_computed(extract: Path) -> None:
    result = runner.invoke(
        app, ["reconcile", "--records", str(extract), "--year", "2015-16", "--format", "json"]
    )
    # A twentieth of Kent is far from Kent's published counts: exit 1 says so.
    assert result.exit_code == 1, result.stderr
    rows = json.loads(result.stdout)
    assert [r["measure"] for r in rows] == _measures()
    for row in rows:
        assert set(row) == {"measure", "published", "computed", "difference", "within_tolerance"}
    by = {r["measure"]: r for r in rows}
    assert by["referrals"]["published"] == 15342
    assert by["referrals"]["within_tolerance"] is False
    assert by["referrals"]["difference"] == by["referrals"]["computed"] - 15342
    # percentages do not depend on the size of the authority
    assert by["cpp-subsequent"]["published"] == 20.1
    assert 0 < by["cpp-subsequent"]["computed"] < 50
    # no published looked-after figures for 2015-16, but the measures are still there
    for measure in ("cla-at-31-march", "cla-rate", "cla-3-placements", "cla-long-term-stability"):
        assert by[measure]["published"] is None and by[measure]["computed"] is not None
        assert by[measure]["within_tolerance"] is None
    assert sum(r["published"] is not None for r in rows) >= 6


def test_table_names_every_measure_and_says_what_is_not_published(extract: Path) -> None:
    result = runner.invoke(
        app, ["reconcile", "--records", str(extract), "--year", "2015-16", "--authority", "886"]
    )
    assert result.exit_code == 1, result.stderr
    for measure in _measures():
        assert measure in result.stdout
    assert "15,342" in result.stdout
    assert "no published figure for 2015-16" in result.stdout


def test_a_year_with_looked_after_figures(extract: Path) -> None:
    # Published looked-after and stability figures start in 2020-21.  (The simulation ends
    # in March 2016, so what it computes for 2021-22 means nothing; the figures are there.)
    result = runner.invoke(
        app, ["reconcile", "--records", str(extract), "--year", "2021-22", "--format", "json"]
    )
    rows = {r["measure"]: r for r in json.loads(result.stdout)}
    assert rows["cla-at-31-march"]["published"] == 1777
    assert rows["cla-rate"]["published"] == 53
    assert rows["cla-3-placements"]["published"] == 13
    assert rows["cla-at-31-march"]["computed"] is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2015"], "expected a year as 2015-16"),
        (
            ["--year", "2015-16", "--format", "table", "--out", "x.json"],
            "--out needs --format json",
        ),
    ],
)
def test_bad_options_exit_2(extract: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["reconcile", "--records", str(extract), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_records_without_an_authority_need_one(tmp_path: Path) -> None:
    result = runner.invoke(app, ["reconcile", "--records", str(tmp_path), "--year", "2015-16"])
    assert result.exit_code == 2
    assert "--authority" in result.stderr
