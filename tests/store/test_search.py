"""Full-text search on a real store: the index follows every write, old stores are back-filled,
filters narrow, odd queries never crash, better matches rank first. Tests of ``search_store`` run on
SQLite and on PostgreSQL; what only PostgreSQL's index does is in test_search_postgres.py."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from claimtrace.errors import SearchError
from claimtrace.model import Attribution, Document, Entity, EventClaim, Mention
from claimtrace.store import Store
from claimtrace.store.migrations import MIGRATIONS
from claimtrace.store.search import SearchRequest, fts5_expression, search, search_choices
from claimtrace.store.search_query import MAX_QUERY_CHARS, ParsedQuery, Term, parse_query
from claimtrace.store.search_results import CLOSE, OPEN

from .conftest import build_document

SEARCH_VERSION = 6


def _document(name: str, text: str, *, title: str | None = None, outlet: str | None = None,
              published: str | None = None, claims: tuple[tuple[str, str, str, str | None], ...] = (),
              mentions: tuple[tuple[str, str, str], ...] = ()) -> Document:
    """A document whose claims are (sentence, event type, source, time) and mentions (text, key, name)."""
    document = Document(name=name, text=text, origin=f"/notes/{name}.txt", format="txt", title=title,
                        outlet=outlet, published=published, language="en")
    for sentence, event_type, source, time in claims:
        start = text.index(sentence)
        trigger = (start, start + sentence.index(" ", 1))
        document.event_claims.append(EventClaim(document.id, event_type, (start, start + len(sentence)), trigger,
                                                source=source, source_type="government", time=time))
    for surface, key, entity_name in mentions:
        start = text.index(surface)
        document.mentions.append(Mention(start, start + len(surface), surface, "GPE", key, entity_name, "place"))
    return document


NOTE_ON_RADARS = _document(
    "radar-note", "Valdoria bought two coastal radars from Estmark in 2019. Estmark denies any radar sale.",
    title="Coastal radars for Valdoria", outlet="Harbour Gazette", published="2019-11-02",
    claims=(("Valdoria bought two coastal radars from Estmark in 2019.", "arms_transfer", "AUTHOR", "2019"),
            ("Estmark denies any radar sale.", "arms_transfer", "Estmark", None)),
    mentions=(("Valdoria", "country:VA-test", "Valdoria"), ("Estmark", "country:ES-test", "Estmark")))
DRILL_REPORT = _document(
    "drill-report", "Troops of Valdoria held a naval drill off Kestrel Bay. Observers counted six ships.",
    title="Naval drill", outlet="Coast Monitor", published="2022-06-15",
    claims=(("Troops of Valdoria held a naval drill off Kestrel Bay.", "military_training", "AUTHOR", "2022-06"),),
    mentions=(("Valdoria", "country:VA-test", "Valdoria"),))
BUDGET_BRIEF = _document(
    "budget-brief", "Estmark raised its defence budget. The radar programme got nothing.",
    title="Budget", outlet="harbour gazette", published="2023-01",
    claims=(("Estmark raised its defence budget.", "military_spending", "Ministry of Finance of Estmark", "2023"),),
    mentions=(("Estmark", "country:ES-test", "Estmark"),))
NOTES = (NOTE_ON_RADARS, DRILL_REPORT, BUDGET_BRIEF)


def with_notes(store: Store) -> Store:
    """The store with the three notes written and their entities linked."""
    for note in NOTES:
        store.write_document(note)
    store.replace_entities([Entity("country:VA-test", "Valdoria", "place", aliases=["gpe:valdoria"]),
                            Entity("country:ES-test", "Estmark", "place")])
    return store


@pytest.fixture
def search_store(store_location: str) -> Iterator[Store]:
    """A store holding the three notes, with their entities linked: on SQLite, then on PostgreSQL."""
    with Store(store_location) as store:
        yield with_notes(store)


@pytest.fixture
def sqlite_search_store(db_path: Path) -> Iterator[Store]:
    """The same on SQLite alone, for the tests that look inside the FTS5 index."""
    with Store(db_path) as store:
        yield with_notes(store)


def _found(store: Store, text: str = "", **filters: object) -> set[tuple[str, str]]:
    """(document name, kind) of every hit, read over all pages."""
    results = search(store, SearchRequest(text=text, limit=500, **filters))  # type: ignore[arg-type]
    names = {row.id: row.name for row in store.documents()}
    return {(names[hit.doc_id], hit.kind) for hit in results.hits}


def _integrity(connection: sqlite3.Connection) -> None:
    for table in ("search_documents", "search_claims"):
        connection.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('integrity-check', 1)")


# The index follows the store

def test_search_finds_documents_and_claims_after_write(sqlite_search_store: Store) -> None:
    search_store = sqlite_search_store
    assert _found(search_store, "radar") == {("radar-note", "document"), ("radar-note", "claim"),
                                             ("budget-brief", "document")}
    assert _found(search_store, "gazette") == set()  # the outlet is a filter, not text
    _integrity(search_store.connection)


def test_search_index_follows_rewrite_and_delete(sqlite_search_store: Store) -> None:
    search_store = sqlite_search_store
    changed = _document(NOTE_ON_RADARS.name, NOTE_ON_RADARS.text, title="Sensors on the coast",
                        outlet="Harbour Gazette", published="2019-11-02",
                        claims=(("Estmark denies any radar sale.", "arms_transfer", "Estmark", None),))
    search_store.write_document(changed)
    assert _found(search_store, "sensors") == {("radar-note", "document")}
    assert _found(search_store, "coastal", kind="claims") == set()  # the claim that said it is gone
    assert ("radar-note", "claim") in _found(search_store, "denies")
    search_store.connection.execute("DELETE FROM documents WHERE id = ?", (DRILL_REPORT.id,))
    assert _found(search_store, "drill") == set()
    keys = search_store.connection.execute("SELECT COUNT(*) FROM search_claim_keys WHERE doc_id = ?",
                                           (DRILL_REPORT.id,)).fetchone()[0]
    assert keys == 0
    _integrity(search_store.connection)


def test_search_rewriting_same_document_keeps_claim_numbers(sqlite_search_store: Store) -> None:
    search_store = sqlite_search_store
    numbers = search_store.connection.execute("SELECT * FROM search_claim_keys ORDER BY id").fetchall()
    for note in NOTES:
        search_store.write_document(note)
    assert search_store.connection.execute("SELECT * FROM search_claim_keys ORDER BY id").fetchall() == numbers
    assert _found(search_store, "drill", kind="claims") == {("drill-report", "claim")}


def test_search_migration_backfills_an_older_store(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    older = tuple(m for m in MIGRATIONS if m.version < SEARCH_VERSION)
    with monkeypatch.context() as patch:
        patch.setattr("claimtrace.store.migrations.MIGRATIONS", older)
        patch.setattr("claimtrace.store.migrations.LATEST_VERSION", older[-1].version)
        with Store(db_path) as store:
            for note in (*NOTES, build_document(3)):
                store.write_document(note)
    with closing(sqlite3.connect(db_path)) as connection:
        assert not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_documents'").fetchall()
    with Store(db_path) as store:
        assert store.schema_version >= SEARCH_VERSION
        assert _found(store, "radar") == {("radar-note", "document"), ("radar-note", "claim"),
                                          ("budget-brief", "document")}
        assert _found(store, '"patrol boats"', kind="claims") == {("bulletin-0003", "claim")}
        _integrity(store.connection)
        store.write_document(NOTE_ON_RADARS)  # a back-filled row is rewritten like any other
        _integrity(store.connection)


# Filters

@pytest.mark.parametrize("entity", ["country:VA-test", "Valdoria", "valdoria", "gpe:valdoria"])
def test_search_entity_filter_by_key_name_or_member(search_store: Store, entity: str) -> None:
    assert _found(search_store, "", entity=entity) == {
        ("radar-note", "document"), ("drill-report", "document")}  # the claims name no party as an argument
    assert _found(search_store, "drill", entity=entity) == {("drill-report", "document")}


def test_search_entity_filter_claims_by_source(search_store: Store) -> None:
    # the denial's attribution names Estmark as its source entity
    document = _document("denial", "Estmark denied the sale, the ministry said.", published="2020-01-01",
                         claims=(("Estmark denied the sale", "arms_transfer", "Estmark", None),),
                         mentions=(("Estmark", "country:ES-test", "Estmark"),))
    claim = document.event_claims[0]
    attribution = Attribution(document.id, claim.evidence, "Estmark", "government", "denied", None, "negative",
                              source_key="country:ES-test")
    claim.attribution_id = attribution.id
    document.attributions = [attribution]
    search_store.write_document(document)
    assert ("denial", "claim") in _found(search_store, "sale", entity="Estmark")
    assert ("denial", "claim") not in _found(search_store, "sale", entity="Valdoria")


def test_search_unknown_entity_is_a_clear_error(search_store: Store) -> None:
    with pytest.raises(SearchError, match="no entity 'Atlantis'"):
        search(search_store, SearchRequest(text="radar", entity="Atlantis"))


def test_search_event_type_filter(search_store: Store) -> None:
    assert _found(search_store, "", event_type="military_training") == {
        ("drill-report", "document"), ("drill-report", "claim")}
    with pytest.raises(SearchError, match="unknown event type 'drills'; known types: arms_transfer"):
        search(search_store, SearchRequest(text="drill", event_type="drills"))


@pytest.mark.parametrize(("source", "expected"), [
    ("harbour gazette", {("radar-note", "document"), ("radar-note", "claim"), ("budget-brief", "document"),
                         ("budget-brief", "claim")}),  # the outlet, matched without regard to case
    ("Estmark", {("radar-note", "claim")}),  # who the claim is by
    ("ministry of finance of estmark", {("budget-brief", "claim")}),
    ("Nobody", set()),
])
def test_search_source_filter_by_outlet_or_claim_source(search_store: Store, source: str,
                                                        expected: set[tuple[str, str]]) -> None:
    assert _found(search_store, "radar OR budget OR estmark", source=source) == expected


@pytest.mark.parametrize(("since", "until", "expected"), [
    ("2019", "2019", {("radar-note", "document"), ("radar-note", "claim")}),
    ("2019-11-02", None, {("radar-note", "document"), ("radar-note", "claim"), ("drill-report", "document"),
                          ("drill-report", "claim"), ("budget-brief", "document"), ("budget-brief", "claim")}),
    ("2019-12", "2022", {("drill-report", "document"), ("drill-report", "claim"), ("radar-note", "claim")}),
    (None, "2019-11-01", {("radar-note", "claim")}),  # the event (2019) overlaps; the document is from 2 November
    ("2019-11-03", "2019", {("radar-note", "claim")}),  # the purchase (2019), not the denial (by its document)
    ("2023-01-15", "2023-02", {("budget-brief", "document"), ("budget-brief", "claim")}),  # "2023-01" overlaps
])
def test_search_date_filter_overlaps_iso_prefixes(search_store: Store, since: str | None, until: str | None,
                                                  expected: set[tuple[str, str]]) -> None:
    assert _found(search_store, "radar OR budget OR estmark OR valdoria", since=since, until=until) == expected


@pytest.mark.parametrize(("since", "until", "message"), [
    ("2019/01", None, r"bad date '2019/01' for --since: write YYYY, YYYY-MM or YYYY-MM-DD"),
    (None, "yesterday", r"bad date 'yesterday' for --until"),
    ("2022", "2021-12", r"the search starts \(2022\) after it ends \(2021-12\)"),
])
def test_search_bad_dates_are_clear_errors(search_store: Store, since: str | None, until: str | None,
                                           message: str) -> None:
    with pytest.raises(SearchError, match=message):
        search(search_store, SearchRequest(text="radar", since=since, until=until))


def test_search_kind_and_paging_checked(search_store: Store) -> None:
    assert _found(search_store, "radar", kind="documents") == {("radar-note", "document"), ("budget-brief", "document")}
    for request, message in ((SearchRequest("radar", kind="tweets"), "bad search kind 'tweets'"),
                             (SearchRequest("radar", limit=0), "bad search limit 0"),
                             (SearchRequest("radar", offset=-1), "bad search offset -1")):
        with pytest.raises(SearchError, match=message):
            search(search_store, request)


def test_search_pages_cover_every_hit_once(db_path: Path) -> None:
    with Store(db_path) as store:
        for number in range(12):
            store.write_document(build_document(number))
        everything = search(store, SearchRequest("delivery OR boats", limit=500))
        pages = [search(store, SearchRequest("delivery OR boats", limit=7, offset=offset))
                 for offset in range(0, everything.total, 7)]
    seen = [(hit.doc_id, hit.kind, hit.claim.id if hit.claim else None) for page in pages for hit in page.hits]
    assert len(seen) == len(set(seen)) == everything.total
    assert {page.total for page in pages} == {everything.total} and everything.documents == 12
    assert pages[0].has_more and not pages[-1].has_more
    assert everything.summary() == f"{everything.total} hits in 12 documents"


def test_search_choices_come_from_the_store(search_store: Store) -> None:
    choices = search_choices(search_store)
    assert choices.entities == [("country:ES-test", "Estmark"), ("country:VA-test", "Valdoria")]
    assert "military_training" in choices.event_types
    assert choices.sources == ["Coast Monitor", "Estmark", "Harbour Gazette", "Ministry of Finance of Estmark"]


# Query syntax: safe whatever is typed

@pytest.mark.parametrize(("text", "expected"), [
    ("coastal radars", '("coastal") AND ("radars")'),
    ('"coastal radars" estmark', '("coastal radars") AND ("estmark")'),
    ("radar*", '("radar" *)'),
    ("drill OR budget radar", '("drill" OR "budget") AND ("radar")'),
    ("radar -budget", '(("radar")) NOT "budget"'),
    ('AND( NEAR(a b) col:x "unclosed', '("AND(") AND ("NEAR(a") AND ("b)") AND ("col:x") AND ("unclosed")'),
    ("Su-35 OR", '("Su-35")'),
])
def test_search_query_becomes_quoted_fts5_terms(text: str, expected: str) -> None:
    assert fts5_expression(parse_query(text)) == expected


def test_search_query_parts() -> None:
    assert parse_query('-"air defence" radar* OR "naval') == ParsedQuery(
        groups=((Term("radar", prefix=True), Term("naval")),), excluded=(Term("air defence"),))
    assert parse_query("").empty and parse_query("   ").empty


@pytest.mark.parametrize(("text", "message"), [
    ('"', "nothing to search for"), ("* - ()", "nothing to search for"), ("-radar", "only excludes words"),
    ("x" * (MAX_QUERY_CHARS + 1), "over the limit of 500 characters"), (" ".join(["w"] * 40), "over the limit of 32"),
])
def test_search_query_errors_say_how_to_fix(search_store: Store, text: str, message: str) -> None:
    with pytest.raises(SearchError, match=message):
        search(search_store, SearchRequest(text=text))


@pytest.mark.parametrize("text", [
    '"', "-", "AND(", "*", "radar*", "NOT radar", "radar AND", "(radar", "radar)", '""', '"" radar', "^radar",
    "radar:x", "{radar}", "NEAR(radar, 2)", "\x00radar", "rad\ud800ar", "\u200bradar", "-*", "OR OR radar",
    f"radar {OPEN}x{CLOSE}", "Škoda", "レーダー", "'; DROP TABLE documents; --",
])
def test_search_odd_queries_never_crash(search_store: Store, text: str) -> None:
    try:
        results = search(search_store, SearchRequest(text=text))
    except SearchError as error:
        assert str(error)
    else:
        assert results.total >= len(results.hits)
    assert search_store.counts()["documents"] == len(NOTES)


def test_search_random_queries_never_crash(search_store: Store) -> None:
    alphabet = ['"', "-", "*", "(", ")", ":", "^", "+", "OR", "AND", "NOT", "NEAR", " ", "radar", "drill", "é",
                "\\", "'", "{", "}", ",", ".", "\t", "\n", OPEN, CLOSE]
    pick = random.Random(6)
    for _ in range(400):
        text = "".join(pick.choice(alphabet) for _ in range(pick.randint(1, 12)))
        try:
            search(search_store, SearchRequest(text=text))
        except SearchError:
            pass  # a clear message; any other exception fails the test


# Ranking and snippets

def test_search_ranks_title_and_repeated_words_first(db_path: Path) -> None:
    with Store(db_path) as store:
        for name, title, text in (
                ("passing", "Weather", "Rain fell on the harbour. A frigate was seen far away. Ships left."),
                ("focused", "Frigate sold", "The frigate was sold. The frigate sails in May. Its frigate crew stays."),
                ("titled", "Frigate", "The navy has a new ship."),
                ("unrelated", "Budget", "Nothing about ships.")):
            store.write_document(_document(name, text, title=title))
        results = search(store, SearchRequest("frigate", kind="documents"))
        names = {row.id: row.name for row in store.documents()}
    ranked = [names[hit.doc_id] for hit in results.hits]
    assert ranked[-1] == "passing" and set(ranked) == {"passing", "focused", "titled"}
    assert [hit.rank for hit in results.hits] == sorted(hit.rank for hit in results.hits)  # type: ignore[type-var]


def test_search_phrase_prefix_and_stemming(search_store: Store) -> None:
    assert _found(search_store, '"coastal radars"') == {("radar-note", "document"), ("radar-note", "claim")}
    assert _found(search_store, '"radars coastal"') == set()
    assert _found(search_store, "observ*") == {("drill-report", "document")}
    assert _found(search_store, "drills") == _found(search_store, "drill")  # stemmed


def test_search_snippet_marks_matched_words_and_locates_them(search_store: Store) -> None:
    results = search(search_store, SearchRequest("kestrel"))
    assert {hit.kind for hit in results.hits} == {"document", "claim"}
    for hit in results.hits:
        assert [part.text for part in hit.snippet if part.match] == ["Kestrel"]
        assert hit.match is not None
        assert DRILL_REPORT.text[hit.match[0]:hit.match[1]] == "Kestrel"
    document_hit = next(hit for hit in results.hits if hit.kind == "document")
    assert [part.text for part in document_hit.title] == ["Naval drill"]


def test_search_title_match_is_marked_in_the_title(search_store: Store) -> None:
    hit = search(search_store, SearchRequest("naval", kind="documents")).hits[0]
    assert [(part.text, part.match) for part in hit.title] == [("Naval", True), (" drill", False)]


def test_search_sentinel_characters_in_a_document_cannot_break_snippets(db_path: Path) -> None:
    text = f"Harbour {OPEN}lights{CLOSE} and {CLOSE}{OPEN} a frigate <b>arrived</b>."
    with Store(db_path) as store:
        store.write_document(_document("sentinels", text, title=f"{OPEN}Frigate"))
        results = search(store, SearchRequest("frigate"))
    hit = results.hits[0]
    assert all(OPEN not in part.text and CLOSE not in part.text for part in (*hit.snippet, *hit.title))
    assert "<b>arrived</b>" in "".join(part.text for part in hit.snippet)  # text stays text; the page escapes it


def test_search_filters_alone_list_latest_first(search_store: Store) -> None:
    results = search(search_store, SearchRequest(kind="documents", source="harbour gazette"))
    assert [hit.published for hit in results.hits] == ["2023-01", "2019-11-02"]
    assert all(hit.rank is None and hit.match is None for hit in results.hits)
    assert results.hits[0].snippet[0].text.startswith("Estmark raised")


def test_search_claim_without_time_is_dated_by_its_document(search_store: Store) -> None:
    assert _found(search_store, "denies", kind="claims", since="2019-11-02") == {("radar-note", "claim")}
    assert _found(search_store, "denies", kind="claims", since="2019-11-03") == set()
