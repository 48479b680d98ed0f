"""Organisation units: a tree such as county → area → team.

The units file is a CSV with header ``id,name,parent,kind``, and optionally
``owner_name`` and ``owner_role``: who answers for the unit's results, printed
on its exception reports.  Every problem in it (duplicate ids, a parent that
does not exist, a cycle, a missing column, a role without a name) is reported
at once.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from scorepack.errors import Problem, raise_if_any
from scorepack.text import clean, read_text

COLUMNS = ("id", "name", "parent", "kind")
OPTIONAL_COLUMNS = ("owner_name", "owner_role")
_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
ID_MAX = 80
"""The longest unit id: ids become file names and links of the pack."""


def id_problem(uid: str) -> str | None:
    """Why ``uid`` cannot be a unit id, or None if it can.

    The one rule for unit ids, whether from a units file or from records: a safe
    slug of lower-case letters, digits and ``- _ .`` (no ``/``, no spaces), starting
    with a letter or digit, at most :data:`ID_MAX` characters.
    """
    if len(uid) > ID_MAX:
        return f"expected an id of at most {ID_MAX} characters, got one of {len(uid)}"
    if not _ID.match(uid):
        return f"expected an id of lower-case letters, digits and - _ ., got {uid!r}"
    return None


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    parent: str | None
    kind: str
    owner_name: str | None = None
    """Who answers for the unit's results (the units file's ``owner_name``)."""
    owner_role: str | None = None
    """Their role, e.g. ``Area Director`` (``owner_role``)."""


@dataclass(frozen=True)
class OrgTree:
    """Units in file order, with parent/child look-ups."""

    units: tuple[Unit, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {u.id: u for u in self.units})

    def __contains__(self, unit_id: object) -> bool:
        return unit_id in self._by_id  # type: ignore[attr-defined]

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    def get(self, unit_id: str) -> Unit:
        return self._by_id[unit_id]  # type: ignore[attr-defined]

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.parent == unit_id)

    def roots(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.parent is None)

    def depth(self, unit_id: str) -> int:
        depth, unit = 0, self.get(unit_id)
        while unit.parent is not None:
            depth, unit = depth + 1, self.get(unit.parent)
        return depth

    def walk(self) -> Iterator[Unit]:
        """Depth-first from each root, children in file order."""

        def visit(unit: Unit) -> Iterator[Unit]:
            yield unit
            for child in self.children(unit.id):
                yield from visit(child)

        for root in self.roots():
            yield from visit(root)

    def ancestors(self, unit_id: str) -> tuple[Unit, ...]:
        """The unit's parent, its parent's parent and so on up to the root."""
        out: list[Unit] = []
        unit = self.get(unit_id)
        while unit.parent is not None:
            unit = self.get(unit.parent)
            out.append(unit)
        return tuple(out)

    def owner_of(self, unit_id: str) -> Unit | None:
        """The unit whose owner answers for ``unit_id``: itself, else its nearest ancestor
        with an ``owner_name``; None when no unit up the tree has one."""
        if unit_id not in self:
            return None
        line = (self.get(unit_id), *self.ancestors(unit_id))
        return next((u for u in line if u.owner_name), None)

    def descendants(self, unit_id: str) -> tuple[Unit, ...]:
        out: list[Unit] = []
        for child in self.children(unit_id):
            out.append(child)
            out.extend(self.descendants(child.id))
        return tuple(out)


def tree_problems(
    units: Iterable[Unit], file: str, lines: dict[str, int], column: str = "parent"
) -> list[Problem]:
    """Parents that do not exist and cycles, each named with the row it is on."""
    by_id = {u.id: u for u in units}
    problems: list[Problem] = []
    for u in by_id.values():
        if u.parent is not None and u.parent not in by_id:
            problems.append(
                Problem(file, lines.get(u.id), column, f"parent {u.parent!r} is not a unit id")
            )
    reported: set[str] = set()
    for start in by_id:
        seen: list[str] = []
        node: str | None = start
        while node is not None and node in by_id and node not in seen:
            seen.append(node)
            node = by_id[node].parent
        if node is not None and node in seen and node not in reported:
            loop = seen[seen.index(node) :]
            reported.update(loop)
            path = " → ".join([*loop, node])
            problems.append(Problem(file, lines.get(node), column, f"units form a cycle: {path}"))
    return problems


def parse_units(text: str, file: str) -> OrgTree:
    """Parse the units CSV text, reporting every problem at once."""
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or ())
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise_if_any(
            [
                Problem(file, 1, None, f"missing column {c!r} (expected {','.join(COLUMNS)})")
                for c in missing
            ]
        )
    problems: list[Problem] = []
    units: list[Unit] = []
    lines: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        uid = (row.get("id") or "").strip()
        name = clean(row.get("name") or "").strip()
        wrong = id_problem(uid)
        if wrong is not None:
            problems.append(Problem(file, line, "id", wrong))
            continue
        if uid in lines:
            problems.append(
                Problem(file, line, "id", f"duplicate unit id {uid!r} (first on line {lines[uid]})")
            )
            continue
        if not name:
            problems.append(Problem(file, line, "name", "expected a name"))
        owner_name = clean(row.get("owner_name") or "").strip() or None
        owner_role = clean(row.get("owner_role") or "").strip() or None
        if owner_role and not owner_name:
            problems.append(
                Problem(file, line, "owner_name", f"expected the name of the {owner_role}")
            )
        lines[uid] = line
        units.append(
            Unit(
                uid,
                name,
                (row.get("parent") or "").strip() or None,
                (row.get("kind") or "").strip() or "unit",
                owner_name,
                owner_role,
            )
        )
    problems.extend(tree_problems(units, file, lines))
    raise_if_any(problems)
    return OrgTree(tuple(units))


def with_owners(tree: OrgTree, owners: OrgTree) -> OrgTree:
    """``tree`` with the owner each unit of ``owners`` names (matched by id); the rest kept.

    For a tree that comes from somewhere without owners (the records'
    ``ssd_department``): a units file then gives who answers for each unit.
    """
    named = {u.id: u for u in owners if u.owner_name}
    return OrgTree(
        tuple(
            replace(u, owner_name=named[u.id].owner_name, owner_role=named[u.id].owner_role)
            if u.id in named
            else u
            for u in tree
        )
    )


def load_units(path: Path) -> OrgTree:
    """Read and parse a units file; a missing or non-UTF-8 file is one problem."""
    return parse_units(read_text(path), str(path))
