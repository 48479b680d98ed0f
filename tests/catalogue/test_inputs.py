"""Files that cannot be read, repeated YAML keys and invisible controls: one problem each.

The catalogue, units, commentary and preset.yaml loaders share one YAML reader and
one way of reading text, so each case here names the loader, the bytes of the file
and the exact problem expected.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scorepack.catalogue.load import load_catalogue
from scorepack.catalogue.units import load_units
from scorepack.errors import InputError
from scorepack.pack.commentary import load_commentary
from scorepack.presets import _meta
from scorepack.text import BIDI_CONTROLS, clean
from tests.catalogue.test_load import GOOD

UNITS = "id,name,parent,kind\nkent,Kent,,county\n"
COMMENTARY = "commentary:\n  - indicator: a\n    unit: kent\n    month: 2016-03\n    text: Fine.\n"

LOADERS: dict[str, tuple[str, Callable[[Path], Any]]] = {
    "catalogue": ("cat.yaml", load_catalogue),
    "units": ("units.csv", load_units),
    "commentary": ("c.yaml", load_commentary),
    "commentary-md": ("c.md", load_commentary),
    "preset": ("preset.yaml", _meta),
}

CASES = [
    # (loader, file bytes or None for no file, problem)
    ("catalogue", None, "cat.yaml: file not found"),
    ("units", None, "units.csv: file not found"),
    ("commentary", None, "c.yaml: file not found"),
    (
        "catalogue",
        GOOD.replace("title: A", "title: Caf\xe9").encode("latin-1"),
        "cat.yaml, line 10, column 15: not UTF-8 text (byte 0xE9); save the file as UTF-8",
    ),
    (
        "units",
        "id,name,parent,kind\nkent,K\xf6ln,,county\n".encode("latin-1"),
        "units.csv, line 2, column 7: not UTF-8 text (byte 0xF6); save the file as UTF-8",
    ),
    (
        "commentary",
        COMMENTARY.replace("Fine.", "Tr\xe8s bien").encode("latin-1"),
        "c.yaml, line 5, column 13: not UTF-8 text (byte 0xE8); save the file as UTF-8",
    ),
    (
        "commentary-md",
        b"# a | kent | 2016-03\n\x93quoted\x94\n",
        "c.md, line 2, column 1: not UTF-8 text (byte 0x93); save the file as UTF-8",
    ),
    (
        "catalogue",
        GOOD.replace("title: A", "title: A\x07").encode(),
        "cat.yaml, line 10, column 13: control character U+0007 is not allowed in a text file",
    ),
    (
        "commentary-md",
        b"# a | kent | 2016-03\nbell\x1b[31m\n",
        "c.md, line 2, column 5: control character U+001B is not allowed in a text file",
    ),
    (
        "catalogue",
        (GOOD + "name: Again\n").encode(),
        "cat.yaml, line 17, column 1: duplicate key 'name': already given on line 1",
    ),
    (
        "catalogue",
        GOOD.replace("    kind: percentage\n", "    kind: percentage\n    kind: count\n").encode(),
        "cat.yaml, line 15, column 5: duplicate key 'kind': already given on line 14",
    ),
    (
        "commentary",
        (COMMENTARY + "    text: Second.\n").encode(),
        "c.yaml, line 6, column 5: duplicate key 'text': already given on line 5",
    ),
    (
        "preset",
        b"description: x\nperiod: 2016-03\nperiod: 2016-04\n",
        "preset.yaml, line 3, column 1: duplicate key 'period': already given on line 2",
    ),
    ("preset", b"perod: 2016-03\n", "preset.yaml, line 1, column 1: perod: unknown field 'perod'"),
]


@pytest.mark.parametrize(("loader", "content", "expected"), CASES)
def test_each_unreadable_or_doubtful_file_is_one_problem(
    tmp_path: Path, loader: str, content: bytes | None, expected: str
) -> None:
    name, load = LOADERS[loader]
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load(path)
    assert [str(p).replace(str(tmp_path) + "/", "") for p in info.value.problems] == [expected]


@pytest.mark.parametrize("char", sorted(BIDI_CONTROLS))
def test_clean_removes_every_bidi_control(char: str) -> None:
    assert clean(f"Team{char} North") == "Team North"


def test_bidi_controls_never_reach_titles_names_notes_or_commentary(tmp_path: Path) -> None:
    rlo, lri = "\u202e", "\u2066"
    (tmp_path / "cat.yaml").write_text(
        GOOD.replace("title: A", f"title: {rlo}A{lri}")
        + f"    notes: {{definition: 'Visits{rlo} in time'}}\n",
        encoding="utf-8",
    )
    (tmp_path / "units.csv").write_text(UNITS.replace("Kent", f"Kent{rlo}"), encoding="utf-8")
    (tmp_path / "c.md").write_text(f"# a | kent | 2016-03\n{rlo}Improved.\n", encoding="utf-8")
    cat = load_catalogue(tmp_path / "cat.yaml")
    assert cat.indicator("a").title == "A"
    assert cat.indicator("a").notes.definition == "Visits in time"
    assert load_units(tmp_path / "units.csv").get("kent").name == "Kent"
    book = load_commentary(tmp_path / "c.md")
    from scorepack.periods import Month

    assert book.get("a", "kent", Month(2016, 3)) == "Improved."
