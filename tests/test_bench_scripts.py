"""Every benchmark script `make bench` runs can at least be imported: a module it
names that was moved or removed fails here, not months later in `make bench`."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "bench").glob("bench_*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_the_script_imports(script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT))
    module = importlib.import_module(f"bench.{script.stem}")
    assert callable(getattr(module, "main", None)), f"{script.name} has no main()"
    sys.modules.pop(f"bench.{script.stem}", None)


def test_make_bench_runs_every_script() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    missing = [s.name for s in SCRIPTS if s.name not in makefile]
    assert not missing, f"make bench does not run {missing}"
