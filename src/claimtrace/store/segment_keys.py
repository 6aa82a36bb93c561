"""The near-duplicate index's table: each stored segment filed under its keys (migration 0012).

The keys come from :class:`claimtrace.segment.duplicates.BandLayout`; the store
only files them and finds segments by them, and records which layout they are of
(keys of another layout would find nothing). The :class:`~claimtrace.store.sqlite.Store`
methods ``write_document``, ``file_segment_keys`` and ``duplicate_candidates`` call these,
the writes inside its transactions.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from claimtrace.store.link_index import placeholders
from claimtrace.store.sql import Connection

KeysOf = Callable[[bytes], Sequence[int]]  # a segment's signature -> the keys it is filed under
DOCUMENTS_PER_STEP = 500  # documents filed in one transaction of Store.file_segment_keys

_INSERT = "INSERT INTO segment_keys (key, segment_id) VALUES (?, ?) ON CONFLICT DO NOTHING"
_UNFILED_DOCUMENTS = """
SELECT d.id FROM documents d
WHERE d.id > ? AND NOT EXISTS (
    SELECT 1 FROM segments s JOIN segment_keys k ON k.segment_id = s.id WHERE s.doc_id = d.id)
ORDER BY d.id LIMIT ?
"""


def file_keys(connection: Connection, filed: Mapping[str, Sequence[int]]) -> None:
    """File segments under their keys (segment id -> keys)."""
    rows = [(key, segment_id) for segment_id, keys in filed.items() for key in keys]
    if rows:
        connection.executemany(_INSERT, rows)


def candidates(connection: Connection, keys: Collection[int], limit: int | None = None) -> list[tuple[str, bytes]]:
    """(segment id, signature) of the segments filed under any of the keys, in document order (the first
    `limit` of them when given)."""
    if not keys:
        return []
    rows = connection.execute(
        f"SELECT DISTINCT s.id, s.signature, d.name, d.id AS doc_id, s.ordinal FROM segment_keys k "
        f"JOIN segments s ON s.id = k.segment_id JOIN documents d ON d.id = s.doc_id "
        f"WHERE k.key IN ({placeholders(len(keys))}) AND s.signature IS NOT NULL "
        f"ORDER BY d.name, d.id, s.ordinal{'' if limit is None else ' LIMIT ?'}",
        [*keys] + ([] if limit is None else [limit]))
    return [(row["id"], bytes(row["signature"])) for row in rows]


def layout(connection: Connection) -> str | None:
    row = connection.execute("SELECT layout FROM segment_key_layout").fetchone()
    return None if row is None else row["layout"]


def start_layout(connection: Connection, name: str) -> None:
    """Drop every key and record the layout the segments will be filed under from now on."""
    connection.execute("DELETE FROM segment_keys")
    connection.execute("DELETE FROM segment_key_layout")
    connection.execute("INSERT INTO segment_key_layout (layout) VALUES (?)", (name,))


def unfiled_documents(connection: Connection, after: str, limit: int = DOCUMENTS_PER_STEP) -> list[str]:
    """Ids (after `after`, in id order) of documents none of whose segments is filed: stored without keys
    (or without a signed segment)."""
    return [row["id"] for row in connection.execute(_UNFILED_DOCUMENTS, (after, limit))]


def file_documents(connection: Connection, doc_ids: Collection[str], keys_of: KeysOf) -> int:
    """File the signed segments of these documents; how many were filed."""
    filed = 0
    for doc_id in doc_ids:
        rows = connection.execute(
            "SELECT id, signature FROM segments WHERE doc_id = ? AND signature IS NOT NULL ORDER BY ordinal",
            (doc_id,)).fetchall()
        file_keys(connection, {row["id"]: keys_of(bytes(row["signature"])) for row in rows})
        filed += len(rows)
    return filed
