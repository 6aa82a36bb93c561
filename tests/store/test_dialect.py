"""The store's SQLite SQL as PostgreSQL reads it, and how a location is shown (no server needed)."""

from __future__ import annotations

import pytest

from claimtrace.store.dialect import schema_to_postgres, split_postgres_statements, to_postgres
from claimtrace.store.location import display_location, is_postgres_url


@pytest.mark.parametrize("sql, expected", [
    ("SELECT * FROM documents WHERE id = :doc_id", "SELECT * FROM documents WHERE id = %(doc_id)s"),
    ("DELETE FROM stories WHERE id IN (?, ?, ?)", "DELETE FROM stories WHERE id IN (%s, %s, %s)"),
    ("SELECT substr(text, :start, :length) AS part", "SELECT substr(text, %(start)s, %(length)s) AS part"),
    ("SELECT 'a:b ? 100%' AS x, \"we:ird?\" FROM t WHERE k = :k",
     "SELECT 'a:b ? 100%%' AS x, \"we:ird?\" FROM t WHERE k = %(k)s"),
    ("SELECT 'it''s :not' WHERE v = ?", "SELECT 'it''s :not' WHERE v = %s"),
    ("SELECT x::text FROM t -- a comment with :name and ?\nWHERE y = :y",
     "SELECT x::text FROM t -- a comment with :name and ?\nWHERE y = %(y)s"),
    ("SELECT 5 % 2 WHERE a = :a", "SELECT 5 %% 2 WHERE a = %(a)s"),
    ("INSERT OR IGNORE INTO claim_link_keys (key, claim_id) VALUES (?, ?)",
     "INSERT INTO claim_link_keys (key, claim_id) VALUES (%s, %s) ON CONFLICT DO NOTHING"),
])
def test_to_postgres_translates_parameters_outside_quotes_and_comments(sql: str, expected: str) -> None:
    assert to_postgres(sql, True) == expected


def test_to_postgres_without_parameters_leaves_percent_alone() -> None:
    assert to_postgres("SELECT '100%' WHERE name LIKE 'a%'", False) == "SELECT '100%' WHERE name LIKE 'a%'"


def test_schema_to_postgres_translates_types_but_not_names() -> None:
    sql = ('CREATE TABLE sentence_vectors (\n    text TEXT NOT NULL,\n    similarity REAL,\n'
           '    vector BLOB NOT NULL,\n    textual INTEGER\n) WITHOUT ROWID')
    assert schema_to_postgres(sql) == (
        'CREATE TABLE sentence_vectors (\n    text TEXT COLLATE "C" NOT NULL,\n    similarity DOUBLE PRECISION,\n'
        '    vector BYTEA NOT NULL,\n    textual INTEGER\n)')


def test_split_postgres_statements_keeps_function_bodies_whole() -> None:
    script = """-- leading comment; with a semicolon
CREATE TABLE t (a TEXT);  -- trailing comment
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO t VALUES ('x;y');
    RETURN NULL;
END
$$;
-- another comment
INSERT INTO t VALUES ('it''s; fine');
"""
    assert split_postgres_statements(script) == [
        "CREATE TABLE t (a TEXT);",
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
        "    INSERT INTO t VALUES ('x;y');\n    RETURN NULL;\nEND\n$$;",
        "INSERT INTO t VALUES ('it''s; fine');",
    ]


def test_split_postgres_statements_refuses_an_unfinished_statement() -> None:
    with pytest.raises(ValueError, match="incomplete SQL statement"):
        split_postgres_statements("CREATE TABLE t (a TEXT);\nCREATE TABLE u (b TEXT)")


@pytest.mark.parametrize("location, shown", [
    ("postgresql://ana:s3cret@db.example:5432/kb", "postgresql://ana:***@db.example:5432/kb"),
    ("postgres://ana@127.0.0.1/kb?password=s3cret&sslmode=require",
     "postgres://ana@127.0.0.1/kb?password=***&sslmode=require"),
    ("postgresql://ana@127.0.0.1:5432/kb", "postgresql://ana@127.0.0.1:5432/kb"),
    ("data/kb:1.db", "data/kb:1.db"),
])
def test_display_location_hides_passwords(location: str, shown: str) -> None:
    assert display_location(location) == shown


@pytest.mark.parametrize("location, expected", [
    ("postgresql://ana@host/kb", True), ("POSTGRES://ana@host/kb", True), ("kb.db", False),
    ("postgresql.db", False), (":memory:", False),
])
def test_is_postgres_url(location: str, expected: bool) -> None:
    assert is_postgres_url(location) is expected
