"""The store on SQLite and PostgreSQL: whole-document transactions, exact round trips, links, readers;
SQLite's WAL; readers beside a writer."""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest

from claimtrace.errors import StoreError
from claimtrace.model import Contradiction, Document, Entity, Mention, Rejection, Story
from claimtrace.store import DocumentRow, Store, open_store
from claimtrace.store.sql import BatchError, connect, insert_many, transaction

MakeDocument = Callable[[int], Document]
CHILD_TABLES = ("segments", "mentions", "attributions", "event_claims")


def _links(documents: list[Document]) -> tuple[list[Entity], list[Story], list[Contradiction]]:
    """A small cross-document layer over the test documents."""
    suderia = Entity("country:SU-test", "Suderia", "place", aliases=["gpe:suderia"])
    ostavia = Entity("country:OS-test", "Ostavia", "place")
    claims = [claim for document in documents for claim in document.event_claims]
    story = Story("story-boats", "arms_transfer", "Ostavia -> Suderia: patrol boats",
                  claim_ids=[claim.id for claim in reversed(claims)], time="2021-03")
    lonely = Story("story-lonely", "arms_transfer", "a single claim", claim_ids=[claims[0].id])
    clash = Contradiction("story-boats", claims[0].id, claims[1].id, "contradiction", "asserted, then denied")
    return [suderia, ostavia], [story, lonely], [clash]


@pytest.mark.parametrize("number", [0, 1, 2, 3, 6])
def test_write_document_load_round_trip_is_exact(store: Store, make_document: MakeDocument, number: int) -> None:
    document = make_document(number)
    store.write_document(document)
    loaded = store.load_document(document.id)
    for field in dataclasses.fields(Document):
        assert getattr(loaded, field.name) == getattr(document, field.name), field.name
    assert loaded == document
    assert [claim.id for claim in loaded.event_claims] == [claim.id for claim in document.event_claims]


def test_write_document_stores_every_child(store: Store, make_document: MakeDocument,
                                           count_children: Callable, expect_children: Callable) -> None:
    documents = [make_document(number) for number in range(5)]
    for document in documents:
        store.write_document(document)
    for document in documents:
        assert count_children(store.connection, document.id) == expect_children(document)


def test_write_document_again_changes_nothing(store: Store, make_document: MakeDocument,
                                              dump_tables: Callable) -> None:
    for number in range(3):
        store.write_document(make_document(number))
    before = dump_tables(store.connection)
    for number in range(3):
        store.write_document(make_document(number))
    assert dump_tables(store.connection) == before


def test_write_document_rewrite_replaces_children(store: Store, make_document: MakeDocument) -> None:
    document = make_document(3)
    store.write_document(document)
    document.event_claims = document.event_claims[:1]
    document.attributions = document.attributions[:2]
    document.mentions = list(reversed(document.mentions[:2]))
    document.status = "not analysed: language xx"
    store.write_document(document)
    assert store.load_document(document.id) == document
    assert store.counts()["event_claims"] == 1


BREAKERS: dict[str, tuple[Callable[[Document], None], str]] = {
    "claim polarity": (lambda d: setattr(d.event_claims[-1], "polarity", "maybe"), "maybe"),
    "claim certainty": (lambda d: setattr(d.event_claims[0], "certainty", "sure-ish"), "sure-ish"),
    "attribution source type": (lambda d: setattr(d.attributions[-1], "source_type", "oracle"), "oracle"),
    "mention entity type": (lambda d: setattr(d.mentions[-1], "entity_type", "planet"), "planet"),
    "segment kind": (lambda d: setattr(d.segments[1], "kind", "footnote"), "footnote"),
    "reversed span": (lambda d: setattr(d.event_claims[-1], "trigger", (50, 40)), "trigger_start=50"),
    "same mention twice": (lambda d: d.mentions.append(dataclasses.replace(d.mentions[0], label="ORG")), "ORG"),
    "unknown attribution": (lambda d: setattr(d.event_claims[-1], "attribution_id", "feedfacefeedface"),
                            "feedfacefeedface"),
}


@pytest.mark.parametrize("breaker", BREAKERS.values(), ids=BREAKERS.keys())
def test_write_document_failure_leaves_nothing_of_it(store: Store, make_document: MakeDocument,
                                                      count_children: Callable,
                                                      breaker: tuple[Callable[[Document], None], str]) -> None:
    earlier = make_document(1)
    store.write_document(earlier)
    counts = store.counts()
    broken = make_document(3)
    spoil, named = breaker
    spoil(broken)
    with pytest.raises(StoreError, match=rf"cannot write document {broken.id} .*bulletin-0003") as raised:
        store.write_document(broken)
    assert named in str(raised.value)
    assert not store.has_document(broken.hash)
    assert store.counts() == counts
    assert set(count_children(store.connection, broken.id).values()) == {0}
    assert store.load_document(earlier.id) == earlier
    store.write_document(make_document(2))  # the store still takes writes
    assert store.counts()["documents"] == 2


