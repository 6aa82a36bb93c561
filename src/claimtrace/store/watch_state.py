"""What ``claimtrace watch`` remembers in the store: files read, feed validators and errors, feed items taken in.

Kept in the store (migration 0007) rather than beside it, so a watch stopped and
started again, or moved to another machine with its database, neither reads
every file again nor fetches every feed item's page again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from claimtrace.errors import Messages, StoreError
from claimtrace.store.sql import transaction
from claimtrace.store.sqlite import Store

_UPSERT_FILE = """
INSERT INTO watched_files (path, size, mtime_ns, checked_at) VALUES (:path, :size, :mtime_ns, :checked_at)
ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, checked_at = excluded.checked_at
"""
_UPSERT_FEED = """
INSERT INTO watched_feeds (url, title, etag, last_modified, checked_at, error)
VALUES (:url, :title, :etag, :last_modified, :checked_at, :error)
ON CONFLICT (url) DO UPDATE SET title = excluded.title, etag = excluded.etag,
    last_modified = excluded.last_modified, checked_at = excluded.checked_at, error = excluded.error
"""
_INSERT_ITEM = """
INSERT INTO feed_items (feed_url, item_key, link, seen_at) VALUES (:feed_url, :item_key, :link, :seen_at)
ON CONFLICT (feed_url, item_key) DO NOTHING
"""


@dataclass(frozen=True, slots=True)
class FileState:
    """A file as it was when last read: an unchanged size and modification time mean unchanged content."""

    path: str
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class FeedState:
    """A feed as its last poll left it: the validators for a conditional GET, and the error if it failed."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


class WatchState:
    """Reads and writes the watch tables of one open store; every write is its own transaction."""

    def __init__(self, store: Store) -> None:
        self._connection = store.connection
        self._path = store.path

    def file_states(self) -> dict[str, FileState]:
        """path -> state of every file read so far."""
        cursor = self._connection.execute("SELECT path, size, mtime_ns FROM watched_files")
        return {row[0]: FileState(row[0], row[1], row[2]) for row in cursor}

    def record_files(self, states: Iterable[FileState]) -> None:
        rows = [{"path": s.path, "size": s.size, "mtime_ns": s.mtime_ns, "checked_at": _now()} for s in states]
        if rows:
            self._write("file states", lambda: self._connection.executemany(_UPSERT_FILE, rows))

    def feed(self, url: str) -> FeedState:
        """The feed's state after its last poll (an empty state for a feed never polled)."""
        row = self._connection.execute(
            "SELECT title, etag, last_modified, error FROM watched_feeds WHERE url = :url", {"url": url}).fetchone()
        return FeedState(url) if row is None else FeedState(url, row[0], row[1], row[2], row[3])

    def record_feed(self, state: FeedState) -> None:
        params = {"url": state.url, "title": state.title, "etag": state.etag, "last_modified": state.last_modified,
                  "checked_at": _now(), "error": state.error}
        self._write(f"the state of feed {state.url}", lambda: self._connection.execute(_UPSERT_FEED, params))

    def seen_items(self, feed_url: str) -> set[str]:
        """Keys of the feed's items already taken in (stored, already stored or rejected)."""
        cursor = self._connection.execute("SELECT item_key FROM feed_items WHERE feed_url = :url", {"url": feed_url})
        return {row[0] for row in cursor}

    def record_item(self, feed_url: str, item_key: str, link: str | None) -> None:
        params = {"feed_url": feed_url, "item_key": item_key, "link": link, "seen_at": _now()}
        self._write(f"feed item {item_key}", lambda: self._connection.execute(_INSERT_ITEM, params))

    def _write(self, what: str, write: Callable[[], object]) -> None:
        try:
            with transaction(self._connection):
                write()
        except sqlite3.Error as error:
            raise StoreError(Messages.E022.format(what=what, path=self._path, detail=error)) from error


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
