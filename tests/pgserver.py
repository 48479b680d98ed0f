"""A throwaway PostgreSQL server on loopback, started by the suite itself.

The suite needs a real PostgreSQL server (Debian's ``postgresql`` package,
installed by ``make test``).  This module creates a new cluster in a temporary
folder, starts it on 127.0.0.1 on a free port with its socket inside that
folder, and removes it all at the end.  As root (CI), the server runs as the
``postgres`` system user, since PostgreSQL refuses to run as root.

``SCOREPACK_TEST_POSTGRES_URL`` (e.g. ``postgresql://user@127.0.0.1:5432``) uses
a server you already run instead; each test database is still created and
dropped by the suite.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

SUPERUSER = "scorepack"
ENV_URL = "SCOREPACK_TEST_POSTGRES_URL"


def bindir() -> Path | None:
    """The newest installed PostgreSQL server's bin folder, or None."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    """One running server; ``database()`` makes a fresh, empty database on it."""

    def __init__(self, base_url: str, folder: Path | None = None, as_user: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.folder = folder
        self.as_user = as_user
        self._bin = bindir()

    @classmethod
    def start(cls) -> PostgresServer:
        binaries = bindir()
        if binaries is None:
            raise RuntimeError(
                "PostgreSQL server binaries not found: run `make test` (it installs Debian's "
                "postgresql as root) or `sudo apt-get install postgresql`"
            )
        folder = Path(tempfile.mkdtemp(prefix="scorepack-pg-"))
        as_user = "postgres" if os.geteuid() == 0 else None
        if as_user:
            shutil.chown(folder, user=as_user)
            folder.chmod(0o700)
        data = folder / "data"
        port = _free_port()
        server = cls(f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}", folder, as_user)
        server._run(
            [
                str(binaries / "initdb"),
                "-D",
                str(data),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={port} "
            f"-c unix_socket_directories={folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        server._run(
            [
                str(binaries / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(folder / "server.log"),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        return server

    def _run(self, argv: list[str]) -> None:
        if self.as_user:
            argv = ["runuser", "-u", self.as_user, "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = ""
            if self.folder and (self.folder / "server.log").exists():
                log = (self.folder / "server.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(
                f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}{done.stderr}{log}"
            )

    def stop(self) -> None:
        if self.folder is None or self._bin is None:
            return
        with contextlib.suppress(RuntimeError):
            self._run(
                [
                    str(self._bin / "pg_ctl"),
                    "-D",
                    str(self.folder / "data"),
                    "-m",
                    "immediate",
                    "stop",
                ]
            )
        shutil.rmtree(self.folder, ignore_errors=True)

    def _admin(self, sql: str) -> None:
        import sqlalchemy as sa

        engine = sa.create_engine(f"{self.base_url}/postgres", isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(sa.text(sql))
        finally:
            engine.dispose()

    def database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return f"{self.base_url}/{name}"

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        for _ in range(20):
            try:
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                return
            except Exception:  # a connection still closing
                time.sleep(0.1)


@contextlib.contextmanager
def running_server() -> Iterator[PostgresServer]:
    url = os.environ.get(ENV_URL)
    if url:
        yield PostgresServer(url)
        return
    server = PostgresServer.start()
    try:
        yield server
    finally:
        server.stop()