def _rejection_row(number: int) -> dict[str, str]:
    return {"id": f"r{number}", "origin": f"feed-{number}.xml", "reason": "unreadable", "rejected_at": "2024-01-01"}


def test_insert_many_writes_rows_in_one_batch_or_names_the_table_it_failed_in(store: Store) -> None:
    with transaction(store.connection) as connection:
        insert_many(connection, "rejections", (_rejection_row(n) for n in range(3)))
        insert_many(connection, "rejections", [])
    assert [r.origin for r in store.rejections()] == ["feed-0.xml", "feed-1.xml", "feed-2.xml"]
    with pytest.raises(BatchError, match=r" in rejections$") as raised:
        with transaction(store.connection) as connection:
            insert_many(connection, "rejections", [_rejection_row(3), _rejection_row(0)])
    assert isinstance(raised.value.__cause__, sqlite3.IntegrityError)  # PostgreSQL's errors are raised as sqlite3's
    assert len(store.rejections()) == 3  # the failed batch left nothing


def test_write_document_failed_rewrite_keeps_previous_version(store: Store, make_document: MakeDocument,
                                                              dump_tables: Callable) -> None:
    document = make_document(2)
    store.write_document(document)
    before = dump_tables(store.connection)
    changed = make_document(2)
    changed.title = "A new title"
    changed.mentions = changed.mentions[:1]
    changed.event_claims[-1].polarity = "uncertain"  # type: ignore[assignment]
    with pytest.raises(StoreError, match="uncertain"):
        store.write_document(changed)
    assert dump_tables(store.connection) == before
    assert store.load_document(document.id) == document


def test_write_document_record_of_another_document_refused(store: Store, make_document: MakeDocument) -> None:
    document = make_document(1)
    document.event_claims[0].doc_id = "0000000000000000"
    with pytest.raises(StoreError, match=r"its event claim has doc_id '0000000000000000'"):
        store.write_document(document)
    assert store.counts()["documents"] == 0


def test_has_document_by_content_hash(store: Store, make_document: MakeDocument) -> None:
    document = make_document(4)
    assert not store.has_document(document.hash)
    store.write_document(document)
    assert store.has_document(document.hash)
    assert not store.has_document(make_document(5).hash)


def test_write_rejection_is_idempotent(store: Store) -> None:
    rejections = [Rejection("/in/empty.txt", "empty input: /in/empty.txt has no text"),
                  Rejection("/in/photo.jpg", "unsupported file type: /in/photo.jpg")]
    for rejection in [*rejections, rejections[0], rejections[1]]:
        store.write_rejection(rejection)
    assert sorted(store.rejections(), key=lambda r: r.origin) == rejections
    assert store.counts()["rejected"] == 2


def test_readers_list_every_record_in_document_order(store: Store, make_document: MakeDocument) -> None:
    documents = [make_document(number) for number in (3, 0, 2)]
    for document in documents:
        store.write_document(document)
    ordered = sorted(documents, key=lambda d: d.name)
    rows = store.documents()
    assert [row.name for row in rows] == [d.name for d in ordered]
    assert isinstance(rows[0], DocumentRow) and not hasattr(rows[0], "text")
    assert rows[0].hash == ordered[0].hash and rows[0].analysed
    assert list(store.load_documents()) == ordered
    assert store.event_claims() == [claim for d in ordered for claim in d.event_claims]
    assert list(store.mentions()) == [(d.id, mention) for d in ordered for mention in d.mentions]


def test_load_document_unknown_id_named(store: Store) -> None:
    with pytest.raises(StoreError, match="no document 'abcdef' in store"):
        store.load_document("abcdef")


def test_load_document_row_not_matching_its_id_detected(store: Store, make_document: MakeDocument) -> None:
    document = make_document(1)
    store.write_document(document)
    claim_id = document.event_claims[0].id
    store.connection.execute("UPDATE event_claims SET evidence_start = evidence_start + 1 WHERE id = ?", (claim_id,))
    with pytest.raises(StoreError, match=rf"event_claims row has id '{claim_id}' but its content gives"):
        store.load_document(document.id)


