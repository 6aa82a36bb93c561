"""Queries behind incremental linking: claims by id or document, the claim index, stories by claim, vectors.

The :class:`~claimtrace.store.sqlite.Store` methods of the same names call
these inside its transactions. Lists of ids are sent in chunks so a query never
exceeds SQLite's limit on parameters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from claimtrace.model import Contradiction, Story
from claimtrace.store import rows
from claimtrace.store.rows import Row
from claimtrace.store.sql import Connection

CHUNK = 500
DOCUMENT_KEY = "document|{doc_id}"

T = TypeVar("T")


def chunks(items: Collection[T], size: int = CHUNK) -> Iterator[list[T]]:
    ordered = sorted(items)  # type: ignore[type-var]
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def placeholders(count: int) -> str:
    return ", ".join("?" * count)


def claim_rows(connection: Connection, column: str, values: Collection[str]) -> list[Row]:
    """Event claim rows whose ``column`` (id or doc_id) is one of ``values``, in document order."""
    found: list[Row] = []
    for part in chunks(values):
        found += connection.execute(
            f"SELECT c.* FROM event_claims c JOIN documents d ON d.id = c.doc_id "
            f"WHERE c.{column} IN ({placeholders(len(part))}) ORDER BY d.name, d.id, c.ordinal", part).fetchall()
    return found


def argument_rows(connection: Connection, claim_ids: Collection[str]) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    for part in chunks(claim_ids):
        query = (f"SELECT * FROM claim_arguments WHERE claim_id IN ({placeholders(len(part))}) "
                 f"ORDER BY claim_id, ordinal")
        for row in connection.execute(query, part):
            found.setdefault(row["claim_id"], []).append(row)
    return found


def postings(connection: Connection, keys: Collection[str]) -> dict[str, set[str]]:
    """link key -> the claims filed under it."""
    return _grouped(connection, "key", "claim_id", keys)


def filed_keys(connection: Connection, claim_ids: Collection[str]) -> dict[str, set[str]]:
    """claim id -> the keys it is filed under (read by ``claim_link_keys_by_claim``)."""
    return _grouped(connection, "claim_id", "key", claim_ids)


def _grouped(connection: Connection, by: str, value: str, wanted: Collection[str]) -> dict[str, set[str]]:
    """``claim_link_keys`` rows whose column ``by`` is one of ``wanted``: by -> the set of their ``value``."""
    found: dict[str, set[str]] = {}
    for part in chunks(wanted):
        query = f"SELECT {by}, {value} FROM claim_link_keys WHERE {by} IN ({placeholders(len(part))})"
        for one, other in connection.execute(query, part):
            found.setdefault(one, set()).add(other)
    return found


def stories_of_claims(connection: Connection, claim_ids: Collection[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for part in chunks(claim_ids):
        query = f"SELECT claim_id, story_id FROM story_claims WHERE claim_id IN ({placeholders(len(part))})"
        found.update((row[0], row[1]) for row in connection.execute(query, part))
    return found


def stories_by_id(connection: Connection, story_ids: Collection[str]) -> list[Story]:
    stories: dict[str, Story] = {}
    for part in chunks(story_ids):
        marks = placeholders(len(part))
        for row in connection.execute(f"SELECT * FROM stories WHERE id IN ({marks})", part):
            stories[row["id"]] = Story(id=row["id"], type=row["type"], label=row["label"], claim_ids=[],
                                       time=row["time"])
        query = f"SELECT story_id, claim_id FROM story_claims WHERE story_id IN ({marks}) ORDER BY story_id, ordinal"
        for row in connection.execute(query, part):
            stories[row["story_id"]].claim_ids.append(row["claim_id"])
    return [stories[story_id] for story_id in sorted(stories)]


@dataclass(frozen=True, slots=True)
class DocumentBrief:
    """What linking needs of a document: its name (for explanations) and publication date."""

    name: str
    published: str | None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None


def document_briefs(connection: Connection, doc_ids: Collection[str]) -> dict[str, DocumentBrief]:
    found: dict[str, DocumentBrief] = {}
    for part in chunks(doc_ids):
        query = (f"SELECT id, name, published, outlet, author, url FROM documents "
                 f"WHERE id IN ({placeholders(len(part))})")
        found.update((row[0], DocumentBrief(*tuple(row)[1:])) for row in connection.execute(query, part))
    return found


def shared_passages(connection: Connection, doc_ids: Collection[str]) -> set[frozenset[str]]:
    """Pairs of documents, one of them in ``doc_ids``, where a segment near-duplicates the other's.

    Two indexed lookups, the duplicates these documents hold and those of their segments (by
    ``segments_by_duplicate``), joined with UNION: one ``OR`` across both tables scans every segment.
    """
    found: set[frozenset[str]] = set()
    for part in chunks(doc_ids):
        marks = placeholders(len(part))
        query = (f"SELECT s.doc_id, o.doc_id FROM segments s JOIN segments o ON o.id = s.duplicate_of "
                 f"WHERE s.doc_id IN ({marks}) "
                 f"UNION "
                 f"SELECT s.doc_id, o.doc_id FROM segments o JOIN segments s ON s.duplicate_of = o.id "
                 f"WHERE o.doc_id IN ({marks})")
        found.update(frozenset(row) for row in connection.execute(query, part + part) if row[0] != row[1])
    return found


def comment_segment_ids(connection: Connection, doc_ids: Collection[str]) -> set[str]:
    """Ids of the reader-comment segments of these documents."""
    found: set[str] = set()
    for part in chunks(doc_ids):
        query = f"SELECT id FROM segments WHERE kind = 'comment' AND doc_id IN ({placeholders(len(part))})"
        found.update(row[0] for row in connection.execute(query, part))
    return found


def evidence_texts(connection: Connection, claim_ids: Collection[str]) -> dict[str, str]:
    """The evidence sentence of each claim (SQLite's substr counts characters, as Python's str does)."""
    found: dict[str, str] = {}
    for part in chunks(claim_ids):
        query = (f"SELECT c.id, substr(d.text, c.evidence_start + 1, c.evidence_end - c.evidence_start) "
                 f"FROM event_claims c JOIN documents d ON d.id = c.doc_id WHERE c.id IN ({placeholders(len(part))})")
        found.update((row[0], row[1]) for row in connection.execute(query, part))
    return found


def sentence_vectors(connection: Connection, keys: Collection[str]) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for part in chunks(keys):
        query = f"SELECT key, vector FROM sentence_vectors WHERE key IN ({placeholders(len(part))})"
        found.update((row[0], bytes(row[1])) for row in connection.execute(query, part))
    return found


def write_sentence_vectors(connection: Connection, vectors: Iterable[tuple[str, str, int, bytes]]) -> None:
    connection.executemany(
        "INSERT INTO sentence_vectors (key, model, dimensions, vector) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (key) DO NOTHING", list(vectors))


def delete_stories(connection: Connection, story_ids: Collection[str]) -> None:
    for part in chunks(story_ids):
        marks = placeholders(len(part))
        connection.execute(f"DELETE FROM contradictions WHERE story_id IN ({marks})", part)
        connection.execute(f"DELETE FROM story_claims WHERE story_id IN ({marks})", part)
        connection.execute(f"DELETE FROM stories WHERE id IN ({marks})", part)


def insert_stories(connection: Connection, stories: Sequence[Story],
                   contradictions: Sequence[Contradiction]) -> None:
    hard = Counter(c.story_id for c in contradictions if c.kind == "contradiction")
    soft = Counter(c.story_id for c in contradictions if c.kind != "contradiction")
    connection.executemany(
        "INSERT INTO stories (id, type, label, time, contradiction_count, tension_count, claim_count) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(s.id, s.type, s.label, s.time, hard[s.id], soft[s.id], len(s.claim_ids)) for s in stories])
    connection.executemany("INSERT INTO story_claims (story_id, claim_id, ordinal) VALUES (?, ?, ?)",
                           [(s.id, claim_id, i) for s in stories for i, claim_id in enumerate(s.claim_ids)])
    for contradiction in contradictions:
        params = rows.contradiction_params(contradiction)
        names = ", ".join(params)
        connection.execute(f"INSERT INTO contradictions ({names}) VALUES ({', '.join(':' + n for n in params)})",
                           params)


def file_claims(connection: Connection, keys_by_claim: Mapping[str, Iterable[str]]) -> None:
    connection.executemany("INSERT INTO claim_link_keys (key, claim_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                           [(key, claim_id) for claim_id, keys in keys_by_claim.items() for key in keys])


def unfile_claims(connection: Connection, claim_ids: Collection[str]) -> None:
    for part in chunks(claim_ids):
        connection.execute(f"DELETE FROM claim_link_keys WHERE claim_id IN ({placeholders(len(part))})", part)
