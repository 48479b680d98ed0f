"""Publish a month: judge it from what was reported before, render it, freeze it in the store.

:func:`publish_month` is the core: given a judged month and its rendered
files, it writes one new version in one transaction.  :func:`publish` is what
the CLI (and later the web) calls: it reads the store's earlier publications,
builds the month with them (:func:`build_files`, the one place that runs
today's pipeline) and publishes it.  Nothing here prints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scorepack.benchmarks import BenchmarkResult, source_for
from scorepack.benchmarks.wiring import attach, authority, benchmark_month
from scorepack.errors import InputError, Problem
from scorepack.judge.model import Result, Revision, Row
from scorepack.judge.scorecard import TREND_MONTHS
from scorepack.measures.model import ALL
from scorepack.measures.store import FigureStore
from scorepack.measures.values import as_reported
from scorepack.pack.commentary import CommentaryBook
from scorepack.periods import Month
from scorepack.publish.repository import (
    NewVersion,
    PublishedHistory,
    PublishedVersion,
    Store,
    already_published,
)
from scorepack.render import json as json_render
from scorepack.service.inputs import Inputs
from scorepack.service.judge import JudgedMonth, judge_month
from scorepack.service.render import DEFAULT_PDF_ENGINE, render_files

if TYPE_CHECKING:
    from scorepack.service.build import BuildRequest

DEFAULT_FORMATS = ("json", "markdown", "html")


@dataclass(frozen=True)
class MonthInputs:
    """What a month is built from: configuration, figures, commentary and their texts."""

    inputs: Inputs
    figures: FigureStore
    month: Month
    catalogue_text: str
    commentary: CommentaryBook | None = None
    commentary_text: str | None = None
    records: Path | None = None
    """The records folder the figures were computed from, if any (its note may name the
    authority, for the benchmarks)."""


def sha256(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def gather(
    preset: str | None,
    catalogue: Path | None,
    units: Path | None,
    figures: Path | None,
    records: Path | None,
    period: str | None,
    commentary: Path | None = None,
    database: Path | None = None,
) -> MonthInputs:
    """The same inputs as ``scorepack build``, named one by one."""
    from scorepack.service.build import BuildRequest

    return gather_request(
        BuildRequest(
            preset=preset, catalogue=catalogue, units=units, figures=figures,
            records=records, commentary=commentary, period=period, database=database,
        )
    )  # fmt: skip


def gather_request(request: BuildRequest) -> MonthInputs:
    """A build's inputs (through :func:`scorepack.service.build.gather`), with the
    catalogue's and the commentary's text to freeze."""
    from scorepack.service.build import gather as gather_build
    from scorepack.service.commentary import read_commentary

    got = gather_build(request)
    inputs, commentary = got.inputs, request.commentary
    cat_path = request.catalogue or (inputs.preset.catalogue if inputs.preset else None)
    assert cat_path is not None  # load_config has refused otherwise
    book = read_commentary(commentary, inputs)
    text = commentary.read_text(encoding="utf-8") if commentary is not None else None
    return MonthInputs(
        inputs,
        got.store,
        got.month,
        cat_path.read_text(encoding="utf-8"),
        book,
        text,
        request.records,
    )


def past_months(month: Month) -> list[Month]:
    """The earlier months a month's judgement looks back on: trend months and the outturn."""
    return sorted({*month.months_back(TREND_MONTHS), month.outturn} - {month})


