"""The store's commands called as the library API, as the CLI and the web app do:
requests in, answers out, nothing printed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scorepack import presets
from scorepack.errors import REQUEST, InputError
from scorepack.service import monthly
from scorepack.service.monthly import BuildRequest, ImportRequest, PublishRequest


@pytest.fixture
def store(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.sqlite'}"


def test_publish_then_read_the_history_and_the_restatements(
    store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = tmp_path / "figures.csv"
    source = presets.get("kent-scs-2016").figures
    assert source is not None
    shutil.copy(source, figures)
    request = PublishRequest(
        BuildRequest(preset="kent-scs-2016", figures=figures, period="2016-02", store=store),
        by="analyst",
    )
    answer = monthly.publish(request)
    assert (str(answer.value.version.month), answer.value.version.version) == ("2016-02", 1)
    assert answer.where.endswith("store.sqlite")
    assert "scorecard-kent-2016-02.json" in answer.value.files
    entries = monthly.history("kent", "cfa-within-45wd", store)
    assert [(str(e.month), e.version, e.display) for e in entries] == [("2016-02", 1, "89.5%")]
    text = figures.read_text(encoding="utf-8")
    figures.write_text(
        text.replace(
            "cfa-within-45wd,kent,2016-02,,,,89.5", "cfa-within-45wd,kent,2016-02,,,,91.0"
        ),
        encoding="utf-8",
    )
    moved = monthly.restatements("2016-02", "kent-scs-2016", figures=figures, store=store)
    assert [(r.indicator, r.unit, r.published_display, r.now_display) for r in moved] == [
        ("cfa-within-45wd", "kent", "89.5%", "91.0%")
    ]
    assert capsys.readouterr() == ("", "")


def test_a_bad_publish_request_names_every_problem_and_writes_nothing(store: str) -> None:
    request = PublishRequest(
        BuildRequest(
            preset="kent-scs-2016",
            period="2016-02",
            formats=("json", "docx"),
            scope="everywhere",
            store=store,
        ),
        by="analyst",
    )
    with pytest.raises(InputError) as caught:
        monthly.publish(request)
    fields = [(p.file, p.column) for p in caught.value.problems]
    assert fields == [(REQUEST, "formats"), (REQUEST, "scope")]
    assert monthly.history("kent", None, store) == []


def test_an_import_with_nothing_to_import_is_refused(store: str) -> None:
    with pytest.raises(InputError, match="give --scorecard FILE or --reported-figures FILE"):
        monthly.import_months(ImportRequest(by="analyst", preset="kent-scs-2016", store=store))
