"""The store's SQL, written for SQLite, as PostgreSQL reads it.

The store writes one SQL for both engines, portable where that costs nothing
(``ON CONFLICT``, quoted ``"start"``/``"end"``, ``substr``). What still
differs is translated here, once per distinct statement:

- parameters: ``:name`` and ``?`` become psycopg's ``%(name)s`` and ``%s``
  (outside quotes and comments), and a literal ``%`` is doubled;
- ``INSERT OR IGNORE INTO ...`` becomes ``INSERT INTO ... ON CONFLICT DO NOTHING``;
- in migrations (:func:`schema_to_postgres`): ``BLOB`` is ``BYTEA``, ``REAL``
  is ``DOUBLE PRECISION`` (SQLite's REAL is 8 bytes, PostgreSQL's 4), ``TEXT``
  compares by code point (``COLLATE "C"``, as SQLite and Python sort), and
  ``WITHOUT ROWID`` goes. Type names are upper case in the migration files,
  column names lower case, so ``text TEXT`` translates to ``text TEXT COLLATE "C"``.

SQL that genuinely differs (full-text search, say) is not translated: its
migration has a PostgreSQL variant file (see :mod:`claimtrace.store.migrations`).
"""

from __future__ import annotations

import re
from functools import lru_cache

_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_SCHEMA_WORDS = (
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
    (re.compile(r"\)\s*WITHOUT\s+ROWID\b"), ")"),
)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DOLLAR_TAG = re.compile(r"\$[A-Za-z_0-9]*\$")


@lru_cache(maxsize=512)
def to_postgres(sql: str, with_params: bool) -> str:
    """The statement as psycopg sends it; ``with_params`` says whether parameters go with it.

    psycopg reads ``%`` as a placeholder only when parameters are passed, so
    ``%`` is doubled only then.
    """
    match = _INSERT_OR_IGNORE.match(sql)
    if match:
        sql = "INSERT INTO" + sql[match.end():].rstrip().rstrip(";") + " ON CONFLICT DO NOTHING"
    return _placeholders(sql) if with_params else sql


def schema_to_postgres(sql: str) -> str:
    """A migration statement's types and table options as PostgreSQL declares them."""
    for pattern, replacement in _SCHEMA_WORDS:
        sql = pattern.sub(replacement, sql)
    return sql


def split_postgres_statements(sql: str) -> list[str]:
    """The statements of a PostgreSQL script, in order (comments kept inside a statement, dropped around it).

    Splits at semicolons outside quotes, comments and dollar-quoted bodies
    (``$$ ... $$`` of a function), which SQLite's ``complete_statement`` does
    not know.
    """
    statements: list[str] = []
    start, i, length = 0, 0, len(sql)
    while i < length:
        char = sql[i]
        if char in "'\"":
            i = _closing_quote(sql, i)
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = length if end < 0 else end
        elif char == "$" and (tag := _DOLLAR_TAG.match(sql, i)):
            end = sql.find(tag.group(), tag.end())
            i = length if end < 0 else end + len(tag.group())
        elif char == ";":
            statements.append(sql[start:i + 1])
            start = i = i + 1
        else:
            i += 1
    rest = _without_leading_comments(sql[start:])
    if rest:
        raise ValueError(f"incomplete SQL statement at the end of a migration: {rest[:80]!r}")
    return [text for text in map(_without_leading_comments, statements) if text]


def _without_leading_comments(statement: str) -> str:
    lines = statement.splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("--")):
        lines.pop(0)
    return "\n".join(lines).strip()


def _placeholders(sql: str) -> str:
    """``:name`` -> ``%(name)s``, ``?`` -> ``%s``, ``%`` -> ``%%``, leaving quoted text and comments alone
    (but for ``%``, which psycopg reads everywhere)."""
    out: list[str] = []
    i, length = 0, len(sql)
    while i < length:
        char = sql[i]
        if char in "'\"":
            end = _closing_quote(sql, i)
            out.append(sql[i:end].replace("%", "%%"))
            i = end
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            end = length if end < 0 else end
            out.append(sql[i:end].replace("%", "%%"))
            i = end
        elif char == "?":
            out.append("%s")
            i += 1
        elif char == "%":
            out.append("%%")
            i += 1
        elif char == ":" and sql.startswith("::", i):  # a PostgreSQL cast, in variant SQL
            out.append("::")
            i += 2
        elif char == ":" and (name := _NAME.match(sql, i + 1)):
            out.append(f"%({name.group()})s")
            i = name.end()
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _closing_quote(sql: str, start: int) -> int:
    """The index just past the quoted string or identifier opening at ``start`` (doubled quotes escape)."""
    quote = sql[start]
    i = start + 1
    while True:
        i = sql.find(quote, i)
        if i < 0:
            return len(sql)
        if sql.startswith(quote * 2, i):
            i += 2
            continue
        return i + 1
