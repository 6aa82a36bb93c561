"""Connections (SQLite file or PostgreSQL URL) and row inserts whose errors name the table and the row."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from claimtrace.errors import Messages, StoreError
from claimtrace.model import Entity
from claimtrace.store import rows
from claimtrace.store.location import is_postgres_url
from claimtrace.store.rows import Params

BUSY_TIMEOUT_MS = 5000
_READ_ONLY_HINT = " (is the file, its folder or its file system read-only? SQLite writes its journal beside the store)"


class RowError(Exception):
    """An insert failed; the message names the table and the row's values."""

    def __init__(self, table: str, params: Params, error: sqlite3.Error) -> None:
        super().__init__(f"{error} in {table} row ({rows.describe(params)})")


class Cursor(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...
    def close(self) -> None: ...


class Connection(Protocol):
    """What the store needs of a connection: ``sqlite3.Connection`` in autocommit mode, or
    :class:`~claimtrace.store.postgres.PostgresConnection`, which takes the same SQL."""

    @property
    def in_transaction(self) -> bool: ...
    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...
    def close(self) -> None: ...


InsertRows = Callable[[Connection, str, Iterable[Params]], None]  # insert_many or insert_all


def engine_of(connection: Connection) -> str:
    """``"postgresql"`` or ``"sqlite"``: which SQL a migration variant must be written in."""
    return str(getattr(connection, "engine", "sqlite"))


def connect(path: str) -> Connection:
    """A connection to the store at ``path``: a SQLite file (created if missing) or a PostgreSQL URL."""
    if is_postgres_url(path):
        from claimtrace.store.postgres import connect as connect_postgres

        return connect_postgres(path)
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
        detail = f"{error}{_READ_ONLY_HINT if error.sqlite_errorcode & 0xFF in (8, 14) else ''}"  # READONLY, CANTOPEN
        raise StoreError(Messages.E020.format(path=path, detail=detail)) from error
    return connection


class BatchError(Exception):
    """A many-row insert failed; the driver does not say which row (:func:`insert_all` does)."""

    def __init__(self, table: str, error: sqlite3.Error) -> None:
        super().__init__(f"{error} in {table}")
        self.table = table


def insert_many(connection: Connection, table: str, params: Iterable[Params]) -> None:
    """Rows of one shape in one ``executemany``: one statement per table, not one per row (psycopg pipelines
    them), for a tenth of the time of row by row inserts."""
    batch = list(params)
    if not batch:
        return
    try:
        connection.executemany(insert_sql(table, tuple(batch[0])), batch)
    except sqlite3.Error as error:
        raise BatchError(table, error) from error


def insert_all(connection: Connection, table: str, params: Iterable[Params]) -> None:
    """Row by row, so that a failing row is named in the error."""
    for row in params:
        insert(connection, table, row)


def insert(connection: Connection, table: str, params: Params) -> None:
    execute(connection, table, insert_sql(table, tuple(params)), params)


def execute(connection: Connection, table: str, sql: str, params: Params) -> None:
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
def transaction(connection: Connection) -> Iterator[Connection]:
    """A write transaction: BEGIN IMMEDIATE takes the write lock first (waiting up to the busy timeout;
    on PostgreSQL, for the advisory lock of :mod:`claimtrace.store.postgres`)."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def insert_entities(connection: Connection, entities: Iterable[Entity]) -> None:
    """Entities and their members: an entity's own key and its aliases name the mentions it holds.

    Row by row, so that a key claimed by two entities fails naming the key.
    """
    for entity in entities:
        insert(connection, "entities", {"key": entity.key, "name": entity.name, "type": entity.type})
        members = dict.fromkeys([entity.key, *entity.aliases])
        insert_all(connection, "entity_members", ({"member_key": key, "entity_key": entity.key} for key in members))
