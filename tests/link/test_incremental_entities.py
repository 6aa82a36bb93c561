"""Resolving new documents' mentions into stored entities gives what a full resolution gives."""

from __future__ import annotations

import random

import pytest

from claimtrace.link.corpus import link_corpus
from claimtrace.link.entities import resolve_entities
from claimtrace.link.incremental_entities import link_new_entities, relink_entities
from claimtrace.model import Document, Mention, Segment
from claimtrace.store import Store

# Invented people: spelling variants of one person, namesakes, and surnames alone.
PEOPLE = [("Tamsin Vardakov", "person"), ("Tamsin Wardakov", "person"), ("Tamzin Vardakova", "person"),
          ("Orvel Vardakov", "person"), ("Vardakov", "person"), ("Kestra Zhelmanova", "person"),
          ("Kestra Jelmanova", "person"), ("Zhelmanova", "person"), ("Bodvar Quillen", "person"),
          ("Bodvar Kuillen", "person"), ("Ilvana Quillen", "person"), ("Quillen", "person"),
          ("Dariel Osk", "person"), ("Osk", "person")]
BODIES = [("Northern Rail Works Authority", "NRWA", "organization"),
          ("Northern Rail Work Authority", None, "organization"),
          ("Office of Coastal Survey Operations", "OCSO", "government"),
          ("Office for Coastal Surveys Operations", None, "government"),
          ("Lantern Broadcasting Group", "LBG", "media"),
          ("Lumen Bureau of Grain", "LBG", "organization")]
PLACES = [("Xandria", "country:XA", "Xandria"), ("Xandrian", "country:XA", "Xandria"),
          ("Port Veyl", "country:XA", "Xandria"), ("Oskaria", "country:OK", "Oskaria")]


def random_mentions(rng: random.Random, count: int) -> list[tuple[str, str, str, str, str]]:
    """(text, label, key, name, type) for ``count`` random mentions."""
    found = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.45:
            name, _ = rng.choice(PEOPLE)
            text = name if rng.random() < 0.8 else name.split()[-1]
            found.append((text, "PERSON", f"person:{name.lower()}", name, "person"))
        elif roll < 0.8:
            name, acronym, kind = rng.choice(BODIES)
            key = f"org:{name.lower()}"
            if acronym and rng.random() < 0.3:
                if rng.random() < 0.5:
                    found.append((acronym, "ORG", key, name, kind))  # defined beside the full name
                else:
                    found.append((acronym, "ORG", f"org:{acronym.lower()}", acronym, kind))  # acronym alone
            else:
                found.append((name, "ORG", key, name, kind))
        else:
            text, key, name = rng.choice(PLACES)
            found.append((text, "GPE", key, name, "place"))
    return found


def document(number: int, mentions: list[tuple[str, str, str, str, str]]) -> Document:
    heading = f"Report {number}. "
    parts, offsets = [heading.strip()], []
    position = len(heading)
    for text, *_ in mentions:
        offsets.append(position)
        parts.append(text)
        position += len(text) + 2
    body = heading + ". ".join(parts[1:]) + "."
    doc = Document(name=f"doc-{number:04d}", text=body, origin=f"test/{number}.txt", format="txt", language="en")
    doc.segments = [Segment(doc.id, "article", 0, len(body))]
    doc.mentions = [Mention(start, start + len(text), text, label, key, name, kind)  # type: ignore[arg-type]
                    for start, (text, label, key, name, kind) in zip(offsets, mentions)]
    return doc


def corpus(seed: int, size: int) -> list[Document]:
    rng = random.Random(seed)
    return [document(n, random_mentions(rng, rng.randint(0, 8))) for n in range(size)]


def clustering(store: Store) -> set[tuple[str, str, str, frozenset[str]]]:
    return {(e.key, e.name, e.type, frozenset(e.aliases)) for e in store.entities()}


def resolved(documents: list[Document]) -> set[tuple[str, str, str, frozenset[str]]]:
    entities = resolve_entities((d.id, m) for d in documents for m in d.mentions)
    return {(e.key, e.name, e.type, frozenset(e.aliases)) for e in entities}


@pytest.mark.parametrize("seed", range(6))
def test_link_new_entities_one_by_one_equals_full_resolution(seed):
    documents = corpus(seed, 40)
    with Store(":memory:") as full, Store(":memory:") as step:
        for doc in documents:
            full.write_document(doc)
        relink_entities(full)
        for doc in documents:
            step.write_document(doc)
            link_new_entities(step, [doc.id])
        assert clustering(step) == clustering(full) == resolved(documents)
        assert {(e.key, tuple(e.mentions)) for e in step.entities()} == \
            {(e.key, tuple(e.mentions)) for e in full.entities()}


