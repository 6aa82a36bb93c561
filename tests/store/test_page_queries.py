"""The reads behind the story page, ``claimtrace story`` and the entity dossier (on SQLite and PostgreSQL):
each reads the rows of one story or entity, not of the corpus (issue 8)."""

from __future__ import annotations

from collections.abc import Callable

from claimtrace.link.incremental_entities import relink_entities
from claimtrace.model import Contradiction, Document, EventClaim, Story
from claimtrace.store import Store, web_queries
from claimtrace.store.migrations import LATEST_VERSION, MIGRATIONS
from claimtrace.store.sql import engine_of

PAGE_INDEXES = next(m for m in MIGRATIONS if m.file == "0008_page_indexes.sql")
INDEXES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'index'",
    "postgresql": "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()",
}


def stored(store: Store, make_document: Callable[[int], Document], *numbers: int) -> list[Document]:
    documents = [make_document(number) for number in numbers]
    for document in documents:
        store.write_document(document)
    return documents


def indexes(store: Store) -> set[str]:
    return {row[0] for row in store.connection.execute(INDEXES[engine_of(store.connection)])}


def in_document_order(documents: list[Document]) -> list[EventClaim]:
    return [claim for document in sorted(documents, key=lambda d: d.name) for claim in document.event_claims]


def test_comment_segment_ids_of_some_documents(store, make_document):
    documents = stored(store, make_document, 1, 2, 3)
    comments = {d.id: {s.id for s in d.segments if s.kind == "comment"} for d in documents}
    first, second, third = (d.id for d in documents)
    assert all(len(found) == 1 for found in comments.values())
    assert store.comment_segment_ids([first, third]) == comments[first] | comments[third]
    assert store.comment_segment_ids([second, "no-such-document"]) == comments[second]
    assert store.comment_segment_ids([]) == set()
    assert store.comment_segment_ids() == comments[first] | comments[second] | comments[third]


def test_shared_passages_found_from_the_copy_and_from_the_original(store, make_document):
    first, second = stored(store, make_document, 2, 4)
    copy = make_document(6)
    copy.segments[0].duplicate_of = first.segments[0].id
    own = make_document(8)
    own.segments[1].duplicate_of = own.segments[0].id  # a duplicate within one document pairs nothing
    for document in (copy, own):
        store.write_document(document)
    pair = frozenset({first.id, copy.id})
    assert store.shared_passages([copy.id]) == {pair}
    assert store.shared_passages([first.id]) == {pair}
    assert store.shared_passages([first.id, copy.id, second.id, own.id]) == {pair}
    assert store.shared_passages([second.id, own.id]) == set()


def test_story_ids_with_prefix_in_code_point_order(store, make_document):
    [document] = stored(store, make_document, 1)
    claim_id = document.event_claims[0].id
    ids = ["ab1", "ab2", "ac", "aZ", "b", "a%"]
    store.replace_story_layer([Story(i, "arms_transfer", i, [claim_id]) for i in ids], [], {})
    assert store.story_ids_with_prefix("ab", 2) == ["ab1", "ab2"]
    assert store.story_ids_with_prefix("ab", 5) == ["ab1", "ab2"]
    assert store.story_ids_with_prefix("ab2", 2) == ["ab2"]
    assert store.story_ids_with_prefix("a", 3) == ["a%", "aZ", "ab1"]  # "%" < "Z" < "b", as Python sorts
    assert store.story_ids_with_prefix("", 2) == ["a%", "aZ"]
    assert store.story_ids_with_prefix("a_", 2) == []  # no wildcard
    assert store.story_ids_with_prefix("abc", 2) == []
    assert store.story_ids_with_prefix("c", 2) == []


def test_contradictions_of_one_story(store, make_document):
    documents = stored(store, make_document, 1, 3)
    claims = sorted(claim.id for document in documents for claim in document.event_claims)
    stories = [Story("s1", "arms_transfer", "one", claims[:3]), Story("s2", "arms_transfer", "two", claims[3:])]
    found = [Contradiction("s1", claims[1], claims[2], "tension", "They differ on the date."),
             Contradiction("s2", claims[3], claims[5], "contradiction", "One denies it."),
             Contradiction("s1", claims[0], claims[2], "contradiction", "One denies it."),
             Contradiction("s2", claims[3], claims[4], "tension", "They differ on the number.")]
    store.replace_story_layer(stories, found, {})
    for story in stories:
        assert store.contradictions(story.id) == [c for c in store.contradictions() if c.story_id == story.id]
    assert [(c.claim_a, c.claim_b) for c in store.contradictions("s1")] == [(claims[0], claims[2]),
                                                                           (claims[1], claims[2])]
    assert store.contradictions("no-such-story") == []


