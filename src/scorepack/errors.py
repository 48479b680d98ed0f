"""Problems found in input, reported all at once.

Every loader collects :class:`Problem` values instead of raising on the first
one, then raises a single :class:`InputError` carrying the whole list.  The CLI
turns that into one readable message per problem and a non-zero exit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one input file."""

    file: str
    line: int | None
    column: int | str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None and self.column != "":
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class InputError(Exception):
    """Raised with every problem found in one or more input files."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def raise_if_any(problems: list[Problem]) -> None:
    """Raise :class:`InputError` if ``problems`` is not empty."""
    if problems:
        raise InputError(problems)
