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


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server on loopback for the whole session (see tests/pgserver.py)."""
    from tests.pgserver import running_server

    with running_server() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server):
    """A fresh, empty PostgreSQL database (SQLAlchemy URL, psycopg driver), dropped afterwards."""
    url = postgres_server.database()
    yield url
    postgres_server.drop(url)
