"""Load a catalogue YAML file, reporting every problem with its line and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from scorepack.catalogue.model import (
    ActivityMeasure,
    Catalogue,
    Cohort,
    Indicator,
    Population,
    Section,
)
from scorepack.catalogue.rules import ID_RULES, RULES, SHARED_BLOCKS, cohort_blocks
from scorepack.catalogue.rules import Path as Path_
from scorepack.catalogue.yamlpos import dotted, locate, model_problems, parse
from scorepack.errors import InputError, Problem, raise_if_any
from scorepack.text import read_text

GROUPS: dict[str, type[BaseModel]] = {
    "sections": Section,
    "indicators": Indicator,
    "cohorts": Cohort,
    "populations": Population,
    "activity": ActivityMeasure,
}
"""The lists of the catalogue, each of items of one model."""

_REFERENCES = ("id", "section", "population")
_REFERENCE_LISTS = ("cohorts", "already_excludes")


def _placeholder(model: type[BaseModel], raw: object) -> BaseModel:
    """An item that failed validation, keeping only the ids it names (for the id rules)."""
    item = raw if isinstance(raw, dict) else {}
    fields: dict[str, Any] = {
        k: item.get(k) if isinstance(item.get(k), str) else None
        for k in _REFERENCES
        if k in model.model_fields
    }
    for k in _REFERENCE_LISTS:
        if k in model.model_fields:
            values = item.get(k)
            ok = isinstance(values, list) and all(isinstance(v, str) for v in values)
            fields[k] = tuple(values) if ok else ()  # type: ignore[arg-type]
    return model.model_construct(**fields)


Kept = dict[str, list[int]]
"""For each group, the original index of each item kept."""


def _partial(data: dict[str, Any], exc: ValidationError) -> tuple[Catalogue, Catalogue, Kept]:
    """The catalogue as far as it is valid, twice: with each item that failed as a
    placeholder keeping its ids (for the id rules), and without those items."""
    failed = {
        (str(e["loc"][0]), int(e["loc"][1]))
        for e in exc.errors()
        if len(e["loc"]) > 1 and e["loc"][0] in GROUPS and isinstance(e["loc"][1], int)
    }
    with_ids: dict[str, Any] = {}
    valid: dict[str, Any] = {}
    kept: Kept = {}
    for group, model in GROUPS.items():
        raw = data.get(group)
        items = list(enumerate(raw)) if isinstance(raw, list) else []
        with_ids[group] = tuple(
            _placeholder(model, item) if (group, i) in failed else model.model_validate(item)
            for i, item in items
        )
        kept[group] = [i for i, _ in items if (group, i) not in failed]
        valid[group] = tuple(with_ids[group][i] for i in kept[group])
    return Catalogue.model_construct(**with_ids), Catalogue.model_construct(**valid), kept


def _back(path: Path_, kept: Kept | None) -> Path_:
    """A finding's path in the catalogue without failed items, as a path in the file."""
    if kept is None or len(path) < 2 or not isinstance(path[1], int) or path[0] not in kept:
        return path
    return (path[0], kept[str(path[0])][path[1]], *path[2:])


def known_blocks(file: str) -> frozenset[str]:
    """The building blocks a cohort may exclude by: the ``.sql`` files of the
    ``measures/`` folder beside the catalogue, and scorepack's shared ones."""
    folder = Path(file).parent / "measures"
    local = {p.stem for p in folder.glob("*.sql")} if folder.is_dir() else set()
    return SHARED_BLOCKS | local


def parse_catalogue(text: str, file: str) -> Catalogue:
    """Parse and check a catalogue, reporting every problem of both kinds at once.

    Type errors (a field of the wrong type or shape) and cross-field problems
    (:data:`~scorepack.catalogue.rules.RULES`) come in one list: when some items
    fail validation, the rules still run over the rest, and the id rules
    (:data:`~scorepack.catalogue.rules.ID_RULES`) over the ids the failed items name.
    """
    data, node = parse(text, file)
    if not isinstance(data, dict):
        raise InputError([Problem(file, 1, 1, "expected a mapping with sections and indicators")])
    problems: list[Problem] = []
    kept: Kept | None = None
    try:
        cat = with_ids = Catalogue.model_validate(data)
    except ValidationError as exc:
        problems = model_problems(exc, node, file)
        with_ids, cat, kept = _partial(data, exc)
    blocks = known_blocks(file)
    rules = (*RULES, lambda c: cohort_blocks(c, blocks))
    for rule in rules:
        findings = (
            rule(with_ids)
            if rule in ID_RULES
            else ((_back(path, kept), msg) for path, msg in rule(cat))
        )
        for path, msg in findings:
            line, col = locate(node, path)
            problems.append(Problem(file, line, col, f"{dotted(path)}: {msg}"))
    raise_if_any(sorted(set(problems), key=lambda p: (p.line or 0, str(p.column))))
    return cat


def locate_findings(path: Path, findings: list[tuple[tuple[Any, ...], str]]) -> list[Problem]:
    """Problems at the catalogue lines the findings' paths point to."""
    if not findings:
        return []
    _, node = parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for at, msg in findings:
        line, col = locate(node, at)
        out.append(Problem(str(path), line, col, f"{dotted(at)}: {msg}"))
    return out


def load_catalogue(path: Path) -> Catalogue:
    """Read and parse a catalogue; a missing or non-UTF-8 file is one problem."""
    return parse_catalogue(read_text(path), str(path))


def json_schema() -> str:
    """The catalogue's JSON Schema, for editors that validate YAML as you type."""
    schema = Catalogue.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "scorepack indicator catalogue"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