@pytest.mark.parametrize("seed", range(3))
def test_link_new_entities_in_batches_and_any_order_equals_full_resolution(seed):
    documents = corpus(seed + 20, 36)
    shuffled = random.Random(seed).sample(documents, len(documents))
    with Store(":memory:") as store:
        for start in range(0, len(shuffled), 5):
            batch = shuffled[start:start + 5]
            for doc in batch:
                store.write_document(doc)
            link_new_entities(store, [d.id for d in batch])
        assert clustering(store) == resolved(documents)


@pytest.mark.parametrize("seed", range(3))
def test_link_new_entities_after_a_document_changes_equals_full_resolution(seed):
    rng = random.Random(seed + 40)
    documents = corpus(seed + 40, 30)
    with Store(":memory:") as store:
        for doc in documents:
            store.write_document(doc)
            link_new_entities(store, [doc.id])
        for _ in range(8):  # a document analysed again finds other mentions (a newer claimtrace)
            number = rng.randrange(len(documents))
            edited = document(number, random_mentions(rng, rng.randint(0, 6)))
            edited.text = documents[number].text  # the same document: same text, same id
            edited.segments = [Segment(edited.id, "article", 0, len(edited.text))]
            documents[number] = edited
            store.write_document(edited)
            link_new_entities(store, [edited.id])
            assert clustering(store) == resolved(documents)


def test_link_new_entities_lone_surname_leaves_its_person_when_a_namesake_appears():
    first = document(1, [("Orvel Brannic", "PERSON", "person:orvel brannic", "Orvel Brannic", "person"),
                         ("Brannic", "PERSON", "person:brannic", "Brannic", "person")])
    namesake = document(2, [("Sella Brannic", "PERSON", "person:sella brannic", "Sella Brannic", "person")])
    with Store(":memory:") as store:
        store.write_document(first)
        link_new_entities(store, [first.id])
        assert clustering(store) == {("person:orvel brannic", "Orvel Brannic", "person",
                                      frozenset({"person:brannic"}))}
        store.write_document(namesake)
        update = link_new_entities(store, [namesake.id])
        assert clustering(store) == {
            ("person:orvel brannic", "Orvel Brannic", "person", frozenset()),
            ("person:sella brannic", "Sella Brannic", "person", frozenset()),
            ("person:brannic", "Brannic", "person", frozenset())}
        assert update.removed == 1


def test_link_new_entities_new_spelling_joins_the_stored_person_and_keeps_the_commonest_name():
    stored = [document(n, [("Tovin Harkhov", "PERSON", "person:tovin harkhov", "Tovin Harkhov", "person")])
              for n in range(3)]
    variant = document(9, [("Tovin Harhov", "PERSON", "person:tovin harhov", "Tovin Harhov", "person")])
    with Store(":memory:") as store:
        for doc in stored:
            store.write_document(doc)
        relink_entities(store)
        store.write_document(variant)
        link_new_entities(store, [variant.id])
        (entity,) = store.entities()
        assert (entity.key, entity.name, entity.aliases) == ("person:tovin harkhov", "Tovin Harkhov",
                                                             ["person:tovin harhov"])


def test_link_new_entities_reads_only_the_keys_a_document_can_meet():
    documents = corpus(3, 60)
    unrelated = document(99, [("Port Veyl", "GPE", "country:XA", "Xandria", "place")])
    with Store(":memory:") as store:
        for doc in documents:
            store.write_document(doc)
        relink_entities(store)
        store.write_document(unrelated)
        update = link_new_entities(store, [unrelated.id])
        assert update.keys_read == 1 and [e.key for e in update.written] == ["country:XA"]


def test_link_corpus_resolves_new_documents_incrementally_and_unlinked_ones_too():
    documents = corpus(11, 30)
    with Store(":memory:") as store:
        for doc in documents[:10]:
            store.write_document(doc)
        link_corpus(store, [d.id for d in documents[:10]], similarity=False)
        assert store.entity_index().is_built()
        for doc in documents[10:20]:
            store.write_document(doc)  # an interrupted ingest: stored, never linked
        assert store.pending_links() == {d.id for d in documents[10:20]}
        for doc in documents[20:]:
            store.write_document(doc)
        link_corpus(store, [d.id for d in documents[20:]], similarity=False)
        assert store.pending_links() == set()
        assert clustering(store) == resolved(documents)


def test_replace_entities_drops_the_index_so_the_next_link_is_full():
    documents = corpus(12, 8)
    with Store(":memory:") as store:
        for doc in documents:
            store.write_document(doc)
        relink_entities(store)
        store.replace_entities([])
        assert not store.entity_index().is_built()
        link_corpus(store, [documents[0].id], similarity=False)
        assert clustering(store) == resolved(documents)
