"""Gather a run's inputs from a preset or from files, checking them all together.

Problems from the catalogue, the units file and the figures file are reported
together, so one run shows everything that needs fixing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scorepack import presets
from scorepack.catalogue.load import load_catalogue, locate_findings
from scorepack.catalogue.model import Catalogue
from scorepack.catalogue.rules import unit_references
from scorepack.catalogue.units import OrgTree, load_units
from scorepack.errors import InputError, Problem
from scorepack.measures.figures import load_figures
from scorepack.measures.store import FigureStore


@dataclass(frozen=True)
class Inputs:
    catalogue: Catalogue
    tree: OrgTree
    preset: presets.Preset | None = None


def load_config(
    preset: str | None, catalogue: Path | None, units: Path | None, need_units: bool = True
) -> Inputs:
    """The catalogue and units, from files where given, else from the preset."""
    chosen = presets.get(preset) if preset else None
    cat_path = catalogue or (chosen.catalogue if chosen else None)
    units_path = units or (chosen.units if chosen else None)
    problems: list[Problem] = []
    if cat_path is None:
        problems.append(
            Problem("command line", None, None, "give --preset NAME or --catalogue FILE")
        )
    if need_units and units_path is None:
        problems.append(Problem("command line", None, None, "give --preset NAME or --units FILE"))
    if problems:
        raise InputError(problems)
    cat = tree = None
    try:
        cat = load_catalogue(cat_path)  # type: ignore[arg-type]
    except InputError as exc:
        problems.extend(exc.problems)
    if units_path is not None:
        try:
            tree = load_units(units_path)
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
            [
                Problem(
                    "command line", None, None, "give --figures FILE (this preset ships no figures)"
                )
            ]
        )
    return load_figures(path, inputs.catalogue, inputs.tree)
