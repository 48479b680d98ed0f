"""The DfE's published statistics: import them into the store, and compare
indicators with them.

Both take the store's URL (``None``: the default store for importing; no
store, the shipped files, for comparing) and return what they did.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from scorepack.benchmarks import for_catalogue, for_indicator, source_for
from scorepack.benchmarks.compare import BenchmarkResult
from scorepack.benchmarks.dfe import SUPPRESSION_CODES
from scorepack.benchmarks.imports import read_imports
from scorepack.publish.benchmark_store import Imported
from scorepack.publish.repository import Store
from scorepack.service.inputs import load_config

__all__ = [
    "SUPPRESSION_CODES",
    "BenchmarkResult",
    "Imported",
    "ImportedFiles",
    "compare",
    "import_files",
]


def compare(
    preset: str | None,
    catalogue: Path | None,
    indicator: str | None = None,
    la_code: str | None = None,
    dfe_dir: Path | None = None,
    store: str | None = None,
) -> tuple[BenchmarkResult, ...]:
    """The latest published comparisons for one indicator (or every mapped one):
    from the store's imported DfE files where it has them, else ``dfe_dir``'s,
    else the shipped ones."""
    cat = load_config(preset, catalogue, None, need_units=False).catalogue
    with ExitStack() as stack:
        opened = stack.enter_context(Store(store)) if store is not None else None
        source = source_for(dfe_dir, opened)
        if indicator:
            return (for_indicator(cat, indicator, la_code=la_code, source=source),)
        return tuple(for_catalogue(cat, la_code=la_code, source=source))


@dataclass(frozen=True)
class ImportedFiles:
    files: tuple[Imported, ...]
    where: str
    """The store, described without its password."""


def import_files(files: Sequence[Path], store: str | None = None) -> ImportedFiles:
    """Check every file first (any problem in any file and nothing is written),
    then write them into the store; unchanged files are left as they are."""
    checked = read_imports(files)
    with Store(store) as opened:
        return ImportedFiles(tuple(opened.import_benchmarks(checked)), opened.where)
