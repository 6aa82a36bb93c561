"""The knowledge base: an embedded SQLite file, one writer, migrations recorded in a table.

``open_store(path)`` (or ``Store(path)``) opens or creates it; a document is
written whole in one transaction or not at all. Given a ``postgresql://`` URL
instead of a file, the same store lives in a PostgreSQL database.
"""

from claimtrace.store.rows import DocumentRow
from claimtrace.store.sqlite import Store, open_store

__all__ = ["DocumentRow", "Store", "open_store"]
