"""Full-text search on PostgreSQL: its tsvector index follows the store, old stores are back-filled,
and a search finds what it finds on SQLite (the shared behaviour runs on both in test_search.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.store import Store
from claimtrace.store.migrations import MIGRATIONS
from claimtrace.store.search import SearchRequest, search
from claimtrace.store.search_results import Fragment

from .conftest import build_document
from .test_search import DRILL_REPORT, NOTE_ON_RADARS, SEARCH_VERSION, _document, _found, with_notes

REQUESTS = [
    SearchRequest(text="radar"), SearchRequest(text="radars OR drill"), SearchRequest(text='"naval drill"'),
    SearchRequest(text="deliv* OR bough*"), SearchRequest(text="radar -budget"), SearchRequest(text="Estmark"),
    SearchRequest(text="radar", kind="claims"), SearchRequest(text="radar", source="harbour GAZETTE"),
    SearchRequest(entity="Valdoria"), SearchRequest(event_type="arms_transfer", since="2019", until="2019-12"),
    SearchRequest(text="valdoria", entity="country:ES-test"), SearchRequest(source="Estmark", kind="claims"),
]


def _rows(store: Store) -> tuple[int, int]:
    found = store.connection.execute(
        "SELECT (SELECT COUNT(*) FROM search_documents), (SELECT COUNT(*) FROM search_claims)").fetchone()
    return found[0], found[1]


def _marked_words(snippet: tuple[Fragment, ...]) -> tuple[str, ...]:
    """The matched words of a snippet (PostgreSQL marks a phrase word by word, SQLite as one run,
    so a hit's match starts at the same place but may be shorter)."""
    return tuple(" ".join(part.text for part in snippet if part.match).split())


def test_search_postgres_index_follows_rewrite_and_delete(postgres_url: str) -> None:
    with Store(postgres_url) as store:
        with_notes(store)
        assert _rows(store) == (3, 4)
        changed = _document(NOTE_ON_RADARS.name, NOTE_ON_RADARS.text, title="Sensors on the coast",
                            claims=(("Estmark denies any radar sale.", "arms_transfer", "Estmark", None),))
        store.write_document(changed)
        assert _found(store, "sensors") == {("radar-note", "document")}
        assert _found(store, "coastal", kind="claims") == set()  # the claim that said it is gone
        assert ("radar-note", "claim") in _found(store, "denies")
        store.connection.execute("DELETE FROM documents WHERE id = ?", (DRILL_REPORT.id,))
        assert _found(store, "drill") == set()
        assert _rows(store) == (2, 2)


def test_search_postgres_migration_backfills_an_older_store(postgres_url: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    older = tuple(m for m in MIGRATIONS if m.version < SEARCH_VERSION)
    with monkeypatch.context() as patch:
        patch.setattr("claimtrace.store.migrations.MIGRATIONS", older)
        patch.setattr("claimtrace.store.migrations.LATEST_VERSION", older[-1].version)
        with Store(postgres_url) as store:
            with_notes(store)
            store.write_document(build_document(3))
            assert store.connection.execute("SELECT to_regclass('search_documents')").fetchone()[0] is None
    with Store(postgres_url) as store:
        assert store.schema_version >= SEARCH_VERSION
        assert _rows(store) == (4, 8)
        assert _found(store, "radar") == {("radar-note", "document"), ("radar-note", "claim"),
                                          ("budget-brief", "document")}
        assert _found(store, '"patrol boats"', kind="claims") == {("bulletin-0003", "claim")}


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: repr((r.text, r.entity, r.source, r.kind)))
def test_search_postgres_finds_what_sqlite_finds(postgres_url: str, db_path: Path, request_: SearchRequest) -> None:
    found = []
    for location in (postgres_url, str(db_path)):
        with Store(location) as store:
            results = search(with_notes(store), request_)
            hits = {(hit.kind, hit.doc_id, hit.claim.id if hit.claim else None, hit.match and hit.match[0],
                     _marked_words(hit.snippet)) for hit in results.hits}
            found.append((results.total, results.documents, hits))
    assert found[0] == found[1]
    assert found[0][0] > 0


def test_search_postgres_stop_words_alone_find_nothing(postgres_url: str) -> None:
    with Store(postgres_url) as store:
        with_notes(store)
        assert _found(store, "the") == set()  # English stop words are not indexed (SQLite's FTS5 finds them)
        assert _found(store, "the drill") == {("drill-report", "document"), ("drill-report", "claim")}
