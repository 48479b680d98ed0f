"""A catalogue's definitions as documents: the definition register, the catalogue's
JSON schema, and the measure definitions as scripts in a warehouse's SQL.

Each returns text; the front end decides where it goes.
"""

from __future__ import annotations

from pathlib import Path

from scorepack.catalogue.load import json_schema
from scorepack.catalogue.register import register_markdown
from scorepack.errors import InputError, Problem
from scorepack.service.inputs import load_config
from scorepack.service.records import measures_folder


def register(preset: str | None, catalogue: Path | None) -> str:
    """The definition register of the catalogue, as Markdown."""
    cat = load_config(preset, catalogue, None, need_units=False).catalogue
    return register_markdown(cat, preset)


def catalogue_schema() -> str:
    """The JSON schema of a catalogue file."""
    return json_schema()


def warehouse_scripts(preset: str | None, catalogue: Path | None, dialect: str) -> dict[str, str]:
    """``{file name: script}``: every measure definition the catalogue names, in ``dialect``."""
    from scorepack.measures.engines import DIALECTS
    from scorepack.measures.scripts import scripts

    if dialect not in DIALECTS:
        raise InputError(
            [Problem("--dialect", None, None, f"expected one of {', '.join(DIALECTS)}")]
        )
    config = load_config(preset, catalogue, None, need_units=False)
    return scripts(config.catalogue, measures_folder(config, catalogue), dialect)
