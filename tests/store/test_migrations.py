"""Schema migrations: registered in order, recorded in a table, applied once, newer schemas refused."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from claimtrace.errors import StoreError
from claimtrace.store import Store
from claimtrace.store.migrations import (
    LATEST_VERSION,
    MIGRATIONS,
    Migration,
    migrate,
    schema_version,
    split_statements,
)

TABLES = {"documents", "segments", "mentions", "attributions", "event_claims", "claim_arguments", "entities",
          "entity_members", "stories", "story_claims", "contradictions", "rejections", "migrations"}


def _recorded(path: Path) -> list[tuple[int, str]]:
    with closing(sqlite3.connect(path)) as connection, connection:
        return connection.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()


def test_migrations_registered_in_order_with_existing_files() -> None:
    versions = [migration.version for migration in MIGRATIONS]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    assert versions[-1] == LATEST_VERSION
    for migration in MIGRATIONS:
        assert migration.file.startswith(f"{migration.version:04d}_")
        assert migration.statements(), f"{migration.file} has no statements"


def test_migrations_have_postgresql_statements_without_sqlite_only_syntax() -> None:
    for migration in MIGRATIONS:
        statements = migration.statements("postgresql")
        assert statements, migration.file
        text = "\n".join(statements).upper()
        for sqlite_only in ("WITHOUT ROWID", " BLOB", "VIRTUAL TABLE", "FTS5", "AUTOINCREMENT"):
            assert sqlite_only not in text, (migration.file, sqlite_only)
    variants = [m for m in MIGRATIONS if m.postgresql]
    assert variants and all(m.postgresql == m.file.replace(".sql", ".postgresql.sql") for m in variants)


def test_migrations_create_schema_and_record_each_version(db_path: Path) -> None:
    with Store(db_path) as store:
        assert store.schema_version == LATEST_VERSION
    assert _recorded(db_path) == [(m.version, m.name) for m in MIGRATIONS]
    with closing(sqlite3.connect(db_path)) as connection, connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= TABLES


def test_migrations_reopen_applies_nothing_again(db_path: Path) -> None:
    Store(db_path).close()
    with closing(sqlite3.connect(db_path)) as connection, connection:
        applied_at = connection.execute("SELECT applied_at FROM migrations").fetchall()
    Store(db_path).close()
    with closing(sqlite3.connect(db_path, isolation_level=None)) as connection, connection:
        assert connection.execute("SELECT applied_at FROM migrations").fetchall() == applied_at
        assert migrate(connection, str(db_path)) == []
    assert _recorded(db_path) == [(m.version, m.name) for m in MIGRATIONS]


def test_migrations_new_database_starts_at_version_zero(tmp_path: Path) -> None:
    with closing(sqlite3.connect(tmp_path / "empty.db")) as connection, connection:
        assert schema_version(connection) == 0


def test_migrations_newer_schema_refused(db_path: Path) -> None:
    Store(db_path).close()
    newer = LATEST_VERSION + 7
    with closing(sqlite3.connect(db_path)) as connection, connection:
        connection.execute("INSERT INTO migrations VALUES (?, 'from the future', '2099-01-01')", (newer,))
    with pytest.raises(StoreError, match=rf"schema version {newer}, newer than this claimtrace \({LATEST_VERSION}\)"):
        Store(db_path)


@pytest.mark.parametrize("content", [b"just some notes, not a database\n" * 40, b"\x89PNG\r\n\x1a\n" + bytes(600)])
def test_store_non_database_file_refused_with_reason(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"cannot open store .*notes\.db: file is not a database"):
        Store(path)
    assert path.read_bytes() == content


def test_store_foreign_sqlite_database_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE invoices (number INTEGER)")
    with pytest.raises(StoreError, match=r"not a claimtrace store \(it has tables invoices\)"):
        Store(path)


def test_store_directory_path_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"cannot open store"):
        Store(tmp_path)


def test_store_creates_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "kb.db"
    Store(path).close()
    assert path.is_file()


def test_store_memory_database_is_migrated() -> None:
    with Store(":memory:") as store:
        assert store.schema_version == LATEST_VERSION
        assert set(store.counts().values()) == {0}


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("CREATE TABLE a (x INTEGER);\n\n-- a comment; with a semicolon\nCREATE INDEX a_x ON a (x);\n",
         ["CREATE TABLE a (x INTEGER);", "CREATE INDEX a_x ON a (x);"]),
        ("CREATE TABLE b (\n    y TEXT  -- the y; unusual\n);\n",
         ["CREATE TABLE b (\n    y TEXT  -- the y; unusual\n);"]),
        ("INSERT INTO t VALUES ('a;b');\n", ["INSERT INTO t VALUES ('a;b');"]),
    ],
)
def test_split_statements_keeps_whole_statements(sql: str, expected: list[str]) -> None:
    assert split_statements(sql) == expected


def test_split_statements_incomplete_statement_named() -> None:
    with pytest.raises(ValueError, match="CREATE TABLE c"):
        split_statements("CREATE TABLE c (z INTEGER)\n")


class _InlineMigration(Migration):
    """A migration whose SQL is given inline, to test a migration that fails half-way."""

    def sql(self) -> str:
        return self.file


def test_migrations_failed_migration_leaves_schema_unchanged(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(db_path).close()
    broken = _InlineMigration(LATEST_VERSION + 1, "broken", "CREATE TABLE added (x INTEGER);\nCREATE TABLE (;\n")
    monkeypatch.setattr("claimtrace.store.migrations.MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr("claimtrace.store.migrations.LATEST_VERSION", broken.version)
    with pytest.raises(StoreError, match="cannot open store"):
        Store(db_path)
    with closing(sqlite3.connect(db_path)) as connection, connection:
        assert schema_version(connection) == LATEST_VERSION
        assert connection.execute("SELECT name FROM sqlite_master WHERE name = 'added'").fetchall() == []
