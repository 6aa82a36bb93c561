"""The near-duplicate index's table on both engines: segments filed under keys, found by them, filed afresh.

The store does not derive keys (claimtrace.segment.duplicates does); here a key is
made from a signature's bytes: the first is the document's number (build_document),
so each article segment has a key of its own and one key shared by all.
"""

from __future__ import annotations

from claimtrace.model import Document
from claimtrace.store import Store

SHARED = 1000


def _keys_of(signature: bytes) -> list[int]:
    return [signature[0], SHARED]


def _keys_of_another_layout(signature: bytes) -> list[int]:
    return [-1 - signature[0]]


def _filed(document: Document) -> dict[str, list[int]]:
    return {s.id: _keys_of(s.signature) for s in document.segments if s.signature}


def _found(store: Store, *keys: int, limit: int | None = None) -> list[str]:
    return [segment_id for segment_id, _ in store.duplicate_candidates(keys, limit)]


def test_filed_segments_are_found_by_their_keys_in_document_order(store, make_document) -> None:
    documents = [make_document(number) for number in (3, 1, 2)]
    for document in documents:
        store.write_document(document, _filed(document))
    ordered = sorted(documents, key=lambda d: d.name)
    assert store.duplicate_candidates([SHARED]) == [(d.segments[0].id, d.segments[0].signature) for d in ordered]
    assert _found(store, 2, 3, SHARED) == [d.segments[0].id for d in ordered]  # each segment once
    assert _found(store, 2, 77) == [documents[2].segments[0].id]
    assert _found(store, 3, SHARED, limit=2) == [d.segments[0].id for d in ordered[:2]]  # the first two, in order
    assert _found(store) == [] and _found(store, 77) == []


def test_a_document_written_again_takes_its_keys_with_its_segments(store, make_document) -> None:
    first, second = make_document(1), make_document(2)
    for document in (first, second):
        store.write_document(document, _filed(document))
    store.write_document(first)  # replaced, without keys
    assert _found(store, SHARED) == [second.segments[0].id]
    store.write_document(first, _filed(first))
    assert _found(store, SHARED) == [first.segments[0].id, second.segments[0].id]


def test_documents_stored_without_keys_are_filed_and_all_afresh_for_another_layout(store, make_document) -> None:
    documents = [make_document(number) for number in (1, 2, 3)]
    store.write_document(documents[0], _filed(documents[0]))
    for document in documents[1:]:
        store.write_document(document)
    assert _found(store, SHARED) == [documents[0].segments[0].id]
    assert store.file_segment_keys("test", _keys_of) == 3  # no layout recorded yet: all filed afresh
    assert store.file_segment_keys("test", _keys_of) == 0
    assert _found(store, SHARED) == [d.segments[0].id for d in documents]
    store.write_document(make_document(4))
    assert store.file_segment_keys("test", _keys_of) == 1  # only the one stored without keys
    assert store.file_segment_keys("another", _keys_of_another_layout) == 4
    assert _found(store, SHARED) == [] and _found(store, -2) == [documents[0].segments[0].id]