def build_files(
    given: MonthInputs,
    formats: Sequence[str],
    scope: str,
    history: PublishedHistory | None,
    revision: Revision | None = None,
    suppress_below: int | None = None,
    benchmarks: tuple[BenchmarkResult, ...] = (),
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> tuple[JudgedMonth, dict[str, bytes]]:
    """Judge and render the month (past months from ``history`` first); files by relative name.

    The same judging and rendering as ``scorepack build``; with ``suppress_below`` the files
    withhold small counts, while the judgement returned (which the store keeps) does not;
    ``benchmarks`` go beside the top unit's rows.
    """
    from scorepack.service.build import publishable

    i = given.inputs
    judged = judge_month(i.catalogue, i.tree, given.figures, given.month, scope, history)
    if revision is not None:
        judged = replace(
            judged, scorecards=tuple(replace(c, revision=revision) for c in judged.scorecards)
        )
    judged = replace(judged, scorecards=attach(judged.scorecards, benchmarks, judged.tree))
    files = render_files(
        publishable(judged, suppress_below), formats, given.commentary, pdf_engine=pdf_engine
    )
    return judged, files


def _judgement(row: Row, unit: str, cohort: str, result: Result, rag: str | None) -> dict[str, Any]:
    places = row.indicator.places
    reported = None if result.value is None else as_reported(result.value, places)
    own = cohort == ALL
    return {
        "indicator": row.indicator.id,
        "unit": unit,
        "cohort": cohort,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "value": result.value,
        "reported": reported,
        "display": result.display,
        "rag": rag,
        "target": row.target,
        "previous_display": row.previous.display if own and row.previous else None,
        "dot_previous": row.dot_previous if own else None,
        "previous_source": row.previous_source if own else None,
        "outturn_display": row.outturn.display if own and row.outturn else None,
        "dot_outturn": row.dot_outturn if own else None,
        "outturn_source": row.outturn_source if own else None,
    }


def _used(row: Row, unit: str) -> Iterable[tuple[str, Result]]:
    yield ALL, row.latest
    for c in row.cohorts:
        yield c.cohort, c.result
    for past in (row.previous, row.outturn, *(p.result for p in row.trend)):
        if past is not None:
            yield ALL, past


def frozen_rows(judged: JudgedMonth) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The judgements and the figures used, as rows of the store's tables."""
    judgements: list[dict[str, Any]] = []
    figures: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for card in judged.scorecards:
        unit = card.unit.id
        for row in card.rows:
            judgements.append(_judgement(row, unit, ALL, row.latest, row.rag))
            for c in row.cohorts:
                judgements.append(_judgement(row, unit, c.cohort, c.result, c.rag))
            for cohort, result in _used(row, unit):
                if result.value is None and result.numerator is None:
                    continue
                key = (row.indicator.id, unit, str(result.period), cohort)
                figures.setdefault(
                    key,
                    {
                        "indicator": key[0],
                        "unit": unit,
                        "month": key[2],
                        "cohort": cohort,
                        "numerator": result.numerator,
                        "denominator": result.denominator,
                        "value": result.value,
                    },
                )
    return judgements, list(figures.values())


def publish_month(
    store: Store,
    judged: JudgedMonth,
    files: Mapping[str, bytes],
    catalogue_text: str,
    commentary: str | None,
    who: str,
    reason: str | None = None,
    now: datetime | None = None,
) -> PublishedVersion:
    """Freeze a judged month and its rendered files as a new version, in one transaction.

    Refuses (:class:`~scorepack.publish.repository.PublishRefused`) a month
    already published unless ``reason`` is given, which makes the next version.
    """
    judgements, figures = frozen_rows(judged)
    summaries = [
        {
            "unit": c.unit.id,
            "unit_name": c.unit.name,
            "summary_json": json_render.dumps(asdict(c.summary)),
            "summary_text": c.summary_text,
        }
        for c in judged.scorecards
    ]
    return store.add(
        NewVersion(
            month=judged.period,
            origin="published",
            published_by=who,
            reason=reason,
            catalogue_name=judged.catalogue.name,
            catalogue_hash=sha256(catalogue_text),
            catalogue_text=catalogue_text,
            commentary=commentary,
            judgements=judgements,
            figures=figures,
            summaries=summaries,
            files={name: (sha256(data), data) for name, data in files.items()},
            published_at=now,
        )
    )


def check_revision(
    store: Store, month: Month, revise: bool, reason: str | None, today: datetime
) -> Revision | None:
    """The revision a publish would make (None for a first version); refuse what cannot be."""
    latest = store.version(month)
    if revise and not (reason and reason.strip()):
        raise InputError([Problem("--reason", None, None, "--revise needs --reason TEXT")])
    if latest is None:
        if revise:
            raise InputError(
                [
                    Problem(
                        "--revise", None, None, f"{month} has not been published: nothing to revise"
                    )
                ]
            )
        return None
    if not revise:
        raise already_published(latest)
    assert reason is not None
    return Revision(latest.version + 1, today.date(), reason.strip())


@dataclass(frozen=True)
class Published:
    version: PublishedVersion
    judged: JudgedMonth
    files: dict[str, bytes]


def publish(
    store: Store,
    given: MonthInputs,
    who: str,
    formats: Sequence[str] = DEFAULT_FORMATS,
    scope: str = "areas",
    revise: bool = False,
    reason: str | None = None,
    now: datetime | None = None,
    suppress_below: int | None = None,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> Published:
    """Build the month from what was published before it, and publish it.

    ``suppress_below`` withholds small counts in the files (see ``scorepack build``); the
    store keeps the judgements whole, for the months after and for the analysts."""
    from scorepack.service.build import suppression_problems

    problems = suppression_problems(suppress_below)
    if problems:
        raise InputError(problems)
    moment = now or datetime.now(UTC)
    revision = check_revision(store, given.month, revise, reason, moment)
    history = store.reported_history(past_months(given.month))
    la_code = authority(given.inputs.catalogue, given.records)
    figures, benchmarks = benchmark_month(given.figures, la_code, source_for(store=store))
    given = replace(given, figures=figures)
    judged, files = build_files(
        given, formats, scope, history, revision, suppress_below, benchmarks, pdf_engine
    )
    version = publish_month(
        store,
        judged,
        files,
        given.catalogue_text,
        given.commentary_text,
        who,
        revision.reason if revision else None,
        moment,
    )
    return Published(version, judged, files)
