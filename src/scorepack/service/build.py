"""Build a month's scorecards and pack: the library API that every front end calls.

Each function takes a frozen request, returns a frozen result and never
prints.  Bad input raises :class:`~scorepack.errors.InputError` carrying every
problem found; problems with the request itself name the request field (see
:data:`scorepack.errors.REQUEST`).  Warnings (severity ``"warning"``) come back
in the result.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from scorepack import presets
from scorepack.benchmarks import BenchmarkResult, source_for
from scorepack.benchmarks.wiring import attach, authority, benchmark_month
from scorepack.errors import InputError, Problem, request_problem
from scorepack.judge.model import Scorecard
from scorepack.judge.scorecard import judge_unit
from scorepack.measures.store import FigureStore
from scorepack.outputs import staged_folder, write_folder
from scorepack.periods import Month
from scorepack.service.commentary import dropped, read_commentary
from scorepack.service.inputs import Inputs, load_config, load_store, owners_over, parse_period
from scorepack.service.judge import SCOPES, JudgedMonth, judge_month
from scorepack.service.records import (
    Progress,
    Warehouse,
    compute_from_records,
    compute_in_warehouse,
    lay_over,
    quiet,
)
from scorepack.service.render import (
    DEFAULT_PDF_ENGINE,
    FORMATS,
    pdf_engine_problems,
    scorecard_text,
)

BUILD_MARKER = ".scorepack-build"
"""Written into every folder a build fills: only such a folder is ever replaced."""


@dataclass(frozen=True)
class BuildRequest:
    """What to build: the inputs (a preset, files or records) and what to make of them."""

    preset: str | None = None
    catalogue: Path | None = None
    units: Path | None = None
    """The units file; with ``records`` or ``warehouse``, only the owners it gives."""
    figures: Path | None = None
    records: Path | None = None
    commentary: Path | None = None
    period: str | None = None
    formats: tuple[str, ...] = ("json", "markdown")
    scope: str = "areas"
    produced: date | None = None
    """The date on the pack's cover; by default the month end."""
    database: Path | None = None
    """Where to keep the records database; by default the cache folder."""
    warehouse: Warehouse | None = None
    """Compute inside this database instead (``--engine``): read-only."""
    store: str | None = None
    """A store URL: earlier months' results are taken as they were published there."""
    suppress_below: int | None = None
    """Publication suppression: counts from 1 to this less one are written ``c`` (see
    :func:`publishable`); None publishes every count."""
    pdf_engine: str = DEFAULT_PDF_ENGINE
    """What prints the PDF: ``chromium`` (the default) or ``weasyprint`` (see docs/cli.md)."""


@dataclass(frozen=True)
class Gathered:
    inputs: Inputs
    store: FigureStore
    month: Month


@dataclass(frozen=True)
class BuildResult:
    judged: JudgedMonth
    files: Mapping[str, bytes]
    """Every output: file name relative to the output folder -> bytes."""
    warnings: tuple[Problem, ...]
    month: Month
    inputs: Inputs


@dataclass(frozen=True)
class ScorecardResult:
    card: Scorecard
    month: Month
    inputs: Inputs
    warnings: tuple[Problem, ...] = ()

    def text(self, fmt: str) -> str:
        """The scorecard as ``json`` or ``markdown``."""
        cohorts = [(c.id, c.label) for c in self.inputs.catalogue.cohorts]
        return scorecard_text(self.card, fmt, cohorts)


@dataclass(frozen=True)
class Validated:
    indicators: int
    units: int
    figures: int | None
    """How many figures were read, or None where no figures file was named."""


@dataclass(frozen=True)
class Written:
    result: BuildResult
    folder: Path
    names: tuple[str, ...] = field(default=())


def request_problems(request: BuildRequest) -> list[Problem]:
    """What is wrong with the outputs asked for (formats, units, suppression, PDF
    engine), every problem, each naming its request field."""
    problems = []
    bad = [f for f in request.formats if f not in FORMATS]
    if bad or not request.formats:
        problems.append(
            request_problem(
                "formats",
                f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}",
            )
        )
    if request.scope not in SCOPES:
        problems.append(request_problem("scope", f"expected one of {', '.join(SCOPES)}"))
    problems += suppression_problems(request.suppress_below)
    problems.extend(pdf_engine_problems(request.pdf_engine, request.formats))
    return problems


def suppression_problems(below: int | None) -> list[Problem]:
    if below is None or below >= 1:
        return []
    return [request_problem("suppress_below", f"expected a whole number of 1 or more, not {below}")]


def publishable(judged: JudgedMonth, below: int | None) -> JudgedMonth:
    """The month as it may be published: every count from 1 to ``below - 1`` withheld as
    ``c``, with the results, cohort comparisons, trend points, activity counts and
    data-quality counts that rest on it (:mod:`scorepack.judge.suppress`)."""
    if below is None:
        return judged
    from scorepack.judge.suppress import suppress, suppress_activity

    activity = None if judged.activity is None else suppress_activity(judged.activity, below)
    return replace(judged, scorecards=suppress(judged.scorecards, below), activity=activity)


