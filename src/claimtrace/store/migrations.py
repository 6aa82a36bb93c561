"""The store's schema migrations, registered in order and recorded in a table.

Each migration is a SQL file under ``store/migrations/``; :data:`MIGRATIONS`
lists them in the order they apply (register explicitly, never by scanning the
folder). :func:`migrate` applies the pending ones in one ``BEGIN IMMEDIATE``
transaction and records each in the ``migrations`` table, so two processes
opening a new store at once cannot both migrate it.

One schema serves both engines: on PostgreSQL a migration's SQL is translated
(:func:`claimtrace.store.dialect.schema_to_postgres`: types, table options),
unless the migration names a PostgreSQL variant file for SQL that genuinely
differs (``0006_search.sql`` beside ``0006_search.postgresql.sql``, say).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from claimtrace.errors import Messages, StoreError
from claimtrace.store.dialect import schema_to_postgres, split_postgres_statements
from claimtrace.store.sql import Connection, engine_of

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
    """One step of the schema: its version number, a short name, its SQL file and, where the SQL
    genuinely differs on PostgreSQL, the file used there instead (else the SQL file, translated)."""

    version: int
    name: str
    file: str
    postgresql: str | None = None

    def sql(self, engine: str = "sqlite") -> str:
        file = self.postgresql if engine == "postgresql" and self.postgresql else self.file
        return resources.files("claimtrace.store").joinpath("migrations", file).read_text("utf-8")

    def statements(self, engine: str = "sqlite") -> list[str]:
        if engine != "postgresql":
            return split_statements(self.sql())
        if self.postgresql:
            return split_postgres_statements(self.sql(engine))
        return [schema_to_postgres(statement) for statement in split_statements(self.sql())]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial", "0001_initial.sql"),
    Migration(2, "link index", "0002_link_index.sql"),
    Migration(3, "roles", "0003_roles.sql"),
    Migration(4, "entity index", "0004_entity_index.sql"),
    Migration(5, "pending links", "0005_pending_links.sql"),
    Migration(6, "search", "0006_search.sql", postgresql="0006_search.postgresql.sql"),
    Migration(7, "watch state", "0007_watch_state.sql"),
    Migration(8, "page indexes", "0008_page_indexes.sql"),
    Migration(9, "entity documents by member", "0009_entity_documents_by_member.sql"),
    Migration(10, "overview indexes", "0010_overview_indexes.sql"),
    Migration(11, "row counts", "0011_row_counts.sql", postgresql="0011_row_counts.postgresql.sql"),
    Migration(12, "segment keys", "0012_segment_keys.sql"),
)

LATEST_VERSION = MIGRATIONS[-1].version
_USER_TABLES = {
    "sqlite": "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    "postgresql": "SELECT table_name FROM information_schema.tables "
                  "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
}
_FOREIGN_STORE = {"sqlite": ("SQLite database", "file"), "postgresql": ("PostgreSQL database", "database or schema")}


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


def schema_version(connection: Connection) -> int:
    """The highest migration version recorded in the database, 0 for a new one."""
    if not _has_table(connection, "migrations"):
        return 0
    row = connection.execute("SELECT MAX(version) FROM migrations").fetchone()
    return int(row[0] or 0)


def migrate(connection: Connection, path: str) -> list[Migration]:
    """Apply the pending migrations and return them; ``path`` only names the store in errors.

    Refuses a database written by a newer claimtrace (:attr:`Messages.E021`) and
    a database that is not a claimtrace store (:attr:`Messages.E020`).
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
            for statement in migration.statements(engine_of(connection)):
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


def _checked_version(connection: Connection, path: str) -> int:
    version = schema_version(connection)
    if version > LATEST_VERSION:
        raise StoreError(Messages.E021.format(path=path, found=version, known=LATEST_VERSION))
    if version == 0:
        foreign = _user_tables(connection) - {"migrations"}
        if foreign:
            kind, other = _FOREIGN_STORE[engine_of(connection)]
            detail = (f"it is a {kind} but not a claimtrace store (it has tables "
                      f"{', '.join(sorted(foreign))}); choose another {other}")
            raise StoreError(Messages.E020.format(path=path, detail=detail))
    return version


def _has_table(connection: Connection, name: str) -> bool:
    return name in _user_tables(connection)


def _user_tables(connection: Connection) -> set[str]:
    """The tables of the store: of the SQLite file, or of the first schema of PostgreSQL's search path."""
    rows = connection.execute(_USER_TABLES[engine_of(connection)]).fetchall()
    return {row[0] for row in rows}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
