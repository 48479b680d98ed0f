"""What the CLI promises about its output: only inside --out, all or nothing, never a traceback."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from scorepack import outputs
from scorepack.cli.main import app
from scorepack.presets import get
from scorepack.service.cache import cache_dir, key_for

runner = CliRunner()
KENT = ("--preset", "kent-scs-2016")
SLOW = ("--format", "json,markdown,html,xlsx", "--units-scope", "all")
"""A build long enough to be killed half-way."""


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout + result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the cache (locks and logs), with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.is_relative_to(cache_dir())
    }


def units_with(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "units.csv"
    text = get("kent-scs-2016").units.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# Each case: a name, the arguments (given tmp_path), the exit status, words of the
# message, and whether a folder "out" must be left as it was (absent or untouched).
Case = tuple[str, Callable[[Path], list[str]], int, str]


def _out_is_file(tmp: Path) -> list[str]:
    (tmp / "out").write_text("mine")
    return ["build", *KENT, "--out", str(tmp / "out")]


def _out_not_ours(tmp: Path) -> list[str]:
    (tmp / "out").mkdir()
    (tmp / "out" / "precious.txt").write_text("keep me")
    return ["build", *KENT, "--out", str(tmp / "out")]


def _scorecard_out_folder(tmp: Path) -> list[str]:
    (tmp / "out").mkdir()
    return ["scorecard", *KENT, "--format", "json", "--out", str(tmp / "out")]


def _escaping_unit(tmp: Path) -> list[str]:
    units = units_with(tmp, "kent,Kent,,county", "x/../../escaped,Kent,,county")
    return ["build", *KENT, "--units", str(units), "--out", str(tmp / "out")]


def _no_figures(tmp: Path) -> list[str]:
    return ["build", *KENT, "--period", "2017-03", "--out", str(tmp / "out")]


def _bad_produced(tmp: Path) -> list[str]:
    return ["build", *KENT, "--produced", "21/04/2016", "--out", str(tmp / "out")]


def _folder_locked(tmp: Path) -> list[str]:
    lock = cache_dir() / "locks" / f"{key_for(tmp / 'out')}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    held = FileLock(lock)
    held.acquire()
    _HELD.append(held)
    return ["build", *KENT, "--out", str(tmp / "out")]


_HELD: list[FileLock] = []

REFUSALS: list[Case] = [
    ("--out names a file", _out_is_file, 2, "is a file; give a folder"),
    ("--out holds files not ours", _out_not_ours, 2, "scorepack did not write"),
    ("scorecard --out names a folder", _scorecard_out_folder, 2, "is a folder; give a file"),
    ("a unit id that climbs out", _escaping_unit, 2, "units.csv, line 2, column id"),
    ("a month with no figures", _no_figures, 2, "--period: no figures at all for 2017-03"),
    ("a malformed --produced", _bad_produced, 2, "--produced"),
    ("another build holds --out", _folder_locked, 1, "another scorepack run is using"),
]


@pytest.mark.parametrize(
    ("name", "args", "status", "words"), REFUSALS, ids=[c[0] for c in REFUSALS]
)
def test_refusals_give_a_message_and_leave_everything_as_it_was(
    tmp_path: Path, name: str, args: Callable[[Path], list[str]], status: int, words: str
) -> None:
    argv = args(tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    outside = snapshot(tmp_path.parent)
    try:
        code, text = run(*argv)
    finally:
        while _HELD:
            _HELD.pop().release()
    assert code == status, text
    assert words in text
    assert "Traceback" not in text
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    assert snapshot(tmp_path.parent) == outside


@pytest.mark.parametrize("name", ["x/../../escaped", "../up", "/etc/passwd", "a\\b", "", "."])
def test_no_output_name_lands_outside_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(outputs.InputError), outputs.staged_folder(tmp_path / "out", ".m") as stage:
        outputs.write_folder(stage, {name: b"x"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_disk_full_write_keeps_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert run("build", *KENT, "--out", str(out), "--quiet")[0] == 0
    before = snapshot(out)
    calls = []

    def full(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        path.write_bytes(data)

    monkeypatch.setattr(outputs, "_write_bytes", full)
    code, text = run("build", *KENT, "--format", "json", "--out", str(out), "--quiet")
    assert code == 1
    assert "No space left on device" in text and "was left as it was" in text
    assert "Traceback" not in text
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_an_unexpected_error_is_logged_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    import scorepack.cli.main as main

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(main.service, "catalogue_items", broken)
    code, text = run("catalogue", *KENT)
    assert code == 70
    assert "Traceback" not in text
    assert "RuntimeError: boom" in text
    log = Path(text.split("the details are in ")[1].split()[0])
    assert log.is_relative_to(cache_dir())
    assert "Traceback" in log.read_text() and "boom" in log.read_text()


def test_files_of_an_earlier_run_do_not_stay(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", *KENT, "--format", "json,markdown", "--out", str(out), "--quiet")[0] == 0
    assert run("build", *KENT, "--format", "json", "--out", str(out), "--quiet")[0] == 0
    assert not list(out.glob("*.md"))


def test_a_killed_build_leaves_the_previous_output_and_is_cleaned_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", *KENT, "--format", "json", "--out", str(out), "--quiet")[0] == 0
    before = snapshot(out)
    proc = subprocess.Popen(
        [sys.executable, "-m", "scorepack", "build", *KENT, *SLOW, "--out", str(out), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "SCOREPACK_CACHE": str(cache_dir())},
    )
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".out.staging-*")) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.005)
    assert proc.poll() is None, "the build ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert snapshot(out) == before
    assert list(tmp_path.glob(".out.staging-*"))  # what the killed run left
    assert run("build", *KENT, "--format", "json", "--out", str(out), "--quiet")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_commentary_that_will_not_show_is_named(tmp_path: Path) -> None:
    book = tmp_path / "commentary.md"
    book.write_text(
        "# pf-initial-visit-7d | kent | 2016-03\nShown.\n"
        "# pf-initial-visit-7d | kent | 2016-02\nLast month's.\n"
        "# rereferrals-12m | kent | 2016-03\nNot Red.\n"
        "# pf-initial-visit-7d | dartford-ait-fst | 2016-03\nA team, not in the areas scope.\n",
        encoding="utf-8",
    )
    code, text = run(
        "build", *KENT, "--commentary", str(book), "--format", "html", "--out", str(tmp_path / "o")
    )
    assert code == 0, text
    lines = [line for line in text.splitlines() if line.startswith("warning:")]
    assert len(lines) == 3, text
    assert "pf-initial-visit-7d / kent / 2016-02 not used: it is for 2016-02" in text
    assert "rereferrals-12m / kent / 2016-03 not used: rereferrals-12m is not Red" in text
    assert "dartford-ait-fst has no scorecard in this pack" in text


@pytest.mark.parametrize(
    ("file_name", "body", "formats", "words"),
    [
        ("notes.txt", "just some notes\n", "html", "no commentary found (read as Markdown"),
        ("c.md", "no headings here\n", "html", "no commentary entries found"),
        ("c.md", "# pf-initial-visit-7d | kent | 2016-03\nx\n", "json", "appears only in the pack"),
    ],
)
def test_commentary_of_the_wrong_kind_is_warned_about(
    tmp_path: Path, file_name: str, body: str, formats: str, words: str
) -> None:
    book = tmp_path / file_name
    book.write_text(body, encoding="utf-8")
    code, text = run(
        "build", *KENT, "--commentary", str(book), "--format", formats, "--out", str(tmp_path / "o")
    )
    assert code == 0, text
    assert "warning:" in text and words in text


def test_markdown_shows_unit_names_as_written(tmp_path: Path) -> None:
    units = units_with(tmp_path, "kent,Kent,,county", "kent,*Kent* <b>[x](y)</b>,,county")
    out = tmp_path / "o"
    code, text = run(
        "build", *KENT, "--units", str(units), "--format", "markdown", "--out", str(out), "--quiet"
    )
    assert code == 0, text
    md = (out / "scorecard-kent-2016-03.md").read_text()
    assert md.startswith("## Scorecard - \\*Kent\\* \\<b\\>\\[x\\](y)\\</b\\>\n")
    assert "<b>" not in md


def test_produced_dates_the_pack(tmp_path: Path) -> None:
    out = tmp_path / "o"
    code, text = run(
        "build", *KENT, "--format", "html", "--produced", "2016-04-21", "--out", str(out)
    )
    assert code == 0, text
    assert "Produced 21 April 2016" in (out / "pack-2016-03.html").read_text()


def test_a_run_killed_mid_swap_gets_its_previous_output_back(tmp_path: Path) -> None:
    # A run killed between the two renames of the swap leaves the old output
    # aside and no folder; the next run into the folder puts it back first.
    old = tmp_path / ".out.old-4242"
    old.mkdir()
    (old / ".m").write_text("")
    (old / "a.json").write_text("{}")
    (tmp_path / ".out.staging-4243").mkdir()
    with pytest.raises(RuntimeError), outputs.staged_folder(tmp_path / "out", ".m"):
        raise RuntimeError("this run fails too")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (tmp_path / "out" / "a.json").read_text() == "{}"
