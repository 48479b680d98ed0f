"""Reconciliation: the DfE measures computed from records, beside the published figures.

``reconcile(records, year)`` loads a records folder, computes the measures of the
``dfe-returns`` preset (catalogue, SQL definitions and ``returns.yaml``) with the same
machinery as every other figure (:func:`scorepack.measures.compute.compute_figures`) and
sets each beside the authority's published figure from ``scorepack/reference/dfe``.
The authority is given by its old or new LA code, or read from ``authority.yaml`` in the
records folder (the simulator writes one).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from scorepack import presets
from scorepack.catalogue.load import load_catalogue
from scorepack.catalogue.model import Catalogue
from scorepack.errors import InputError, Problem
from scorepack.measures.model import ALL, Figure
from scorepack.periods import Month, is_financial_year
from scorepack.reference.published import read_table, reference_dir
from scorepack.reference.returns import Computed, Line, Returns, lines, load_returns, table_lookup

__all__ = ["Line", "Reconciliation", "reconcile"]

PRESET = "dfe-returns"
AUTHORITY_FILE = "authority.yaml"
"""A records folder's note of which authority it is: ``new_la_code``, ``old_la_code``, ``name``."""


@dataclass(frozen=True)
class Reconciliation:
    year: str
    authority: str
    lines: tuple[Line, ...]

    @property
    def with_published(self) -> int:
        return sum(1 for ln in self.lines if ln.published is not None)


def authority_of(records: Path, given: str | None) -> str:
    """The LA code to reconcile against: ``given``, else the records folder's own note."""
    if given:
        return given.strip()
    note = records / AUTHORITY_FILE
    if note.is_file():
        data = yaml.safe_load(note.read_text(encoding="utf-8")) or {}
        code = (
            data.get("new_la_code") or data.get("old_la_code") if isinstance(data, dict) else None
        )
        if code:
            return str(code)
        raise InputError([Problem(str(note), None, None, "expected new_la_code or old_la_code")])
    raise InputError(
        [
            Problem(
                "--authority",
                None,
                None,
                f"give the LA code (e.g. E10000016 or 886); {note} does not exist",
            )
        ]
    )


def computed_values(
    figures: list[Figure], catalogue: Catalogue, unit: str, month: Month, missing: dict[str, str]
) -> Computed:
    """Each indicator's value for ``unit`` and ``month``: a count, or a percentage."""
    found = {
        f.indicator: f for f in figures if f.unit == unit and f.period == month and f.cohort == ALL
    }
    out: dict[str, tuple[float | None, str]] = {}
    for ind in catalogue.indicators:
        fig = found.get(ind.id)
        if fig is None:
            out[ind.id] = out[f"{ind.id}.denominator"] = (
                None,
                missing.get(ind.id, "not computed"),
            )
        elif ind.kind == "count":
            out[ind.id] = (fig.numerator, "")
        else:
            out[f"{ind.id}.denominator"] = (fig.denominator or 0.0, "")
            if fig.denominator:
                out[ind.id] = ((fig.numerator or 0) * ind.multiplier / fig.denominator, "")
            else:
                out[ind.id] = (None, "no cases in the denominator")
    return out


def compare(
    catalogue: Catalogue, returns: Returns, computed: Computed, year: str, authority: str
) -> Reconciliation:
    """Set computed values beside the published ones (no records needed)."""
    folder = reference_dir()
    files = {m.published.file for m in returns.measures if m.published} | {returns.population.file}
    tables = {
        name: read_table(folder / name) for name in sorted(files) if (folder / name).is_file()
    }
    found, problems = lines(returns, catalogue, computed, year, table_lookup(tables, authority))
    if problems:
        raise InputError(problems)
    return Reconciliation(year, authority, tuple(found))


def reconcile(records: Path, year: str, authority: str | None = None) -> Reconciliation:
    """Load ``records``, compute the DfE measures for ``year`` (``2015-16``) and compare."""
    import duckdb

    from scorepack.measures.compute import compute_figures, definition, units_from_records
    from scorepack.measures.helpers import tables_needed
    from scorepack.records.load import load_records, loaded_tables

    if not is_financial_year(year):
        raise InputError(
            [Problem("--year", None, None, f"expected a year as 2015-16, got {year!r}")]
        )
    code = authority_of(records, authority)
    preset = presets.get(PRESET)
    catalogue = load_catalogue(preset.catalogue)
    returns = load_returns(preset.folder / "returns.yaml", catalogue)
    month = Month(int(year[:4]) + 1, 3)
    with tempfile.TemporaryDirectory(prefix="scorepack-reconcile-") as tmp:
        database = Path(tmp) / "records.duckdb"
        load_records(records, database)
        conn = duckdb.connect(str(database))
        try:
            present = loaded_tables(conn)
            missing = {}
            for ind in catalogue.indicators:
                lacking = (
                    tables_needed(definition(preset.measures, ind.measure or ind.id)) - present
                )
                if lacking:
                    missing[ind.id] = (
                        f"not computed: the records have no {', '.join(sorted(lacking))}"
                    )
            figures = compute_figures(conn, catalogue, [month], preset.measures)
            top = next(u.id for u in units_from_records(conn) if u.parent is None)
        finally:
            conn.close()
    computed = computed_values(figures, catalogue, top, month, missing)
    return compare(catalogue, returns, computed, year, code)
