"""Scorecards as JSON: the machine-readable form every other format must agree with.

Every scorecard carries ``schema_version``; :mod:`scorepack.render.json_load`
reads every version scorepack has written.  Version 1 (no ``schema_version``
key) had no sources and no revision; version 2 adds ``schema_version``, each
row's ``previous_source`` / ``outturn_source`` (``published`` or ``computed``)
and, for a revised publication, ``revision``.  Rows also carry ``spc`` and
``benchmark`` (the DfE comparison, on the top unit's scorecard for mapped
indicators; None elsewhere): additions a version-2 reader can ignore.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from scorepack.benchmarks.compare import BenchmarkResult, Place
from scorepack.benchmarks.dfe import Published
from scorepack.judge.model import ActivityCell, ActivityTable, Row, Scorecard, TrendPoint
from scorepack.judge.scorecard import EXCEPTION_MONTHS
from scorepack.judge.spc import SpcResult
from scorepack.pack.model import Comparison
from scorepack.render.columns import Column, Sheet, for_format

SCHEMA_VERSION = 2
"""The version of the scorecard JSON written here (see the module docstring)."""


def _trend_point(p: TrendPoint) -> dict[str, Any]:
    return {
        "period": str(p.result.period),
        "value": p.result.value,
        "display": p.result.display,
        "target": p.target,
        "rag": p.rag,
    }


def spc_to_dict(result: SpcResult | None) -> dict[str, Any] | None:
    """The XmR chart: segments with their limits, points with the rules that mark them, icons."""
    if result is None:
        return None
    return {
        "charted": result.charted,
        "min_points": result.min_points,
        "variation": result.variation,
        "variation_text": result.variation_text,
        "assurance": result.assurance,
        "assurance_text": result.assurance_text,
        "message": result.message,
        "segments": [asdict(s) for s in result.segments],
        "points": [
            {"period": p.period, "value": p.value, "special": list(p.special), "side": p.side}
            for p in result.points
        ],
    }


def row_to_dict(row: Row, sheet: Sheet, spec: Sequence[Column] | None = None) -> dict[str, Any]:
    """One row: the fields of every column of the spec that JSON shows, in order."""
    line = sheet.line(row)
    out: dict[str, Any] = {}
    for column in for_format("json", sheet, spec):
        if column.json is not None:
            out.update(column.json(line))
    return out


def scorecard_to_dict(
    card: Scorecard,
    comparisons: Sequence[Comparison] = (),
    spec: Sequence[Column] | None = None,
) -> dict[str, Any]:
    """The scorecard; ``comparisons`` give each row's ``area`` and ``county`` results."""
    revision = card.revision
    sheet = Sheet(card, tuple(comparisons))
    return {
        "schema_version": SCHEMA_VERSION,
        "period": str(card.period),
        "unit": card.unit.id,
        "unit_name": card.unit.name,
        "financial_year": card.financial_year,
        "rows": [row_to_dict(r, sheet, spec) for r in card.rows],
        "summary": asdict(card.summary),
        "summary_text": card.summary_text,
        "exceptions": list(card.exceptions),
        "exception_trends": {
            r.indicator.id: [_trend_point(p) for p in r.trend[-EXCEPTION_MONTHS:]]
            for r in card.rows
            if r.indicator.id in card.exceptions
        },
        "revision": None
        if revision is None
        else {
            "version": revision.version,
            "date": revision.day.isoformat(),
            "reason": revision.reason,
            "label": revision.label,
        },
    }


def activity_to_dict(table: ActivityTable) -> dict[str, Any]:
    return {
        "period": str(table.period),
        "columns": [{"id": i, "label": label, "type": t} for i, label, t in table.columns],
        "rows": [
            {
                "unit": row.unit.id,
                "unit_name": row.unit.name,
                "depth": row.depth,
                "cells": {mid: _activity_cell(c) for mid, c in row.cells},
            }
            for row in table.rows
        ],
    }


def _activity_cell(c: ActivityCell) -> dict[str, Any]:
    cell: dict[str, Any] = {
        "this_month": c.this_month,
        "last_month": c.last_month,
        "change": c.change,
    }
    if c.suppressed:  # withheld for publication: null, and named here
        cell["suppressed"] = list(c.suppressed)
    return cell


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_scorecard(card: Scorecard, comparisons: Sequence[Comparison] = ()) -> str:
    return dumps(scorecard_to_dict(card, comparisons))


def _published(p: Published) -> dict[str, Any]:
    """A published cell: its number, or its suppression code (never both)."""
    return {"value": p.value, "suppressed": p.code, "display": p.display}


def _place(p: Place | None) -> dict[str, Any] | None:
    return None if p is None else {"code": p.code, "name": p.name, **_published(p.value)}


def benchmark_to_dict(b: BenchmarkResult) -> dict[str, Any]:
    """An indicator against England, its region, its statistical neighbours and every authority."""
    return {
        "indicator": b.indicator,
        "year": b.year,
        "file": b.file,
        "measure": b.measure,
        "comparable": b.comparable,
        "note": b.note,
        "england": _published(b.england),
        "region": _place(b.region),
        "own": _place(b.own),
        "neighbours": [_place(n) for n in b.neighbours],
        "neighbour_mean": b.neighbour_mean,
        "neighbours_left_out": b.neighbours_left_out,
        "rank": b.rank,
        "of": b.of,
        "quartile": b.quartile,
    }


def with_benchmarks(data: dict[str, Any], benchmarks: Iterable[BenchmarkResult]) -> dict[str, Any]:
    """A scorecard dict with each mapped row's ``benchmark`` added (the others get None)."""
    by_id = {b.indicator: benchmark_to_dict(b) for b in benchmarks}
    return {**data, "rows": [{**r, "benchmark": by_id.get(r["id"])} for r in data["rows"]]}
