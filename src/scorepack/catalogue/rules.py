"""Checks that need more than one field of the catalogue.

Each rule is a small function from a :class:`Catalogue` to a list of
``(path, message)`` pairs; :data:`RULES` lists them all and every rule runs, so
one load reports every problem in the file -- even when some items failed
validation: the rules in :data:`ID_RULES` read only ids, so they run over those
items too (an item that failed keeps only the ids it names; a missing one is None).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from scorepack.catalogue.model import Catalogue
from scorepack.periods import is_financial_year

Path = tuple[str | int, ...]
Finding = tuple[Path, str]
Rule = Callable[[Catalogue], Iterator[Finding]]


def unique_ids(cat: Catalogue) -> Iterator[Finding]:
    groups: tuple[tuple[str, tuple[Any, ...]], ...] = (
        ("sections", cat.sections),
        ("indicators", cat.indicators),
        ("cohorts", cat.cohorts),
        ("populations", cat.populations),
        ("activity", cat.activity),
    )
    for group, items in groups:
        counts = Counter(item.id for item in items)
        for i, item in enumerate(items):
            if item.id is not None and counts[item.id] > 1:
                yield (group, i, "id"), f"id {item.id!r} is used more than once in {group}"
    all_ids = Counter(
        [i.id for i in cat.indicators]
        + [a.id for a in cat.activity]
        + [p.id for p in cat.populations]
    )
    for i, act in enumerate(cat.activity):
        if all_ids[act.id] > 1 and act.id in {ind.id for ind in cat.indicators}:
            yield ("activity", i, "id"), f"id {act.id!r} is also an indicator id"


def known_references(cat: Catalogue) -> Iterator[Finding]:
    sections = {s.id for s in cat.sections}
    cohorts = {c.id for c in cat.cohorts}
    populations = {p.id for p in cat.populations}
    for i, ind in enumerate(cat.indicators):
        if ind.section is not None and ind.section not in sections:
            yield (
                ("indicators", i, "section"),
                f"section {ind.section!r} is not one of the sections: "
                f"{', '.join(sorted(sections))}",
            )
        for field in ("cohorts", "already_excludes"):
            for j, cid in enumerate(getattr(ind, field)):
                if cid not in cohorts:
                    yield (
                        ("indicators", i, field, j),
                        f"cohort {cid!r} is not declared under cohorts",
                    )
        if ind.population is not None and ind.population not in populations:
            yield (
                ("indicators", i, "population"),
                (f"population {ind.population!r} is not declared under populations"),
            )


def kind_fields(cat: Catalogue) -> Iterator[Finding]:
    for i, ind in enumerate(cat.indicators):
        if ind.kind != "rate" and (ind.per is not None or ind.population is not None):
            yield ("indicators", i, "kind"), "per and population apply only to kind: rate"
        if ind.kind == "count" and ind.labels is not None:
            yield (
                ("indicators", i, "labels"),
                "labels describe a numerator and denominator; a count has none",
            )


def financial_years(cat: Catalogue) -> Iterator[Finding]:
    for i, ind in enumerate(cat.indicators):
        for field in ("targets", "bands"):
            for fy in getattr(ind, field):
                if not is_financial_year(fy):
                    yield (
                        ("indicators", i, field, fy),
                        (f"expected a financial year such as 2015-16, got {fy!r}"),
                    )


def bands_fit_polarity(cat: Catalogue) -> Iterator[Finding]:
    for i, ind in enumerate(cat.indicators):
        if ind.polarity is None:
            if ind.bands:
                yield (
                    ("indicators", i, "bands"),
                    "an unscored indicator (no polarity) cannot have RAG bands",
                )
            continue
        for fy, b in ind.bands.items():
            at: Path = ("indicators", i, "bands", fy)
            target = ind.targets.get(fy)
            if ind.polarity == "T":
                if target is None:
                    yield at, f"polarity T needs a target for {fy}"
                if b.green_within is None or b.red_beyond is None:
                    yield at, "polarity T needs green_within and red_beyond (distances from target)"
                elif b.green_within > b.red_beyond:
                    yield at, "green_within must not be more than red_beyond"
                if b.green is not None or b.red is not None:
                    yield at, "polarity T uses green_within/red_beyond, not green/red"
                continue
            if b.green_within is not None or b.red_beyond is not None:
                yield at, "green_within/red_beyond apply only to polarity T"
            green = b.green if b.green is not None else target
            if green is None:
                yield at, f"no green threshold: give bands.{fy}.green or a target for {fy}"
            if b.red is None:
                yield at, "expected red: the floor beyond which the result is Red"
            elif green is not None:
                if ind.polarity == "H" and b.red > green:
                    yield (
                        at,
                        f"polarity H: red floor {b.red:g} is above the green threshold {green:g}",
                    )
                if ind.polarity == "L" and b.red < green:
                    yield (
                        at,
                        f"polarity L: red floor {b.red:g} is below the green threshold {green:g}",
                    )


def scored_have_bands(cat: Catalogue) -> Iterator[Finding]:
    for i, ind in enumerate(cat.indicators):
        if ind.polarity is not None:
            for fy in ind.targets:
                if fy not in ind.bands:
                    yield ("indicators", i, "bands"), f"a target is set for {fy} but no RAG bands"


ID_RULES: tuple[Rule, ...] = (unique_ids, known_references)
"""The rules that read only ids: they also run over items that failed validation."""


def spc_settings(cat: Catalogue) -> Iterator[Finding]:
    """Rebase periods are real months, each once; a baseline fits within the minimum."""
    blocks: list[tuple[Path, Any]] = [(("spc",), cat.spc)]
    blocks += [(("indicators", i, "spc"), ind.spc) for i, ind in enumerate(cat.indicators)]
    for at, spc in blocks:
        if spc is None:
            continue
        seen: set[str] = set()
        for j, rb in enumerate(spc.rebase):
            if not 1 <= int(rb.period[5:]) <= 12:
                yield (*at, "rebase", j, "period"), f"expected a month YYYY-MM, got {rb.period!r}"
            if rb.period in seen:
                yield (*at, "rebase", j, "period"), f"{rb.period} is rebased more than once"
            seen.add(rb.period)


def unit_references(cat: Catalogue, units: frozenset[str]) -> Iterator[Finding]:
    """Unit ids named by ``applies_to`` must be units (a typo would silently judge everyone)."""
    for i, ind in enumerate(cat.indicators):
        if ind.applies_to is None:
            continue
        for field in ("units", "excludes"):
            for j, uid in enumerate(getattr(ind.applies_to, field)):
                if uid not in units:
                    yield (
                        ("indicators", i, "applies_to", field, j),
                        f"unit {uid!r} is not in the units file",
                    )


def cohort_blocks(cat: Catalogue, blocks: frozenset[str]) -> Iterator[Finding]:
    """Every block a cohort's ``excludes`` names must exist (else the cohort
    would silently leave nobody out)."""
    for i, cohort in enumerate(cat.cohorts):
        if cohort.id == "all":
            yield (
                ("cohorts", i, "id"),
                "'all' is the whole population, always there: pick another id",
            )
        for j, name in enumerate(cohort.excludes):
            if name not in blocks:
                yield (
                    ("cohorts", i, "excludes", j),
                    f"no building block {name!r}: expected {name}.sql beside the definitions "
                    f"(measures/) or one of scorepack's: {', '.join(sorted(SHARED_BLOCKS))}",
                )


SHARED_BLOCKS = frozenset({"uasc"})
"""scorepack's shared building blocks that return ``person_id`` and
``leaves_from``, and so can be named in a cohort's ``excludes``."""


RULES: tuple[Rule, ...] = (
    unique_ids,
    known_references,
    kind_fields,
    financial_years,
    bands_fit_polarity,
    scored_have_bands,
    spc_settings,
)
