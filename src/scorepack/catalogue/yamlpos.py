"""Read YAML while remembering where every value stands in the file.

Validation errors name a path such as ``indicators.3.bands.2015-16.red``; this
module turns that path back into the line and column of the YAML text so that
an analyst can go straight to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from scorepack.errors import InputError, Problem


def parse(text: str, file: str) -> tuple[Any, yaml.Node | None]:
    """Return (plain data, node tree); raise InputError on a YAML syntax error."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError([Problem(file, line, column, f"not valid YAML: {exc.problem}")]) from None
    return data, node


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
