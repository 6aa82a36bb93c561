"""``claimtrace watch`` as a user runs it: a real process, a real HTTP server, Ctrl-C / SIGTERM between documents."""

from __future__ import annotations

import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

from click.testing import CliRunner

from claimtrace.cli import main
from tests.feed_server import FeedServer, Page, article, rss

COMMAND = [sys.executable, "-m", "claimtrace.cli", "watch"]


def test_watch_once_polls_folders_and_feeds_and_exits(tmp_path: Path, feed_server: FeedServer) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "memo.txt").write_text("Uzbekistan bought two transport helicopters from Russia in 2022.\n",
                                    encoding="utf-8")
    feed_server.pages["/a.html"] = Page(article("Exercise announced", [
        "Turkmenistan announced joint military exercises with Iran for September, state media reported."]))
    feed_server.pages["/feed.rss"] = Page(rss("Desert Post", [
        {"title": "Exercise announced", "link": feed_server.url("/a.html"), "guid": "dp-1"},
        {"title": "Dead link", "link": feed_server.url("/missing.html"), "guid": "dp-2"}]))
    db = tmp_path / "kb.db"
    result = subprocess.run([*COMMAND, str(inbox), "--feed", feed_server.url("/feed.rss"), "--once", "--db", str(db)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 3, result.stderr  # the dead link's item is rejected
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("poll 1 at ") and "1 new or changed files, 2 new feed items; 2 stored" in lines[-1]
    assert any(line.startswith("rejected ") and "missing.html" in line and "HTTP 404" in line for line in lines)
    with closing(sqlite3.connect(db)) as connection:
        names = sorted(row[0] for row in connection.execute("SELECT name FROM documents"))
    assert names == ["a", "memo"]


def test_watch_without_anything_to_watch_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["watch", "--once", "--db", str(tmp_path / "kb.db")])
    assert result.exit_code == 2 and "nothing to watch" in result.output


def _generated(folder: Path, count: int) -> None:
    folder.mkdir()
    countries = ["Armenia", "Georgia", "Mongolia", "Kyrgyzstan", "Tajikistan", "Belarus"]
    for i in range(count):
        a, b = countries[i % 6], countries[(i + 1 + i // 6) % 6]
        (folder / f"r{i:02d}.txt").write_text(
            f"{a} delivered {i + 2} armoured vehicles to {b} in March, officials in {b} said on Tuesday. "
            f"The defence ministry of {a} denied that any vehicles had been sold.\n", encoding="utf-8")


def _documents(db: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1)) as connection:
            return connection.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created or migrated yet


def test_sigterm_stops_the_watch_between_documents_and_a_new_run_resumes(tmp_path: Path) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "kb.db"
    _generated(inbox, 24)
    process = subprocess.Popen([*COMMAND, str(inbox), "--interval", "3600", "--db", str(db)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        while _documents(db) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0, stderr
    assert re.search(r"; stopped after \d+ of 24 files$", stdout.splitlines()[-1]), stdout
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        unlinked = connection.execute("SELECT count(*) FROM pending_links").fetchone()[0]
        whole = connection.execute("SELECT count(*) FROM documents d WHERE EXISTS "
                                   "(SELECT 1 FROM segments s WHERE s.doc_id = d.id)").fetchone()[0]
    assert 2 <= stored < 24, "the stop should land in the middle of the poll"
    assert whole == stored and unlinked == 0  # whole documents, linked before exiting

    result = subprocess.run([*COMMAND, str(inbox), "--once", "--db", str(db)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{24 - stored} stored, {stored} already stored" in result.stdout
    assert _documents(db) == 24
