"""Incremental linking against the store gives the stories of a full relink."""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from claimtrace.link.corpus import link_corpus
from claimtrace.link.embeddings import SentenceSimilarity
from claimtrace.link.incremental import link_new_documents, relink_stories
from claimtrace.model import AUTHOR, Document, EventClaim, Segment
from claimtrace.store import Store
from claimtrace.store.migrations import MIGRATIONS

PARTIES = ["Atlantis", "Borduria", "Syldavia", "Elbonia", "Freedonia"]
TYPES = ["arms_transfer", "meeting", "unrest", "defence_cooperation", "personnel_change", "arms_negotiation"]
TIMES = [None, "2020", "2020-10", "2020-11", "2020-10-04", "2021", "2019"]
VERBS = ["shipped rifles to", "met", "clashed with", "signed a pact with", "appointed", "offered drones to"]


def make_document(number: int, rng: random.Random, claims: int = 4, *, parties: Sequence[str] = PARTIES,
                  times: Sequence[str | None] = TIMES) -> Document:
    sentences, made = [], []
    for k in range(claims):
        agent = rng.choice(parties) if rng.random() < 0.85 else None
        recipient = rng.choice(parties) if rng.random() < 0.6 else None
        sentences.append(f"Item {k}: {agent or 'someone'} {rng.choice(VERBS)} {recipient or 'others'}.")
        made.append((agent, recipient))
    text = " ".join(sentences)
    published = rng.choice([None, "2020-11-02", "2021-03-01", "2015-06-01"])
    document = Document(name=f"doc-{number:03d}", text=text, origin=f"made/{number}.txt", format="txt",
                        published=published, language="en")
    document.segments = [Segment(document.id, "article", 0, len(text))]
    offset = 0
    for sentence, (agent, recipient) in zip(sentences, made):
        arguments = {role: value for role, value in (("agent", agent), ("recipient", recipient)) if value}
        source = rng.choice([AUTHOR, "Daily Herald", "the ministry", "insiders"])
        document.event_claims.append(EventClaim(
            doc_id=document.id, type=rng.choice(TYPES), evidence=(offset, offset + len(sentence)),
            trigger=(offset, offset + 4), source=source, source_type="author" if source == AUTHOR else "media",
            polarity=rng.choice(["positive", "positive", "negative"]), certainty="certain",
            arguments=arguments, time=rng.choice(times)))
        offset += len(sentence) + 1
    return document


def corpus(seed: int, size: int) -> list[Document]:
    rng = random.Random(seed)
    return [make_document(number, rng) for number in range(size)]


def links(store: Store) -> tuple:
    return store.stories(), store.contradictions()


class WordEncoder:
    """Bag-of-words vectors over a fixed vocabulary: enough for a similarity that sees wording."""

    name = "test-words"

    def __init__(self) -> None:
        self.calls = 0
        self.vocabulary: dict[str, int] = {}

    def encode(self, sentences):
        self.calls += len(sentences)
        rows = np.zeros((len(sentences), 64), dtype=np.float32)
        for row, sentence in zip(rows, sentences):
            for word in re.findall(r"\w+", sentence.lower()):
                row[hash(word) % 64] += 1.0
            row /= max(float(np.linalg.norm(row)), 1e-9)
        return rows


@pytest.mark.parametrize("seed", range(4))
def test_link_new_documents_equals_full_relink_on_random_corpora(seed):
    documents = corpus(seed, 30)
    with Store(":memory:") as full, Store(":memory:") as step:
        for document in documents:
            full.write_document(document)
        relink_stories(full)
        for document in documents:
            step.write_document(document)
            link_new_documents(step, [document.id])
        assert links(step) == links(full)


@pytest.mark.parametrize("seed", range(2))
def test_link_new_documents_equals_full_relink_with_sentence_similarity(seed):
    documents = corpus(seed + 10, 24)
    encoder = WordEncoder()
    with Store(":memory:") as full, Store(":memory:") as step:
        for document in documents:
            full.write_document(document)
        relink_stories(full, SentenceSimilarity(encoder, full))
        for document in documents:
            step.write_document(document)
            link_new_documents(step, [document.id], SentenceSimilarity(encoder, step))
        assert links(step) == links(full)


def reanalysed(document: Document, rng: random.Random, **made: Any) -> Document:
    """The same text analysed again with other results (as by a newer analyser): the same id, other claims."""
    again = Document(name=document.name, text=document.text, origin=document.origin, format="txt",
                     published=document.published, language="en")
    again.segments = [Segment(again.id, "article", 0, len(again.text))]
    end = len(again.text)
    for claim in make_document(0, rng, claims=rng.choice([1, 3, 4]), **made).event_claims:
        evidence = (min(claim.evidence[0], end - 1), min(claim.evidence[1], end))
        again.event_claims.append(replace(claim, doc_id=again.id, evidence=evidence,
                                          trigger=(evidence[0], evidence[0] + 1)))
    again.event_claims = list({claim.id: claim for claim in again.event_claims}.values())
    return again


CROWDED = {"parties": PARTIES[:2], "times": ["2020-10", "2020-10", "2020", None]}  # few events: big stories


