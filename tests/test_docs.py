"""The docs cover every setting, and their examples work as shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from scorepack.catalogue import model
from scorepack.catalogue.load import json_schema, parse_catalogue
from scorepack.measures.figures import COLUMNS as FIGURE_COLUMNS

DOCS = Path(__file__).parents[1] / "docs"
MODELS = [
    model.Catalogue,
    model.Section,
    model.Indicator,
    model.Bands,
    model.Labels,
    model.Notes,
    model.Owners,
    model.Cohort,
    model.Population,
    model.ActivityMeasure,
]


def fenced(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_catalogue_doc_covers_every_field(cls: type[BaseModel]) -> None:
    text = (DOCS / "catalogue.md").read_text(encoding="utf-8")
    missing = [name for name in cls.model_fields if f"| `{name}` |" not in text]
    assert not missing, f"docs/catalogue.md does not document {cls.__name__} fields {missing}"


def test_catalogue_doc_examples_load() -> None:
    blocks = [
        b
        for b in fenced((DOCS / "catalogue.md").read_text(encoding="utf-8"), "yaml")
        if b.startswith("name:")
    ]
    assert blocks
    for block in blocks:
        parse_catalogue(block, "docs/catalogue.md")


def test_figures_doc_covers_every_column() -> None:
    text = (DOCS / "figures.md").read_text(encoding="utf-8")
    assert all(f"| `{c}` |" in text for c in FIGURE_COLUMNS)
    assert fenced(text, "csv")[0].splitlines()[0] == ",".join(FIGURE_COLUMNS)


def test_published_json_schema_is_current() -> None:
    assert (DOCS / "catalogue.schema.json").read_text(encoding="utf-8") == json_schema(), (
        "run: scorepack schema --out docs/catalogue.schema.json"
    )


def test_readme_documents_every_command() -> None:
    from scorepack.cli.main import app

    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    missing = [n for n in names if f"scorepack {n}" not in readme]
    assert not missing, f"README does not show {missing}"
