"""Load a catalogue YAML file, reporting every problem with its line and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.rules import RULES
from scorepack.catalogue.yamlpos import locate, parse
from scorepack.errors import InputError, Problem, raise_if_any


def _dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path)


def _message(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    loc = err.get("loc", ())
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r}"
    if kind == "missing":
        return f"missing required field {loc[-1]!r}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}, got {err.get('input')!r}"
    if kind == "string_pattern_mismatch":
        return f"expected lower-case letters, digits and - _ . (a slug), got {err.get('input')!r}"
    return str(err.get("msg", "invalid value"))


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic adds pseudo-steps such as "[key]" for dict keys and type tags for unions.
    return tuple(
        p
        for p in loc
        if not (isinstance(p, str) and p.startswith("["))
        and p not in ("function-after", "float", "int", "str", "literal['H','L','T']", "none")
    )


def parse_catalogue(text: str, file: str) -> Catalogue:
    data, node = parse(text, file)
    if not isinstance(data, dict):
        raise InputError([Problem(file, 1, 1, "expected a mapping with sections and indicators")])
    try:
        cat = Catalogue.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = _clean_loc(tuple(err["loc"]))
            line, col = locate(node, loc, at_key=err["type"] == "extra_forbidden")
            problems.append(Problem(file, line, col, f"{_dotted(loc)}: {_message(dict(err))}"))
        raise InputError(
            sorted(set(problems), key=lambda p: (p.line or 0, str(p.column)))
        ) from None
    findings = [(path, msg) for rule in RULES for path, msg in rule(cat)]
    problems = []
    for path, msg in findings:
        line, col = locate(node, path)
        problems.append(Problem(file, line, col, f"{_dotted(path)}: {msg}"))
    raise_if_any(sorted(problems, key=lambda p: (p.line or 0, str(p.column))))
    return cat


def locate_findings(path: Path, findings: list[tuple[tuple[Any, ...], str]]) -> list[Problem]:
    """Problems at the catalogue lines the findings' paths point to."""
    if not findings:
        return []
    _, node = parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for at, msg in findings:
        line, col = locate(node, at)
        out.append(Problem(str(path), line, col, f"{_dotted(at)}: {msg}"))
    return out


def load_catalogue(path: Path) -> Catalogue:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            [Problem(str(path), None, None, f"cannot read file: {exc.strerror}")]
        ) from None
    return parse_catalogue(text, str(path))


def json_schema() -> str:
    """The catalogue's JSON Schema, for editors that validate YAML as you type."""
    schema = Catalogue.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "scorepack indicator catalogue"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
