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
    model.Definition,
    model.Owners,
    model.Cohort,
    model.Population,
    model.ActivityMeasure,
    model.AppliesTo,
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


def test_commentary_doc_examples_load_against_the_kent_preset(kent) -> None:  # type: ignore[no-untyped-def]
    from scorepack.pack.commentary import parse_markdown, parse_yaml
    from scorepack.periods import Month

    text = (DOCS / "commentary.md").read_text(encoding="utf-8")
    ids = [i.id for i in kent.catalogue.indicators]
    units = [u.id for u in kent.tree]
    book = parse_yaml(fenced(text, "yaml")[0], "docs/commentary.md", ids, units)
    assert book.get("pf-initial-visit-7d", "kent", Month(2016, 3))
    assert book.action_for("pf-initial-visit-7d", "kent", Month(2016, 3)).due is not None
    book = parse_markdown(fenced(text, "markdown")[0], "docs/commentary.md", ids, units)
    assert book.get("cic-3-placements-12m", "west-kent", Month(2016, 3))
    assert book.action_for("cic-3-placements-12m", "west-kent", Month(2016, 3)).action


def test_units_doc_example_loads() -> None:
    from scorepack.catalogue.units import parse_units

    tree = parse_units(
        fenced((DOCS / "units.md").read_text(encoding="utf-8"), "csv")[0], "docs/units.md"
    )
    assert [u.id for u in tree.walk()][:3] == ["kent", "north-kent", "dartford-ait-fst"]
    owned = parse_units(
        fenced((DOCS / "units.md").read_text(encoding="utf-8"), "csv")[1], "docs/units.md"
    )
    found = owned.owner_of("ashford-ait-fst")
    assert found is not None and (found.owner_name, found.owner_role) == (
        "Sam Patel",
        "Area Director",
    )


def test_figures_doc_examples_load_against_the_kent_preset(kent, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from scorepack.measures.figures import load_figures

    path = tmp_path / "figures.csv"
    path.write_text(
        fenced((DOCS / "figures.md").read_text(encoding="utf-8"), "csv")[0], encoding="utf-8"
    )
    assert len(load_figures(path, kent.catalogue, kent.tree)) == 5
