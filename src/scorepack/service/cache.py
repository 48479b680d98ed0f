"""scorepack's cache folder: records databases, locks and the log of unexpected errors.

The cache follows the XDG base directory rule: ``$XDG_CACHE_HOME/scorepack``,
else ``~/.cache/scorepack``; ``SCOREPACK_CACHE`` overrides both.  Nothing in it
is precious: deleting it only costs a reload of the records.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from scorepack.errors import Problem, RunError


def cache_dir() -> Path:
    if os.environ.get("SCOREPACK_CACHE"):
        return Path(os.environ["SCOREPACK_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "scorepack"


def key_for(path: Path) -> str:
    """A short, stable name for a folder: its absolute path, hashed."""
    absolute = str(path.expanduser().resolve())
    return hashlib.sha256(absolute.encode("utf-8")).hexdigest()[:16]


def records_database(records: Path) -> Path:
    """Where the database loaded from ``records`` is kept: keyed by the folder's path."""
    return cache_dir() / "records" / key_for(records) / "records.duckdb"


@contextlib.contextmanager
def holding(path: Path, what: str) -> Iterator[None]:
    """Hold the lock on ``path`` (a folder or database) or say who holds it.

    The lock file lives in the cache, never beside ``path``, so that read-only
    folders can be locked and output folders are not littered.
    """
    lock_file = cache_dir() / "locks" / f"{key_for(path)}.lock"
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_file, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise RunError(
            [
                Problem(
                    str(path),
                    None,
                    None,
                    f"another scorepack run is using {what}; try again when it has finished",
                )
            ]
        ) from None
    try:
        yield
    finally:
        lock.release()


def log_unexpected(exc: BaseException, argv: list[str]) -> Path:
    """Write the traceback of an unexpected error to a new log file; return its path."""
    folder = cache_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = folder / f"error-{stamp}-{os.getpid()}.log"
    text = "".join(traceback.format_exception(exc))
    path.write_text(f"scorepack {' '.join(argv)}\n\n{text}", encoding="utf-8")
    return path
