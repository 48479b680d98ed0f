"""Read a scorecard JSON file back, whichever version of scorepack wrote it.

Each version's changes are one upgrade step in :data:`UPGRADES`; a document is
brought up to the current :data:`~scorepack.render.json.SCHEMA_VERSION` step by
step and then checked with pydantic, so every problem is reported with the
file and the place in the document (``rows.3.value``).

- version 1: what scorepack wrote before ``schema_version`` existed;
- version 2: adds ``schema_version``, ``previous_source`` / ``outturn_source``
  on each row (``published`` or ``computed``) and ``revision``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from scorepack.errors import InputError, Problem
from scorepack.render.json import SCHEMA_VERSION


class _Doc(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)


class CohortDoc(_Doc):
    value: float | None = None
    display: str = "-"
    rag: Literal["G", "A", "R"] | None = None
    numerator: float | None = None
    denominator: float | None = None


class RowDoc(_Doc):
    id: str
    value: float | None
    display: str
    rag: Literal["G", "A", "R"] | None
    numerator: float | None = None
    denominator: float | None = None
    target: float | None = None
    target_display: str = "-"
    previous: float | None = None
    previous_display: str | None = None
    dot_previous: Literal["improved", "same", "worse"] | None = None
    outturn: float | None = None
    outturn_display: str | None = None
    dot_outturn: Literal["improved", "same", "worse"] | None = None
    previous_source: Literal["published", "computed"] | None = None
    outturn_source: Literal["published", "computed"] | None = None
    cohorts: dict[str, CohortDoc] = {}


class RevisionDoc(_Doc):
    version: int
    date: str
    reason: str


class ScorecardDoc(_Doc):
    schema_version: int
    period: str
    unit: str
    unit_name: str = ""
    financial_year: str = ""
    rows: list[RowDoc]
    summary: dict[str, int] = {}
    summary_text: str = ""
    exceptions: list[str] = []
    revision: RevisionDoc | None = None


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    rows = [{**r, "previous_source": None, "outturn_source": None} for r in doc.get("rows", [])]
    return {**doc, "schema_version": 2, "rows": rows, "revision": None}


UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
"""From each old version to the next one."""


def upgrade(doc: dict[str, Any]) -> dict[str, Any]:
    """The document in the current schema (version 1 is a document with no version)."""
    version = doc.get("schema_version", 1)
    while version < SCHEMA_VERSION:
        doc = UPGRADES[version](doc)
        version = doc["schema_version"]
    return doc


def parse_scorecard(text: str, source: str) -> ScorecardDoc:
    """A scorecard from its JSON text; InputError listing every problem otherwise."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(source, exc.lineno, exc.colno, f"not JSON: {exc.msg}")]) from None
    if not isinstance(doc, dict):
        raise InputError([Problem(source, None, None, "expected a scorecard (a JSON object)")])
    version = doc.get("schema_version", 1)
    if not isinstance(version, int) or not 1 <= version <= SCHEMA_VERSION:
        raise InputError(
            [
                Problem(
                    source,
                    None,
                    "schema_version",
                    f"unknown schema_version {version!r}: this scorepack reads 1 to "
                    f"{SCHEMA_VERSION}",
                )
            ]
        )
    try:
        return ScorecardDoc.model_validate(upgrade(doc))
    except ValidationError as exc:
        raise InputError(
            Problem(source, None, ".".join(str(p) for p in err["loc"]), err["msg"])
            for err in exc.errors()
        ) from None


def load_scorecard(path: Path) -> ScorecardDoc:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError([Problem(str(path), None, None, f"cannot read: {exc.strerror}")]) from None
    return parse_scorecard(text, str(path))
