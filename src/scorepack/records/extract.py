"""How one records extract writes its dates: ``extract.yaml`` and its keyword twins.

A records folder may hold a small ``extract.yaml`` declaring what the files of that
extract need to be read correctly::

    date_format: "%d/%m/%Y"      # dates that are not ISO (YYYY-MM-DD)
    timezone: Europe/London      # the authority's zone (the default)

Without it only ISO dates and date-times are accepted.  ``load_records`` takes the
same two settings as keyword arguments (for a command-line option); a setting given
both ways must agree.  Every problem is reported with its line and column, like any
other input file.
"""

from __future__ import annotations

import re
import zoneinfo
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from scorepack.catalogue.yamlpos import load, message, model_problems
from scorepack.errors import InputError, Problem

EXTRACT_FILE = "extract.yaml"
DEFAULT_TIMEZONE = "Europe/London"

DIRECTIVES = {
    "%d": r"\d{1,2}",
    "%m": r"\d{1,2}",
    "%b": r"[A-Za-z]{3}",
    "%B": r"[A-Za-z]+",
    "%Y": r"\d{4}",
    "%H": r"\d{1,2}",
    "%M": r"\d{2}",
    "%S": r"\d{2}",
    "%%": "%",
}
"""The strptime directives a declared ``date_format`` may use, and what each matches."""

_DIRECTIVE = re.compile(r"%.")


def format_regex(fmt: str) -> str:
    """A regular expression matching exactly the text ``fmt`` writes (directives checked first)."""
    out, at = [], 0
    for m in _DIRECTIVE.finditer(fmt):
        out.append(re.escape(fmt[at : m.start()]))
        out.append(DIRECTIVES[m.group()])
        at = m.end()
    out.append(re.escape(fmt[at:]))
    return "".join(out)


def format_problem(fmt: str) -> str | None:
    """Why ``fmt`` cannot be a date format, or None if it can."""
    used = _DIRECTIVE.findall(fmt)
    if "%y" in used:
        return "a two-digit year (%y) is ambiguous: the extract must give four-digit years (%Y)"
    unknown = sorted({d for d in used if d not in DIRECTIVES})
    if unknown:
        return f"unsupported directive {', '.join(unknown)}; use {' '.join(DIRECTIVES)}"
    if "%" in _DIRECTIVE.sub("", fmt):
        return "a lone % at the end"
    missing = [
        name
        for name, options in (("day (%d)", {"%d"}), ("month (%m, %b or %B)", {"%m", "%b", "%B"}))
        if not options & set(used)
    ]
    if "%Y" not in used:
        missing.append("year (%Y)")
    if missing:
        return f"a date format needs a {', a '.join(missing)}"
    return None


class Extract(BaseModel):
    """The settings of one records extract (the fields of ``extract.yaml``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    date_format: str | None = None
    timezone: str = DEFAULT_TIMEZONE

    @field_validator("date_format")
    @classmethod
    def _known_format(cls, value: str | None) -> str | None:
        if value is not None:
            problem = format_problem(value)
            if problem:
                raise ValueError(f"{problem}, got {value!r}")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value != "UTC" and ("/" not in value or value not in zoneinfo.available_timezones()):
            raise ValueError(
                "expected a time zone name such as Europe/London (an abbreviation such as "
                f"BST or GMT is ambiguous), got {value!r}"
            )
        return value

    @property
    def expected_date(self) -> str:
        """What a date must look like, in words, for messages."""
        iso = "YYYY-MM-DD or an ISO date-time"
        if self.date_format is None:
            return f"a date ({iso}; declare any other format as date_format in {EXTRACT_FILE})"
        return f"a date as {self.date_format} (date_format in {EXTRACT_FILE}) or {iso}"


def read_extract(
    folder: Path, date_format: str | None = None, timezone: str | None = None
) -> tuple[Extract, list[Problem]]:
    """The settings of the extract in ``folder``, from its ``extract.yaml`` and the arguments."""
    problems: list[Problem] = []
    declared: dict[str, object] = {}
    path = Path(folder) / EXTRACT_FILE
    if path.is_file():
        try:
            data, node = load(path, EXTRACT_FILE)
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise InputError(
                    [Problem(EXTRACT_FILE, 1, 1, "expected date_format: and timezone:")]
                )
            Extract.model_validate(data)
            declared = data
        except ValidationError as exc:
            problems += model_problems(exc, node, EXTRACT_FILE)
        except InputError as exc:
            problems += exc.problems
    given = {k: v for k, v in (("date_format", date_format), ("timezone", timezone)) if v}
    try:
        Extract.model_validate(given)
    except ValidationError as exc:
        problems += [
            Problem("load_records", None, str(e["loc"][0]), message(dict(e))) for e in exc.errors()
        ]
    for name, value in given.items():
        if name in declared and declared[name] != value:
            problems.append(
                Problem(
                    "load_records",
                    None,
                    name,
                    f"{name} {value!r} disagrees with {declared[name]!r} in {EXTRACT_FILE}; "
                    "give one",
                )
            )
    if problems:
        return Extract(), problems
    return Extract.model_validate({**declared, **given}), []
