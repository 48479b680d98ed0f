"""A small simulated authority, loaded into DuckDB once per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorepack.catalogue.load import load_catalogue
from scorepack.catalogue.model import Catalogue
from scorepack.periods import Month
from scorepack.records.load import load_records
from scorepack.simulate import simulate

PRESET = Path(__file__).resolve().parents[2] / "src/scorepack/presets/kent-scs-2016"
MEASURES = PRESET / "measures"
MONTHS = Month(2016, 3).months_back(36)
"""36 months up to March 2016: every figure of them is compared."""
SCALE = 0.05
"""A small county: every unit and every indicator, few children, so the suite stays fast."""


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(PRESET / "catalogue.yaml")


@pytest.fixture(scope="session")
def records_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The simulated extract at :data:`SCALE`, loaded into a DuckDB file."""
    folder = tmp_path_factory.mktemp("sim") / "records"
    simulate(folder, seed=1, scale=SCALE)
    database = folder.parent / "records.duckdb"
    load_records(folder, database)
    return database
