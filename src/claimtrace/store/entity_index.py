"""Queries behind incremental entity resolution: counts per entity key, block postings, entities by member.

:meth:`claimtrace.store.Store.entity_index` gives an :class:`EntityIndex` on
the store's connection. Lists of keys are sent in chunks so a query never
exceeds SQLite's limit on parameters; every write is one ``BEGIN IMMEDIATE``
transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager

from claimtrace.errors import Messages, StoreError
from claimtrace.model import Entity, Mention
from claimtrace.store import rows
from claimtrace.store.link_index import chunks, placeholders
from claimtrace.store.sql import Connection, RowError, insert_entities, transaction

LINKED = ""  # the member key of the row that marks a document as resolved
# (entity key, field, value, count) for the names, types and texts of an entity key's mentions
CountRow = tuple[str, str, str, int]
INDEX_TABLES = ("entity_key_counts", "entity_blocks", "entity_documents")


class EntityIndex:
    """The entity layer of a store as incremental resolution reads and updates it."""

    def __init__(self, connection: Connection, path: str) -> None:
        self.connection = connection
        self.path = path

    # Readers

    def is_built(self) -> bool:
        """True when some document's mentions were resolved into the index (else link fully)."""
        return self.connection.execute("SELECT 1 FROM entity_documents LIMIT 1").fetchone() is not None

    def document_keys(self, doc_ids: Collection[str]) -> dict[str, set[str]]:
        """document id -> its entity keys when last resolved, for the documents resolved before."""
        found: dict[str, set[str]] = {}
        for part in chunks(doc_ids):
            query = f"SELECT doc_id, member_key FROM entity_documents WHERE doc_id IN ({placeholders(len(part))})"
            for doc_id, key in self.connection.execute(query, part):
                found.setdefault(doc_id, set())
                if key != LINKED:
                    found[doc_id].add(key)
        return found

    def mentions_of(self, doc_ids: Collection[str]) -> list[tuple[str, Mention]]:
        """(document id, mention) for every mention of these documents."""
        found: list[tuple[str, Mention]] = []
        for part in chunks(doc_ids):
            query = f"SELECT * FROM mentions WHERE doc_id IN ({placeholders(len(part))}) ORDER BY doc_id, ordinal"
            found += [(row["doc_id"], rows.mention_from_row(row)) for row in self.connection.execute(query, part)]
        return found

    def key_counts(self, keys: Collection[str]) -> list[CountRow]:
        """The stored counts of these entity keys."""
        found: list[CountRow] = []
        for part in chunks(keys):
            query = (f"SELECT member_key, field, value, count FROM entity_key_counts "
                     f"WHERE member_key IN ({placeholders(len(part))})")
            found += [tuple(row) for row in self.connection.execute(query, part)]  # type: ignore[misc]
        return found

    def mention_counts(self, keys: Collection[str]) -> list[CountRow]:
        """The counts of these entity keys recounted from every stored mention (after a re-ingest)."""
        found: list[CountRow] = []
        for part in chunks(keys):
            marks = placeholders(len(part))
            for field, column in (("name", "entity_name"), ("type", "entity_type"), ("text", "text")):
                query = (f"SELECT entity_key, {column}, COUNT(*) FROM mentions WHERE entity_key IN ({marks}) "
                         f"GROUP BY entity_key, {column}")
                found += [(row[0], field, row[1], row[2]) for row in self.connection.execute(query, part)]
        return found

    def postings(self, blocks: Collection[str]) -> dict[str, set[str]]:
        """block key -> the entity keys filed under it (blocks with no key are left out)."""
        found: dict[str, set[str]] = {}
        for part in chunks(blocks):
            query = f"SELECT block, member_key FROM entity_blocks WHERE block IN ({placeholders(len(part))})"
            for block, key in self.connection.execute(query, part):
                found.setdefault(block, set()).add(key)
        return found

    def entities_of_members(self, keys: Collection[str]) -> dict[str, str]:
        """member key -> the key of its entity, for the keys that belong to one."""
        found: dict[str, str] = {}
        for part in chunks(keys):
            query = f"SELECT member_key, entity_key FROM entity_members WHERE member_key IN ({placeholders(len(part))})"
            found.update((row[0], row[1]) for row in self.connection.execute(query, part))
        return found

    def members_of_entities(self, entity_keys: Collection[str]) -> dict[str, set[str]]:
        """entity key -> every member key of it (its own key included)."""
        found: dict[str, set[str]] = {}
        for part in chunks(entity_keys):
            query = (f"SELECT entity_key, member_key FROM entity_members "
                     f"WHERE entity_key IN ({placeholders(len(part))})")
            for entity_key, member_key in self.connection.execute(query, part):
                found.setdefault(entity_key, set()).add(member_key)
        return found

    # Writers

    def replace_all(self, entities: list[Entity], counts: Iterable[CountRow], blocks: Mapping[str, Iterable[str]],
                    document_keys: Mapping[str, Iterable[str]]) -> int:
        """Replace every entity, count, block and document row in one transaction (a full resolution);
        returns how many entities were replaced."""
        with self._transaction(f"{len(entities)} entities") as connection:
            replaced = int(connection.execute("SELECT COUNT(*) FROM entities").fetchone()[0])
            for table in (*INDEX_TABLES, "entity_members", "entities"):
                connection.execute(f"DELETE FROM {table}")
            insert_entities(connection, entities)
            _insert_index(connection, counts, blocks, document_keys)
        return replaced

    def update(self, removed: Collection[str], entities: list[Entity], counts: Iterable[CountRow],
               blocks: Mapping[str, Iterable[str]], document_keys: Mapping[str, Iterable[str]]) -> None:
        """Replace some entities in one transaction: delete the ``removed`` entities, write ``entities``,
        and replace the counts and blocks of the keys of ``blocks`` and the rows of the documents of
        ``document_keys``."""
        with self._transaction(f"{len(entities)} entities replacing {len(removed)}") as connection:
            for part in chunks(removed):
                marks = placeholders(len(part))
                connection.execute(f"DELETE FROM entity_members WHERE entity_key IN ({marks})", part)
                connection.execute(f"DELETE FROM entities WHERE key IN ({marks})", part)
            for part in chunks(blocks):
                marks = placeholders(len(part))
                connection.execute(f"DELETE FROM entity_key_counts WHERE member_key IN ({marks})", part)
                connection.execute(f"DELETE FROM entity_blocks WHERE member_key IN ({marks})", part)
            for part in chunks(document_keys):
                connection.execute(f"DELETE FROM entity_documents WHERE doc_id IN ({placeholders(len(part))})", part)
            insert_entities(connection, entities)
            _insert_index(connection, counts, blocks, document_keys)

    @contextmanager
    def _transaction(self, what: str) -> Iterator[Connection]:
        connection = self.connection
        try:
            with transaction(connection):
                yield connection
        except (sqlite3.Error, RowError) as error:
            raise StoreError(Messages.E022.format(what=what, path=self.path, detail=error)) from error


def _insert_index(connection: Connection, counts: Iterable[CountRow], blocks: Mapping[str, Iterable[str]],
                  document_keys: Mapping[str, Iterable[str]]) -> None:
    connection.executemany("INSERT INTO entity_key_counts (member_key, field, value, count) VALUES (?, ?, ?, ?)",
                           [row for row in counts if row[3] > 0])
    connection.executemany("INSERT INTO entity_blocks (block, member_key) VALUES (?, ?)",
                           [(block, key) for key, found in blocks.items() for block in found])
    connection.executemany("INSERT INTO entity_documents (doc_id, member_key) VALUES (?, ?)",
                           [(doc_id, key) for doc_id, keys in document_keys.items()
                            for key in {LINKED, *keys}])
