"""Every command, on every kind of bad input: a message and a status, never a traceback.

The commands and their options are read from the typer app, so a new command
or option is covered as soon as it is registered.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from scorepack.cli.main import INTERNAL_ERROR, app

runner = CliRunner()
GROUP: Any = typer.main.get_command(app)
COMMANDS = sorted(GROUP.commands)
KINDS = ("missing", "folder", "garbage", "empty", "not-utf8", "malformed")
MALFORMED: dict[type, list[str]] = {
    str: ["", "../../x", "2016/13", "nope,json"],
    Enum: ["nope"],
    int: ["-1", "x"],
    float: ["0", "nan", "x"],
    datetime: ["2016-13-45"],
}
FAST = {"--scale": "0.01", "--format": "json"}
"""Values that keep a run that succeeds short."""
ONCE = ("--check",)
"""Flags that make a long-running command (``serve``) check its input and stop."""


def _options(command: Any) -> list[Any]:
    return [p for p in command.params if p.param_type_name == "option" and not p.is_flag]


def _base(command: Any, tmp: Path) -> list[str]:
    argv = [command.name]
    for param in _options(command):
        flag = param.opts[0]
        if flag == "--preset":
            argv += [flag, "kent-scs-2016"]
        elif param.required:
            argv += [flag, str(tmp / "base-out")]
    return argv


def _kind_of(param: Any) -> type:
    annotation = param.type_descriptor.annotation
    return Enum if isinstance(annotation, type) and issubclass(annotation, Enum) else annotation


def _bad_values(kind: str, param: Any, tmp: Path) -> list[str]:
    if kind == "malformed":
        return MALFORMED.get(_kind_of(param), [])
    if _kind_of(param) is not Path:
        return []
    target = tmp / f"bad-{kind}"
    if kind == "folder":
        target.mkdir(exist_ok=True)
        (target / "x.csv").write_text("id\n")
    elif kind == "garbage":
        target.write_bytes(bytes(range(256)) * 8)
    elif kind == "empty":
        target.write_bytes(b"")
    elif kind == "not-utf8":
        target.write_bytes("id,name,parent,kind\nkent,Kénté,,county\n".encode("latin-1"))
    return [str(target)]


def _runs(command: Any, kind: str, tmp: Path) -> list[list[str]]:
    runs = []
    for param in _options(command):
        flag = param.opts[0]
        for value in _bad_values(kind, param, tmp):
            argv = _base(command, tmp)
            if flag in argv:
                i = argv.index(flag)
                del argv[i : i + 2]
            extra = [x for f, v in FAST.items() if f != flag for x in (f, v) if _has(command, f)]
            extra += [f for f in ONCE if _has(command, f)]
            runs.append([*argv, *extra, flag, value])
    return runs


def _has(command: Any, flag: str) -> bool:
    return any(flag in p.opts for p in command.params)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", COMMANDS)
def test_bad_input_never_gives_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, kind: str
) -> None:
    # Relative paths among the bad values (``../../x``) must land in the test's own folder.
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    command = GROUP.commands[name]
    failures = []
    for argv in _runs(command, kind, tmp_path):
        result = runner.invoke(app, argv)
        text = result.stdout + result.stderr
        unhandled = result.exception is not None and not isinstance(result.exception, SystemExit)
        if unhandled or "Traceback" in text or result.exit_code == INTERNAL_ERROR:
            failures.append(f"scorepack {' '.join(argv)} -> {result.exit_code}: {text[-300:]!r}")
    assert not failures, "\n".join(failures)
