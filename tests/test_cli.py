"""The command line, run as a user runs it, against a real store."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.cli import main

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"claimtrace {command}" in result.output


@pytest.mark.parametrize("args, expected", [
    (["show"], "knowledge base:"),
    (["show", "ministry-denial"], "attributions"),
    (["stories"], "stories"),
    (["contradictions"], "contradiction"),
    (["entities", "--limit", "5"], "Mongolia"),
])
def test_cli_reads_the_knowledge_base(example_store: Path, args: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, [*args, "--db", str(example_store)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_cli_story_shows_claims_with_sources(example_store: Path) -> None:
    from claimtrace.store import open_store

    with open_store(example_store) as store:
        story = max(store.stories(), key=lambda s: len(s.claim_ids))
    result = CliRunner().invoke(main, ["story", story.id[:12], "--db", str(example_store)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "confidence" in result.output and story.label.split(":")[0] in result.output


def test_cli_show_on_missing_store_says_how_to_create_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "claimtrace ingest" in result.output


def test_cli_eval_export_writes_the_schema(example_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    result = subprocess.run([sys.executable, "-m", "claimtrace.cli", "eval-export", str(example_corpus), "--out", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"documents", "entities", "stories", "contradictions"}
    by_name = {d["doc"]: d for d in data["documents"]}
    assert "steppe-courier-report" in by_name
    text = (example_corpus / "steppe-courier-report.txt").read_text(encoding="utf-8")
    for attribution in by_name["steppe-courier-report"]["attributions"]:
        start, end = attribution["content"]
        assert 0 <= start < end <= len(text)
        assert attribution["polarity"] in {"positive", "negative"}
    claims = [c for d in data["documents"] for c in d["event_claims"]]
    assert claims and all({"id", "type", "evidence", "source", "polarity", "certainty", "time"} <= set(c) for c in claims)
    refs = {f"{d['doc']}#{c['id']}" for d in data["documents"] for c in d["event_claims"]}
    assert all(ref in refs for story in data["stories"] for ref in story)


def test_cli_search_prints_hits_then_a_summary(example_store: Path) -> None:
    from claimtrace.store import open_store
    from claimtrace.store.search import SearchRequest, search

    args = ["search", "armoured vehicles", "--type", "arms_transfer", "--limit", "3", "--db", str(example_store)]
    result = CliRunner().invoke(main, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    with open_store(example_store) as store:
        expected = search(store, SearchRequest("armoured vehicles", event_type="arms_transfer", limit=3))
    assert result.stderr.strip().splitlines()[-1].startswith(f"search: {expected.summary()}") and expected.total > 0
    assert "  1. " in result.output and "arms transfer" in result.output
    assert all(hit.document in result.output for hit in expected.hits)


@pytest.mark.parametrize("args, message", [
    (['"'], "nothing to search for"), (["tanks", "--since", "May"], "bad date 'May'"), ([], "nothing to search for"),
])
def test_cli_search_bad_query_is_one_clear_line(example_store: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["search", *args, "--db", str(example_store)], terminal_width=200)
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and message in result.output


def test_cli_reports_a_store_damaged_past_its_schema_in_one_line(example_store: Path, tmp_path: Path) -> None:
    store = tmp_path / "kb.db"
    with sqlite3.connect(example_store) as source, sqlite3.connect(store) as copy:
        source.backup(copy)
    connection = sqlite3.connect(store)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    [root] = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'stories'").fetchone()
    connection.close()
    data = bytearray(store.read_bytes())
    start = (root - 1) * page_size  # the schema opens; reading the stories fails
    data[start:start + page_size] = bytes(page_size)
    store.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["stories", "--db", str(store)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: the knowledge base failed: database disk image is malformed")
