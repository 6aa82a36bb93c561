"""Bad input: rejected with a reason and the run goes on (interrupted runs and full disks: tests/faults/)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

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
