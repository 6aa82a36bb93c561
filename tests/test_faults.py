"""Bad input and interrupted runs: rejected with a reason, never a half-written store."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimtrace.ingest import ingest
from claimtrace.options import Options
from claimtrace.store import open_store

GOOD = "Armenia said on Monday that it had received ten howitzers from India in May 2023.\n"


def _bad_folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Le ministère a démenti les rumeurs d'une livraison d'armes.\n".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n  \t\n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "broken.html").write_text("<html><head><title>Cut</title></head><body><div><p", encoding="utf-8")
    (folder / "feed.jsonl").write_text('{"text": "' + GOOD.strip() + ' Yerevan confirmed it."}\n{"title": "no text"}\nnot json\n',
                                       encoding="utf-8")
    (folder / "huge.txt").write_text("Georgia bought drones from Israel. " * 40000, encoding="utf-8")  # ~1.4 MB
    return folder


def test_bad_inputs_are_rejected_with_reasons_and_the_run_goes_on(tmp_path: Path, resources) -> None:
    folder = _bad_folder(tmp_path)
    with open_store(tmp_path / "kb.db") as store:
        report = ingest([folder], store, Options(progress=False, max_size_mb=1.0))
        rejected = {Path(r.origin.split(":")[0]).name: r.reason for r in store.rejections()}
        stored = {row.name for row in store.documents()}
    assert {"good", "latin1"} <= stored
    assert {"empty.txt", "blank.md", "image.txt", "huge.txt", "feed.jsonl"} <= set(rejected)
    assert rejected["empty.txt"].startswith("empty input")
    assert rejected["image.txt"].startswith("binary input")
    assert rejected["huge.txt"].startswith("too large")
    assert "broken" in stored or "broken.html" in rejected  # truncated HTML: what is there, or a clear reason
    assert len(report.rejected) >= 5
    assert all("\n" not in reason for reason in rejected.values())


def test_cli_exit_code_says_something_was_rejected(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    result = subprocess.run([sys.executable, "-m", "claimtrace.cli", "ingest", str(folder), "--db",
                             str(tmp_path / "cli.db"), "--quiet", "--max-size", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 3, result.stderr
    assert "rejected" in result.stdout and "empty input" in result.stdout
    with sqlite3.connect(tmp_path / "cli.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


COUNTRIES = ["Armenia", "Georgia", "Mongolia", "Kyrgyzstan", "Tajikistan", "Uzbekistan", "Turkmenistan", "Belarus"]
ITEMS = ["howitzers", "armoured vehicles", "drones", "rifles", "helicopters"]


def _generated_corpus(root: Path, count: int) -> Path:
    folder = root / "generated"
    folder.mkdir()
    for i in range(count):
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


def test_a_file_over_the_default_limit_is_rejected_unread(tmp_path: Path, resources) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    with (folder / "dump.txt").open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: 51 MB on paper, nothing written
    (folder / "note.txt").write_text(GOOD, encoding="utf-8")
    with open_store(tmp_path / "kb.db") as store:
        report = ingest([folder], store, Options(progress=False))
        assert [row.name for row in store.documents()] == ["note"]
    assert [r.reason.split(":")[0] for r in report.rejected] == ["too large"]
    assert "51.0 MB" in report.rejected[0].reason and "--max-size" in report.rejected[0].reason


@pytest.mark.slow
def test_killed_ingest_leaves_a_consistent_store_that_a_second_run_completes(tmp_path: Path, resources) -> None:
    corpus = _generated_corpus(tmp_path, 120)
    db = tmp_path / "killed.db"
    process = subprocess.Popen([sys.executable, "-m", "claimtrace.cli", "ingest", str(corpus), "--db", str(db),
                                "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for_documents(db, at_least=3, timeout=120)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        without_segments = connection.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM segments s WHERE s.doc_id = d.id)"
        ).fetchone()[0]
    assert 3 <= stored < 120, "the kill should land in the middle of the run"
    assert without_segments == 0

    with open_store(db) as store:
        ingest([corpus], store, Options(progress=False))
    clean = tmp_path / "clean.db"
    with open_store(clean) as store:
        ingest([corpus], store, Options(progress=False))
    assert _content(db) == _content(clean)


def _wait_for_documents(db: Path, at_least: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as connection:
                    if connection.execute("SELECT count(*) FROM documents").fetchone()[0] >= at_least:
                        return
            except sqlite3.OperationalError:
                pass  # not created or migrated yet
        time.sleep(0.02)
    raise AssertionError(f"no {at_least} documents stored within {timeout} s")


def _content(db: Path) -> dict[str, list[tuple]]:
    queries = {
        "documents": "SELECT id, hash FROM documents",
        "segments": "SELECT id, doc_id FROM segments",
        "mentions": "SELECT doc_id, start, end, entity_key FROM mentions",
        "attributions": "SELECT id FROM attributions",
        "claims": "SELECT id, polarity, certainty FROM event_claims",
        "stories": "SELECT story_id, claim_id FROM story_claims",
        "contradictions": "SELECT claim_a, claim_b, kind FROM contradictions",
    }
    with sqlite3.connect(db) as connection:
        return {name: sorted(connection.execute(sql).fetchall()) for name, sql in queries.items()}
