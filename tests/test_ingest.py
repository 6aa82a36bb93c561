"""The whole path, read → segment → analyse → store → link, on real files and a real SQLite store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from claimtrace.ingest import ingest
from claimtrace.options import Options
from claimtrace.store import open_store

QUIET = Options(progress=False)


def test_ingest_example_corpus_fills_every_layer(example_store: Path) -> None:
    with open_store(example_store) as store:
        counts = store.counts()
        names = {row.name for row in store.documents()}
    assert {"steppe-courier-report", "ministry-denial", "insider-blog", "forum-thread", "analyst-note",
            "russian-note"} <= names
    assert counts["documents"] == 9  # six files and three JSONL records
    assert counts["analysed_documents"] == 8  # all but the Russian note
    assert counts["rejected"] == 0
    for layer in ("entities", "attributions", "event_claims", "stories", "contradictions"):
        assert counts[layer] > 0, layer


def test_ingest_marks_foreign_language_not_analysed(example_store: Path) -> None:
    with open_store(example_store) as store:
        row = next(r for r in store.documents() if r.name == "russian-note")
        document = store.load_document(row.id)
    assert document.language == "ru"
    assert document.status.startswith("not analysed: language not supported")
    assert document.mentions == [] and document.event_claims == []


def test_ingest_comment_thread_becomes_segments_with_authors(example_store: Path) -> None:
    with open_store(example_store) as store:
        row = next(r for r in store.documents() if r.name == "forum-thread")
        document = store.load_document(row.id)
    comments = [s for s in document.segments if s.kind == "comment"]
    assert [c.author for c in comments] == ["Tamir", "Aigul", "Tamir", "steppe_watcher"]
    assert comments[0].published.startswith("2024-03-16")
    assert comments[2].duplicate_of == comments[0].id  # the same comment posted twice
    assert "Posted by" not in document.text[comments[0].start:comments[0].end]
    claims_in_duplicate = [c for c in document.event_claims if comments[2].start <= c.evidence[0] < comments[2].end]
    assert claims_in_duplicate == []


def test_ingest_denial_is_a_negative_attribution_and_a_contradiction(example_store: Path) -> None:
    with open_store(example_store) as store:
        row = next(r for r in store.documents() if r.name == "ministry-denial")
        document = store.load_document(row.id)
        contradictions = store.contradictions()
        claims = {c.id: c for c in store.event_claims()}
    assert any(a.polarity == "negative" for a in document.attributions)
    transfer = [c for c in claims.values() if c.type == "arms_transfer" and c.agent == "Mongolia"]
    assert {c.polarity for c in transfer} == {"positive", "negative"}
    assert any(c.kind == "contradiction" and claims[c.claim_a].type == "arms_transfer" for c in contradictions)


def test_ingest_twice_changes_nothing(example_corpus: Path, tmp_path: Path, resources) -> None:
    db = tmp_path / "twice.db"
    with open_store(db) as store:
        first = ingest([example_corpus], store, QUIET)
        before = _snapshot(db)
        second = ingest([example_corpus], store, QUIET)
    assert len(first.stored) == 9 and second.stored == []
    assert len(second.skipped) == 9
    assert _snapshot(db) == before


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    tables = ["documents", "segments", "mentions", "attributions", "event_claims", "claim_arguments",
              "entities", "entity_members", "stories", "story_claims", "contradictions", "rejections"]
    connection = sqlite3.connect(db)
    try:
        return {t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables
                if t != "documents"} | {
            "documents": sorted(connection.execute("SELECT id, hash, name, status FROM documents").fetchall())}
    finally:
        connection.close()


def test_progress_counts_what_ingest_reads(example_corpus: Path) -> None:
    from claimtrace.show.progress import count_inputs

    (example_corpus / ".hidden.txt").write_text("an editor backup, not read", encoding="utf-8")
    assert count_inputs([example_corpus]) == 9  # six files, three JSONL records; hidden files skipped


def test_linking_every_few_documents_gives_the_stories_of_one_link_at_the_end(example_corpus: Path,
                                                                               example_store: Path,
                                                                               tmp_path: Path, resources) -> None:
    db = tmp_path / "stepwise.db"
    with open_store(db) as store:
        report = ingest([example_corpus], store, Options(progress=False, link_every=2))
    assert report.link is not None and report.link.mode == "full, then incremental"
    assert report.link.stories_written > 0
    stepwise, at_the_end = _snapshot(db), _snapshot(example_store)
    for table in ("entities", "entity_members", "stories", "story_claims", "contradictions"):
        assert stepwise[table] == at_the_end[table], table


def test_a_later_run_finds_near_duplicates_of_stored_segments(example_corpus: Path, tmp_path: Path,
                                                              resources) -> None:
    """Each run files what it stores under its near-duplicate keys; the next finds them there, also when
    they were stored without keys (a store from before the keys were kept): the writer files them first."""
    note = example_corpus / "analyst-note.txt"
    republished = tmp_path / "later" / "analyst-note-republished.txt"
    republished.parent.mkdir()
    republished.write_text(note.read_text("utf-8").replace("two Telegram channels", "three Telegram channels"),
                           "utf-8")
    for keys_kept in (True, False):
        db = tmp_path / f"runs-{keys_kept}.db"
        with open_store(db) as store:
            ingest([note], store, QUIET)
            if not keys_kept:
                store.connection.execute("DELETE FROM segment_keys")
                store.connection.execute("DELETE FROM segment_key_layout")
            ingest([republished.parent], store, QUIET)
            original, = (store.load_document(row.id) for row in store.documents() if row.name == "analyst-note")
            copy, = (store.load_document(row.id) for row in store.documents() if row.name != "analyst-note")
        assert copy.segments[0].duplicate_of == original.segments[0].id, keys_kept
        assert 0.8 <= copy.segments[0].similarity < 1.0
        assert _filed_segments(db) == {s.id for s in original.segments + copy.segments}


def _filed_segments(db: Path) -> set[str]:
    connection = sqlite3.connect(db)
    try:
        return {row[0] for row in connection.execute("SELECT DISTINCT segment_id FROM segment_keys")}
    finally:
        connection.close()
