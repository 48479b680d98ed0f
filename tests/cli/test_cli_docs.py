"""docs/cli.md documents every command and option, and its examples run."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from scorepack.cli.main import app

DOC = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
GROUP: Any = typer.main.get_command(app)


def section(name: str) -> str:
    match = re.search(rf"^## `scorepack {name}`\n(.*?)(?=^## |\Z)", DOC, flags=re.S | re.M)
    assert match, f"docs/cli.md has no section for scorepack {name}"
    return match.group(1)


@pytest.mark.parametrize("name", sorted(GROUP.commands))
def test_every_option_is_documented(name: str) -> None:
    text = section(name)
    flags = [f for p in GROUP.commands[name].params for f in (*p.opts, *p.secondary_opts)]
    missing = [f for f in flags if f"`{f}`" not in text]
    assert not missing, f"docs/cli.md, scorepack {name}: {missing} not documented"


EXAMPLES = [
    line
    for block in re.findall(r"```sh\n(.*?)```", DOC.split("## Examples")[1], flags=re.S)
    for line in block.splitlines()
    if line.startswith("scorepack ")
]


@pytest.mark.parametrize("line", EXAMPLES)
def test_examples_run(line: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, shlex.split(line)[1:])
    assert result.exit_code == 0, result.stderr
