"""The store's commands as requests: publish a month, read its history, list
restatements, import months reported before scorepack.

Each takes the store's URL (``None``: ``$SCOREPACK_STORE``, else the data
folder; see docs/store.md), checks the whole request before writing anything,
and returns what it did with the store described (without its password).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from scorepack.errors import InputError, Problem
from scorepack.periods import Month
from scorepack.publish.repository import HistoryEntry, PublishedVersion, Store
from scorepack.service.build import BuildRequest
from scorepack.service.history import Restatement, parse_months
from scorepack.service.publish import Published

T = TypeVar("T")

__all__ = [
    "BuildRequest",
    "HistoryEntry",
    "ImportRequest",
    "PublishRequest",
    "Published",
    "Restatement",
    "StoreAnswer",
    "history",
    "import_months",
    "publish",
    "restatements",
]


@dataclass(frozen=True)
class PublishRequest:
    """What ``scorepack publish`` takes: a build's inputs and outputs (its ``store``
    is where the month is published), who publishes, and whether it is a revision."""

    build: BuildRequest
    by: str
    revise: bool = False
    reason: str | None = None


@dataclass(frozen=True)
class StoreAnswer(Generic[T]):
    """A command's answer and the store it used."""

    value: T
    where: str


def publish(request: PublishRequest) -> StoreAnswer[Published]:
    """Build the month from what was published before it and freeze it in the store."""
    from scorepack.service.build import request_problems
    from scorepack.service.publish import gather_request
    from scorepack.service.publish import publish as publish_month

    b = request.build
    problems = request_problems(b)
    if problems:
        raise InputError(problems)
    given = gather_request(b)
    with Store(b.store) as opened:
        done = publish_month(
            opened,
            given,
            request.by,
            b.formats,
            b.scope,
            request.revise,
            request.reason,
            suppress_below=b.suppress_below,
            pdf_engine=b.pdf_engine,
        )
        return StoreAnswer(done, opened.where)


def history(
    unit: str, indicator: str | None = None, store: str | None = None
) -> list[HistoryEntry]:
    """What was reported for a unit (one indicator, or all) each month, every version."""
    from scorepack.service.history import history as read

    with Store(store) as opened:
        return read(opened, unit, indicator)


def restatements(
    period: str,
    preset: str | None = None,
    catalogue: Path | None = None,
    units: Path | None = None,
    figures: Path | None = None,
    records: Path | None = None,
    tolerance: float = 0.0,
    store: str | None = None,
) -> list[Restatement]:
    """Published results that what the figures or records give now has moved by more
    than ``tolerance``, for a month or a range of at most a trend's length."""
    from scorepack.judge.scorecard import TREND_MONTHS
    from scorepack.service.history import restatements as compare
    from scorepack.service.publish import gather

    months = parse_months(period)
    if len(months) > TREND_MONTHS:
        raise InputError(
            [Problem("--period", None, None, f"at most {TREND_MONTHS} months at a time")]
        )
    given = gather(preset, catalogue, units, figures, records, str(months[-1]))
    with Store(store) as opened:
        return compare(opened, given.figures, months, tolerance)


@dataclass(frozen=True)
class ImportRequest:
    """Months reported before scorepack: scorecard JSON files and/or a figures file
    of results as they were reported."""

    by: str
    scorecards: tuple[Path, ...] = ()
    reported: Path | None = None
    months: str | None = None
    """Only these months of the figures file (``YYYY-MM,…``)."""
    preset: str | None = None
    catalogue: Path | None = None
    units: Path | None = None
    reason: str | None = None
    store: str | None = None


def import_months(request: ImportRequest) -> StoreAnswer[list[PublishedVersion]]:
    """Seed the store; every file is read and checked before anything is written."""
    from scorepack.measures.figures import load_figures
    from scorepack.render.json_load import load_scorecard
    from scorepack.service.history import Seed, import_reported_figures, import_scorecards
    from scorepack.service.inputs import load_config

    r = request
    if not r.scorecards and r.reported is None:
        raise InputError(
            [
                Problem(
                    "command line", None, None, "give --scorecard FILE or --reported-figures FILE"
                )
            ]
        )
    inputs = load_config(r.preset, r.catalogue, r.units, need_units=r.reported is not None)
    cat_path = r.catalogue or (inputs.preset.catalogue if inputs.preset else None)
    assert cat_path is not None  # load_config has refused otherwise
    seed = Seed(inputs.catalogue, cat_path.read_text(encoding="utf-8"), r.by, r.reason)
    problems: list[Problem] = []
    chosen = _months(r.months, problems)
    docs = []
    for path in r.scorecards:
        try:
            docs.append((path, load_scorecard(path), path.read_bytes()))
        except InputError as exc:
            problems.extend(exc.problems)
    figures = None
    if r.reported is not None:
        try:
            figures = load_figures(r.reported, inputs.catalogue, inputs.tree)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    done: list[PublishedVersion] = []
    with Store(r.store) as opened:
        if docs:
            done += import_scorecards(opened, docs, seed)
        if figures is not None and r.reported is not None:
            done += import_reported_figures(opened, figures, r.reported, seed, chosen)
        return StoreAnswer(done, opened.where)


def _months(text: str | None, problems: list[Problem]) -> Sequence[Month] | None:
    if not text:
        return None
    try:
        return [Month.parse(m) for m in text.split(",") if m.strip()]
    except ValueError as exc:
        problems.append(Problem("--months", None, None, str(exc)))
        return None
