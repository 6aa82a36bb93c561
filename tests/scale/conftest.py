"""Fixtures of the distributed-ingest tests: a corpus, its single-process store, a cluster in subprocesses."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimtrace.ingest import ingest
from claimtrace.options import Options
from claimtrace.store import open_store
from tests.conftest import EXAMPLE_CORPUS, ROOT

STATES = ["Armenia", "Georgia", "Mongolia", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Belarus", "Moldova"]
ITEMS = ["howitzers", "armoured personnel carriers", "reconnaissance drones", "sniper rifles", "transport helicopters"]
REPORTS = 14
SMALL_BATCH = 3  # documents per batch where a test needs many batches from a small corpus


def report_text(number: int) -> str:
    """An invented wire report about an arms delivery and its denial."""
    seller, buyer = STATES[number % 8], STATES[(number * 3 + 1) % 8]
    if seller == buyer:
        buyer = STATES[(number + 1) % 8]
    item = ITEMS[number % len(ITEMS)]
    return (f"{seller} shipped {number + 3} {item} to {buyer}, officials say\n\n"
            f"April {1 + number % 27}, 2023\n\n"
            f"{seller} shipped {number + 3} {item} to {buyer} in March, two officials in {buyer} said on Monday. "
            f"The foreign ministry of {seller} denied that any {item} had left the country. "
            f"According to a regional newspaper, the chiefs of staff of both armies met near the border "
            f"in February to plan joint exercises for the autumn.\n")


def write_corpus(folder: Path) -> Path:
    """Reports, the example corpus, a JSONL feed cut into line ranges, a republished report (a near-duplicate
    of an earlier one, in a later batch), a copy of a report (skipped by content) and two bad inputs."""
    folder.mkdir(parents=True)
    for number in range(REPORTS):
        (folder / f"a-{number:03d}.txt").write_text(report_text(number), encoding="utf-8")
    shutil.copytree(EXAMPLE_CORPUS, folder / "examples")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    records = [json.dumps({"id": f"feed-{n}", "text": report_text(100 + n), "outlet": "Steppe Wire"}) for n in range(5)]
    records[2:2] = ["", "{not json"]
    (folder / "feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (folder / "y-copy").mkdir()
    shutil.copy(folder / "a-003.txt", folder / "y-copy" / "a-003.txt")
    (folder / "z-republished.txt").write_text(report_text(1).replace("on Monday", "on Tuesday"), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def scale_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("scale") / "corpus")


@pytest.fixture(scope="session")
def single_process_store(scale_corpus: Path, tmp_path_factory: pytest.TempPathFactory, resources) -> Path:
    """The corpus ingested in this process, as ``claimtrace ingest`` does: what every cluster run must match."""
    path = tmp_path_factory.mktemp("single") / "single.db"
    with open_store(path) as store:
        report = ingest([scale_corpus], store, Options(progress=False))
    assert "a-003" in report.skipped  # the copy
    return path


def store_rows(db: Path, numbering: bool = True) -> dict[str, list[tuple]]:
    """Every row of every table, timestamps (``*_at``) left out, sorted: equal for two stores with the same content.

    ``numbering=False`` also leaves out what depends on the order documents were
    written in: integer row numbers and the full-text index files over them.
    """
    connection = sqlite3.connect(db)
    try:
        schema = connection.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        virtual = [name for name, sql in schema if sql.upper().startswith("CREATE VIRTUAL TABLE")]
        rows = {}
        for name, _ in schema:
            if name.startswith("sqlite_") or (not numbering and any(name.startswith(f"{v}_") for v in virtual)):
                continue
            columns = [f'"{column}"' for _, column, kind, _, _, key in connection.execute(f'PRAGMA table_info("{name}")')
                       if not column.endswith("_at") and (numbering or not (key and kind.upper() == "INTEGER"))]
            rows[name] = sorted(connection.execute(f'SELECT {", ".join(columns)} FROM "{name}"').fetchall(), key=repr)
        return rows
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Dask scheduler and two single-thread workers in subprocesses on 127.0.0.1, as a separate cluster runs.

    The scheduler fails a task the first time its worker dies (allowed-failures 0),
    as the local clusters of ``--workers`` do; the workers can import ``tests``.
    """
    logs = tmp_path_factory.mktemp("cluster")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = os.environ | {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0",
                        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    commands = [
        [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--no-dashboard"],
        [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "2", "--nthreads", "1",
         "--host", "127.0.0.1", "--no-dashboard"],
    ]
    processes = []
    try:
        for number, command in enumerate(commands):
            with (logs / f"{number}.log").open("wb") as log:
                processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT))
            if number == 0:
                _wait_for_port(port, processes[0], timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_port(port: int, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the scheduler exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no scheduler on port {port} within {timeout} s")
