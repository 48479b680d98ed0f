"""The same database gives byte-identical figures on every build."""

from __future__ import annotations

import json
from dataclasses import astuple
from pathlib import Path

import duckdb

from scorepack.catalogue.model import Catalogue
from scorepack.measures.compute import compute_figures
from scorepack.periods import Month
from tests.engines.conftest import MEASURES

MONTHS = [Month(2016, 2), Month(2016, 3)]


def build(database: Path, catalogue: Catalogue) -> str:
    conn = duckdb.connect(str(database), read_only=True)
    try:
        conn.execute("SET threads = 4")
        figures = compute_figures(conn, catalogue, MONTHS, MEASURES)
    finally:
        conn.close()
    return json.dumps([astuple(f) for f in figures], default=str)


def test_ten_builds_of_one_database_are_byte_identical(
    records_db: Path, catalogue: Catalogue
) -> None:
    first = build(records_db, catalogue)
    for _ in range(9):
        assert build(records_db, catalogue) == first


def test_whole_numbers_are_integers_and_fractions_exact(
    records_db: Path, catalogue: Catalogue
) -> None:
    rows = json.loads(build(records_db, catalogue))
    numbers = [v for row in rows for v in row[4:6] if v is not None]
    assert all(isinstance(v, int) or not float(v).is_integer() for v in numbers)
    # Full-time equivalents are fractions: summed exactly, not in whatever order threads finish.
    assert any(isinstance(v, float) for v in numbers)
