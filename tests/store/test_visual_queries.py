"""The reads behind the timeline and the graph (on SQLite and PostgreSQL): what to draw, and who acts on whom."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from claimtrace.link.corpus import link_corpus
from claimtrace.model import Document
from claimtrace.store import Store, visual_queries

NUMBERS = (1, 2, 3, 5, 6, 7)  # bulletins with 1, 2, 3, 1, 2 and 3 denials


@pytest.fixture
def linked(store: Store, make_document: Callable[[int], Document]) -> list[Document]:
    documents = [make_document(number) for number in NUMBERS]
    for document in documents:
        store.write_document(document)
    link_corpus(store, similarity=False)
    return documents


def test_visual_party_links_count_claims_with_both_parties(store: Store, linked: list[Document]) -> None:
    keys = {m.entity_key for d in linked for m in d.mentions}
    deliveries = [c for d in linked for c in d.event_claims if "agent" in c.argument_keys]
    assert visual_queries.party_links(store, keys) == [
        visual_queries.PartyLink("country:OS-test", "country:SU-test", "arms_transfer", len(deliveries), 0)]
    assert visual_queries.party_links(store, {"country:OS-test"}) == []  # the recipient is not among the keys


def test_visual_ranked_entities_weigh_statements_and_parties(store: Store, linked: list[Document]) -> None:
    ranked = visual_queries.ranked_entities(store, 10)
    weights = {entity.key: weight for entity, weight in ranked}
    denials = sum(len(d.event_claims) - 1 for d in linked)  # Suderia speaks in each denial
    assert weights == {"country:SU-test": denials + len(linked) + denials,  # source, and party of every claim
                       "country:OS-test": len(linked), "country:NL-test": 0}
    assert [entity.key for entity, _ in ranked] == ["country:SU-test", "country:OS-test", "country:NL-test"]
    assert [entity.key for entity, _ in visual_queries.ranked_entities(store, 1)] == ["country:SU-test"]


def test_visual_dated_stories_most_claims_first(store: Store, linked: list[Document]) -> None:
    stories = {story.id: story for story in store.stories()}
    dated, undated = visual_queries.story_time_counts(store)
    assert (dated, undated) == (sum(bool(s.time) for s in stories.values()), sum(not s.time for s in stories.values()))
    chosen = visual_queries.dated_story_ids(store, 2)
    assert len(chosen) == min(2, dated) and all(stories[i].time for i in chosen)
    sizes = sorted((len(s.claim_ids) for s in stories.values() if s.time), reverse=True)
    assert [len(stories[i].claim_ids) for i in chosen] == sizes[:2]


def test_visual_mentions_and_names_of_only_what_is_asked(store: Store, linked: list[Document]) -> None:
    second = linked[1]
    assert visual_queries.mentions_of_documents(store, [second.id]) == {second.id: second.mentions}
    assert visual_queries.mentions_of_documents(store, ["no-such-document"]) == {}
    assert visual_queries.entity_names(store, ["country:OS-test", "country:nowhere"]) == {"country:OS-test": "Ostavia"}
