"""Presets: a catalogue, units and figures shipped inside the package.

Each preset is a folder holding ``catalogue.yaml``, ``units.csv``,
``preset.yaml`` (defaults such as the period and unit, and notes that hold
only for the preset's own figures) and optionally ``figures.csv`` and a
``measures/`` folder of SQL definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scorepack.catalogue import yamlpos
from scorepack.catalogue.model import Catalogue
from scorepack.errors import InputError, Problem


class FiguresNote(BaseModel):
    """A data note that holds only for the preset's own figures (``figures_notes``).

    Such a note speaks of where those figures came from (a published report),
    so it is printed only in packs built from them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    bands: str
    """Printed beside the RAG bands, as a catalogue's ``notes.bands`` is."""
    indicators: tuple[str, ...] = Field(min_length=1)


class TitleCorrection(BaseModel):
    """A title the catalogue corrects from the preset's source report (``corrected_titles``).

    ``printed`` is the title as the report printed it, ``reason`` why the catalogue's
    differs: a comparison with the report's own text maps one to the other.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    indicator: str
    printed: str
    reason: str


@dataclass(frozen=True)
class Preset:
    name: str
    folder: Path
    description: str
    period: str | None
    unit: str | None
    figures_notes: tuple[FiguresNote, ...] = ()
    corrected_titles: tuple[TitleCorrection, ...] = ()

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
    return Preset(
        name,
        folder,
        meta.description,
        meta.period,
        meta.unit,
        meta.figures_notes,
        meta.corrected_titles,
    )


def with_figures_notes(catalogue: Catalogue, preset: Preset) -> Catalogue:
    """The catalogue with the preset's ``figures_notes`` added, for a pack of its own figures.

    An indicator id the catalogue does not hold is reported against ``preset.yaml``.
    """
    if not preset.figures_notes:
        return catalogue
    bands: dict[str, str] = {}
    known = {i.id for i in catalogue.indicators}
    unknown = [i for note in preset.figures_notes for i in note.indicators if i not in known]
    if unknown:
        where = str(preset.folder / "preset.yaml")
        raise InputError(
            [
                Problem(where, None, "figures_notes", f"{i!r} is not an indicator id")
                for i in unknown
            ]
        )
    for note in preset.figures_notes:
        bands.update(dict.fromkeys(note.indicators, note.bands))
    indicators = tuple(
        i.model_copy(update={"notes": i.notes.model_copy(update={"bands": bands[i.id]})})
        if i.id in bands
        else i
        for i in catalogue.indicators
    )
    return catalogue.model_copy(update={"indicators": indicators})


class PresetMeta(BaseModel):
    """The fields of ``preset.yaml``: what the preset is and its default month and unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    description: str = ""
    period: str | None = None
    unit: str | None = None
    figures_notes: tuple[FiguresNote, ...] = ()
    corrected_titles: tuple[TitleCorrection, ...] = ()


def _meta(path: Path) -> PresetMeta:
    """``preset.yaml`` read with the one YAML loader (duplicate keys refused), or defaults."""
    if not path.exists():
        return PresetMeta()
    data, node = yamlpos.load(path)
    try:
        return PresetMeta.model_validate(data or {})
    except ValidationError as exc:
        raise InputError(yamlpos.model_problems(exc, node, str(path))) from None
