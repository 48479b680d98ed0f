"""Cohorts as the catalogue declares them, made into helper tables.

A catalogue cohort leaves some children out of the whole population
(``all``).  It names, in ``excludes``, the building blocks that say who is
left out and from when: each is a query returning ``person_id`` and
``leaves_from``, the date from whose month on the child is out of the cohort
(``uasc`` is one: a UASC child leaves an "excluding UASC" cohort from the
month their UASC status began).  A block is ``<name>.sql`` in the folder of
the catalogue's definitions or, failing that, one of scorepack's shared
building blocks (``scorepack/measures/sql``).  It may read the record tables
and the helper tables ``months`` and ``calendar``.

From the declarations :func:`make` builds three helper tables that every
definition joins in the same way, whatever the cohorts are called:

``cohorts``            ``cohort``: ``all``, always, and every cohort computed;
``cohort_exclusions``  ``(cohort, person_id, from_month)``: the first day of the
                       month from which the child is out of the cohort;
``cohort_excluded``    ``(cohort, period, person_id)``: the same, one row for
                       every month computed in which the child is out.

A definition counts an item in cohort ``c`` for a month unless its child is in
``cohort_excluded`` for ``c`` and that month (an anti-join, see
``docs/records.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlglot import exp

from scorepack.catalogue.model import Cohort
from scorepack.catalogue.rules import SHARED_BLOCKS
from scorepack.errors import InputError, Problem
from scorepack.measures import portable
from scorepack.measures.model import ALL

if TYPE_CHECKING:
    from scorepack.measures.engines.base import Engine

EXCLUSION_COLUMNS = ("person_id", "leaves_from")
"""What a block named in a cohort's ``excludes`` returns."""
TABLES = ("cohorts", "cohort_exclusions", "cohort_excluded")
"""The helper tables made from the cohorts."""
_BLOCK = "cohort_block_{}"


def block_sql(name: str, measures_dir: Path | None) -> str | None:
    """The SQL text of the exclusion block ``name``, or None if there is none."""
    if measures_dir is not None:
        local = Path(measures_dir) / f"{name}.sql"
        if local.is_file():
            return local.read_text(encoding="utf-8")
    if name in SHARED_BLOCKS:
        return portable.helper_sql(name)
    return None


def _block_file(name: str, measures_dir: Path | None) -> str:
    if measures_dir is not None and (Path(measures_dir) / f"{name}.sql").is_file():
        return str(Path(measures_dir) / f"{name}.sql")
    return f"scorepack/measures/sql/{name}.sql"


def check_blocks(cohorts: Sequence[Cohort], measures_dir: Path | None) -> None:
    """Refuse a cohort whose block is not there or does not return
    ``person_id`` and ``leaves_from``, every problem at once."""
    problems = []
    for cohort in cohorts:
        for name in cohort.excludes:
            sql = block_sql(name, measures_dir)
            if sql is None:
                problems.append(
                    Problem(
                        "catalogue",
                        None,
                        "excludes",
                        f"cohort {cohort.id}: no building block '{name}' "
                        f"({name}.sql beside the definitions, or a shared one)",
                    )
                )
                continue
            named = portable.parse(sql).tree
            selects = named.named_selects if isinstance(named, exp.Query) else []
            missing = [c for c in EXCLUSION_COLUMNS if c not in selects]
            if missing:
                problems.append(
                    Problem(
                        _block_file(name, measures_dir),
                        None,
                        None,
                        f"cohort {cohort.id} excludes the children this block returns, so it "
                        f"must return {' and '.join(EXCLUSION_COLUMNS)}; "
                        f"missing {', '.join(missing)}",
                    )
                )
    if problems:
        raise InputError(problems)


def computable(
    cohorts: Sequence[Cohort], present: set[str], measures_dir: Path | None
) -> tuple[Cohort, ...]:
    """The cohorts that can be computed: each block named is there and every
    record table it reads was loaded."""
    from scorepack.measures.helpers import tables_needed

    out = []
    for cohort in cohorts:
        texts = [block_sql(name, measures_dir) for name in cohort.excludes]
        if not cohort.excludes or any(t is None for t in texts):
            continue
        if all(tables_needed(t) <= present for t in texts if t is not None):
            out.append(cohort)
    return tuple(out)


def make(
    engine: Engine, cohorts: Sequence[Cohort], present: set[str], measures_dir: Path | None
) -> tuple[str, ...]:
    """(Re)create the cohort helper tables; return the cohorts in them, ``all`` first."""
    made = computable(cohorts, present, measures_dir)
    ids = (ALL, *[c.id for c in made if c.id != ALL])
    engine.create_table("cohorts", {"cohort": "text"}, [(c,) for c in ids])
    blocks: dict[str, str] = {}
    for cohort in made:
        for name in cohort.excludes:
            if name not in blocks:
                blocks[name] = _BLOCK.format(len(blocks) + 1)
                engine.create_from(
                    blocks[name], portable.parse(block_sql(name, measures_dir) or "")
                )
    parts = [
        f"SELECT {exp.Literal.string(cohort.id).sql()} AS cohort, x.person_id, "
        "COALESCE(d.month_start, x.leaves_from) AS from_month "
        f"FROM {blocks[name]} AS x LEFT JOIN calendar AS d ON d.cal_date = x.leaves_from "
        "WHERE x.person_id IS NOT NULL"
        for cohort in made
        for name in cohort.excludes
    ]
    if parts:
        engine.create_from(
            "cohort_exclusions",
            portable.parse(
                "SELECT b.cohort, b.person_id, MIN(b.from_month) AS from_month "
                f"FROM ({' UNION ALL '.join(parts)}) AS b GROUP BY b.cohort, b.person_id"
            ),
        )
    else:
        engine.create_table(
            "cohort_exclusions", {"cohort": "text", "person_id": "text", "from_month": "date"}, []
        )
    engine.create_from(
        "cohort_excluded",
        portable.parse(
            "SELECT x.cohort, m.period, x.person_id FROM cohort_exclusions AS x "
            "JOIN months AS m ON x.from_month <= m.period_start"
        ),
    )
    for table in blocks.values():
        engine.drop(table)
    return ids