@pytest.mark.parametrize("seed, with_similarity, crowded", [(0, False, False), (2, False, False), (4, False, False),
                                                             (1, False, True), (9, False, True), (3, True, False),
                                                             (5, True, True)])
def test_link_new_documents_equals_full_relink_in_batches_and_after_reanalysis(seed, with_similarity, crowded):
    """Batches of new documents, and stored documents analysed again with other claims (crowded: few parties
    and dates, so stories grow big and claims join and leave them)."""
    rng = random.Random(seed + 20)
    made = CROWDED if crowded else {}
    documents = [make_document(number, rng, claims=rng.choice([2, 4, 6]), **made) for number in range(40)]
    latest: dict[str, Document] = {}
    encoder = WordEncoder()
    with Store(":memory:") as step:
        position = 0
        while position < len(documents):
            batch = documents[position:position + rng.choice([1, 1, 2, 5])]
            position += len(batch)
            if latest and rng.random() < 0.4:
                batch = [*batch, reanalysed(latest[rng.choice(sorted(latest))], rng, **made)]
            for document in batch:
                step.write_document(document)
                latest[document.id] = document
            link_new_documents(step, [d.id for d in batch], SentenceSimilarity(encoder, step) if with_similarity
                               else None)
        with Store(":memory:") as full:
            for document in latest.values():
                full.write_document(document)
            relink_stories(full, SentenceSimilarity(encoder, full) if with_similarity else None)
            assert links(step) == links(full)
        assert not crowded or max(len(story.claim_ids) for story in step.stories()) >= 8


def test_link_corpus_with_new_documents_is_incremental_and_relinking_again_changes_nothing():
    first, second = corpus(7, 20), corpus(8, 6)
    with Store(":memory:") as store:
        for document in first:
            store.write_document(document)
        assert link_corpus(store, [d.id for d in first], similarity=False).mode == "full"  # no stories yet
        for document in second:
            store.write_document(document)
        report = link_corpus(store, [d.id for d in second], similarity=False)
        assert report.mode == "incremental"
        incremental = links(store)
        assert link_corpus(store, similarity=False).mode == "full"
        assert links(store) == incremental
        store.write_document(second[0])  # the same document ingested again
        link_corpus(store, [second[0].id], similarity=False)
        assert links(store) == incremental


def test_link_corpus_links_documents_stored_but_never_linked():
    documents = corpus(3, 12)
    with Store(":memory:") as store, Store(":memory:") as full:
        for document in documents:
            full.write_document(document)
        relink_stories(full)
        for document in documents[:6]:
            store.write_document(document)
        link_corpus(store, similarity=False)
        for document in documents[6:]:
            store.write_document(document)  # an interrupted ingest: stored, not linked
        assert store.pending_links() == {d.id for d in documents[6:]}
        link_corpus(store, [], similarity=False)
        assert links(store) == links(full)


def test_sentence_vectors_are_cached_so_relinking_embeds_nothing_new():
    documents = corpus(5, 8)
    encoder = WordEncoder()
    with Store(":memory:") as store:
        for document in documents:
            store.write_document(document)
        relink_stories(store, SentenceSimilarity(encoder, store))
        embedded = encoder.calls
        assert embedded > 0
        relink_stories(store, SentenceSimilarity(encoder, store))
        assert encoder.calls == embedded


def test_migration_queues_what_an_older_store_never_linked(tmp_path):
    documents = corpus(4, 10)
    path = tmp_path / "old.db"
    with Store(path) as store:
        for document in documents[:5]:
            store.write_document(document)
        link_corpus(store, [d.id for d in documents[:5]], similarity=False)
        for document in documents[5:]:
            store.write_document(document)  # stored, never linked
    queue = next(m for m in MIGRATIONS if m.name == "pending links")
    with sqlite3.connect(path) as connection:  # the store as an older claimtrace left it, then that migration
        connection.execute("DROP TABLE pending_links")
        for statement in queue.statements():
            connection.execute(statement)
    with Store(path) as store:
        assert store.pending_links() == {d.id for d in documents[5:]}


@pytest.mark.parametrize("seed", [5, 6])
def test_a_step_of_many_documents_is_placed_a_chunk_at_a_time_with_the_stories_of_a_full_link(seed, monkeypatch):
    monkeypatch.setattr("claimtrace.link.corpus.INCREMENTAL_CHUNK", 2)  # a replay holds what 2 documents reach
    documents = corpus(seed, 30)
    first, second = documents[:24], documents[24:]  # 6 new documents: a quarter of the corpus less one
    placed: list[int] = []
    monkeypatch.setattr("claimtrace.link.corpus.link_new_documents",
                        lambda store, doc_ids, similarity: placed.append(len(doc_ids)) or link_new_documents(
                            store, doc_ids, similarity))
    with Store(":memory:") as store, Store(":memory:") as full:
        for document in documents:
            full.write_document(document)
        relink_stories(full)
        for document in first:
            store.write_document(document)
        link_corpus(store, [d.id for d in first], similarity=False)
        for document in second:
            store.write_document(document)
        report = link_corpus(store, [d.id for d in second], similarity=False)
        assert report.mode == "incremental" and placed == [2, 2, 2]
        assert not store.pending_links()
        assert links(store) == links(full)