def test_claims_about_with_a_limit(store, make_document):
    documents = stored(store, make_document, 1, 2, 3, 4)  # every claim names Suderia; a delivery names Ostavia
    first, second, _, fourth = documents
    store.write_document(second)  # written again: its claims are now the ones stored last
    suderia, ostavia = "country:SU-test", "country:OS-test"
    everything = in_document_order(documents)
    assert web_queries.claims_about(store, [suderia]) == everything
    assert web_queries.claims_about(store, [suderia], limit=len(everything) + 5) == everything
    assert web_queries.claims_about(store, [suderia], limit=0) == []
    three = web_queries.claims_about(store, [suderia], limit=3)
    four = web_queries.claims_about(store, [suderia, ostavia], limit=4)  # the delivery names both: once
    if engine_of(store.connection) == "sqlite":  # the claims stored last, shown in document order
        assert three == second.event_claims
        assert four == second.event_claims + fourth.event_claims
    else:  # no insertion order: the first in document order
        assert three == first.event_claims + second.event_claims[:1]
        assert four == first.event_claims + second.event_claims[:2]


def test_page_indexes_added_to_a_store_of_the_previous_version(store_location, make_document, monkeypatch):
    earlier = tuple(m for m in MIGRATIONS if m.version < PAGE_INDEXES.version)
    with monkeypatch.context() as patch:
        patch.setattr("claimtrace.store.migrations.MIGRATIONS", earlier)
        patch.setattr("claimtrace.store.migrations.LATEST_VERSION", earlier[-1].version)
        with Store(store_location) as old:
            [document] = stored(old, make_document, 3)
            relink_entities(old)
            assert old.schema_version == earlier[-1].version
            assert "mentions_by_entity" in indexes(old) and "segments_by_duplicate" not in indexes(old)
    with Store(store_location) as store:
        assert store.schema_version == LATEST_VERSION
        found = indexes(store)
        assert {"segments_by_duplicate", "mentions_by_entity_document", "entity_documents_by_member"} <= found
        assert "mentions_by_entity" not in found
        assert store.load_document(document.id) == document
        summary = web_queries.mention_summary(store, "country:SU-test")
    assert summary == web_queries.MentionSummary(4, 1, [("Suderia", 4)])  # the delivery's recipient, three denials


def test_story_headings_without_their_claims(store, make_document):
    [document] = stored(store, make_document, 3)
    claims = [claim.id for claim in document.event_claims]
    store.replace_story_layer([Story("s2", "arms_transfer", "two", claims[:2], "2021-03"),
                               Story("s1", "arms_transfer", "one", claims[2:])], [], {})
    assert web_queries.story_headings(store, ["s2", "s1", "no-such-story"]) == [
        web_queries.StoryHeading("s1", "arms_transfer", "one", None),
        web_queries.StoryHeading("s2", "arms_transfer", "two", "2021-03")]
    assert web_queries.story_headings(store, []) == []


def _insert_stories_before_counts(connection, stories, contradictions) -> None:
    """What the previous version wrote: stories without their counts."""
    connection.executemany("INSERT INTO stories (id, type, label, time) VALUES (?, ?, ?, ?)",
                           [(s.id, s.type, s.label, s.time) for s in stories])
    connection.executemany("INSERT INTO story_claims (story_id, claim_id, ordinal) VALUES (?, ?, ?)",
                           [(s.id, claim_id, i) for s in stories for i, claim_id in enumerate(s.claim_ids)])
    connection.executemany("INSERT INTO contradictions (story_id, claim_a, claim_b, kind, explanation) "
                           "VALUES (?, ?, ?, ?, ?)",
                           [(c.story_id, c.claim_a, c.claim_b, c.kind, c.explanation) for c in contradictions])


def test_story_counts_of_a_store_of_the_previous_version_are_counted_when_it_is_opened(
        store_location, make_document, monkeypatch):
    overview = next(m for m in MIGRATIONS if m.file == "0010_overview_indexes.sql")
    earlier = tuple(m for m in MIGRATIONS if m.version < overview.version)
    with monkeypatch.context() as patch:
        patch.setattr("claimtrace.store.migrations.MIGRATIONS", earlier)
        patch.setattr("claimtrace.store.migrations.LATEST_VERSION", earlier[-1].version)
        patch.setattr("claimtrace.store.link_index.insert_stories", _insert_stories_before_counts)
        with Store(store_location) as old:
            claims = [claim.id for document in stored(old, make_document, 3, 4) for claim in document.event_claims]
            old.replace_story_layer(
                [Story("s1", "arms_transfer", "one", claims[:3]), Story("s2", "arms_transfer", "two", claims[3:])],
                [Contradiction("s2", claims[3], claims[4], "contradiction", "denied"),
                 Contradiction("s1", claims[0], claims[1], "tension", "dates differ"),
                 Contradiction("s1", claims[0], claims[2], "tension", "numbers differ")], {})
    with Store(store_location) as store:
        assert store.schema_version == LATEST_VERSION
        assert {"stories_by_contest", "documents_by_ingested"} <= indexes(store)
        assert web_queries.contested_stories(store, 5) == [
            web_queries.StoryRank("s2", 1, 0, len(claims) - 3), web_queries.StoryRank("s1", 0, 2, 3)]
