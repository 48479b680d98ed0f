"""Gather a run's inputs from a preset or from files, checking them all together.

Problems from the catalogue, the units file and the figures file are reported
together, so one run shows everything that needs fixing.  Problems with the
request itself (no catalogue named, a malformed month) name the request field,
for each front end to word in its own terms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from scorepack import presets
from scorepack.catalogue.load import load_catalogue, locate_findings
from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.rules import unit_references
from scorepack.catalogue.units import OrgTree, load_units, with_owners
from scorepack.errors import InputError, Problem, request_problem
from scorepack.measures.figures import load_figures
from scorepack.measures.store import FigureStore
from scorepack.periods import Month

T = TypeVar("T")


def read_text_file(load: Callable[[Path], T], path: Path) -> T:
    """``load(path)``, with a file that is not UTF-8 text reported as a problem."""
    try:
        return load(path)
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(str(path), None, None, f"not UTF-8 text (byte {exc.start} cannot be read)")]
        ) from None


@dataclass(frozen=True)
class Inputs:
    catalogue: Catalogue
    tree: OrgTree
    preset: presets.Preset | None = None


def preset_descriptions() -> list[tuple[str, str]]:
    """Every preset shipped, with what it is."""
    return [(name, presets.get(name).description) for name in presets.names()]


def load_preset(name: str | None) -> presets.Preset | None:
    if name is None:
        return None
    if name not in presets.names():
        known = ", ".join(presets.names())
        raise InputError([request_problem("preset", f"unknown preset {name!r}; presets: {known}")])
    return presets.get(name)


def load_config(
    preset: str | None, catalogue: Path | None, units: Path | None, need_units: bool = True
) -> Inputs:
    """The catalogue and units, from files where given, else from the preset."""
    chosen = load_preset(preset)
    cat_path = catalogue or (chosen.catalogue if chosen else None)
    units_path = units or (chosen.units if chosen else None)
    problems: list[Problem] = []
    if cat_path is None:
        problems.append(request_problem("catalogue", "name a preset or a catalogue file"))
    if need_units and units_path is None:
        problems.append(request_problem("units", "name a preset or a units file"))
    if problems:
        raise InputError(problems)
    cat = tree = None
    try:
        cat = read_text_file(load_catalogue, cat_path)  # type: ignore[arg-type]
    except InputError as exc:
        problems.extend(exc.problems)
    if units_path is not None:
        try:
            tree = read_text_file(load_units, units_path)
        except InputError as exc:
            problems.extend(exc.problems)
    if cat is not None and tree is not None and cat_path is not None:
        ids = frozenset(u.id for u in tree)
        problems.extend(locate_findings(cat_path, list(unit_references(cat, ids))))
    if problems:
        raise InputError(problems)
    assert cat is not None
    return Inputs(cat, tree or OrgTree(()), chosen)


def load_store(inputs: Inputs, figures: Path | None) -> FigureStore:
    path = figures or (inputs.preset.figures if inputs.preset else None)
    if path is None:
        raise InputError(
            [request_problem("figures", "name a figures file (this preset ships none)")]
        )
    return load_figures(path, inputs.catalogue, inputs.tree)


def parse_period(text: str | None, default: str | None) -> Month:
    """The month asked for, else the preset's."""
    value = text or default
    if value is None:
        return _period_problem("name the month as YYYY-MM")
    try:
        return Month.parse(value)
    except ValueError as exc:
        return _period_problem(str(exc))


def _period_problem(message: str) -> Month:
    raise InputError([request_problem("period", message)])


def owners_over(inputs: Inputs, units: Path) -> Inputs:
    """``inputs`` with the owners ``units`` (a units file) gives its units, matched by id.

    For figures computed from records, whose units come from ``ssd_department``
    with no owners: the file names who answers for each unit (an exception
    report prints its unit's owner, else the nearest owner above it, else the
    catalogue's).  A unit in the file but not in the records is a problem, all
    reported at once; the file is otherwise checked as any units file.
    """
    owners = read_text_file(load_units, units)
    problems = [
        Problem(
            str(units),
            line,
            "id",
            f"unit {unit.id!r} is not in the records' units (ssd_department); "
            "expected one of their dept_team_id values",
        )
        for line, unit in enumerate(owners, start=2)
        if unit.id not in inputs.tree
    ]
    if problems:
        raise InputError(problems)
    return Inputs(inputs.catalogue, with_owners(inputs.tree, owners), inputs.preset)
