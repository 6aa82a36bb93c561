"""A throwaway PostgreSQL server for the tests: initdb and pg_ctl into a temporary folder, on 127.0.0.1.

``CLAIMTRACE_TEST_POSTGRES`` (a URL with the right to create databases) uses a
running server instead. As root, the server runs as the ``postgres`` user
(PostgreSQL refuses to run as root). Every test gets a database of its own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SERVER_ENV = "CLAIMTRACE_TEST_POSTGRES"
BIN_ENV = "CLAIMTRACE_TEST_POSTGRES_BIN"
START_TIMEOUT_S = 60


class ClusterUnavailable(Exception):
    """No server could be started or reached; the message says why (the tests that need one skip)."""


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary folder, trusted on 127.0.0.1, removed by :meth:`stop`."""

    def __init__(self) -> None:
        self.bin = _binaries()
        self.user = "postgres" if os.geteuid() == 0 else None
        self.folder = Path(tempfile.mkdtemp(prefix="claimtrace-pg-"))
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self) -> str:
        data = self.folder / "data"
        if self.user:
            shutil.chown(self.folder, user=self.user)
        # Text sorts by code point (C) and the word parser knows Unicode letters (C.UTF-8), as a store needs.
        self._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
                  "--lc-ctype=C.UTF-8")
        server_options = f"-h 127.0.0.1 -p {self.port} -k {self.folder} -F -c max_connections=200"
        self._run("pg_ctl", "-D", str(data), "-o", server_options, "-l", str(self.folder / "server.log"),
                  "-w", "-t", str(START_TIMEOUT_S), "start")
        return self.url

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_S + 30)
        if done.returncode != 0:
            log = self.folder / "server.log"
            detail = (done.stderr or done.stdout).strip() or (log.read_text() if log.exists() else "")
            raise ClusterUnavailable(f"{program} failed: {detail[-500:]}")


def create_database(admin_url: str) -> str:
    """A new empty database on the server of ``admin_url``; its URL."""
    import psycopg

    name = f"claimtrace_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + "/" + name


def drop_database(admin_url: str, url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _binaries() -> Path:
    """The folder of initdb and pg_ctl: $CLAIMTRACE_TEST_POSTGRES_BIN, Debian's newest, or the PATH."""
    candidates = [Path(os.environ[BIN_ENV])] if os.environ.get(BIN_ENV) else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
                         if p.parent.name.isdigit() else 0, reverse=True)
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).parent)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise ClusterUnavailable("no PostgreSQL server binaries (initdb, pg_ctl): install the Debian package "
                             f"'postgresql', or set {SERVER_ENV} to a server URL")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
