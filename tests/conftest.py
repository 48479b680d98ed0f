"""Shared fixtures: the Kent 2016 preset, loaded once."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from scorepack.measures.store import FigureStore
from scorepack.service.inputs import Inputs, load_config, load_store

GOLDEN = Path(__file__).parent / "golden"


def read_golden(name: str) -> list[dict[str, str]]:
    with (GOLDEN / name).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session", autouse=True)
def _own_data_and_cache_folders(tmp_path_factory: pytest.TempPathFactory):
    """The suite never reads or writes the user's own store or cache.

    A command run without ``--store`` uses ``$XDG_DATA_HOME/scorepack``, and the
    records cache lives in ``$XDG_CACHE_HOME/scorepack``: both point into the
    session's temporary folder, and ``$SCOREPACK_STORE`` is cleared.
    """
    home = tmp_path_factory.mktemp("xdg")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_DATA_HOME", str(home / "data"))
        mp.setenv("XDG_CACHE_HOME", str(home / "cache"))
        mp.delenv("SCOREPACK_STORE", raising=False)
        yield


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
