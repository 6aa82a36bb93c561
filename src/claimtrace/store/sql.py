"""SQLite connections and row inserts whose errors name the table and the row."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from claimtrace.errors import Messages, StoreError
from claimtrace.model import Entity
from claimtrace.store import rows
from claimtrace.store.rows import Params

BUSY_TIMEOUT_MS = 5000


class RowError(Exception):
    """An insert failed; the message names the table and the row's values."""

    def __init__(self, table: str, params: Params, error: sqlite3.Error) -> None:
        super().__init__(f"{error} in {table} row ({rows.describe(params)})")


def connect(path: str) -> sqlite3.Connection:
    try:
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(Messages.E020.format(path=path, detail=error)) from error
    try:
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA journal_mode = WAL")  # the first read: fails here if not a database
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA synchronous = NORMAL")  # safe in WAL: a crash loses no committed write
    except sqlite3.Error as error:
        connection.close()
        raise StoreError(Messages.E020.format(path=path, detail=error)) from error
    return connection


def insert_all(connection: sqlite3.Connection, table: str, params: Iterable[Params]) -> None:
    for row in params:
        insert(connection, table, row)


def insert(connection: sqlite3.Connection, table: str, params: Params) -> None:
    execute(connection, table, insert_sql(table, tuple(params)), params)


def execute(connection: sqlite3.Connection, table: str, sql: str, params: Params) -> None:
    try:
        connection.execute(sql, params)
    except sqlite3.Error as error:
        raise RowError(table, params, error) from error


@lru_cache(maxsize=64)
def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    names = ", ".join(f'"{column}"' for column in columns)
    values = ", ".join(f":{column}" for column in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({values})"


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction: BEGIN IMMEDIATE takes the write lock first (waiting up to the busy timeout)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def insert_entities(connection: sqlite3.Connection, entities: Iterable[Entity]) -> None:
    """Entities and their members: an entity's own key and its aliases name the mentions it holds.

    Row by row, so that a key claimed by two entities fails naming the key.
    """
    for entity in entities:
        insert(connection, "entities", {"key": entity.key, "name": entity.name, "type": entity.type})
        members = dict.fromkeys([entity.key, *entity.aliases])
        insert_all(connection, "entity_members", ({"member_key": key, "entity_key": entity.key} for key in members))
