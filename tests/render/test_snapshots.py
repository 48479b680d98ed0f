"""Snapshots of rendered HTML: a scorecard page and an exception page.

When a change to the output is intended, refresh them with
``SCOREPACK_UPDATE_SNAPSHOTS=1 pytest tests/render/test_snapshots.py`` and
review the diff like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scorepack.render.html import render_page

SNAPSHOTS = Path(__file__).parent / "snapshots"


def check_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("SCOREPACK_UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no snapshot {path}; run with SCOREPACK_UPDATE_SNAPSHOTS=1 to create it")
    assert actual == path.read_text(encoding="utf-8"), (
        f"{name} differs from its snapshot; if the change is intended, "
        "refresh with SCOREPACK_UPDATE_SNAPSHOTS=1"
    )


def test_county_scorecard_page_matches_its_snapshot(pack):
    check_snapshot("scorecard-kent.html", render_page(pack, pack.page("scorecard-kent")))


def test_exception_page_matches_its_snapshot(pack):
    page = pack.page("exception-kent-pf-initial-visit")
    check_snapshot("exception-kent-pf-initial-visit.html", render_page(pack, page))
