"""The story page, ``claimtrace story`` and the entity dossier read by index (issue 8): no SQL statement they run
scans a table that grows with the corpus, so they answer on a large store as fast as on this small one.
The overview's lists and a page of the register are read in the order of an index.

SQLite plans a query without looking at table sizes here (the store keeps no statistics), so the plans
of this small store are those of a large one.
"""

from __future__ import annotations

import io
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.console import Console

from claimtrace.link.registry import SourceRegistry
from claimtrace.model import Contradiction, Entity, Story
from claimtrace.show.terminal import print_story
from claimtrace.store import Store, open_store
from claimtrace.web.entity import entity_content
from claimtrace.web.overview import overview_content
from claimtrace.web.register import register_content
from claimtrace.web.pages import Site, template_environment
from claimtrace.web.story import story_content
from tests.store.conftest import build_document

# Every table whose rows grow with the documents stored.
CORPUS_TABLES = frozenset({"documents", "segments", "mentions", "attributions", "event_claims", "claim_arguments",
                           "roles", "entities", "entity_members", "stories", "story_claims", "contradictions"})
STORY_ID = "3f2a01c"
ENTITY = "country:SU-test"


@pytest.fixture
def linked_store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "kb.db") as store:
        documents = [build_document(number) for number in range(1, 6)]
        documents[2].segments[0].duplicate_of = documents[0].segments[0].id
        for document in documents:
            store.write_document(document)
        claims = sorted(claim.id for document in documents for claim in document.event_claims)
        stories = [Story(STORY_ID, "arms_transfer", "Boats to Suderia", claims[:4], "2021-03"),
                   Story("9e", "arms_transfer", "The rest", claims[4:], "2021-03")]
        contradictions = [Contradiction(STORY_ID, claims[0], claims[1], "contradiction", "One denies it.")]
        entities = [Entity(ENTITY, "Suderia", "place", aliases=["country:SU-alias"]),
                    Entity("country:OS-test", "Ostavia", "place"), Entity("country:NL-test", "Norland", "place")]
        store.replace_links(entities, stories, contradictions)
        yield store


def corpus_scans(store: Store, run: Callable[[], object]) -> list[str]:
    """The plan steps of ``run``'s queries that read a whole corpus table (or a whole index of one)."""
    statements: list[str] = []
    connection = store.connection
    assert isinstance(connection, sqlite3.Connection)
    connection.set_trace_callback(statements.append)
    try:
        run()
    finally:
        connection.set_trace_callback(None)
    scans = []
    for statement in dict.fromkeys(s for s in statements if s.lstrip().upper().startswith("SELECT")):
        for row in connection.execute("EXPLAIN QUERY PLAN " + statement):
            words = str(row[-1]).split()  # SCAN <table or its alias in the statement> [USING ...]
            if words[0] == "SCAN" and (words[1] in CORPUS_TABLES or re.search(
                    rf"\b(?:{'|'.join(CORPUS_TABLES)})\s+(?:AS\s+)?{re.escape(words[1])}\b", statement)):
                scans.append(f"{row[-1]} in {' '.join(statement.split())}")
    assert statements, "nothing was read"
    return scans


def site_of(store: Store) -> Site:
    return Site(db_path=store.location, templates=template_environment(),
                registry=SourceRegistry.load(db_path=store.location), opened=store)


def test_story_page_reads_by_index(linked_store: Store) -> None:
    site = site_of(linked_store)
    assert corpus_scans(linked_store, lambda: site.render(story_content(site, STORY_ID))) == []


def test_entity_dossier_reads_by_index(linked_store: Store) -> None:
    site = site_of(linked_store)
    assert corpus_scans(linked_store, lambda: site.render(entity_content(site, ENTITY))) == []
    assert corpus_scans(linked_store, lambda: site.render(entity_content(site, "country:SU-alias"))) == []


def test_claimtrace_story_reads_by_index(linked_store: Store) -> None:
    console = Console(file=io.StringIO(), width=200)
    assert corpus_scans(linked_store, lambda: print_story(console, linked_store, STORY_ID[:4])) == []
    assert "One denies it." in console.file.getvalue()


def test_overview_reads_its_lists_in_index_order(linked_store: Store) -> None:
    # its counts read whole tables (COUNT(*)); its lists, the first rows of an index: no statement sorts
    # every story or document (a sort of what ties on the index's first column is allowed)
    site = site_of(linked_store)
    statements: list[str] = []
    connection = linked_store.connection
    assert isinstance(connection, sqlite3.Connection)
    connection.set_trace_callback(statements.append)
    try:
        page = overview_content(site)
    finally:
        connection.set_trace_callback(None)
    lists = [s for s in statements if "ORDER BY" in s.upper() and "LIMIT" in s.upper()]
    assert len(lists) == 2  # the most contested stories, the recent documents
    for statement in lists:
        plan = [str(row[-1]) for row in connection.execute("EXPLAIN QUERY PLAN " + statement)]
        assert "USE TEMP B-TREE FOR ORDER BY" not in plan, (statement, plan)
        assert not any(step.startswith("CORRELATED") for step in plan), (statement, plan)
    ranked = [(rank.story_id, rank.contradictions, rank.claims) for rank, _, _ in page.values["stories"]]
    assert ranked == [(STORY_ID, 1, 4), ("9e", 0, len(linked_store.story("9e").claim_ids))]


def test_register_reads_a_page_of_transfer_stories_by_index(linked_store: Store) -> None:
    site = site_of(linked_store)
    first, second = register_content(site, 1, rows_per_page=1), register_content(site, 2, rows_per_page=1)
    # both stories are of March 2021: the later id first
    assert [row.story_id for row in first.values["rows"]] == ["9e"]
    assert [row.story_id for row in second.values["rows"]] == [STORY_ID]
    assert first.values["pages"] | second.values["pages"] == {
        "number": 2, "last": 2, "total": 2, "previous": "/register?page=1", "next": None}
    assert first.values["pages"]["next"] == "/register?page=2"
    assert corpus_scans(linked_store, lambda: site.render(register_content(site, 2, rows_per_page=1))) == []
    beyond = register_content(site, 3, rows_per_page=1)
    assert beyond.status_code == 400 and "pages 1 to 2" in beyond.values["message"]
