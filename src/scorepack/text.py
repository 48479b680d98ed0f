"""Text as it comes from input files: read strictly, cleaned of invisible controls.

Two small pure pieces every loader uses:

- :func:`read_text` reads a file as UTF-8 and turns a missing file or bytes that are
  not UTF-8 into one :class:`~scorepack.errors.Problem` (with the line and column of
  the first bad byte), never a traceback;
- :func:`clean` removes the bidirectional control characters (right-to-left override
  and the like) that can make a title or a note read differently from what it says,
  so nothing that reaches an output carries them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scorepack.errors import InputError, Problem

BIDI_CONTROLS = frozenset(
    [chr(c) for c in range(0x202A, 0x202F)]  # LRE RLE PDF LRO RLO
    + [chr(c) for c in range(0x2066, 0x206A)]  # LRI RLI FSI PDI
    + ["\u200e", "\u200f", "\u061c"]  # LRM RLM ALM
)
"""The Unicode bidirectional formatting characters removed by :func:`clean`."""

_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """``text`` without bidirectional control characters (U+202A-202E, U+2066-2069,
    U+200E, U+200F, U+061C)."""
    return _BIDI.sub("", text)


def clean_data(data: Any) -> Any:
    """``data`` read from YAML with :func:`clean` applied to every string in it."""
    if isinstance(data, str):
        return clean(data)
    if isinstance(data, dict):
        return {clean_data(k): clean_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [clean_data(v) for v in data]
    return data


def position(text: str, index: int) -> tuple[int, int]:
    """Line and column (both from 1) of character ``index`` of ``text``."""
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def control_problems(text: str, file: str) -> list[Problem]:
    """One problem for each control character (other than tab and line breaks) in ``text``."""
    return [
        Problem(
            file,
            *position(text, m.start()),
            f"control character U+{ord(m.group()):04X} is not allowed in a text file",
        )
        for m in _CONTROL.finditer(text)
    ]


def read_text(path: Path, file: str | None = None) -> str:
    """The UTF-8 text of ``path`` (a leading byte-order mark dropped).

    Raises :class:`InputError` with one problem if the file cannot be read or is
    not UTF-8, naming the line and column of the first byte that is not.
    """
    name = file or str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(name, None, None, "file not found")]) from None
    except OSError as exc:
        raise InputError([Problem(name, None, None, f"cannot read file: {exc.strerror}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8-sig", errors="replace")
        line, column = position(good, len(good))
        raise InputError(
            [
                Problem(
                    name,
                    line,
                    column,
                    f"not UTF-8 text (byte 0x{data[exc.start]:02X}); save the file as UTF-8",
                )
            ]
        ) from None
