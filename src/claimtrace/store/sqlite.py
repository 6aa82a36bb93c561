"""The knowledge base in one SQLite file: one writer, ``BEGIN IMMEDIATE``, WAL.

Every write is one transaction: a document is stored whole (its row and all its
segments, mentions, attributions, claims and arguments) or not at all, and
writing it again replaces it with identical content. Readers see a consistent
snapshot and are not blocked by a writer (write-ahead log). SQL stays portable
where that costs nothing (``:name`` parameters, ``ON CONFLICT``, quoted
``"start"``/``"end"``) so a PostgreSQL backend can reuse the queries.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from claimtrace.errors import Messages, StoreError, StoreUnwritable
from claimtrace.model import Contradiction, Document, Entity, EventClaim, Mention, Rejection, Role, Story
from claimtrace.store import link_index, role_rows, rows, segment_keys
from claimtrace.store.entity_index import INDEX_TABLES, EntityIndex
from claimtrace.store.location import display_location
from claimtrace.store.migrations import migrate, schema_version
from claimtrace.store.rows import DocumentRow, Params, Row
from claimtrace.store.sql import (
    BatchError,
    Connection,
    InsertRows,
    RowError,
    connect,
    execute,
    insert_all,
    insert_entities,
    insert_many,
    insert_sql,
    transaction,
)


# Children of a document, deleted in this order before it is written again.
_DELETE_CHILDREN = (
    "DELETE FROM claim_arguments WHERE claim_id IN (SELECT id FROM event_claims WHERE doc_id = :doc_id)",
    "DELETE FROM event_claims WHERE doc_id = :doc_id",
    "DELETE FROM attributions WHERE doc_id = :doc_id",
    "DELETE FROM mentions WHERE doc_id = :doc_id",
    "DELETE FROM segments WHERE doc_id = :doc_id",
)
_UPSERT_DOCUMENT = """
INSERT INTO documents (id, name, origin, format, hash, text, title, url, published, author, outlet,
                       language, status, ingested_at)
VALUES (:id, :name, :origin, :format, :hash, :text, :title, :url, :published, :author, :outlet,
        :language, :status, :ingested_at)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, origin = excluded.origin, format = excluded.format, title = excluded.title,
    url = excluded.url, published = excluded.published, author = excluded.author, outlet = excluded.outlet,
    language = excluded.language, status = excluded.status
