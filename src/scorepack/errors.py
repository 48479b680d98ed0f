"""Problems found in input, reported all at once.

Every loader collects :class:`Problem` values instead of raising on the first
one, then raises a single :class:`InputError` carrying the whole list.  The CLI
turns that into one readable message per problem and a non-zero exit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

REQUEST = "request"
"""The ``file`` of a problem with the request itself (a missing or malformed option).

Such a problem names the request field in ``column`` (``period``, ``formats``…),
so that each front end can word it its own way (the CLI as ``--period``).
"""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one input file."""

    file: str
    line: int | None
    column: int | str | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None and self.column != "":
            where += f", column {self.column}"
        return f"{where}: {self.message}"


def request_problem(field: str, message: str, severity: Severity = "error") -> Problem:
    """A problem with one field of a request (not with a file)."""
    return Problem(REQUEST, None, field, message, severity)


class InputError(Exception):
    """Raised with every problem found in one or more input files."""

    exit_status = 2

    def __init__(self, problems: Iterable[Problem]):
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def raise_if_any(problems: list[Problem]) -> None:
    """Raise :class:`InputError` if ``problems`` is not empty."""
    if problems:
        raise InputError(problems)


class RunError(InputError):
    """The run could not go ahead for a reason outside the inputs.

    Another run holds a lock, the disk is full, a folder cannot be written:
    reported like bad input (one problem per line, nothing written) but with
    exit status 1, since the inputs may well be right.
    """

    exit_status = 1
