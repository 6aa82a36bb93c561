"""What a ``--db`` value names: a SQLite file (or ``":memory:"``) or a PostgreSQL database URL.

Kept free of database imports so the CLI, the web app and the source
registry can ask cheaply which engine a location means and how to show it.
"""

from __future__ import annotations

import re
from pathlib import Path

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
# The password of a URL (user:PASSWORD@host, or ?password=...), never shown in messages or pages.
_URL_PASSWORD = re.compile(r"(?<=://)([^:/@?#]*):[^@/?#]*@")
_PARAM_PASSWORD = re.compile(r"(?i)([?&]password=)[^&#]*")


def is_postgres_url(location: str | Path) -> bool:
    """True when ``location`` is a PostgreSQL URL (``postgresql://user@host:5432/name``), not a file."""
    return isinstance(location, str) and location.lower().startswith(POSTGRES_SCHEMES)


def display_location(location: str | Path) -> str:
    """The location as messages and pages show it: a URL's password replaced by ``***``."""
    text = str(location)
    if not is_postgres_url(text):
        return text
    return _PARAM_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1:***@", text))


def store_exists(location: str | Path) -> bool:
    """True when a claimtrace store is at ``location``: the file exists, or the database has the schema.

    Reading commands use it so they never create an empty store by mistake.
    Raises :class:`~claimtrace.errors.StoreError` when a PostgreSQL server
    cannot be reached.
    """
    if str(location) == ":memory:":
        return True
    if not is_postgres_url(location):
        return Path(location).is_file()
    import sqlite3

    from claimtrace.errors import Messages, StoreError
    from claimtrace.store.migrations import schema_version
    from claimtrace.store.postgres import connect

    connection = connect(str(location))
    try:
        return schema_version(connection) > 0
    except sqlite3.Error as error:  # the PostgreSQL connection raises sqlite3's DB-API classes
        raise StoreError(Messages.E020.format(path=display_location(location), detail=error)) from error
    finally:
        connection.close()