"""  # ingested_at keeps the first ingest; text and hash cannot differ for the same id
# Entities written whole leave no entity index to update incrementally: it goes with them.
_DELETE_ENTITIES = ("DELETE FROM entity_members", "DELETE FROM entities",
                    *(f"DELETE FROM {table}" for table in INDEX_TABLES))
_DELETE_LINKS = (
    "DELETE FROM contradictions",
    "DELETE FROM story_claims",
    "DELETE FROM stories",
    *_DELETE_ENTITIES,
)
# Cross-document readers list records in document order (name, then id) so output is reproducible.
_DOCUMENT_ORDER = "d.name, d.id"
# What Store.counts gives, read from the row_counts table its triggers keep (migration 0011).
COUNTED = ("documents", "analysed_documents", "segments", "duplicate_segments", "entities", "mentions",
           "attributions", "event_claims", "stories", "contradictions", "rejected")


class Store:
    """A claimtrace knowledge base in a SQLite file (or ``":memory:"``), or in a PostgreSQL
    database given by URL (``postgresql://user@host:5432/name``, see :mod:`claimtrace.store.postgres`).

    Opening creates the file and its parent folders if needed and applies
    pending migrations. Raises :class:`StoreError` when the file is not a
    SQLite database (E020) or was written by a newer claimtrace (E021). Use it
    as a context manager, or call :meth:`close`. One ``Store`` per thread.
    """

    def __init__(self, path: str | Path) -> None:
        self.location = str(path)  # what to open again; ``path`` is how messages show it (no password)
        self.path = display_location(self.location)
        self.connection = connect(self.location)
        try:
            migrate(self.connection, self.path)
        except sqlite3.Error as error:
            self.connection.close()
            raise StoreError(Messages.E020.format(path=self.path, detail=error)) from error
        except BaseException:
            self.connection.close()
            raise

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()

    @property
    def schema_version(self) -> int:
        return schema_version(self.connection)

    # Writers

    def write_document(self, document: Document, filed: Mapping[str, Sequence[int]] | None = None) -> None:
        """Store the document and everything found in it, replacing any earlier version, atomically.

        ``filed`` files segments under their near-duplicate keys (segment id -> keys,
        :meth:`file_segment_keys`), in the same transaction. Each table's rows go in one
        ``executemany``; when one of them fails, the document is written again row by row,
        which names the row at fault (or stores it, if the failure passed).
        """
        _check_doc_ids(document)
        try:
            try:
                self._write_document(document, insert_many, filed or {})
            except BatchError:
                self._write_document(document, insert_all, filed or {})
        except (sqlite3.Error, RowError) as error:
            raise _write_error(f"document {document.id} ({document.origin})", self.path, error) from error

    def _write_document(self, document: Document, insert_rows: InsertRows,
                        filed: Mapping[str, Sequence[int]]) -> None:
        doc_id = document.id
        with self._transaction() as connection:
            for statement in _DELETE_CHILDREN:
                connection.execute(statement, {"doc_id": doc_id})
            execute(connection, "documents", _UPSERT_DOCUMENT, rows.document_params(document, _now()))
            insert_rows(connection, "segments", (rows.segment_params(s, i) for i, s in enumerate(document.segments)))
            insert_rows(connection, "mentions",
                        (rows.mention_params(doc_id, m, i) for i, m in enumerate(document.mentions)))
            insert_rows(connection, "attributions",
                        (rows.attribution_params(a, i) for i, a in enumerate(document.attributions)))
            insert_rows(connection, "event_claims",
                        (rows.claim_params(c, i) for i, c in enumerate(document.event_claims)))
            insert_rows(connection, "claim_arguments",
                        (p for claim in document.event_claims for p in rows.argument_params(claim)))
            connection.execute(role_rows.DELETE_ROLES, {"doc_id": doc_id})
            insert_rows(connection, "roles", (role_rows.role_params(r, i) for i, r in enumerate(document.roles)))
            if document.evidence_vectors:
                link_index.write_sentence_vectors(connection, document.evidence_vectors)
            segment_keys.file_keys(connection, filed)
            connection.execute("INSERT INTO pending_links (doc_id) VALUES (?) ON CONFLICT DO NOTHING", (doc_id,))

    def file_segment_keys(self, layout: str, keys_of: segment_keys.KeysOf) -> int:
        """File under their near-duplicate keys the segments of every document stored without them; all
        of them afresh when they were filed under another layout. How many segments were filed.

        A writer calls this when it starts and then files what it stores itself
        (``write_document(..., filed=...)``); so documents written otherwise, or by a
        claimtrace before the index was on disk, are found as duplicates too. Writes only
        when there is something to file (a read-only store that is up to date opens as
        before), in steps of a few hundred documents, each its own transaction: an
        interrupted filing goes on where it stopped the next time.
        """
        try:
            if segment_keys.layout(self.connection) != layout:
                with self._transaction() as connection:
                    segment_keys.start_layout(connection, layout)
            filed, after = 0, ""
            while doc_ids := segment_keys.unfiled_documents(self.connection, after):
                with self._transaction() as connection:
                    filed += segment_keys.file_documents(connection, doc_ids, keys_of)
                after = doc_ids[-1]
            return filed
        except sqlite3.Error as error:
            raise _write_error("near-duplicate keys", self.path, error) from error

    def write_rejection(self, rejection: Rejection) -> None:
        """Record an input that could not be read; recording the same one again changes nothing."""
        params = {"id": rows.rejection_id(rejection.origin, rejection.reason), "origin": rejection.origin,
                  "reason": rejection.reason, "rejected_at": _now()}
        sql = insert_sql("rejections", tuple(params)) + " ON CONFLICT (id) DO NOTHING"
        try:
            with self._transaction() as connection:
                execute(connection, "rejections", sql, params)
        except (sqlite3.Error, RowError) as error:
            raise _write_error(f"rejection of {rejection.origin}", self.path, error) from error

    def replace_links(self, entities: list[Entity], stories: list[Story],
                      contradictions: list[Contradiction]) -> None:
        """Replace the whole cross-document layer (entities, stories, contradictions) in one transaction.

        An entity's own key and its aliases become its members: every mention
        whose entity_key is one of them belongs to it. ``Entity.mentions`` is
        not stored; :meth:`entities` derives it from the mentions.
        """
        try:
            with self._transaction() as connection:
                for statement in _DELETE_LINKS:
                    connection.execute(statement)
                insert_entities(connection, entities)
                link_index.insert_stories(connection, stories, contradictions)
        except (sqlite3.Error, RowError) as error:
            what = f"{len(entities)} entities, {len(stories)} stories and {len(contradictions)} contradictions"
            raise StoreError(Messages.E022.format(what=what, path=self.path, detail=error)) from error

    # Readers

    def has_document(self, hash: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM documents WHERE hash = :hash", {"hash": hash}).fetchone()
        return row is not None

    def documents(self) -> list[DocumentRow]:
        """Every stored document without its text, ordered by name."""
        columns = ", ".join(f"d.{name}" for name in rows.DOCUMENT_ROW_FIELDS)
        cursor = self.connection.execute(f"SELECT {columns} FROM documents d ORDER BY {_DOCUMENT_ORDER}")
        return [rows.document_row(row) for row in cursor]

    def load_document(self, doc_id: str) -> Document:
        """The document with everything stored for it, exactly as it was written."""
        with self._snapshot() as connection:
            params = {"doc_id": doc_id}
            row = connection.execute("SELECT * FROM documents WHERE id = :doc_id", params).fetchone()
            if row is None:
                raise StoreError(Messages.E024.format(doc_id=doc_id, path=self.path))
            document = rows.document_from_row(row, self.path)
            children = "SELECT * FROM {table} WHERE doc_id = :doc_id ORDER BY ordinal"
            document.segments = [rows.segment_from_row(r, self.path)
                                 for r in connection.execute(children.format(table="segments"), params)]
            document.mentions = [rows.mention_from_row(r)
                                 for r in connection.execute(children.format(table="mentions"), params)]
            document.attributions = [rows.attribution_from_row(r, self.path)
                                     for r in connection.execute(children.format(table="attributions"), params)]
            claims = connection.execute(children.format(table="event_claims"), params).fetchall()
            document.event_claims = self._claims(connection, claims, "WHERE c.doc_id = :doc_id", params)
            document.roles = [role_rows.role_from_row(r)
                              for r in connection.execute(children.format(table="roles"), params)]
        return document

    def load_documents(self) -> Iterator[Document]:
        """Every document, fully loaded, one at a time (in the order of :meth:`documents`)."""
        for row in self.documents():
            yield self.load_document(row.id)

    def event_claims(self) -> list[EventClaim]:
        """Every event claim of every document, with its arguments."""
        with self._snapshot() as connection:
            claims = connection.execute(
                f"SELECT c.* FROM event_claims c JOIN documents d ON d.id = c.doc_id "
                f"ORDER BY {_DOCUMENT_ORDER}, c.ordinal"
            ).fetchall()
            return self._claims(connection, claims, "", {})

    def roles(self, entity_key: str) -> list[Role]:
        """The roles of a person entity (its key or any key merged into it), earliest first."""
        with self._snapshot() as connection:
            return [role_rows.role_from_row(r) for r in connection.execute(role_rows.ROLES_OF_ENTITY,
                                                                           {"key": entity_key})]

    def mentions(self) -> Iterator[tuple[str, Mention]]:
        """(document id, mention) for every mention, in document order."""
        cursor = self.connection.execute(
            f"SELECT m.* FROM mentions m JOIN documents d ON d.id = m.doc_id ORDER BY {_DOCUMENT_ORDER}, m.ordinal"
        )
        try:
            for row in cursor:
                yield row["doc_id"], rows.mention_from_row(row)
        finally:
            cursor.close()

    def duplicate_candidates(self, keys: Collection[int], limit: int | None = None) -> list[tuple[str, bytes]]:
        """(segment id, signature) of the segments filed under any of the near-duplicate keys, in document
        order; the first ``limit`` of them when given."""
        return segment_keys.candidates(self.connection, keys, limit)

    def comment_segment_ids(self, doc_ids: Collection[str] | None = None) -> set[str]:
        """Ids of the reader-comment segments (their authors are rated as reader comments) of these
        documents, or of every document when None: rating a story needs its documents' comments only."""
        if doc_ids is None:
            rows = self.connection.execute("SELECT id FROM segments WHERE kind = 'comment'").fetchall()
            return {row["id"] for row in rows}
        return link_index.comment_segment_ids(self.connection, doc_ids)

    # The link index (incremental linking, issue 5)

    def event_claims_of(self, doc_ids: Collection[str]) -> list[EventClaim]:
        """The event claims of these documents, with their arguments, in document order."""
        return self._claims_where("doc_id", doc_ids)

    def event_claims_by_id(self, claim_ids: Collection[str]) -> list[EventClaim]:
        """The event claims with these ids (unknown ids are left out), in document order."""
        return self._claims_where("id", claim_ids)

    def link_postings(self, keys: Collection[str]) -> dict[str, set[str]]:
        """link key -> ids of the claims filed under it (keys with no claim are left out)."""
        return link_index.postings(self.connection, keys)

    def claims_linked_from(self, doc_ids: Collection[str]) -> set[str]:
        """Ids of the claims of these documents as they were when last linked."""
        keys = {link_index.DOCUMENT_KEY.format(doc_id=d) for d in doc_ids}
        return set().union(*self.link_postings(keys).values())

    def filed_link_keys(self, claim_ids: Collection[str]) -> dict[str, set[str]]:
        """claim id -> the link keys it is filed under, as last linked (claims not filed are left out)."""
        return link_index.filed_keys(self.connection, claim_ids)

    def link_counts(self) -> dict[str, int]:
        """Entities, stories and contradictions: the counts of the linked layer alone."""
        counts = self.counts()
        return {name: counts[name] for name in ("entities", "stories", "contradictions")}

    def document_count(self) -> int:
        """How many documents the store holds."""
        return self.counts()["documents"]

    def pending_links(self) -> set[str]:
        """Ids of documents written since they were last linked (new, or left by an interrupted run)."""
        return {row[0] for row in self.connection.execute("SELECT doc_id FROM pending_links")}

    def mark_linked(self, doc_ids: Collection[str] | None = None) -> None:
        """Take these documents (all when None) off the queue of documents to link."""
        with self._transaction() as connection:
            if doc_ids is None:
                connection.execute("DELETE FROM pending_links")
            else:
                connection.executemany("DELETE FROM pending_links WHERE doc_id = ?", ((d,) for d in doc_ids))

    def stories_of_claims(self, claim_ids: Collection[str]) -> dict[str, str]:
        """claim id -> id of the story that holds it, for the claims that are in a story."""
        return link_index.stories_of_claims(self.connection, claim_ids)

    def stories_by_id(self, story_ids: Collection[str]) -> list[Story]:
        with self._snapshot() as connection:
            return link_index.stories_by_id(connection, story_ids)

    def document_briefs(self, doc_ids: Collection[str]) -> dict[str, link_index.DocumentBrief]:
        """document id -> its name, publication date, outlet, author and URL, for the documents that exist."""
        return link_index.document_briefs(self.connection, doc_ids)

    def shared_passages(self, doc_ids: Collection[str]) -> set[frozenset[str]]:
        """Pairs of documents (one of them in ``doc_ids``) with a near-duplicate segment in common."""
        return link_index.shared_passages(self.connection, doc_ids)

    def evidence_texts(self, claim_ids: Collection[str]) -> dict[str, str]:
        """claim id -> the text of its evidence span."""
        return link_index.evidence_texts(self.connection, claim_ids)

    def sentence_vectors(self, keys: Collection[str]) -> dict[str, bytes]:
        """Cached sentence vectors (float32 bytes) by key; keys not cached are left out."""
        return link_index.sentence_vectors(self.connection, keys)

    def write_sentence_vectors(self, vectors: Iterable[tuple[str, str, int, bytes]]) -> None:
        """Cache (key, model, dimensions, float32 bytes) rows; a key already cached is kept."""
        try:
            with self._transaction() as connection:
                link_index.write_sentence_vectors(connection, vectors)
        except sqlite3.Error as error:
            raise StoreError(Messages.E022.format(what="sentence vectors", path=self.path, detail=error)) from error

    def update_stories(self, removed: Collection[str], stories: list[Story], contradictions: list[Contradiction],
                       keys_by_claim: Mapping[str, Iterable[str]], unfiled: Collection[str] = ()) -> None:
        """Replace some stories in one transaction: delete the ``removed`` stories (with their
        contradictions), write ``stories`` and ``contradictions``, take the ``unfiled`` claims out of
        the link index and file each claim of ``keys_by_claim`` under its keys."""
        try:
            with self._transaction() as connection:
                link_index.delete_stories(connection, removed)
                link_index.unfile_claims(connection, set(unfiled) | set(keys_by_claim))
                link_index.insert_stories(connection, stories, contradictions)
                link_index.file_claims(connection, keys_by_claim)
        except sqlite3.Error as error:
            what = f"{len(stories)} stories replacing {len(removed)}"
            raise StoreError(Messages.E022.format(what=what, path=self.path, detail=error)) from error

    def replace_story_layer(self, stories: list[Story], contradictions: list[Contradiction],
                            keys_by_claim: Mapping[str, Iterable[str]]) -> None:
        """Replace every story, contradiction and link key in one transaction (a full relink)."""
        try:
            with self._transaction() as connection:
                for table in ("contradictions", "story_claims", "stories", "claim_link_keys"):
                    connection.execute(f"DELETE FROM {table}")
                link_index.insert_stories(connection, stories, contradictions)
                link_index.file_claims(connection, keys_by_claim)
        except sqlite3.Error as error:
            what = f"{len(stories)} stories and {len(contradictions)} contradictions"
            raise StoreError(Messages.E022.format(what=what, path=self.path, detail=error)) from error

    def replace_entities(self, entities: list[Entity]) -> None:
        """Replace every entity (and its members) in one transaction, leaving stories as they are."""
        try:
            with self._transaction() as connection:
                for statement in _DELETE_ENTITIES:
                    connection.execute(statement)
                insert_entities(connection, entities)
        except (sqlite3.Error, RowError) as error:
            raise StoreError(Messages.E022.format(what=f"{len(entities)} entities", path=self.path,
                                                  detail=error)) from error

    def entity_index(self) -> EntityIndex:
        """The entity layer as incremental resolution reads and updates it (counts, blocks, members)."""
        return EntityIndex(self.connection, self.path)

    def entities(self) -> list[Entity]:
        """Every entity by key, with its aliases (sorted) and its mentions (in document order)."""
        with self._snapshot() as connection:
            entities = {row["key"]: Entity(key=row["key"], name=row["name"], type=row["type"])
                        for row in connection.execute("SELECT key, name, type FROM entities ORDER BY key")}
            for row in connection.execute("SELECT member_key, entity_key FROM entity_members ORDER BY member_key"):
                if row["member_key"] != row["entity_key"]:
                    entities[row["entity_key"]].aliases.append(row["member_key"])
            mentions = connection.execute(
                f'SELECT e.entity_key, m.doc_id, m."start", m."end", m.text FROM mentions m '
                f"JOIN entity_members e ON e.member_key = m.entity_key JOIN documents d ON d.id = m.doc_id "
                f"ORDER BY {_DOCUMENT_ORDER}, m.ordinal"
            )
            for row in mentions:
                entities[row["entity_key"]].mentions.append((row["doc_id"], row["start"], row["end"], row["text"]))
        return list(entities.values())

    def stories(self) -> list[Story]:
        """Every story by id, its claim ids in the order they were written."""
        with self._snapshot() as connection:
            return self._stories(connection, "", {})

    def story(self, story_id: str) -> Story | None:
        with self._snapshot() as connection:
            found = self._stories(connection, "WHERE id = :story_id", {"story_id": story_id})
        return found[0] if found else None

    def story_ids_with_prefix(self, prefix: str, limit: int) -> list[str]:
        """Ids of the first ``limit`` stories (in id order) whose id starts with ``prefix``.

        Ids sort by code point on both engines, so the ids with a prefix are the run of ids from
        the first one ``>= prefix``: an indexed read of ``limit`` rows, however many stories there are.
        """
        found = self.connection.execute("SELECT id FROM stories WHERE id >= :prefix ORDER BY id LIMIT :limit",
                                        {"prefix": prefix, "limit": limit})
        ids = [str(row["id"]) for row in found]
        return [story_id for story_id in ids if story_id.startswith(prefix)]

    def contradictions(self, story_id: str | None = None) -> list[Contradiction]:
        """The contradictions and tensions of one story, or of every story when None, by story then claims."""
        if story_id is None:
            cursor = self.connection.execute("SELECT * FROM contradictions ORDER BY story_id, claim_a, claim_b")
        else:
            cursor = self.connection.execute("SELECT * FROM contradictions WHERE story_id = :story_id "
                                             "ORDER BY claim_a, claim_b", {"story_id": story_id})
        return [rows.contradiction_from_row(row) for row in cursor]

    def rejections(self) -> list[Rejection]:
        cursor = self.connection.execute("SELECT origin, reason FROM rejections ORDER BY rejected_at, origin, id")
        return [Rejection(origin=row["origin"], reason=row["reason"]) for row in cursor]

    def counts(self) -> dict[str, int]:
        """How many of each: documents, analysed_documents, segments, duplicate_segments, entities,
        mentions, attributions, event_claims, stories, contradictions, rejected."""
        found = {row["name"]: int(row["n"]) for row in self.connection.execute("SELECT name, n FROM row_counts")}
        return {name: found.get(name, 0) for name in COUNTED}

    # Internals

    def _claims(self, connection: Connection, claims: list[Row], where: str,
                params: Params) -> list[EventClaim]:
        arguments: defaultdict[str, list[Row]] = defaultdict(list)
        query = (f"SELECT a.* FROM claim_arguments a JOIN event_claims c ON c.id = a.claim_id {where} "
                 f"ORDER BY a.claim_id, a.ordinal")
        for row in connection.execute(query, params):
            arguments[row["claim_id"]].append(row)
        return [rows.claim_from_row(row, arguments.get(row["id"], []), self.path) for row in claims]

    def _claims_where(self, column: str, values: Collection[str]) -> list[EventClaim]:
        with self._snapshot() as connection:
            claims = link_index.claim_rows(connection, column, values)
            arguments = link_index.argument_rows(connection, [row["id"] for row in claims])
        return [rows.claim_from_row(row, arguments.get(row["id"], []), self.path) for row in claims]

    def _stories(self, connection: Connection, where: str, params: Params) -> list[Story]:
        stories = {row["id"]: Story(id=row["id"], type=row["type"], label=row["label"], claim_ids=[],
                                    time=row["time"])
                   for row in connection.execute(f"SELECT * FROM stories {where} ORDER BY id", params)}
        members = connection.execute(
            f"SELECT story_id, claim_id FROM story_claims WHERE story_id IN (SELECT id FROM stories {where}) "
            f"ORDER BY story_id, ordinal", params)
        for row in members:
            stories[row["story_id"]].claim_ids.append(row["claim_id"])
        return list(stories.values())

    def _transaction(self) -> AbstractContextManager[Connection]:
        return transaction(self.connection)

    @contextmanager
    def _snapshot(self) -> Iterator[Connection]:
        """A read transaction, so several queries see the same state of the store."""
        connection = self.connection
        if connection.in_transaction:
            yield connection
            return
        connection.execute("BEGIN")
        try:
            yield connection
        finally:
            if connection.in_transaction:
                connection.execute("COMMIT")


def open_store(path: str | Path) -> Store:
    """Open (creating and migrating if needed) the knowledge base at ``path``: a SQLite file,
    or a PostgreSQL URL (``postgresql://...``; the database must exist, the extra ``postgres`` be installed)."""
    return Store(path)


def _check_doc_ids(document: Document) -> None:
    """Every record of the document must carry its id, or it would be stored under another document."""
    doc_id = document.id
    records: list[tuple[str, str]] = [("segment", s.doc_id) for s in document.segments]
    records += [("attribution", a.doc_id) for a in document.attributions]
    records += [("event claim", c.doc_id) for c in document.event_claims]
    for kind, found in records:
        if found != doc_id:
            raise StoreError(Messages.E025.format(doc_id=doc_id, origin=document.origin, kind=kind, found=found))


# SQLite's primary result codes for a file or disk that refuses every write, and what to do about it.
_REFUSALS = {8: "make the store and its folder writable", 10: "check the disk", 13: "free some disk space",
             14: "make the store's folder writable"}  # READONLY, IOERR, FULL, CANTOPEN


def _write_error(what: str, path: str, error: sqlite3.Error | RowError) -> StoreError | StoreUnwritable:
    """StoreUnwritable when the file or disk refuses writes (E026), else StoreError for this write (E022)."""
    cause = error.__cause__ if isinstance(error, RowError) else error
    code = getattr(cause, "sqlite_errorcode", None)
    fix = _REFUSALS.get(code & 0xFF) if isinstance(code, int) else getattr(cause, "refusal", None)  # PostgreSQL
    if fix is None:
        return StoreError(Messages.E022.format(what=what, path=path, detail=error))
    return StoreUnwritable(Messages.E026.format(what=what, path=path, detail=cause, fix=fix))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
