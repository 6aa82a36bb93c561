"""The store on PostgreSQL: a psycopg 3 connection that takes the store's SQLite SQL.

The store's queries are written once, for both engines; this connection
behaves as the store uses ``sqlite3`` (autocommit with explicit ``BEGIN``,
``execute``/``executemany``, rows by column name or position) and has
:mod:`claimtrace.store.dialect` translate each statement. Transactions keep
SQLite's guarantees:

- ``BEGIN IMMEDIATE`` (a write) takes a transaction-scoped advisory lock, so
  writers run one at a time as in SQLite, and each statement reads what the
  writers before it committed;
- ``BEGIN`` (a read snapshot) is ``REPEATABLE READ``: every query of it sees
  the same state, as a SQLite read transaction does.

psycopg's errors are raised as subclasses of ``sqlite3``'s DB-API errors, so
every ``except sqlite3.Error`` of the store covers both engines.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from claimtrace.errors import Messages, StoreError
from claimtrace.store.dialect import to_postgres
from claimtrace.store.location import display_location

if TYPE_CHECKING:
    import psycopg

EXTRA_HINT = "PostgreSQL stores need the 'postgres' extra: pip install 'claimtrace[postgres]'"
CONNECT_TIMEOUT_S = 10
# Key of the advisory lock every claimtrace writer of a database holds for its transaction.
WRITE_LOCK = 0x636C61696D  # "claim"
_BEGIN = re.compile(r"^\s*BEGIN(\s+(?P<mode>DEFERRED|IMMEDIATE|EXCLUSIVE))?(\s+TRANSACTION)?\s*;?\s*$",
                    re.IGNORECASE)
_DETAIL_WIDTH = 200


# SQLSTATEs of a server that refuses every write, and what to do about it (the store reports them as E026).
REFUSALS = {
    "53100": "free some disk space on the database server",  # disk_full
    "58030": "check the database server's disk",  # io_error
    "25006": "connect to a writable server: this one, or this database, is read-only",  # read_only_sql_transaction
    "42501": "grant the database user write access to claimtrace's tables",  # insufficient_privilege
}


class PostgresError(sqlite3.DatabaseError):
    """A PostgreSQL error, one line: the server's message and, when it helps, its detail.

    ``refusal`` says what to do when the server refuses every write (full disk, read-only), else None.
    """

    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate
        self.refusal = REFUSALS.get(sqlstate or "")


class PostgresIntegrityError(PostgresError, sqlite3.IntegrityError):
    """A constraint (key, check, foreign key) refused a row."""


class PostgresOperationalError(PostgresError, sqlite3.OperationalError):
    """The server could not be reached or the connection broke."""


class Row:
    """A result row by column name or position, like ``sqlite3.Row`` (``dict(row)`` gives name -> value)."""

    __slots__ = ("_values", "_columns")

    def __init__(self, values: Sequence[Any], columns: dict[str, int]) -> None:
        self._values = tuple(values)
        self._columns = columns

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            return self._values[self._columns[key]]
        return self._values[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Row) and (self._values, self._columns) == (other._values, other._columns)

    __hash__ = None  # type: ignore[assignment]

    def keys(self) -> list[str]:
        return list(self._columns)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._columns, self._values))!r})"


class PostgresConnection:
    """A psycopg connection in autocommit mode that runs the store's SQLite-style SQL."""

    engine = "postgresql"

    def __init__(self, connection: psycopg.Connection[Row]) -> None:
        self._connection = connection

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        status = self._connection.info.transaction_status
        return status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def execute(self, sql: str, parameters: Any = None) -> psycopg.Cursor[Row]:
        begin = _BEGIN.match(sql)
        if begin:
            return self._begin(begin.group("mode"))
        cursor = self._connection.cursor()
        with _translated_errors():
            cursor.execute(to_postgres(sql, parameters is not None), parameters)  # type: ignore[arg-type]
        return cursor

    def executemany(self, sql: str, parameters: Iterable[Any]) -> psycopg.Cursor[Row]:
        cursor = self._connection.cursor()
        with _translated_errors():
            cursor.executemany(to_postgres(sql, True), parameters)  # type: ignore[arg-type]
        return cursor

    def close(self) -> None:
        self._connection.close()

    def _begin(self, mode: str | None) -> psycopg.Cursor[Row]:
        cursor = self._connection.cursor()
        with _translated_errors():
            if mode and mode.upper() in ("IMMEDIATE", "EXCLUSIVE"):
                cursor.execute("BEGIN")
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            else:
                cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        return cursor


def connect(url: str) -> PostgresConnection:
    """A connection to the database at ``url``; :class:`StoreError` (E020) names what went wrong."""
    shown = display_location(url)
    try:
        import psycopg
    except ImportError as error:
        raise StoreError(Messages.E020.format(path=shown, detail=EXTRA_HINT)) from error
    options: dict[str, Any] = {"application_name": "claimtrace"}
    if "connect_timeout" not in url:
        options["connect_timeout"] = CONNECT_TIMEOUT_S
    try:
        connection = psycopg.connect(url, autocommit=True, row_factory=_rows, **options)
    except psycopg.Error as error:
        raise StoreError(Messages.E020.format(path=shown, detail=_one_line(str(error)))) from error
    return PostgresConnection(connection)


def _rows(cursor: psycopg.Cursor[Any]) -> Any:
    """psycopg's row factory: rows that read like sqlite3.Row (a repeated name reads its first column)."""
    columns: dict[str, int] = {}
    for index, column in enumerate(cursor.description or ()):
        columns.setdefault(column.name, index)
    return lambda values: Row(values, columns)


@contextmanager
def _translated_errors() -> Iterator[None]:
    """Re-raise psycopg's errors as the sqlite3 DB-API classes the store catches."""
    import psycopg

    try:
        yield
    except psycopg.IntegrityError as error:
        raise PostgresIntegrityError(_message(error), error.sqlstate) from error
    except psycopg.OperationalError as error:
        raise PostgresOperationalError(_message(error), error.sqlstate) from error
    except psycopg.Error as error:
        raise PostgresError(_message(error), error.sqlstate) from error


def _message(error: psycopg.Error) -> str:
    """The server's message, with its detail unless that is the whole failing row (it may hold a document)."""
    primary = error.diag.message_primary or str(error)
    detail = error.diag.message_detail or ""
    if not detail or detail.startswith("Failing row contains"):
        return _one_line(primary)
    if len(detail) > _DETAIL_WIDTH:
        detail = detail[:_DETAIL_WIDTH] + "..."
    return _one_line(f"{primary} ({detail})")


def _one_line(text: str) -> str:
    return " ".join(text.split())
