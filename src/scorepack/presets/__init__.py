"""Presets: a catalogue, units and figures shipped inside the package.

Each preset is a folder holding ``catalogue.yaml``, ``units.csv``,
``preset.yaml`` (defaults such as the period and unit) and optionally
``figures.csv`` and a ``measures/`` folder of SQL definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from scorepack.errors import InputError, Problem


@dataclass(frozen=True)
class Preset:
    name: str
    folder: Path
    description: str
    period: str | None
    unit: str | None

    @property
    def catalogue(self) -> Path:
        return self.folder / "catalogue.yaml"

    @property
    def units(self) -> Path:
        return self.folder / "units.csv"

    @property
    def figures(self) -> Path | None:
        path = self.folder / "figures.csv"
        return path if path.exists() else None

    @property
    def measures(self) -> Path:
        return self.folder / "measures"


def _root() -> Path:
    return Path(str(resources.files("scorepack.presets")))


def names() -> list[str]:
    return sorted(p.name for p in _root().iterdir() if (p / "catalogue.yaml").exists())


def get(name: str) -> Preset:
    folder = _root() / name
    if not (folder / "catalogue.yaml").exists():
        raise InputError(
            [
                Problem(
                    "--preset",
                    None,
                    None,
                    f"unknown preset {name!r}; available: {', '.join(names())}",
                )
            ]
        )
    meta_path = folder / "preset.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    return Preset(name, folder, meta.get("description", ""), meta.get("period"), meta.get("unit"))