def _require_figures(store: FigureStore, month: Month) -> None:
    periods = store.periods()
    if month in periods:
        return
    held = f"the figures run from {periods[0]} to {periods[-1]}" if periods else "there are none"
    raise InputError([request_problem("period", f"no figures at all for {month}: {held}")])


def gather(request: BuildRequest, progress: Progress = quiet) -> Gathered:
    """The catalogue, units and figures of a request, and the month it asks for."""
    if request.warehouse is not None or request.records is not None:
        config = load_config(request.preset, request.catalogue, None, need_units=False)
        month = parse_period(request.period, config.preset.period if config.preset else None)
        if request.warehouse is not None:
            computed = compute_in_warehouse(
                config, request.catalogue, request.warehouse, month, progress
            )
        else:
            assert request.records is not None
            computed = compute_from_records(
                config, request.catalogue, request.records, request.database, month, progress
            )
        inputs, store = computed.inputs, lay_over(computed, request.figures)
        if request.units is not None:
            inputs = owners_over(inputs, request.units)
    else:
        inputs = load_config(request.preset, request.catalogue, request.units)
        month = parse_period(request.period, inputs.preset.period if inputs.preset else None)
        store = load_store(inputs, request.figures)
        if inputs.preset is not None and request.figures is None and request.catalogue is None:
            # The preset's own figures: its notes about where they came from hold.
            catalogue = presets.with_figures_notes(inputs.catalogue, inputs.preset)
            inputs = replace(inputs, catalogue=catalogue)
    _require_figures(store, month)
    return Gathered(inputs, store, month)


def build_month(request: BuildRequest, progress: Progress = quiet) -> BuildResult:
    """Every scorecard of the month, the activity table and the pack, rendered in memory."""
    from scorepack.service.render import render_files

    problems = request_problems(request)
    if problems:
        raise InputError(problems)
    got = gather(request, progress)
    got, benchmarks = _benchmarks(got, request)
    book = read_commentary(request.commentary, got.inputs)
    history = None
    if request.store is not None:
        from scorepack.publish.repository import Store
        from scorepack.service.publish import past_months

        with Store(request.store) as store:
            history = store.reported_history(past_months(got.month))
    judged = judge_month(
        got.inputs.catalogue, got.inputs.tree, got.store, got.month, request.scope, history
    )
    judged = publishable(judged, request.suppress_below)
    judged = replace(judged, scorecards=attach(judged.scorecards, benchmarks, judged.tree))
    progress("rendering…")
    files = render_files(judged, request.formats, book, request.produced, request.pdf_engine)
    warnings = (
        dropped(request.commentary, book, judged, request.formats)
        if book is not None and request.commentary is not None
        else []
    )
    return BuildResult(judged, MappingProxyType(files), tuple(warnings), got.month, got.inputs)


def _benchmarks(
    got: Gathered, request: BuildRequest
) -> tuple[Gathered, tuple[BenchmarkResult, ...]]:
    """The authority's DfE benchmarks, and its ONS populations for the rates mapped to them.

    Read from the store's imported DfE files where ``--store`` has them, else
    from the shipped ones (see ``docs/benchmarks.md``).
    """
    la_code = authority(got.inputs.catalogue, request.records)
    with ExitStack() as stack:
        store = None
        if la_code is not None and request.store is not None:
            from scorepack.publish.repository import Store

            store = stack.enter_context(Store(request.store))
        figures, results = benchmark_month(got.store, la_code, source_for(store=store))
    return replace(got, store=figures), results


def write_month(request: BuildRequest, out: Path, progress: Progress = quiet) -> Written:
    """Build the month and replace the folder ``out`` with the result, all or nothing."""
    with staged_folder(out, BUILD_MARKER) as stage:
        result = build_month(request, progress)
        names = write_folder(stage, result.files)
    return Written(result, Path(out), tuple(names))


def scorecard(request: BuildRequest, unit: str | None) -> ScorecardResult:
    """One unit's scorecard for the month (the preset's unit by default)."""
    got = gather(request)
    unit_id = unit or (got.inputs.preset.unit if got.inputs.preset else None)
    if unit_id is None or unit_id not in got.inputs.tree:
        known = ", ".join(u.id for u in got.inputs.tree.units)
        raise InputError([request_problem("unit", f"unknown unit {unit_id!r}; units: {known}")])
    card = judge_unit(got.inputs.catalogue, got.inputs.tree, got.store, got.month, unit_id)
    return ScorecardResult(card, got.month, got.inputs)


def validate(request: BuildRequest) -> Validated:
    """Check the catalogue, units and figures together, raising with every problem."""
    inputs = load_config(request.preset, request.catalogue, request.units)
    count = None
    if request.figures or (inputs.preset and inputs.preset.figures):
        count = len(load_store(inputs, request.figures))
    return Validated(len(inputs.catalogue.indicators), len(inputs.tree.units), count)


def catalogue_items(preset: str | None, catalogue: Path | None) -> list[dict[str, Any]]:
    """The indicators of a catalogue, one plain record each."""
    cat = load_config(preset, catalogue, None, need_units=False).catalogue
    return [
        {
            "id": i.id,
            "number": i.number,
            "title": i.title,
            "section": i.section,
            "polarity": i.polarity,
            "period_type": i.period_type,
            "kind": i.kind,
        }
        for i in cat.indicators
    ]
