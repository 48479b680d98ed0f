"""The store's commands end to end: publish, revise, history, import, restatements."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from scorepack import presets
from scorepack.cli.main import app

runner = CliRunner()
KENT = ["--preset", "kent-scs-2016"]


@pytest.fixture
def figures(tmp_path: Path) -> Path:
    path = tmp_path / "figures.csv"
    source = presets.get("kent-scs-2016").figures
    assert source is not None
    shutil.copy(source, path)
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_publish_refuses_a_second_time_and_revises_only_with_a_reason(
    store_url: str, tmp_path: Path
) -> None:
    base = [*KENT, "--period", "2016-02", "--store", store_url, "--by", "analyst"]
    code, _, err = run("publish", *base, "--out", str(tmp_path / "v1"))
    assert code == 0, err
    assert "published 2016-02 version 1" in err
    assert (tmp_path / "v1" / "scorecard-kent-2016-02.json").exists()
    code, _, err = run("publish", *base)
    assert code == 2 and "already published (version 1, by analyst" in err
    assert "Traceback" not in err
    code, _, err = run("publish", *base, "--revise")
    assert code == 2 and "--revise needs --reason" in err
    code, _, err = run("publish", *base, "--revise", "--reason", "late records")
    assert code == 0 and "version 2" in err
    code, out, err = run(
        "history", "--unit", "kent", "--indicator", "cfa-within-45wd", "--store", store_url,
        "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    items = json.loads(out)
    assert [(i["month"], i["version"], i["display"]) for i in items] == [
        ("2016-02", 1, "89.5%"),
        ("2016-02", 2, "89.5%"),
    ]
    assert items[1]["reason"] == "late records"


def test_revising_a_month_never_published_is_refused(store_url: str) -> None:
    code, _, err = run(
        "publish", *KENT, "--period", "2016-02", "--store", store_url,
        "--revise", "--reason", "x",
    )  # fmt: skip
    assert code == 2 and "nothing to revise" in err


def test_a_changed_record_shows_up_in_restatements(store_url: str, figures: Path) -> None:
    common = [*KENT, "--figures", str(figures), "--store", store_url]
    assert run("publish", *common, "--period", "2016-02")[0] == 0
    code, out, _ = run("restatements", *common, "--period", "2016-02", "--format", "json")
    assert code == 0 and json.loads(out) == []
    text = figures.read_text(encoding="utf-8")
    figures.write_text(
        text.replace(
            "cfa-within-45wd,kent,2016-02,,,,89.5", "cfa-within-45wd,kent,2016-02,,,,91.0"
        ),
        encoding="utf-8",
    )
    code, out, err = run(
        "restatements", *common, "--period", "2015-04..2016-02", "--format", "json"
    )
    assert code == 0, err
    moved = json.loads(out)
    assert [
        (m["indicator"], m["unit"], m["published_display"], m["now_display"]) for m in moved
    ] == [("cfa-within-45wd", "kent", "89.5%", "91.0%")]
    code, out, _ = run(
        "restatements", *common, "--period", "2016-02", "--tolerance", "2", "--format", "json"
    )
    assert json.loads(out) == []


def test_importing_reported_figures_seeds_previous_and_outturn(store_url: str) -> None:
    code, _, err = run(
        "import", *KENT, "--reported-figures", str(presets.get("kent-scs-2016").figures),
        "--months", "2015-03,2016-02", "--store", store_url,
    )  # fmt: skip
    assert code == 0, err
    assert "imported 2015-03 as version 1" in err and "imported 2016-02 as version 1" in err
    code, out, err = run("scorecard", *KENT, "--format", "json")
    computed = {r["id"]: r for r in json.loads(out)["rows"]}
    code, _, err = run("publish", *KENT, "--period", "2016-03", "--store", store_url)
    assert code == 0, err
    code, out, _ = run("history", "--unit", "kent", "--store", store_url, "--format", "json")
    march = [i for i in json.loads(out) if i["month"] == "2016-03"]
    assert {i["indicator"]: i["display"] for i in march} == {
        k: r["display"] for k, r in computed.items()
    }


def test_importing_a_scorecard_json_of_any_version(store_url: str, tmp_path: Path) -> None:
    code, out, _ = run("scorecard", *KENT, "--period", "2016-03", "--format", "json")
    doc = json.loads(out)
    old = {k: v for k, v in doc.items() if k not in ("schema_version", "revision")}
    old["rows"] = [
        {k: v for k, v in r.items() if k not in ("previous_source", "outturn_source")}
        for r in doc["rows"]
    ]
    (tmp_path / "v1.json").write_text(json.dumps(old), encoding="utf-8")
    code, _, err = run(
        "import", *KENT, "--scorecard", str(tmp_path / "v1.json"), "--store", store_url
    )
    assert code == 0, err
    code, out, _ = run(
        "history", "--unit", "kent", "--indicator", "rereferrals-12m", "--store", store_url,
        "--format", "json",
    )  # fmt: skip
    assert [(i["month"], i["origin"], i["display"], i["rag"]) for i in json.loads(out)] == [
        ("2016-03", "imported", "21.3%", "G")
    ]


def test_a_broken_scorecard_file_is_reported_with_its_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 2, "period": "2016-03", "unit": "kent", "rows": [{}]}')
    code, _, err = run(
        "import", *KENT, "--scorecard", str(bad), "--store", str(tmp_path / "s.sqlite")
    )
    assert code == 2
    assert f"{bad}, column rows.0.id: Field required" in err
    assert not (tmp_path / "s.sqlite").exists()


def test_publish_with_an_unknown_pdf_engine_is_refused(
    store_url: str,
) -> None:
    code, _, err = run(
        "publish", *KENT, "--period", "2016-02", "--store", store_url,
        "--format", "json,pdf", "--pdf-engine", "prince",
    )  # fmt: skip
    assert code == 2 and "Traceback" not in err
    assert "--pdf-engine: unknown PDF engine 'prince'; choose from chromium, weasyprint" in err
