"""A web app on the Kent 2016 preset's figures, with one account per role."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from scorepack.publish.repository import Store
from scorepack.service import accounts
from scorepack.service.inputs import load_config, load_store
from scorepack.service.months import BuiltMonths, StoreMonths, built_from
from scorepack.web.access import Role
from scorepack.web.app import create_app
from scorepack.web.settings import WebSettings
from scorepack.web.tables import create_schema

PASSWORD = "correct horse battery staple"
ACCOUNTS = {
    # username: (role, unit)
    "viewer-north": (Role.viewer, "north-kent"),
    "author-dover": (Role.author, "dover-ait-fst"),
    "approver-south": (Role.approver, "south-kent"),
    "analyst-kent": (Role.analyst, "kent"),
    "admin-kent": (Role.admin, "kent"),
    "analyst-east": (Role.analyst, "east-kent"),
    "author-east": (Role.author, "east-kent"),
    "approver-east": (Role.approver, "east-kent"),
}
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="session")
def kent_months() -> BuiltMonths:
    inputs = load_config("kent-scs-2016", None, None)
    return built_from(inputs.catalogue, inputs.tree, load_store(inputs, None))


def make_engine(url: str) -> sa.Engine:
    engine = sa.create_engine(url)
    create_schema(engine)
    for username, (role, unit) in ACCOUNTS.items():
        accounts.add_account(engine, username, username.replace("-", " ").title(), PASSWORD)
        accounts.grant(engine, username, role, unit, actor="test")
    return engine


@pytest.fixture
def engine(tmp_path) -> Iterator[sa.Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def kent_catalogue_text() -> str:
    preset = load_config("kent-scs-2016", None, None).preset
    assert preset is not None
    return preset.catalogue.read_text(encoding="utf-8")


@pytest.fixture
def months(engine, kent_months, kent_catalogue_text) -> StoreMonths:
    """The Kent months with the test's store: published months from it, the rest as drafts."""
    return StoreMonths(kent_months, Store(engine=engine), kent_catalogue_text)


@pytest.fixture
def web_settings() -> WebSettings:
    return WebSettings()


@pytest.fixture
def client(engine, months, web_settings) -> Iterator[TestClient]:
    app = create_app(engine, months, web_settings)
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def csrf_from(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(client: TestClient, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    form = client.get("/sign-in")
    return client.post(
        "/sign-in",
        data={"username": username, "password": password, "csrf_token": csrf_from(form.text)},
        follow_redirects=False,
    )


@pytest.fixture
def as_user(client):  # type: ignore[no-untyped-def]
    def _as(username: str) -> TestClient:
        client.cookies.clear()
        done = sign_in(client, username)
        assert done.status_code == 303, done.text
        return client

    return _as
