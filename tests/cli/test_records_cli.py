"""``scorepack simulate`` then ``scorepack build --records``, end to end on a small authority."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorepack.cli.main import app
from scorepack.service.cache import records_database

runner = CliRunner()


@pytest.fixture(scope="module")
def extract(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sim") / "extract"
    result = runner.invoke(
        app, ["simulate", "--out", str(folder), "--scale", "0.05", "--seed", "3"]
    )
    assert result.exit_code == 0, result.stderr
    return folder


def test_simulate_writes_every_table_and_a_marker(extract: Path) -> None:
    names = {p.name for p in extract.iterdir()}
    assert {"ssd_person.parquet", "ssd_cp_plans.parquet", "ssd_department.parquet"} <= names
    assert ".scorepack-simulation" in names


def test_simulate_will_not_overwrite_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "precious.txt").write_text("keep me")
    result = runner.invoke(app, ["simulate", "--out", str(tmp_path), "--scale", "0.05"])
    assert result.exit_code == 2
    assert (tmp_path / "precious.txt").read_text() == "keep me"


def test_build_from_records_judges_every_unit(extract: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack"
    result = runner.invoke(
        app,
        [
            "build",
            "--records",
            str(extract),
            "--preset",
            "kent-scs-2016",
            "--period",
            "2016-03",
            "--units-scope",
            "all",
            "--format",
            "json",
            "--quiet",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    county = json.loads((out / "scorecard-kent-2016-03.json").read_text())
    assert len(county["rows"]) == 44
    assert sum(r["rag"] is not None for r in county["rows"]) > 30
    s = county["summary"]
    assert s["green"] + s["amber"] + s["red"] == sum(r["rag"] is not None for r in county["rows"])
    units = {
        p.name.split("-2016")[0].removeprefix("scorecard-") for p in out.glob("scorecard-*.json")
    }
    assert {"kent", "north-kent", "ashford-ait-fst", "suasc-service"} <= units
    activity = json.loads((out / "activity-2016-03.json").read_text())
    children = [r["unit"] for r in activity["rows"] if r["depth"] == 1]
    assert children[:4] == ["east-kent", "north-kent", "south-kent", "west-kent"]  # areas first
    kent = next(r for r in activity["rows"] if r["unit"] == "kent")
    teams = [r for r in activity["rows"] if r["depth"] >= 1 and r["unit"] != "kent"]
    assert kent["cells"]["cp-plans"]["this_month"] > 0 and teams


def test_corrupt_records_are_refused_and_the_database_kept(extract: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(extract, broken)
    good = runner.invoke(
        app,
        [
            "build",
            "--records",
            str(broken),
            "--preset",
            "kent-scs-2016",
            "--format",
            "json",
            "--quiet",
            "--out",
            str(tmp_path / "a"),
        ],
    )
    assert good.exit_code == 0, good.stderr
    database = records_database(broken)
    before = database.read_bytes()
    (broken / "ssd_cp_plans.parquet").unlink()
    result = runner.invoke(
        app,
        [
            "build",
            "--records",
            str(broken),
            "--preset",
            "kent-scs-2016",
            "--format",
            "json",
            "--quiet",
            "--out",
            str(tmp_path / "b"),
        ],
    )
    assert result.exit_code == 2
    assert "ssd_cp_plans" in result.stderr
    assert database.read_bytes() == before
    assert not (tmp_path / "b").exists()


JSON_BUILD = ("--preset", "kent-scs-2016", "--format", "json", "--quiet")


def _build_from(records: Path, out: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(
        app,
        ["build", "--records", str(records), *JSON_BUILD, "--out", str(out), *extra],
    )
    return result.exit_code, result.stdout + result.stderr


def test_a_read_only_records_folder_is_read_not_written(extract: Path, tmp_path: Path) -> None:
    records = tmp_path / "readonly"
    shutil.copytree(extract, records)
    before = sorted(p.name for p in records.iterdir())
    records.chmod(0o555)
    try:
        code, text = _build_from(records, tmp_path / "out")
    finally:
        records.chmod(0o755)
    assert code == 0, text
    assert sorted(p.name for p in records.iterdir()) == before  # the database went to the cache
    assert records_database(records).exists()


def test_database_option_places_the_records_database(extract: Path, tmp_path: Path) -> None:
    database = tmp_path / "db" / "kent.duckdb"
    code, text = _build_from(extract, tmp_path / "out", "--database", str(database))
    assert code == 0, text
    assert database.exists()


def test_a_second_build_on_the_same_records_is_told_to_wait(extract: Path, tmp_path: Path) -> None:
    from filelock import FileLock

    from scorepack.service.cache import cache_dir, key_for

    database = records_database(extract)
    lock = FileLock(cache_dir() / "locks" / f"{key_for(database)}.lock")
    (cache_dir() / "locks").mkdir(parents=True, exist_ok=True)
    with lock:
        code, text = _build_from(extract, tmp_path / "out")
    assert code == 1
    assert "another scorepack run is using the records database" in text
    assert "Traceback" not in text
    assert not (tmp_path / "out").exists()


def _build(extract: Path, out: Path, *extra: str) -> object:
    return runner.invoke(
        app,
        [
            "build", "--records", str(extract), "--preset", "kent-scs-2016",
            "--period", "2016-03", "--units-scope", "all", "--quiet", "--out", str(out), *extra,
        ],
    )  # fmt: skip


def test_the_simulated_units_file_gives_an_owner_to_every_unit_but_the_county(
    extract: Path,
) -> None:
    import duckdb

    from scorepack.catalogue.units import load_units

    owners = load_units(extract / "units.csv")
    table = str(extract / "ssd_department.parquet")
    departments = duckdb.sql(f"SELECT dept_team_id FROM read_parquet('{table}')").fetchall()
    assert [u.id for u in owners] == [row[0] for row in departments]
    assert [u.id for u in owners if not u.owner_name] == ["kent"]
    assert {u.owner_role for u in owners if u.kind == "area"} == {"Area Director"}


def test_with_units_a_build_from_records_names_each_units_own_owner(
    extract: Path, tmp_path: Path
) -> None:
    import re

    from scorepack.catalogue.units import load_units

    owners = {u.id: u for u in load_units(extract / "units.csv")}
    result = _build(extract, tmp_path / "pack", "--units", str(extract / "units.csv"),
                    "--format", "html")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    html = (tmp_path / "pack" / "pack-2016-03.html").read_text(encoding="utf-8")
    report = r'<section class="[^"]* exception" [^>]*data-unit="([^"]+)">(.*?)</section>'
    reports = re.findall(report, html, re.DOTALL)
    assert reports
    for unit, body in reports:
        owner = re.search(r'data-field="owner">([^<]*)</td>', body)
        if unit == "kent":  # no owner of its own: the catalogue's cabinet member and director
            assert owner is None and "Cabinet Member" in body
        else:
            assert owner is not None, unit
            assert owner.group(1) == owners[unit].owner_name, unit


def test_a_unit_of_the_units_file_not_in_the_records_is_refused(
    extract: Path, tmp_path: Path
) -> None:
    units = tmp_path / "units.csv"
    text = (extract / "units.csv").read_text(encoding="utf-8")
    units.write_text(text + "nowhere,Nowhere Team,kent,team,Pat Doe,Team Manager\n", "utf-8")
    line = len(text.splitlines()) + 1
    result = _build(extract, tmp_path / "pack", "--units", str(units), "--format", "json")
    assert result.exit_code == 2
    assert f"{units}, line {line}, column id" in result.stderr
    assert "'nowhere' is not in the records' units" in result.stderr
    assert not (tmp_path / "pack").exists()
