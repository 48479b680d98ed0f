"""Load a catalogue YAML file, reporting every problem with its line and column."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.rules import RULES
from scorepack.catalogue.yamlpos import dotted, locate, model_problems, parse
from scorepack.errors import InputError, Problem, raise_if_any
from scorepack.text import read_text


def parse_catalogue(text: str, file: str) -> Catalogue:
    data, node = parse(text, file)
    if not isinstance(data, dict):
        raise InputError([Problem(file, 1, 1, "expected a mapping with sections and indicators")])
    try:
        cat = Catalogue.model_validate(data)
    except ValidationError as exc:
        raise InputError(model_problems(exc, node, file)) from None
    findings = [(path, msg) for rule in RULES for path, msg in rule(cat)]
    problems = []
    for path, msg in findings:
        line, col = locate(node, path)
        problems.append(Problem(file, line, col, f"{dotted(path)}: {msg}"))
    raise_if_any(sorted(problems, key=lambda p: (p.line or 0, str(p.column))))
    return cat


def load_catalogue(path: Path) -> Catalogue:
    """Read and parse a catalogue; a missing or non-UTF-8 file is one problem."""
    return parse_catalogue(read_text(path), str(path))


def json_schema() -> str:
    """The catalogue's JSON Schema, for editors that validate YAML as you type."""
    schema = Catalogue.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "scorepack indicator catalogue"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
