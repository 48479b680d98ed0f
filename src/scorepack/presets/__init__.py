"""Presets: a catalogue, units and figures shipped inside the package.

Each preset is a folder holding ``catalogue.yaml``, ``units.csv``,
``preset.yaml`` (defaults such as the period and unit) and optionally
``figures.csv`` and a ``measures/`` folder of SQL definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from scorepack.catalogue import yamlpos
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
    meta = _meta(folder / "preset.yaml")
    return Preset(name, folder, meta.description, meta.period, meta.unit)


class PresetMeta(BaseModel):
    """The fields of ``preset.yaml``: what the preset is and its default month and unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str = ""
    period: str | None = None
    unit: str | None = None


def _meta(path: Path) -> PresetMeta:
    """``preset.yaml`` read with the one YAML loader (duplicate keys refused), or defaults."""
    if not path.exists():
        return PresetMeta()
    data, node = yamlpos.load(path)
    try:
        return PresetMeta.model_validate(data or {})
    except ValidationError as exc:
        raise InputError(yamlpos.model_problems(exc, node, str(path))) from None
