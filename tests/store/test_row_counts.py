"""Store.counts reads counts that triggers keep (migration 0011), on SQLite and PostgreSQL: after every
kind of write they equal counting the rows, and a store of the previous version gets them counted."""

from __future__ import annotations

from dataclasses import replace

from claimtrace.link.corpus import link_corpus
from claimtrace.model import Rejection
from claimtrace.store import Store
from claimtrace.store.migrations import LATEST_VERSION, MIGRATIONS

COUNTED_ROWS = {
    "documents": "SELECT COUNT(*) FROM documents",
    "analysed_documents": "SELECT COUNT(*) FROM documents WHERE status = 'analysed'",
    "segments": "SELECT COUNT(*) FROM segments",
    "duplicate_segments": "SELECT COUNT(*) FROM segments WHERE duplicate_of IS NOT NULL",
    "entities": "SELECT COUNT(*) FROM entities",
    "mentions": "SELECT COUNT(*) FROM mentions",
    "attributions": "SELECT COUNT(*) FROM attributions",
    "event_claims": "SELECT COUNT(*) FROM event_claims",
    "stories": "SELECT COUNT(*) FROM stories",
    "contradictions": "SELECT COUNT(*) FROM contradictions",
    "rejected": "SELECT COUNT(*) FROM rejections",
}


def counted(store: Store) -> dict[str, int]:
    return {name: int(store.connection.execute(query).fetchone()[0]) for name, query in COUNTED_ROWS.items()}


def test_counts_follow_every_write(store, make_document):
    documents = [make_document(number) for number in range(1, 7)]
    for document in documents:
        store.write_document(document)
    store.write_rejection(Rejection("/feeds/broken.bin", "binary file"))
    store.write_rejection(Rejection("/feeds/broken.bin", "binary file"))  # recorded once
    assert store.counts() == counted(store)
    link_corpus(store, similarity=False)
    after_link = store.counts()
    assert after_link == counted(store)
    assert min(after_link.values()) > 0, after_link  # every count is exercised
    assert after_link["rejected"] == 1 and after_link["analysed_documents"] == 6

    fewer = make_document(4)  # ingested again: fewer denials, no duplicate comment, not analysed
    fewer.mentions, fewer.attributions, fewer.event_claims = fewer.mentions[:3], fewer.attributions[:2], \
        fewer.event_claims[:1]
    fewer.segments[1] = replace(fewer.segments[1], duplicate_of="0123456789abcdef")
    store.write_document(replace(fewer, status="not analysed: language 'xx'"))
    link_corpus(store, [fewer.id], similarity=False)
    assert store.counts() == counted(store)
    assert store.counts()["analysed_documents"] == 5

    store.write_document(documents[3])  # and again as first written, analysed
    link_corpus(store, [documents[3].id], similarity=False)
    assert store.counts() == after_link == counted(store)

    link_corpus(store, similarity=False)  # a full relink replaces every story and entity
    assert store.counts() == after_link == counted(store)
    assert store.link_counts() == {name: after_link[name] for name in ("entities", "stories", "contradictions")}
    assert store.document_count() == 6


def test_a_store_of_the_previous_version_gets_its_rows_counted(store_location, make_document, monkeypatch):
    [row_counts] = (m for m in MIGRATIONS if m.file == "0011_row_counts.sql")
    earlier = tuple(m for m in MIGRATIONS if m.version < row_counts.version)
    with monkeypatch.context() as patch:
        patch.setattr("claimtrace.store.migrations.MIGRATIONS", earlier)
        patch.setattr("claimtrace.store.migrations.LATEST_VERSION", earlier[-1].version)
        with Store(store_location) as old:
            for number in (1, 2, 3):
                old.write_document(make_document(number))
            old.write_rejection(Rejection("/feeds/empty.txt", "empty file"))
    with Store(store_location) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.counts() == counted(store)
        assert store.counts()["documents"] == 3 and store.counts()["mentions"] > 3
        store.write_document(make_document(4))
        assert store.counts() == counted(store)
