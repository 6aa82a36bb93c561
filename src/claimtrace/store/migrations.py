"""The store's schema migrations, registered in order and recorded in a table.

Each migration is a SQL file under ``store/migrations/``; :data:`MIGRATIONS`
lists them in the order they apply (register explicitly, never by scanning the
folder). :func:`migrate` applies the pending ones in one ``BEGIN IMMEDIATE``
transaction and records each in the ``migrations`` table, so two processes
opening a new store at once cannot both migrate it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from claimtrace.errors import Messages, StoreError

# The bookkeeping table itself; every other table is created by a migration file.
MIGRATIONS_TABLE = """
CREATE TABLE IF NOT EXISTS migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: its version number, a short name and its SQL file."""

    version: int
    name: str
    file: str

    def sql(self) -> str:
        return resources.files("claimtrace.store").joinpath("migrations", self.file).read_text("utf-8")

    def statements(self) -> list[str]:
        return split_statements(self.sql())


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial", "0001_initial.sql"),
    Migration(2, "link index", "0002_link_index.sql"),
    Migration(3, "roles", "0003_roles.sql"),
    Migration(4, "entity index", "0004_entity_index.sql"),
    Migration(5, "pending links", "0005_pending_links.sql"),
)

LATEST_VERSION = MIGRATIONS[-1].version


def split_statements(sql: str) -> list[str]:
    """The complete SQL statements of a script, in order (comments and blank lines dropped).

    ``sqlite3.executescript`` would commit the open transaction first, so a
    migration is run statement by statement inside its own transaction instead.
    """
    statements: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement at the end of a migration: {pending.strip()[:80]!r}")
    return statements


def schema_version(connection: sqlite3.Connection) -> int:
    """The highest migration version recorded in the database, 0 for a new one."""
    if not _has_table(connection, "migrations"):
        return 0
    row = connection.execute("SELECT MAX(version) FROM migrations").fetchone()
    return int(row[0] or 0)


def migrate(connection: sqlite3.Connection, path: str) -> list[Migration]:
    """Apply the pending migrations and return them; ``path`` only names the store in errors.

    Refuses a database written by a newer claimtrace (:attr:`Messages.E021`) and
    a SQLite database that is not a claimtrace store (:attr:`Messages.E020`).
    The connection must be in autocommit mode (``isolation_level=None``).
    """
    version = _checked_version(connection, path)
    if version == LATEST_VERSION:
        return []
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(MIGRATIONS_TABLE)
        version = _checked_version(connection, path)  # another process may have migrated meanwhile
        pending = [m for m in MIGRATIONS if m.version > version]
        for migration in pending:
            for statement in migration.statements():
                connection.execute(statement)
            connection.execute(
                "INSERT INTO migrations (version, name, applied_at) VALUES (:version, :name, :applied_at)",
                {"version": migration.version, "name": migration.name, "applied_at": _now()},
            )
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return pending


def _checked_version(connection: sqlite3.Connection, path: str) -> int:
    version = schema_version(connection)
    if version > LATEST_VERSION:
        raise StoreError(Messages.E021.format(path=path, found=version, known=LATEST_VERSION))
    if version == 0:
        foreign = _user_tables(connection) - {"migrations"}
        if foreign:
            detail = (f"it is a SQLite database but not a claimtrace store (it has tables "
                      f"{', '.join(sorted(foreign))}); choose another file")
            raise StoreError(Messages.E020.format(path=path, detail=detail))
    return version


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    return name in _user_tables(connection)


def _user_tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {row[0] for row in rows}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