def test_replace_links_round_trip_and_replacement(store: Store, make_document: MakeDocument) -> None:
    documents = [make_document(number) for number in (1, 2)]
    for document in documents:
        store.write_document(document)
    documents[1].mentions.append(Mention(0, 8, "Bulletin", "ORG", "gpe:suderia", "Suderia", "place"))
    store.write_document(documents[1])
    entities, stories, contradictions = _links(documents)
    store.replace_links(entities, stories, contradictions)

    by_key = {entity.key: entity for entity in store.entities()}
    assert set(by_key) == {"country:OS-test", "country:SU-test"}
    suderia = by_key["country:SU-test"]
    assert (suderia.name, suderia.type, suderia.aliases) == ("Suderia", "place", ["gpe:suderia"])
    expected = [(d.id, m.start, m.end, m.text) for d in documents for m in d.mentions
                if m.entity_key in ("country:SU-test", "gpe:suderia")]
    assert suderia.mentions == expected
    assert store.stories() == sorted(stories, key=lambda story: story.id)
    assert store.story("story-boats") == stories[0]
    assert store.story("story-missing") is None
    assert store.contradictions() == contradictions

    store.replace_links(entities[1:], stories[1:], [])
    assert [entity.key for entity in store.entities()] == ["country:OS-test"]
    assert store.stories() == stories[1:]
    assert store.contradictions() == []


def test_replace_links_failure_keeps_previous_links(store: Store, make_document: MakeDocument) -> None:
    documents = [make_document(number) for number in (1, 2)]
    for document in documents:
        store.write_document(document)
    entities, stories, contradictions = _links(documents)
    store.replace_links(entities, stories, contradictions)
    clashing = Entity("country:SU-other", "Suderia", "place", aliases=["gpe:suderia"])
    with pytest.raises(StoreError, match="gpe:suderia"):
        store.replace_links([*entities, clashing], [], [])
    assert len(store.entities()) == 2 and store.stories() and store.contradictions() == contradictions


def test_counts_every_kind_of_record(store: Store, make_document: MakeDocument) -> None:
    documents = [make_document(number) for number in range(4)]
    documents[3].status = "not analysed: language de"
    for document in documents:
        store.write_document(document)
    store.write_rejection(Rejection("/in/bad.html", "no main text: /in/bad.html is HTML"))
    store.replace_links(*_links(documents))
    assert store.counts() == {
        "documents": 4,
        "analysed_documents": 3,
        "segments": 8,
        "duplicate_segments": 2,
        "entities": 2,
        "mentions": sum(len(d.mentions) for d in documents),
        "attributions": sum(len(d.attributions) for d in documents),
        "event_claims": sum(len(d.event_claims) for d in documents),
        "stories": 2,
        "contradictions": 1,
        "rejected": 1,
    }


def test_store_file_in_wal_mode(db_path: Path, make_document: MakeDocument) -> None:
    with Store(db_path) as store, closing(sqlite3.connect(db_path)) as connection:
        store.write_document(make_document(1))
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db_path.with_name(db_path.name + "-wal").exists()


def test_reader_not_blocked_by_open_write_transaction(store: Store, make_document: MakeDocument) -> None:
    document = make_document(1)
    store.write_document(document)
    writer = connect(store.location)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO rejections VALUES ('r1', '/in/x', 'unreadable: /in/x', '2024-01-01')")
        with open_store(store.location) as reader:
            assert reader.counts()["rejected"] == 0
            assert reader.load_document(document.id) == document
            writer.execute("COMMIT")
            assert reader.counts()["rejected"] == 1
    finally:
        writer.close()


def test_concurrent_reader_sees_whole_documents(store_location: str, make_document: MakeDocument) -> None:
    documents = [make_document(number) for number in range(40)]
    totals = [{table: 0 for table in CHILD_TABLES}]  # rows after the first k documents
    for document in documents:
        totals.append({table: totals[-1][table] + len(getattr(document, table)) for table in CHILD_TABLES})
    Store(store_location).close()
    failures: list[BaseException] = []

    def write_all() -> None:
        try:
            with Store(store_location) as writer:
                for document in documents:
                    writer.write_document(document)
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    thread = threading.Thread(target=write_all)
    seen: set[int] = set()
    with Store(store_location) as reader:
        thread.start()
        while thread.is_alive() or not seen:
            counts = reader.counts()
            stored = counts["documents"]
            seen.add(stored)
            assert {table: counts[table] for table in CHILD_TABLES} == totals[stored]
        thread.join()
        assert reader.counts()["documents"] == len(documents)
    assert not failures
