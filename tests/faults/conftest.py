"""Fixtures for the fault tests: a generated corpus, its store from a clean run, and ways to compare stores."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from claimtrace.ingest import ingest
from claimtrace.options import Options
from claimtrace.store import open_store

COUNTRIES = ["Armenia", "Georgia", "Mongolia", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Turkmenistan", "Belarus"]
ITEMS = ["howitzers", "armoured vehicles", "drones", "rifles", "helicopters"]
CORPUS_SIZE = 30
INGEST = [sys.executable, "-m", "claimtrace.cli", "ingest"]


def write_corpus(folder: Path, numbers: range) -> Path:
    """Reports of arms deliveries and denials between invented pairs of countries, one file each."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        a, b = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
        if a == b:
            b = COUNTRIES[(i + 1) % 8]
        item = ITEMS[i % len(ITEMS)]
        text = (f"Report {i}: {a} delivered {i + 2} {item} to {b}\n\nMarch {1 + i % 27}, 2024\n\n"
                f"{a} delivered {i + 2} {item} to {b} in February, officials in {b} said on Tuesday. "
                f"The defence ministry of {a} denied that any {item} had been sold. "
                f"According to local media, the two defence ministers met in {b} last month to discuss cooperation.\n")
        (folder / f"report-{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("faults") / "corpus", range(CORPUS_SIZE))


@pytest.fixture(scope="session")
def clean_store(corpus: Path, resources) -> Path:
    """The store of one uninterrupted ingest of the corpus: what every resumed run must end as."""
    path = corpus.parent / "clean.db"
    with open_store(path) as store:
        ingest([corpus], store, Options(progress=False))
    return path


def content(db: Path) -> dict[str, list[tuple]]:
    """Everything that must come out the same however the store was built (ids are hashes of content)."""
    queries = {
        "documents": "SELECT id, hash FROM documents",
        "segments": "SELECT id, doc_id FROM segments",
        "mentions": 'SELECT doc_id, "start", "end", entity_key FROM mentions',
        "attributions": "SELECT id FROM attributions",
        "claims": "SELECT id, polarity, certainty FROM event_claims",
        "arguments": "SELECT claim_id, role, value FROM claim_arguments",
        "entities": "SELECT key, name, type FROM entities",
        "stories": "SELECT story_id, claim_id FROM story_claims",
        "contradictions": "SELECT claim_a, claim_b, kind FROM contradictions",
        "pending_links": "SELECT doc_id FROM pending_links",
    }
    with closing(sqlite3.connect(db)) as connection:
        return {name: sorted(connection.execute(sql).fetchall()) for name, sql in queries.items()}


def rows_per_document(db: Path) -> dict[str, tuple[int, ...]]:
    """document id -> how many segments, mentions, attributions, claims and claim arguments it has stored."""
    sql = """
    SELECT d.id,
        (SELECT count(*) FROM segments s WHERE s.doc_id = d.id),
        (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id),
        (SELECT count(*) FROM attributions a WHERE a.doc_id = d.id),
        (SELECT count(*) FROM event_claims c WHERE c.doc_id = d.id),
        (SELECT count(*) FROM claim_arguments g JOIN event_claims c ON c.id = g.claim_id WHERE c.doc_id = d.id)
    FROM documents d"""
    with closing(sqlite3.connect(db)) as connection:
        return {row[0]: tuple(row[1:]) for row in connection.execute(sql)}


def assert_whole_documents(db: Path, clean: Path) -> int:
    """Every document in `db` has exactly the rows it has after a clean run; returns how many there are."""
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    stored, expected = rows_per_document(db), rows_per_document(clean)
    assert stored.keys() <= expected.keys()
    assert {doc_id: expected[doc_id] for doc_id in stored} == stored
    return len(stored)


def count(db: Path, sql: str) -> int:
    """A count read while another process may be writing (0 while the store is not created yet)."""
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)) as connection:
            return connection.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def wait_until(condition, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.02)
    raise AssertionError(f"not reached within {timeout} s: {what}")


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 16 MB file system (tmpfs) to fill up or remount read-only; needs root or CAP_SYS_ADMIN.

    Tests run as root, where file permissions do not stop writes: a full or
    read-only file system does.
    """
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "claimtrace-test", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)
