"""Reads the web app and the register need that the :class:`~claimtrace.store.sqlite.Store` lacks.

Each reads one entity, one set of attributions or one page's worth of rows,
so a page of a large store costs a few indexed queries, not a scan of
everything. Functions take an open ``Store`` and only read.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from claimtrace.model import Attribution, Entity, EventClaim
from claimtrace.store import rows
from claimtrace.store.link_index import chunks, placeholders
from claimtrace.store.sql import engine_of
from claimtrace.store.sqlite import Store


_ROWID_CEILING = 2**63 - 1  # above every SQLite rowid


@dataclass(frozen=True, slots=True)
class StoryRank:
    """A story with how disputed it is: contradictions, tensions and claims."""

    story_id: str
    contradictions: int
    tensions: int
    claims: int


@dataclass(frozen=True, slots=True)
class StoryHeading:
    """A story as a list of stories shows it: without its claims (a large event's story has thousands)."""

    id: str
    type: str
    label: str
    time: str | None


def entity_key_of(store: Store, key: str) -> str | None:
    """The key of the entity a mention key belongs to (an entity's own key gives itself), else None."""
    row = store.connection.execute("SELECT entity_key FROM entity_members WHERE member_key = :key",
                                   {"key": key}).fetchone()
    if row is not None:
        return str(row["entity_key"])
    row = store.connection.execute("SELECT key FROM entities WHERE key = :key", {"key": key}).fetchone()
    return None if row is None else str(row["key"])


def entity_keys(store: Store, keys: Collection[str]) -> dict[str, str]:
    """member key -> entity key, for those of ``keys`` the cross-document layer has linked."""
    found: dict[str, str] = {}
    for part in chunks(keys):
        query = f"SELECT member_key, entity_key FROM entity_members WHERE member_key IN ({placeholders(len(part))})"
        found.update((row["member_key"], row["entity_key"]) for row in store.connection.execute(query, part))
    return found


def entity(store: Store, key: str, with_mentions: bool = True) -> Entity | None:
    """One entity with its aliases and mentions (in document order), or None when no entity has this key.

    ``with_mentions=False`` leaves the mentions out (a country's run to many thousands): see :func:`mention_summary`.
    """
    row = store.connection.execute("SELECT key, name, type FROM entities WHERE key = :key", {"key": key}).fetchone()
    if row is None:
        return None
    found = Entity(key=row["key"], name=row["name"], type=row["type"])
    members = store.connection.execute(
        "SELECT member_key FROM entity_members WHERE entity_key = :key ORDER BY member_key", {"key": key})
    found.aliases = [r["member_key"] for r in members if r["member_key"] != key]
    if with_mentions:
        mentions = store.connection.execute(
            'SELECT m.doc_id, m."start", m."end", m.text FROM mentions m '
            "JOIN entity_members e ON e.member_key = m.entity_key JOIN documents d ON d.id = m.doc_id "
            "WHERE e.entity_key = :key ORDER BY d.name, d.id, m.ordinal", {"key": key})
        found.mentions = [(r["doc_id"], r["start"], r["end"], r["text"]) for r in mentions]
    return found


@dataclass(frozen=True, slots=True)
class MentionSummary:
    """How often an entity is mentioned, in how many documents, and its spellings (most used first),
    over the documents linked so far."""

    mentions: int
    documents: int
    spellings: list[tuple[str, int]]


def mention_summary(store: Store, key: str) -> MentionSummary:
    """Read from the entity index that linking keeps (per entity key: its spellings' counts and its
    documents), not from the mentions: a dossier needs the numbers, and a country has a great many."""
    spellings = store.connection.execute(
        "SELECT c.value AS text, SUM(c.count) AS n FROM entity_key_counts c "
        "JOIN entity_members e ON e.member_key = c.member_key "
        "WHERE e.entity_key = :key AND c.field = 'text' GROUP BY c.value ORDER BY n DESC, c.value",
        {"key": key}).fetchall()
    documents = store.connection.execute(
        "SELECT COUNT(DISTINCT d.doc_id) AS n FROM entity_documents d "
        "JOIN entity_members e ON e.member_key = d.member_key WHERE e.entity_key = :key", {"key": key}).fetchone()
    return MentionSummary(sum(int(row["n"]) for row in spellings), int(documents["n"]),
                          [(str(row["text"]), int(row["n"])) for row in spellings])


def member_keys(store: Store, key: str) -> list[str]:
    """The entity's own key and every key merged into it."""
    found = store.connection.execute("SELECT member_key FROM entity_members WHERE entity_key = :key",
                                     {"key": key})
    return sorted({key, *(row["member_key"] for row in found)})


def attributions_by_source(store: Store, source_keys: Collection[str], limit: int | None = None) -> list[Attribution]:
    """Attributions whose source is one of these entity keys, in document order (the first ``limit`` of them)."""
    found: list[Attribution] = []
    cap = "" if limit is None else f" LIMIT {int(limit)}"
    for part in chunks(source_keys):
        query = (f"SELECT a.* FROM attributions a JOIN documents d ON d.id = a.doc_id "
                 f"WHERE a.source_key IN ({placeholders(len(part))}) ORDER BY d.name, d.id, a.ordinal{cap}")
        found += [rows.attribution_from_row(row, store.path) for row in store.connection.execute(query, part)]
    if limit is not None and len(found) > limit:  # several chunks: merge them back into document order
        order = store.document_briefs({a.doc_id for a in found})
        found = sorted(found, key=lambda a: (order[a.doc_id].name, a.doc_id, a.content))[:limit]
    return found


def attribution_source_keys(store: Store, attribution_ids: Collection[str]) -> dict[str, str]:
    """attribution id -> the entity key of its source, for attributions whose source is a known entity."""
    found: dict[str, str] = {}
    for part in chunks(attribution_ids):
        query = (f"SELECT id, source_key FROM attributions "
                 f"WHERE source_key IS NOT NULL AND id IN ({placeholders(len(part))})")
        found.update((row["id"], row["source_key"]) for row in store.connection.execute(query, part))
    return found


def claims_about(store: Store, entity_keys: Collection[str], limit: int | None = None) -> list[EventClaim]:
    """Event claims that name one of these entity keys as an argument, in document order.

    With a ``limit``, which claims: on SQLite the ``limit`` stored last, read newest first from
    the index on ``claim_arguments (entity_key)`` (it orders each key's rows by rowid), so a
    country's dossier reads 200 index entries, not every claim naming it; PostgreSQL has no
    insertion order and takes the first ``limit`` in document order (sorting every such claim).
    """
    if limit is not None and engine_of(store.connection) == "sqlite":
        return store.event_claims_by_id(_latest_claim_ids(store, entity_keys, limit))
    claim_ids: set[str] = set()
    cap = "" if limit is None else f" LIMIT {int(limit)}"
    for part in chunks(entity_keys):
        query = (f"SELECT DISTINCT c.id, d.name, d.id AS doc, c.ordinal FROM claim_arguments a "
                 f"JOIN event_claims c ON c.id = a.claim_id JOIN documents d ON d.id = c.doc_id "
                 f"WHERE a.entity_key IN ({placeholders(len(part))}) ORDER BY d.name, d.id, c.ordinal{cap}")
        claim_ids.update(row["id"] for row in store.connection.execute(query, part))
    claims = store.event_claims_by_id(claim_ids)
    return claims if limit is None else claims[:limit]


def _latest_claim_ids(store: Store, entity_keys: Collection[str], limit: int) -> list[str]:
    """Ids of the ``limit`` claims (SQLite) whose arguments naming these keys were stored last, newest first.

    Each key's rows are read newest first in index order, a page of ``limit`` at a time; the
    keys' rows are merged as they come and reading stops at ``limit`` distinct claims (a claim
    may name the entity in two roles, or name two of its keys).
    """
    if limit <= 0:
        return []
    found: dict[str, None] = {}
    newest = (_newest_arguments(store, key, limit) for key in sorted(set(entity_keys)))
    for _, claim_id in heapq.merge(*newest, key=lambda row: -row[0]):
        found.setdefault(claim_id)
        if len(found) >= limit:
            break
    return list(found)


def _newest_arguments(store: Store, key: str, page: int) -> Iterator[tuple[int, str]]:
    """(rowid, claim id) of the arguments naming ``key``, newest first, read ``page`` rows at a time:
    the index on ``claim_arguments (entity_key)`` orders a key's rows by rowid, so no page is sorted."""
    before = _ROWID_CEILING
    while True:
        rows = store.connection.execute(
            "SELECT rowid, claim_id FROM claim_arguments WHERE entity_key = ? AND rowid < ? "
            "ORDER BY rowid DESC LIMIT ?", (key, before, page)).fetchall()
        yield from ((int(row[0]), str(row[1])) for row in rows)
        if len(rows) < page:
            return
        before = rows[-1][0]


def claims_of_attributions(store: Store, attribution_ids: Collection[str]) -> list[EventClaim]:
    """Event claims made through these attributions, in document order."""
    claim_ids: set[str] = set()
    for part in chunks(attribution_ids):
        query = f"SELECT id FROM event_claims WHERE attribution_id IN ({placeholders(len(part))})"
        claim_ids.update(row["id"] for row in store.connection.execute(query, part))
    return store.event_claims_by_id(claim_ids)


def claims_of_type(store: Store, event_type: str) -> list[EventClaim]:
    """Every event claim of one type, in document order."""
    found = store.connection.execute("SELECT id FROM event_claims WHERE type = :type", {"type": event_type})
    return store.event_claims_by_id([row["id"] for row in found])


def contested_stories(store: Store, limit: int) -> list[StoryRank]:
    """Stories with the most contradictions first, then tensions, then claims (ties by id): read from
    the counts each story keeps, in the order of their index."""
    query = """
        SELECT id, contradiction_count AS hard, tension_count AS soft, claim_count AS claims FROM stories
        ORDER BY contradiction_count DESC, tension_count DESC, claim_count DESC, id LIMIT :limit
    """
    return [StoryRank(row["id"], row["hard"], row["soft"], row["claims"])
            for row in store.connection.execute(query, {"limit": limit})]


def story_ids_of_type(store: Store, event_type: str, offset: int, limit: int) -> list[str]:
    """Ids of the stories of one type, newest first (by their time; undated last), from ``offset``."""
    found = store.connection.execute(
        "SELECT id FROM stories WHERE type = :type ORDER BY time DESC NULLS LAST, id DESC LIMIT :limit OFFSET :offset",
        {"type": event_type, "limit": limit, "offset": offset})
    return [str(row["id"]) for row in found]


def story_count_of_type(store: Store, event_type: str) -> int:
    found = store.connection.execute("SELECT COUNT(*) AS n FROM stories WHERE type = :type", {"type": event_type})
    return int(found.fetchone()["n"])


def story_headings(store: Store, story_ids: Collection[str]) -> list[StoryHeading]:
    """The stories with these ids (unknown ids are left out), by id, without reading their claims."""
    found: list[StoryHeading] = []
    for part in chunks(story_ids):
        query = f"SELECT id, type, label, time FROM stories WHERE id IN ({placeholders(len(part))})"
        found += [StoryHeading(row["id"], row["type"], row["label"], row["time"])
                  for row in store.connection.execute(query, part)]
    return sorted(found, key=lambda story: story.id)


def contradictions_of_story(store: Store, story_id: str) -> list[tuple[str, str, str, str]]:
    """(claim_a, claim_b, kind, explanation) of one story's contradictions and tensions."""
    found = store.connection.execute(
        "SELECT claim_a, claim_b, kind, explanation FROM contradictions WHERE story_id = :story_id "
        "ORDER BY kind, claim_a, claim_b", {"story_id": story_id})
    return [(row["claim_a"], row["claim_b"], row["kind"], row["explanation"]) for row in found]


def recent_documents(store: Store, limit: int) -> list[rows.DocumentRow]:
    """The documents ingested last (then latest published first)."""
    columns = ", ".join(f"d.{name}" for name in rows.DOCUMENT_ROW_FIELDS)
    found = store.connection.execute(
        f"SELECT {columns} FROM documents d "
        f"ORDER BY d.ingested_at DESC, d.published DESC NULLS LAST, d.name LIMIT :limit",
        {"limit": limit})
    return [rows.document_row(row) for row in found]


def segment_documents(store: Store, segment_ids: Collection[str]) -> dict[str, str]:
    """segment id -> id of its document, for the segments that exist (to link duplicates)."""
    found: dict[str, str] = {}
    for part in chunks(segment_ids):
        query = f"SELECT id, doc_id FROM segments WHERE id IN ({placeholders(len(part))})"
        found.update((row["id"], row["doc_id"]) for row in store.connection.execute(query, part))
    return found


def text_slices(store: Store, spans: Collection[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
    """(document id, start, end) -> that stretch of the document's text, without loading whole documents."""
    found: dict[tuple[str, int, int], str] = {}
    for doc_id, start, end in set(spans):
        # SQLite counts TEXT in characters from 1, as Python str offsets count from 0.
        row = store.connection.execute("SELECT substr(text, :start, :length) AS part FROM documents WHERE id = :id",
                                       {"id": doc_id, "start": start + 1, "length": max(end - start, 0)}).fetchone()
        if row is not None:
            found[(doc_id, start, end)] = row["part"]
    return found
