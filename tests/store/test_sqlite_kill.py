"""A writer killed with SIGKILL in the middle of many writes leaves a consistent store of whole documents."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

import claimtrace
from claimtrace.model import Document
from claimtrace.store import Store

# The child rebuilds the documents with this folder's conftest, so parent and child agree on every row.
WRITER = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("store_test_documents", sys.argv[1])
documents = importlib.util.module_from_spec(spec)
spec.loader.exec_module(documents)
from claimtrace.model import Rejection
from claimtrace.store import Store

with Store(sys.argv[2]) as store:
    number = 0
    while True:
        store.write_document(documents.build_document(number))
        if number % 3 == 0:  # rewrites delete and insert children: kill those half-way too
            store.write_document(documents.build_document(number // 2))
            store.write_rejection(Rejection(f"/in/{number}.bin", "binary input"))
        number += 1
"""
CONFTEST = Path(__file__).with_name("conftest.py")


def _stored(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(path, timeout=5)) as connection:
            return connection.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
@pytest.mark.parametrize("pause", [0.0, 0.013, 0.029])
def test_writer_killed_mid_write_leaves_whole_documents(db_path: Path, pause: float,
                                                        make_document: Callable[[int], Document],
                                                        count_children: Callable,
                                                        expect_children: Callable) -> None:
    db_path.parent.mkdir(parents=True)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(Path(claimtrace.__file__).parents[1]),
                                                       os.environ.get("PYTHONPATH", "")]))
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(CONFTEST), str(db_path)], env=env,
                             stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while _stored(db_path) < 25:
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else "writer exited"
            assert time.monotonic() < deadline, "writer stored fewer than 25 documents in 30 s"
            time.sleep(0.01)
        time.sleep(pause)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        if child.stderr:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    with Store(db_path) as store, closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = store.documents()
        assert len(rows) >= 25
        for row in rows:
            expected = make_document(int(row.name.rsplit("-", 1)[1]))
            assert count_children(connection, row.id) == expect_children(expected), row.name
            assert store.load_document(row.id) == expected
        numbers = sorted(int(row.name.rsplit("-", 1)[1]) for row in rows)
        assert numbers == list(range(len(numbers)))  # written in order: no gap, no half document
