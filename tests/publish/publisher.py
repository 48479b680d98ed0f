"""A publish run in its own process, for the race and kill -9 tests.

``python -m tests.publish.publisher URL FOLDER MODE``:

- ``race``: wait for FOLDER/go, then publish February 2016; on PostgreSQL each
  run also waits, just before inserting its version, until the other has got
  that far too (so both really insert at once);
- ``hang``: publish, but stop for good while writing the pack's files (after
  the version and its judgements are inserted), having touched FOLDER/hanging.

Exit status 0 when published, 2 with the message on stderr when refused.
"""

from __future__ import annotations

import sys
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import event

from scorepack.errors import InputError
from scorepack.publish.repository import Store
from scorepack.service.publish import gather, publish


def main(url: str, folder: Path, mode: str) -> int:
    given = gather("kent-scs-2016", None, None, None, None, "2016-02")
    store = Store(url)
    me = uuid.uuid4().hex

    def pause(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if mode == "hang" and statement.startswith("INSERT INTO published_file"):
            (folder / "hanging").touch()
            time.sleep(600)
        if mode == "race" and statement.startswith("INSERT INTO publication "):
            (folder / f"at-insert-{me}").touch()
            deadline = time.monotonic() + 10
            while len(list(folder.glob("at-insert-*"))) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)

    event.listen(store.engine, "before_cursor_execute", pause)
    if mode == "race":
        while not (folder / "go").exists():
            time.sleep(0.01)
    try:
        done = publish(store, given, f"run-{me[:6]}")
    except InputError as exc:
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        return 2
    finally:
        store.close()
    print(f"published version {done.version.version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2]), sys.argv[3]))
