"""The lock file pins every dependency pyproject.toml declares, within its bounds.

`make upgrade` refreshes requirements.lock; a dependency added to pyproject.toml
without refreshing the lock fails here instead of installing an untested version.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)")


def pinned() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            pins[canonicalize_name(m.group(1))] = Version(m.group(2))
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        names += extra
    return [Requirement(n) for n in names]


def test_every_declared_dependency_is_pinned_exactly_within_its_bounds() -> None:
    pins = pinned()
    problems = []
    for req in declared():
        version = pins.get(canonicalize_name(req.name))
        if version is None:
            problems.append(f"{req.name} is not in requirements.lock (run `make upgrade`)")
        elif not req.specifier.contains(version, prereleases=True):
            problems.append(f"{req.name}=={version} does not satisfy {req.specifier}")
    assert problems == []


def test_every_declared_dependency_has_a_lower_bound() -> None:
    unbounded = [
        str(r) for r in declared() if not any(s.operator in (">=", "==", "~=") for s in r.specifier)
    ]
    assert unbounded == []
