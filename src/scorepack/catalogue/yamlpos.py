"""Read YAML while remembering where every value stands in the file.

The one YAML loader of scorepack: the catalogue, commentary files, ``preset.yaml``
and a records folder's ``extract.yaml`` are all read by :func:`parse` (or
:func:`load`), which refuses what plain ``yaml.safe_load`` lets through:

- a key given twice in one mapping (plain YAML keeps the last one silently): each
  repeat is reported at its own line and column;
- control characters, characters YAML does not allow, and syntax errors, as a
  problem with a position;

and removes bidirectional control characters from every string it returns.

Validation errors name a path such as ``indicators.3.bands.2015-16.red``;
:func:`locate` turns that path back into the line and column of the YAML text so
that an analyst can go straight to it, and :func:`model_problems` does so for every
error of a pydantic model.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from scorepack.errors import InputError, Problem
from scorepack.text import clean_data, control_problems, position, read_text


def _duplicates(node: yaml.Node | None, file: str) -> Iterator[Problem]:
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                line = key.start_mark.line + 1
                if key.value in first:
                    yield Problem(
                        file,
                        line,
                        key.start_mark.column + 1,
                        f"duplicate key {key.value!r}: already given on line {first[key.value]}",
                    )
                else:
                    first[key.value] = line
            yield from _duplicates(value, file)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicates(item, file)


def parse(text: str, file: str) -> tuple[Any, yaml.Node | None]:
    """Return (plain data, node tree); raise InputError on bad YAML or a repeated key.

    Control characters are refused (each one at its line and column) and
    bidirectional controls are removed from every string of the data.
    """
    controls = control_problems(text, file)
    if controls:
        raise InputError(controls)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        problems = list(_duplicates(node, file))
        if problems:
            raise InputError(problems)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError([Problem(file, line, column, f"not valid YAML: {exc.problem}")]) from None
    except yaml.reader.ReaderError as exc:
        line, column = position(text, exc.position)
        raise InputError(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"character U+{exc.character:04X} is not allowed in YAML"
                    if isinstance(exc.character, int)
                    else f"not valid YAML: {exc.reason}",
                )
            ]
        ) from None
    return clean_data(data), node


def load(path: Path, file: str | None = None) -> tuple[Any, yaml.Node | None]:
    """Read ``path`` as UTF-8 and :func:`parse` it; every failure is an InputError."""
    name = file or str(path)
    return parse(read_text(path, name), name)


def locate(
    node: yaml.Node | None, path: Sequence[str | int], at_key: bool = False
) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the deepest node reached along ``path``.

    With ``at_key``, a final mapping step points at the key rather than its value
    (for a field that should not be there at all).
    """
    if node is None:
        return None, None
    best = node
    for i, step in enumerate(path):
        nxt: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if str(key.value) == str(step):
                    nxt = key if at_key and i == len(path) - 1 else value
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            nxt = node.value[step]
        if nxt is None:
            break
        node = best = nxt
    return best.start_mark.line + 1, best.start_mark.column + 1


PATTERNS = {
    r"^\d{4}-\d{2}$": "a financial year such as 2012-13",
}
"""What a value matching a field's pattern looks like, in words (default: a slug)."""


def message(err: dict[str, Any]) -> str:
    """One pydantic error in plain words."""
    kind = err.get("type", "")
    loc = err.get("loc", ())
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r}"
    if kind == "missing":
        return f"missing required field {loc[-1]!r}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}, got {err.get('input')!r}"
    if kind == "value_error":
        return str(err.get("msg", "")).removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        what = PATTERNS.get(
            str(err.get("ctx", {}).get("pattern", "")),
            "lower-case letters, digits and - _ . (a slug)",
        )
        return f"expected {what}, got {err.get('input')!r}"
    return str(err.get("msg", "invalid value"))


def clean_loc(loc: Sequence[Any]) -> tuple[Any, ...]:
    """An error's path without pydantic's pseudo-steps ("[key]", union type tags)."""
    return tuple(
        p
        for p in loc
        if not (isinstance(p, str) and p.startswith("["))
        and p not in ("function-after", "float", "int", "str", "literal['H','L','T']", "none")
    )


def dotted(path: Sequence[Any]) -> str:
    return ".".join(str(p) for p in path)


def model_problems(exc: ValidationError, node: yaml.Node | None, file: str) -> list[Problem]:
    """Every error of a model validated from YAML, at its line and column, in file order."""
    problems = set()
    for err in exc.errors():
        loc = clean_loc(tuple(err["loc"]))
        line, col = locate(node, loc, at_key=err["type"] == "extra_forbidden")
        text = message(dict(err))
        problems.add(Problem(file, line, col, f"{dotted(loc)}: {text}" if loc else text))
    return sorted(problems, key=lambda p: (p.line or 0, str(p.column)))
