"""Two publishes of one month at once, and a publish killed part-way, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from scorepack.periods import Month
from scorepack.publish.repository import Store
from scorepack.service.publish import gather, publish

ROOT = Path(__file__).parents[2]
FEB = Month(2016, 2)


def start(url: str, folder: Path, mode: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.publish.publisher", url, str(folder), mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_publishes_of_one_month_at_once_one_wins(store_url: str, tmp_path: Path) -> None:
    Store(store_url).close()  # the store exists (both runs would also race to create it)
    runs = [start(store_url, tmp_path, "race") for _ in range(2)]
    time.sleep(0.5)
    (tmp_path / "go").touch()
    results = [(r.wait(timeout=120), *r.communicate()) for r in runs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    loser = next(err for code, _, err in results if code == 2)
    assert "2016-02" in loser and ("already published" in loser or "at the same moment" in loser)
    assert "Traceback" not in loser
    with Store(store_url) as store:
        assert [v.version for v in store.versions(FEB)] == [1]
        assert store.files(FEB)


def test_a_publish_killed_part_way_leaves_nothing_published(store_url: str, tmp_path: Path) -> None:
    Store(store_url).close()
    run = start(store_url, tmp_path, "hang")
    deadline = time.monotonic() + 120
    while not (tmp_path / "hanging").exists():
        assert run.poll() is None, run.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=30)
    with Store(store_url) as store:
        assert store.versions(FEB) == []
        assert store.judgements(FEB) == []
        done = publish(store, gather("kent-scs-2016", None, None, None, None, "2016-02"), "again")
        assert done.version.version == 1
