"""`scorepack build --engine`: figures computed inside a database, problems before any."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from scorepack.cli.main import app


def test_build_from_an_engine_url_writes_the_pack(records_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "build",
            "--preset",
            "kent-scs-2016",
            "--period",
            "2016-03",
            "--out",
            str(out),
            "--format",
            "json",
            "--quiet",
            "--engine",
            f"duckdb:///{records_db}",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / "scorecard-kent-2016-03.json").exists()


def test_a_schema_missing_tables_and_columns_stops_before_computing(
    records_db: Path, tmp_path: Path
) -> None:
    altered = tmp_path / "altered.duckdb"
    shutil.copy(records_db, altered)
    conn = duckdb.connect(str(altered))
    conn.execute("DROP TABLE ssd_cp_plans")
    conn.execute("ALTER TABLE ssd_person RENAME COLUMN pers_dob TO dob")
    conn.close()
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        ["build", "--preset", "kent-scs-2016", "--out", str(out), "--engine", str(altered)],
    )
    assert result.exit_code == 2, result.output
    assert "main.ssd_cp_plans" not in result.output  # no schema given: bare names
    assert "ssd_cp_plans: table not found" in result.output
    assert "ssd_person, column pers_dob: column not found (SSD item PERS005A" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
