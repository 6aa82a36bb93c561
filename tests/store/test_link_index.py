"""The store's link index (on SQLite and PostgreSQL): claims by document and id, postings, stories by claim,
vectors, partial updates."""

from __future__ import annotations

from collections.abc import Callable

from claimtrace.model import Contradiction, Document, Entity, Story
from claimtrace.store import Store


def stored(store: Store, make_document: Callable[[int], Document], *numbers: int) -> list[Document]:
    documents = [make_document(number) for number in numbers]
    for document in documents:
        store.write_document(document)
    return documents


def test_event_claims_of_and_by_id_read_claims_with_arguments(store, make_document):
    first, second = stored(store, make_document, 1, 2)
    assert store.event_claims_of([second.id]) == second.event_claims
    wanted = [first.event_claims[-1].id, second.event_claims[0].id, "no-such-claim"]
    assert {c.id for c in store.event_claims_by_id(wanted)} == set(wanted[:2])
    assert store.event_claims_by_id([first.event_claims[0].id])[0].arguments == first.event_claims[0].arguments


def test_update_stories_replaces_only_the_given_stories_and_files_claims(store, make_document):
    first, second = stored(store, make_document, 1, 2)
    a, b = first.event_claims[0].id, second.event_claims[0].id
    old = [Story("s1", "arms_transfer", "one", [a]), Story("s2", "arms_transfer", "two", [b])]
    store.replace_story_layer(old, [], {a: ["k|x", "document|" + first.id], b: ["k|x", "k|y"]})
    assert store.link_postings(["k|x", "k|y", "k|z"]) == {"k|x": {a, b}, "k|y": {b}}
    assert store.claims_linked_from([first.id]) == {a}
    merged = Story("s3", "arms_transfer", "both", [a, b])
    tension = Contradiction("s3", min(a, b), max(a, b), "tension", "They differ on the date.")
    store.update_stories({"s1", "s2"}, [merged], [tension], {b: ["k|z"]}, unfiled=[a])
    assert store.stories() == [merged]
    assert store.contradictions() == [tension]
    assert store.stories_of_claims([a, b]) == {a: "s3", b: "s3"}
    assert store.stories_by_id(["s3", "s1"]) == [merged]
    assert store.link_postings(["k|x", "k|y", "k|z"]) == {"k|z": {b}}


def test_pending_links_queue_documents_until_they_are_linked(store, make_document):
    first, second = stored(store, make_document, 1, 2)
    assert store.pending_links() == {first.id, second.id}
    store.mark_linked([first.id])
    assert store.pending_links() == {second.id}
    store.write_document(first)  # re-ingested: to be linked again
    assert store.pending_links() == {first.id, second.id}
    store.mark_linked()
    assert store.pending_links() == set()


def test_sentence_vectors_are_kept_once_per_key(store, make_document):
    stored(store, make_document, 1)
    store.write_sentence_vectors([("k1", "model", 2, b"\x00" * 8)])
    store.write_sentence_vectors([("k1", "model", 2, b"\x01" * 8), ("k2", "model", 2, b"\x02" * 8)])
    assert store.sentence_vectors(["k1", "k2", "k3"]) == {"k1": b"\x00" * 8, "k2": b"\x02" * 8}


def test_evidence_texts_and_document_briefs(store, make_document):
    [document] = stored(store, make_document, 3)
    claim = document.event_claims[0]
    start, end = claim.evidence
    assert store.evidence_texts([claim.id]) == {claim.id: document.text[start:end]}
    brief = store.document_briefs([document.id])[document.id]
    assert (brief.name, brief.published, brief.outlet, brief.url) == (document.name, document.published,
                                                                       document.outlet, document.url)


def test_shared_passages_pairs_documents_with_a_duplicate_segment(store, make_document):
    first, second = stored(store, make_document, 2, 4)
    copy = make_document(5)
    copy.segments[0].duplicate_of = first.segments[0].id
    store.write_document(copy)
    assert store.shared_passages([first.id]) == {frozenset({first.id, copy.id})}
    assert store.shared_passages([second.id]) == set()


def test_replace_entities_leaves_stories(store, make_document):
    [document] = stored(store, make_document, 1)
    story = Story("s1", "arms_transfer", "one", [document.event_claims[0].id])
    store.replace_story_layer([story], [], {})
    store.replace_entities([Entity("country:OS-test", "Ostavia", "place")])
    assert [e.key for e in store.entities()] == ["country:OS-test"]
    assert store.stories() == [story]
