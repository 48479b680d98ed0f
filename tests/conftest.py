"""Shared fixtures: the Kent 2016 preset, loaded once."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scorepack.inputs import Inputs, load_config, load_store
from scorepack.measures.store import FigureStore

GOLDEN = Path(__file__).parent / "golden"


def read_golden(name: str) -> list[dict[str, str]]:
    with (GOLDEN / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def kent() -> Inputs:
    return load_config("kent-scs-2016", None, None)


@pytest.fixture(scope="session")
def kent_store(kent: Inputs) -> FigureStore:
    return load_store(kent, None)
