"""scripts/system-packages: installs what is missing as root, else stops with one message.

The machine's own package database is replaced by stand-ins on PATH (``dpkg-query``
answering "not installed" for chosen packages, ``id`` for the user), so each case
runs the real script without touching the system.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "system-packages"


def _tool(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def run(tmp_path: Path, profile: str, missing: set[str], uid: int) -> subprocess.CompletedProcess:
    fake = tmp_path / "bin"
    fake.mkdir()
    cases = " ".join(sorted(missing)) or "none"
    _tool(
        fake,
        "dpkg-query",
        f'for a in "$@"; do for p in {cases}; do [ "$a" = "$p" ] && exit 1; done; done; '
        'printf "install ok installed"',
    )
    _tool(fake, "id", f"echo {uid}")
    _tool(fake, "apt-get", 'echo "apt-get $*" >> "$APT_LOG"')
    env = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}", "APT_LOG": str(tmp_path / "apt")}
    env.pop("SCOREPACK_SKIP_SYSTEM_PACKAGES", None)
    return subprocess.run(
        ["bash", str(SCRIPT), profile], capture_output=True, text=True, env=env, check=False
    )


def test_nothing_missing_does_nothing(tmp_path: Path) -> None:
    done = run(tmp_path, "test", set(), uid=1000)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not (tmp_path / "apt").exists()


def test_not_root_stops_with_one_command_naming_every_missing_package(tmp_path: Path) -> None:
    done = run(tmp_path, "test", {"fonts-liberation", "postgresql"}, uid=1000)
    assert done.returncode == 1
    assert (
        "sudo apt-get install -y --no-install-recommends fonts-liberation postgresql" in done.stderr
    )
    assert not (tmp_path / "apt").exists()


def test_root_installs_the_missing_packages_with_apt_get(tmp_path: Path) -> None:
    done = run(tmp_path, "demo", {"fonts-liberation"}, uid=0)
    assert done.returncode == 0, done.stderr
    log = (tmp_path / "apt").read_text(encoding="utf-8").splitlines()
    assert log == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends fonts-liberation",
    ]


@pytest.mark.parametrize(
    ("profile", "package", "needed"),
    [
        ("demo", "fonts-liberation", True),
        ("demo", "libpango-1.0-0", True),
        ("demo", "chromium", True),  # the default PDF engine
        ("demo", "nodejs", False),
        ("demo", "postgresql", False),
        ("test", "chromium", True),
        ("test", "postgresql", True),
        ("test", "poppler-utils", True),
    ],
)
def test_each_target_asks_for_what_it_needs(tmp_path, profile, package, needed) -> None:
    done = run(tmp_path, profile, {package}, uid=1000)
    assert (done.returncode == 1) is needed
    assert (package in done.stderr) is needed
