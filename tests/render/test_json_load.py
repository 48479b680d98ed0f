"""The scorecard JSON loader reads every version scorepack has written."""

from __future__ import annotations

import json

import pytest

from scorepack.errors import InputError
from scorepack.render.json import SCHEMA_VERSION, render_scorecard
from scorepack.render.json_load import parse_scorecard


@pytest.fixture(scope="module")
def current(kent_cards) -> dict:  # type: ignore[no-untyped-def]
    return json.loads(render_scorecard(kent_cards[0]))


def version_1(doc: dict) -> dict:
    """What scorepack wrote before schema_version: no version, no sources, no revision."""
    old = {k: v for k, v in doc.items() if k not in ("schema_version", "revision")}
    old["rows"] = [
        {k: v for k, v in r.items() if k not in ("previous_source", "outturn_source")}
        for r in doc["rows"]
    ]
    return old


def test_the_current_version_is_written_and_read_back(current: dict) -> None:
    assert current["schema_version"] == SCHEMA_VERSION == 2
    loaded = parse_scorecard(json.dumps(current), "x.json")
    assert [(r.id, r.display, r.rag) for r in loaded.rows] == [
        (r["id"], r["display"], r["rag"]) for r in current["rows"]
    ]
    assert {r.previous_source for r in loaded.rows} <= {"computed", None}


def test_version_1_is_upgraded(current: dict) -> None:
    loaded = parse_scorecard(json.dumps(version_1(current)), "old.json")
    assert loaded.schema_version == 2 and loaded.revision is None
    assert all(r.previous_source is None for r in loaded.rows)
    assert [r.value for r in loaded.rows] == [r["value"] for r in current["rows"]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "not JSON"),
        ("[]", "expected a scorecard"),
        ('{"schema_version": 99}', "unknown schema_version 99"),
        ('{"schema_version": 2, "period": "2016-03", "unit": "k"}', "rows: Field required"),
    ],
)
def test_unreadable_documents_are_problems_not_tracebacks(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_scorecard(text, "bad.json")
    assert any(message in str(p) and str(p).startswith("bad.json") for p in caught.value.problems)
