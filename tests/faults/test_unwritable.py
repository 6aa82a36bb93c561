"""A store that cannot be written (full disk, read-only file system): a clear error, nothing lost, nothing half-written.

Tests run as root, where file permissions do not stop writes; a real tmpfs that
fills up or is remounted read-only does (``small_disk``), and SQLite's own
limits give the same errors through the same code where mounting is not allowed.
"""

from __future__ import annotations

import errno
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from claimtrace.errors import StoreUnwritable
from claimtrace.ingest import ingest
from claimtrace.options import Options
from claimtrace.store import open_store
from tests.faults.conftest import CORPUS_SIZE, INGEST, assert_whole_documents, content, write_corpus

FIRST = 10  # documents stored before the store stops taking writes
OPTIONS = Options(progress=False)


def _first_part(root: Path, db: Path) -> dict[str, list[tuple]]:
    """Store the corpus's first documents in `db`; return the store's content."""
    with open_store(db) as store:
        ingest([write_corpus(root / "first", range(FIRST))], store, OPTIONS)
    return content(db)


def _fill(disk: Path, leave: int) -> Path:
    """Fill the file system at `disk` up to `leave` bytes; returns the filler file."""
    filler = disk / "filler"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    with filler.open("r+b") as handle:
        handle.truncate(filler.stat().st_size - leave)
    return filler


def _cli_ingest(corpus: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INGEST, str(corpus), "--db", str(db), "--quiet"], capture_output=True, text=True,
                          timeout=600)


def _resume_and_compare(corpus: Path, db: Path, clean_store: Path) -> None:
    with open_store(db) as store:
        ingest([corpus], store, OPTIONS)
    assert content(db) == content(clean_store)


def _assert_one_line_error(stderr: str, *parts: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr
    for part in parts:
        assert part in lines[0]


def test_a_full_disk_stops_the_run_with_a_clear_error_and_a_second_run_completes(
        small_disk: Path, tmp_path: Path, corpus: Path, clean_store: Path) -> None:
    db = small_disk / "kb.db"
    _first_part(tmp_path, db)
    filler = _fill(small_disk, leave=160 * 1024)
    result = _cli_ingest(corpus, db)
    assert result.returncode == 1
    _assert_one_line_error(result.stderr, "refused to write document", "database or disk is full",
                           "Nothing was half-written", "free some disk space")
    stored = assert_whole_documents(db, clean_store)
    assert FIRST <= stored < CORPUS_SIZE
    filler.unlink()
    _resume_and_compare(corpus, db, clean_store)


def test_a_store_at_its_size_limit_stops_the_run_and_a_second_run_completes(
        tmp_path: Path, corpus: Path, clean_store: Path) -> None:
    db = tmp_path / "kb.db"
    before = _first_part(tmp_path, db)
    with open_store(db) as store:
        pages = store.connection.execute("PRAGMA page_count").fetchone()[0]
        store.connection.execute(f"PRAGMA max_page_count = {pages + 4}")  # SQLite answers SQLITE_FULL past it
        with pytest.raises(StoreUnwritable, match=r"refused to write document .* database or disk is full\. "
                                                  r"Nothing was half-written .*: free some disk space"):
            ingest([corpus], store, OPTIONS)
    assert assert_whole_documents(db, clean_store) >= FIRST
    assert {key: content(db)[key] for key in ("entities", "stories")} == {k: before[k] for k in ("entities", "stories")}
    _resume_and_compare(corpus, db, clean_store)


def test_a_read_only_file_system_is_refused_with_a_clear_error_and_nothing_is_lost(
        small_disk: Path, tmp_path: Path, corpus: Path, clean_store: Path) -> None:
    db = small_disk / "kb.db"
    before = _first_part(tmp_path, db)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        result = _cli_ingest(corpus, db)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    assert result.returncode == 1
    _assert_one_line_error(result.stderr, f"cannot open store {db}", "read-only")
    assert content(db) == before
    _resume_and_compare(corpus, db, clean_store)


def test_a_store_turned_read_only_mid_run_stops_at_the_document_and_nothing_is_lost(
        tmp_path: Path, corpus: Path, clean_store: Path) -> None:
    db = tmp_path / "kb.db"
    before = _first_part(tmp_path, db)
    with open_store(db) as store:
        store.connection.execute("PRAGMA query_only = ON")  # every write now fails as on a read-only file
        with pytest.raises(StoreUnwritable, match=r"refused to write document \w+ \(.*report-010\.txt\): attempt to "
                                                  r"write a readonly database\. .*make the store and its folder"):
            ingest([corpus], store, OPTIONS)
    assert content(db) == before
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT count(*) FROM rejections").fetchone()[0] == 0
    _resume_and_compare(corpus, db, clean_store)
