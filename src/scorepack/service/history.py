"""History out and history in: what was reported, what moved since, and seeding the store.

- :func:`history`: one unit's reported results, month by month, every version;
- :func:`restatements`: published results that today's figures no longer give;
- :func:`import_scorecards` / :func:`import_reported_figures`: seed the store
  from what a council already has (scorecard JSON written earlier, or a
  figures file of results "as reported").  Imported months are versions like
  any other, with ``origin`` ``imported``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from scorepack.catalogue.model import Catalogue, Indicator
from scorepack.errors import InputError, Problem
from scorepack.judge.rules import rag
from scorepack.judge.scorecard import latest_result, reported_result
from scorepack.measures.model import ALL
from scorepack.measures.store import FigureStore
from scorepack.measures.values import as_reported, format_value
from scorepack.periods import Month
from scorepack.publish.repository import HistoryEntry, NewVersion, PublishedVersion, Store
from scorepack.render.json_load import ScorecardDoc
from scorepack.service.publish import sha256

EPSILON = 1e-9


def history(store: Store, unit: str, indicator: str | None = None) -> list[HistoryEntry]:
    """What was reported for the unit each month (one indicator, or all), with versions."""
    return store.history(unit, indicator)


@dataclass(frozen=True)
class Restatement:
    month: Month
    version: int
    indicator: str
    unit: str
    cohort: str
    published: float | None
    published_display: str
    now: float | None
    now_display: str

    @property
    def change(self) -> float | None:
        if self.published is None or self.now is None:
            return None
        return self.now - self.published


def parse_months(text: str) -> list[Month]:
    """``2016-02`` or a range ``2015-04..2016-02``, oldest first."""
    first, _, last = text.partition("..")
    try:
        start = Month.parse(first)
        end = Month.parse(last) if last else start
    except ValueError as exc:
        raise InputError([Problem("--period", None, None, str(exc))]) from None
    if end < start:
        raise InputError([Problem("--period", None, None, f"{end} is before {start}")])
    months = [start]
    while months[-1] < end:
        months.append(months[-1].shift(1))
    return months


def restatements(
    store: Store, figures: FigureStore, months: Iterable[Month], tolerance: float = 0.0
) -> list[Restatement]:
    """Every published result (newest version) that today's figures move by more than ``tolerance``.

    Results are compared as reported (rounded to the indicator's precision), so
    a change too small to show is not a restatement.  A result that was
    published but has no figure now, or the reverse, is listed too.
    """
    catalogue = figures.catalogue
    known = {i.id: i for i in catalogue.indicators}
    found: list[Restatement] = []
    for month in months:
        version = store.version(month)
        if version is None:
            continue
        for j in store.judgements(month):
            ind = known.get(j.indicator)
            if ind is None:
                continue
            cohort = ALL if j.cohort in ind.already_excludes else j.cohort
            now = latest_result(ind, figures.get(ind.id, j.unit, month, cohort), month)
            was = j.reported
            is_now = None if now.value is None else as_reported(now.value, ind.places)
            if was is None and is_now is None:
                continue
            if was is not None and is_now is not None and abs(is_now - was) <= tolerance + EPSILON:
                continue
            found.append(
                Restatement(
                    month,
                    version.version,
                    ind.id,
                    j.unit,
                    j.cohort,
                    was,
                    j.display,
                    is_now,
                    now.display,
                )
            )
    return found


def _judgement(
    ind: Indicator | None, unit: str, cohort: str, row: dict[str, Any]
) -> dict[str, Any]:
    value = row.get("value")
    places = ind.places if ind else 1
    return {
        "indicator": row["id"],
        "unit": unit,
        "cohort": cohort,
        "numerator": row.get("numerator"),
        "denominator": row.get("denominator"),
        "value": value,
        "reported": None if value is None else as_reported(value, places),
        "display": row.get("display") or "-",
        "rag": row.get("rag"),
        "target": row.get("target"),
        "previous_display": row.get("previous_display"),
        "dot_previous": row.get("dot_previous"),
        "previous_source": row.get("previous_source"),
        "outturn_display": row.get("outturn_display"),
        "dot_outturn": row.get("dot_outturn"),
        "outturn_source": row.get("outturn_source"),
    }


def refuse_published(store: Store, months: Iterable[Month], reason: str | None) -> None:
    """Refuse, before writing anything, months already in the store (unless revising)."""
    if reason is not None:
        return
    taken = [v for v in (store.version(m) for m in months) if v is not None]
    if taken:
        raise InputError(
            Problem(
                "--period",
                None,
                None,
                f"{v.month} is already in the store (version {v.version}); give --revise "
                "--reason TEXT to add a new version",
            )
            for v in taken
        )


@dataclass(frozen=True)
class Seed:
    """Who imports, with which catalogue, and why: what every imported version shares."""

    catalogue: Catalogue
    catalogue_text: str
    who: str
    reason: str | None = None
    now: datetime | None = None

    def version(self, month: Month, judgements: list[dict[str, Any]], **rest: Any) -> NewVersion:
        return NewVersion(
            month=month,
            origin="imported",
            published_by=self.who,
            reason=self.reason,
            catalogue_name=self.catalogue.name,
            catalogue_hash=sha256(self.catalogue_text),
            catalogue_text=self.catalogue_text,
            commentary=None,
            judgements=judgements,
            published_at=self.now,
            **rest,
        )


def import_scorecards(
    store: Store, docs: Sequence[tuple[Path, ScorecardDoc, bytes]], seed: Seed
) -> list[PublishedVersion]:
    """One imported version per month, from scorecard JSON files (path, parsed, original bytes)."""
    known = {i.id: i for i in seed.catalogue.indicators}
    by_month: dict[Month, list[tuple[Path, ScorecardDoc, bytes]]] = {}
    problems = []
    for path, doc, data in docs:
        try:
            by_month.setdefault(Month.parse(doc.period), []).append((path, doc, data))
        except ValueError as exc:
            problems.append(Problem(str(path), None, "period", str(exc)))
    if problems:
        raise InputError(problems)
    refuse_published(store, by_month, seed.reason)
    done = []
    for month, items in sorted(by_month.items()):
        judgements = []
        for _path, doc, _data in items:
            for row in doc.rows:
                ind = known.get(row.id)
                judgements.append(_judgement(ind, doc.unit, ALL, row.model_dump()))
                for cohort, c in row.cohorts.items():
                    judgements.append(
                        _judgement(ind, doc.unit, cohort, {**c.model_dump(), "id": row.id})
                    )
        summaries = [
            {
                "unit": doc.unit,
                "unit_name": doc.unit_name,
                "summary_json": _json(doc.summary),
                "summary_text": doc.summary_text,
            }
            for _p, doc, _d in items
        ]
        files = {p.name: (sha256(d), d) for p, _doc, d in items}
        done.append(store.add(seed.version(month, judgements, summaries=summaries, files=files)))
    return done


def _json(data: Any) -> str:
    from scorepack.render.json import dumps

    return dumps(data)


def import_reported_figures(
    store: Store,
    figures: FigureStore,
    source: Path,
    seed: Seed,
    months: Sequence[Month] | None = None,
) -> list[PublishedVersion]:
    """One imported version per month of a figures file whose results are "as reported".

    Each figure's result is taken as printed (the stated value, else the
    computed one rounded) and judged under that year's bands and target.
    """
    catalogue = figures.catalogue
    known = {i.id: i for i in catalogue.indicators}
    chosen = set(months) if months else None
    per_month: dict[Month, list[dict[str, Any]]] = {}
    used: dict[Month, list[dict[str, Any]]] = {}
    for (ind_id, unit, month, cohort), fig in sorted(figures.figures.items(), key=str):
        ind = known.get(ind_id)
        if ind is None or (chosen is not None and month not in chosen):
            continue
        result = reported_result(ind, fig, month)
        if result is None:
            continue
        fy = month.financial_year
        per_month.setdefault(month, []).append(
            {
                "indicator": ind_id,
                "unit": unit,
                "cohort": cohort,
                "numerator": fig.numerator,
                "denominator": fig.denominator,
                "value": result.value,
                "reported": result.value,
                "display": format_value(ind, result.value),
                "rag": rag(ind, result.value, fy),
                "target": ind.targets.get(fy),
            }
        )
        used.setdefault(month, []).append(
            {
                "indicator": ind_id,
                "unit": unit,
                "month": str(month),
                "cohort": cohort,
                "numerator": fig.numerator,
                "denominator": fig.denominator,
                "value": fig.value,
            }
        )
    if not per_month:
        raise InputError([Problem(str(source), None, None, "no indicator results to import")])
    refuse_published(store, per_month, seed.reason)
    data = source.read_bytes()
    files = {source.name: (sha256(data), data)}
    return [
        store.add(seed.version(month, rows, figures=used[month], files=files))
        for month, rows in sorted(per_month.items())
    ]
