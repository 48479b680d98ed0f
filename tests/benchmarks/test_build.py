"""Every build sets the top unit's benchmarks: both presets end to end through ``scorepack build``.

The acceptance of issue 13: for the simulated authority (Kent, E10000016 / 886)
re-referrals, CP second-or-subsequent plans and the children-in-need rate show
England, South East, the statistical neighbours and the quartile from the
shipped DfE files.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorepack import presets
from scorepack.benchmarks import reference_dir
from scorepack.cli.main import app

runner = CliRunner()
KENT_NEIGHBOURS = ("881", "845", "866", "885", "888", "941", "891", "937", "935", "860")


def rows_of(folder: Path, unit: str) -> dict[str, dict]:  # type: ignore[type-arg]
    data = json.loads((folder / f"scorecard-{unit}-2016-03.json").read_text(encoding="utf-8"))
    return {r["id"]: r for r in data["rows"]}


def test_the_kent_reference_build_carries_benchmarks_on_the_county_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", "--preset", "kent-scs-2016", "--out", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    county = rows_of(out, "kent")
    re = county["rereferrals-12m"]["benchmark"]
    # By hand: Kent's ten neighbours' 2025 re-referral percentages in table C1
    # (Essex 15.4, East Sussex 16.6, Swindon 23, Worcestershire 17.8, Lancashire 16.3,
    # West Northamptonshire 23.9, Nottinghamshire 23.1, Warwickshire 17, Suffolk 20.1,
    # Staffordshire 14.2): 187.4 / 10.
    assert re["neighbour_mean"] == pytest.approx(18.74)
    assert [n["code"] for n in re["neighbours"]] == list(KENT_NEIGHBOURS)
    assert (re["year"], re["england"]["value"], re["region"]["name"]) == (
        "2025",
        22.6,
        "South East",
    )
    assert re["own"]["value"] == 21.6 and re["quartile"] in (1, 2, 3, 4)
    assert county["cp-repeat-24m"]["benchmark"]["comparable"] == "similar"
    assert county["cin-with-plan"]["benchmark"] is None
    assert all(r["benchmark"] is None for r in rows_of(out, "east-kent").values())


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sim") / "extract"
    result = runner.invoke(
        app, ["simulate", "--out", str(folder), "--scale", "0.05", "--seed", "5"]
    )
    assert result.exit_code == 0, result.stderr
    return folder


def _published(file: str, column: str, code: str, year: str, **filters: str) -> float:
    with (reference_dir() / file).open(encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if (
                row["time_period"] == year
                and row["geographic_level"] == "Local authority"
                and row["old_la_code"] == code
                and all(row[k] == v for k, v in filters.items())
            ):
                return float(row[column])
    raise AssertionError((file, code, year))


def test_the_dfe_returns_build_benchmarks_the_three_measures_and_rates_by_ons_population(
    extract: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    # The dfe-returns preset ships no units.csv (the records hold the units): its catalogue file
    catalogue = presets.get("dfe-returns").catalogue
    args = [
        "build",
        "--catalogue",
        str(catalogue),
        "--records",
        str(extract),
        "--period",
        "2016-03",
    ]
    result = runner.invoke(app, [*args, "--out", str(out), "--format", "json,html", "--quiet"])
    assert result.exit_code == 0, result.output
    rows = rows_of(out, "kent")  # the top unit of the simulated records
    assert all(r["benchmark"] is None for r in rows_of(out, "east-kent").values())
    for ind in ("rereferral-rate", "cpp-subsequent", "cin-rate"):
        b = rows[ind]["benchmark"]
        assert b is not None, ind
        assert b["england"]["value"] is not None and b["region"]["name"] == "South East", ind
        assert len(b["neighbours"]) == 10 and b["quartile"] in (1, 2, 3, 4), ind
        assert b["own"]["code"] == "886", ind
    # The CIN rate beside England: Kent's 2025 count per 10,000 of its mid-2024 children
    cin = rows["cin-rate"]["benchmark"]
    count = _published(
        "b1_children_in_need_2013_to_2025.csv",
        "At31_episodes",
        "886",
        "2025",
        category="Children in Need",
    )
    pop = _published(
        "ons_mid-year_population_estimates_2012_to_2024.csv",
        "population_estimate",
        "886",
        "2024",
        age_group="Children aged 0 to 17 years",
    )
    assert cin["own"]["value"] == pytest.approx(count / pop * 10_000)
    # The authority's own rate for March 2016: its CIN count per 10,000 of mid-2015's children
    mid_2015 = _published(
        "ons_mid-year_population_estimates_2012_to_2024.csv",
        "population_estimate",
        "886",
        "2015",
        age_group="Children aged 0 to 17 years",
    )
    mine = rows["cin-rate"]
    assert mine["denominator"] == mid_2015
    assert mine["numerator"] == rows["cin-at-31-march"]["value"]
    assert mine["value"] == pytest.approx(mine["numerator"] / mid_2015 * 10_000)


def test_a_published_month_carries_the_same_benchmarks_and_rates_as_the_built_one(
    extract: Path, tmp_path: Path
) -> None:
    """``publish`` judges the month through the same benchmark step as ``build``: the published
    files show the benchmarks, and a rate by ONS population has the same figures."""
    catalogue = str(presets.get("dfe-returns").catalogue)
    inputs = ["--catalogue", catalogue, "--records", str(extract), "--period", "2016-03"]
    built, published = tmp_path / "built", tmp_path / "published"
    store = tmp_path / "store.sqlite"
    done = runner.invoke(
        app, ["build", *inputs, "--out", str(built), "--format", "json", "--quiet"]
    )
    assert done.exit_code == 0, done.output
    done = runner.invoke(
        app,
        ["publish", *inputs, "--format", "json", "--store", str(store), "--by", "analyst",
         "--out", str(published)],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    want, got = rows_of(built, "kent"), rows_of(published, "kent")
    for ind in ("rereferral-rate", "cpp-subsequent", "cin-rate"):
        assert got[ind]["benchmark"] is not None, ind
        assert got[ind]["benchmark"] == want[ind]["benchmark"], ind
    keys = ("value", "display", "numerator", "denominator", "rag")
    assert {k: got["cin-rate"][k] for k in keys} == {k: want["cin-rate"][k] for k in keys}
    assert got["cin-rate"]["denominator"] is not None


def test_a_web_draft_carries_the_same_benchmarks_and_rates_as_the_build(
    extract: Path, tmp_path: Path
) -> None:
    """The web app judges a month not yet published from the figures (a draft): its top unit's
    rows have the build's benchmarks, and the rate by ONS population the build's figures.
    (The dfe-returns catalogue names no authority; the simulated records' note does.)"""
    from scorepack.periods import Month
    from scorepack.service.inputs import load_config
    from scorepack.service.months import built_from
    from scorepack.service.records import compute_from_records

    catalogue = presets.get("dfe-returns").catalogue
    built = tmp_path / "built"
    done = runner.invoke(
        app,
        ["build", "--catalogue", str(catalogue), "--records", str(extract), "--period",
         "2016-03", "--out", str(built), "--format", "json", "--quiet"],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    want = rows_of(built, "kent")
    config = load_config(None, catalogue, None, need_units=False)
    computed = compute_from_records(config, catalogue, extract, None, Month(2016, 3))
    drafts = built_from(
        computed.inputs.catalogue, computed.inputs.tree, computed.store, records=extract
    )
    card = drafts.scorecard("kent", Month(2016, 3))
    assert card is not None
    got = {row.indicator.id: row for row in card.rows}
    for ind in ("rereferral-rate", "cpp-subsequent", "cin-rate"):
        benchmark = got[ind].benchmark
        assert benchmark is not None, ind
        assert benchmark.own.value.value == want[ind]["benchmark"]["own"]["value"], ind
        assert benchmark.neighbour_mean == pytest.approx(
            want[ind]["benchmark"]["neighbour_mean"]
        ), ind
    rate = got["cin-rate"].latest
    assert (rate.numerator, rate.denominator) == (
        want["cin-rate"]["numerator"],
        want["cin-rate"]["denominator"],
    )
    assert rate.denominator is not None and rate.value == pytest.approx(want["cin-rate"]["value"])
