"""Reading a rendered PDF back in tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def bookmarks(outline: list[Any], depth: int = 1) -> Iterator[tuple[int, str]]:
    """(depth, title) of every bookmark in a pypdf outline, in order."""
    for item in outline:
        if isinstance(item, list):
            yield from bookmarks(item, depth + 1)
        else:
            yield depth, item.title
