"""The command line, end to end: outputs, and refusals without tracebacks or partial files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorepack.cli.main import app

runner = CliRunner()
ROW_KEYS = {
    "id",
    "number",
    "title",
    "section",
    "polarity",
    "period_type",
    "value",
    "display",
    "rag",
    "numerator",
    "denominator",
    "target",
    "previous",
    "dot_previous",
    "outturn",
    "dot_outturn",
    "cohorts",
}
SUMMARY_KEYS = {
    "green",
    "amber",
    "red",
    "improved",
    "same",
    "worse",
    "outturn_improved",
    "outturn_same",
    "outturn_worse",
}


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_catalogue_lists_indicators_as_json() -> None:
    code, out, _ = run("catalogue", "--preset", "kent-scs-2016", "--format", "json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 44
    assert set(items[0]) == {"id", "number", "title", "section", "polarity", "period_type", "kind"}


def test_scorecard_json_has_the_documented_shape(tmp_path: Path) -> None:
    target = tmp_path / "kent.json"
    code, _, err = run(
        "scorecard",
        "--preset",
        "kent-scs-2016",
        "--period",
        "2016-03",
        "--unit",
        "kent",
        "--format",
        "json",
        "--out",
        str(target),
    )
    assert code == 0, err
    data = json.loads(target.read_text())
    assert (data["period"], data["unit"]) == ("2016-03", "kent")
    assert all(set(r) >= ROW_KEYS for r in data["rows"])
    assert set(data["summary"]) == SUMMARY_KEYS
    assert data["summary"]["green"] == 17
    assert data["rows"][18]["cohorts"]["excl-uasc"]["rag"] == "A"
    assert data["exceptions"][0] == "pf-initial-visit-7d"
    assert {r["rag"] for r in data["rows"]} <= {"G", "A", "R", None}
    assert {r["dot_previous"] for r in data["rows"]} <= {"improved", "same", "worse", None}


def test_scorecard_markdown_mirrors_the_reference_table() -> None:
    code, out, _ = run("scorecard", "--preset", "kent-scs-2016", "--format", "markdown")
    assert code == 0
    assert "| **REFERRAL AND ASSESSMENTS** |" in out
    assert (
        "| 8 | % of PF notifications where initial visit held within 7 days | H | YTD | 76.5% | R"
        " | Not enough points | - | 52 | 68 |" in out
    )
    assert "Kent has 17 indicators rated as Green" in out


def test_build_writes_county_and_areas(tmp_path: Path) -> None:
    code, _, err = run("build", "--preset", "kent-scs-2016", "--out", str(tmp_path), "--quiet")
    assert code == 0, err
    names = sorted(p.name for p in tmp_path.iterdir())
    for unit in ("kent", "north-kent", "east-kent", "south-kent", "west-kent"):
        assert f"scorecard-{unit}-2016-03.json" in names
        assert f"scorecard-{unit}-2016-03.md" in names
    assert "activity-2016-03.json" in names


@pytest.fixture
def bad_figures(tmp_path: Path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator,unit,period,cohort,numerator,denominator,value\n"
        "rereferrals-12m,kent,2016-03,,3329,15633,21.3\n"
        "rereferrals-12m,kent,2016-03,,3329,15633,21.3\n"
        "nonsense,kent,2016-03,,1,2,\n"
        "rereferrals-12m,atlantis,2016-03,,1,0,\n",
        encoding="utf-8",
    )
    return path


def test_bad_figures_exit_nonzero_with_every_problem_and_no_output(
    tmp_path: Path, bad_figures: Path
) -> None:
    target = tmp_path / "out.json"
    code, _, err = run(
        "scorecard",
        "--preset",
        "kent-scs-2016",
        "--figures",
        str(bad_figures),
        "--format",
        "json",
        "--out",
        str(target),
    )
    assert code == 2
    assert "4 problems found; nothing was written" in err
    assert "bad.csv, line 3: duplicate row" in err
    assert "bad.csv, line 4, column indicator: unknown indicator 'nonsense'" in err
    assert "bad.csv, line 5, column unit: unknown unit 'atlantis'" in err
    assert "bad.csv, line 5, column denominator: the denominator is zero" in err
    assert not target.exists()


def test_build_refuses_without_writing_anything(tmp_path: Path, bad_figures: Path) -> None:
    out_dir = tmp_path / "pack"
    code, _, _ = run(
        "build", "--preset", "kent-scs-2016", "--figures", str(bad_figures), "--out", str(out_dir)
    )
    assert code == 2
    assert not out_dir.exists()


def test_bad_catalogue_and_units_reported_together(tmp_path: Path) -> None:
    cat = tmp_path / "cat.yaml"
    cat.write_text("name: x\nauthority: y\nservice: z\nsections: []\nindicators: []\nextra: 1\n")
    units = tmp_path / "units.csv"
    units.write_text("id,name,parent,kind\na,A,b,team\nb,B,a,team\n")
    code, _, err = run("validate", "--catalogue", str(cat), "--units", str(units))
    assert code == 2
    assert "cat.yaml, line 6, column 1: extra: unknown field 'extra'" in err
    assert "units.csv, line 2, column parent: units form a cycle" in err


def test_malformed_period_option() -> None:
    code, _, err = run("scorecard", "--preset", "kent-scs-2016", "--period", "2016/03")
    assert code == 2
    assert "--period: expected a month as YYYY-MM" in err


def test_real_process_prints_no_traceback(tmp_path: Path, bad_figures: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "scorepack",
            "scorecard",
            "--preset",
            "kent-scs-2016",
            "--figures",
            str(bad_figures),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "unknown unit 'atlantis'" in proc.stderr


def build_pdf(engine: str, out_dir: Path) -> tuple[int, str, str]:
    return run(
        "build", "--preset", "kent-scs-2016", "--format", "pdf", "--pdf-engine", engine,
        "--out", str(out_dir), "--quiet",
    )  # fmt: skip


def test_build_with_an_unknown_pdf_engine_is_refused(tmp_path: Path) -> None:
    out_dir = tmp_path / "pack"
    code, _, err = build_pdf("prince", out_dir)
    assert code == 2
    assert "--pdf-engine: unknown PDF engine 'prince'; choose from chromium, weasyprint" in err
    assert not out_dir.exists()


def test_build_with_the_chromium_engine_and_no_chromium_names_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCOREPACK_CHROMIUM", str(tmp_path / "no-such-browser"))
    out_dir = tmp_path / "pack"
    code, _, err = build_pdf("chromium", out_dir)
    assert code == 2
    assert "1 problem found; nothing was written" in err
    assert "install the 'chromium' package" in err and "Traceback" not in err
    assert not out_dir.exists()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_build_prints_the_pdf_with_chromium_when_asked(tmp_path: Path) -> None:
    code, _, err = build_pdf("chromium", tmp_path)
    assert code == 0, err
    pdf = (tmp_path / "pack-2016-03.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-1.7") and b"scorepack (Chromium and qpdf)" in pdf


def test_without_chromium_the_default_pdf_engine_is_refused_naming_the_way_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCOREPACK_CHROMIUM", str(tmp_path / "no-such-browser"))
    out_dir = tmp_path / "pack"
    code, _, err = run(
        "build", "--preset", "kent-scs-2016", "--format", "pdf", "--out", str(out_dir), "--quiet"
    )
    assert code == 2
    assert "install the 'chromium' package" in err and "--pdf-engine weasyprint" in err
    assert not out_dir.exists()


def test_serve_refuses_to_start_without_the_browser_its_pdfs_need(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCOREPACK_CHROMIUM", str(tmp_path / "no-such-browser"))
    store = f"sqlite:///{tmp_path / 'store.sqlite'}"
    code, _, err = run("serve", "--store", store, "--preset", "kent-scs-2016", "--check")
    assert code == 2
    assert "install the 'chromium' package" in err and "Traceback" not in err
    code, _, err = run(
        "serve", "--store", store, "--preset", "kent-scs-2016", "--check",
        "--pdf-engine", "weasyprint",
    )  # fmt: skip
    assert code == 0, err


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")
def test_the_default_pdf_is_printed_by_chromium_with_its_contents_numbered(tmp_path: Path) -> None:
    code, _, err = run(
        "build", "--preset", "kent-scs-2016", "--format", "pdf", "--out", str(tmp_path), "--quiet"
    )
    assert code == 0, err
    pdf = tmp_path / "pack-2016-03.pdf"
    assert b"scorepack (Chromium and qpdf)" in pdf.read_bytes()
    contents = subprocess.run(
        ["pdftotext", "-f", "2", "-l", "2", "-layout", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert re.search(r"Scorecard – Kent\s+\d+$", contents, re.MULTILINE), contents
