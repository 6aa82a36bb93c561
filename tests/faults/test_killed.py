"""A writer killed with SIGKILL mid-ingest or mid-link leaves whole documents, and a second run completes the store."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

from claimtrace.ingest import ingest
from claimtrace.options import Options
from claimtrace.store import open_store
from tests.faults.conftest import CORPUS_SIZE, INGEST, assert_whole_documents, content, count, wait_until


def _kill_when(db: Path, corpus: Path, condition_sql: str, what: str) -> None:
    """Start `claimtrace ingest`, SIGKILL it as soon as `condition_sql` counts more than 0."""
    process = subprocess.Popen([*INGEST, str(corpus), "--db", str(db), "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: count(db, condition_sql) > 0 or process.poll() is not None, 300, what)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


def test_killed_mid_ingest_leaves_whole_documents_and_a_second_run_completes(
        tmp_path: Path, corpus: Path, clean_store: Path) -> None:
    db = tmp_path / "killed.db"
    _kill_when(db, corpus, "SELECT count(*) >= 3 FROM documents", "3 documents stored")
    stored = assert_whole_documents(db, clean_store)
    assert 3 <= stored < CORPUS_SIZE, "the kill should land in the middle of the run"

    with open_store(db) as store:
        report = ingest([corpus], store, Options(progress=False))
    assert (len(report.skipped), len(report.stored)) == (stored, CORPUS_SIZE - stored)
    assert content(db) == content(clean_store)


def test_killed_mid_link_is_linked_by_the_next_run(tmp_path: Path, corpus: Path, clean_store: Path) -> None:
    db = tmp_path / "killed.db"
    in_link_stage = (f"SELECT (SELECT count(*) FROM documents) = {CORPUS_SIZE} "
                     f"AND (SELECT count(*) FROM entities) > 0 AND (SELECT count(*) FROM pending_links) > 0")
    _kill_when(db, corpus, in_link_stage, "every document stored, entities linked, stories not yet")
    assert assert_whole_documents(db, clean_store) == CORPUS_SIZE
    assert count(db, "SELECT count(*) FROM pending_links") > 0, "the kill should land inside the link stage"

    with open_store(db) as store:
        report = ingest([corpus], store, Options(progress=False))
    assert len(report.skipped) == CORPUS_SIZE and report.link is not None
    assert content(db) == content(clean_store)
