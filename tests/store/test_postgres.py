"""The store on PostgreSQL: one schema through the migrations, errors that say what is wrong, writers at once.

The behaviour both engines share (round trips, links, readers) is tested on
both by the ``store`` fixture; here is what only PostgreSQL raises.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from claimtrace.errors import StoreError, StoreUnwritable
from claimtrace.model import Document
from claimtrace.store import Store
from claimtrace.store.location import store_exists
from claimtrace.store.migrations import LATEST_VERSION, MIGRATIONS, migrate
from claimtrace.store.sql import connect

from .postgres_cluster import free_port

MakeDocument = Callable[[int], Document]
# A writer process: waits for the go file, writes documents FIRST..LAST, prints when it started and ended.
WRITER = """
import importlib.util, pathlib, sys, time
spec = importlib.util.spec_from_file_location("store_test_documents", sys.argv[1])
documents = importlib.util.module_from_spec(spec)
spec.loader.exec_module(documents)
from claimtrace.store import Store

go = pathlib.Path(sys.argv[3])
with Store(sys.argv[2]) as store:
    while not go.exists():
        time.sleep(0.005)
    started = time.monotonic()
    for number in range(int(sys.argv[4]), int(sys.argv[5]) + 1):
        store.write_document(documents.build_document(number))
    print(started, time.monotonic())
"""
CONFTEST = Path(__file__).with_name("conftest.py")


def _columns(url: str, table: str) -> dict[str, tuple[str, str | None]]:
    """column -> (data type, collation) of a table, as PostgreSQL declares it."""
    connection = connect(url)
    try:
        found = connection.execute(
            "SELECT column_name, data_type, collation_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?", (table,)).fetchall()
    finally:
        connection.close()
    return {row[0]: (row[1], row[2]) for row in found}


def test_postgres_migrations_create_one_schema_in_postgresql_types(postgres_url: str) -> None:
    assert not store_exists(postgres_url)
    with Store(postgres_url) as store:
        assert store.schema_version == LATEST_VERSION
        recorded = store.connection.execute("SELECT version, name FROM migrations ORDER BY version").fetchall()
        assert [tuple(row) for row in recorded] == [(m.version, m.name) for m in MIGRATIONS]
    assert store_exists(postgres_url)
    segments = _columns(postgres_url, "segments")
    assert segments["signature"] == ("bytea", None)
    assert segments["similarity"] == ("double precision", None)
    assert segments["start"] == ("integer", None)
    assert _columns(postgres_url, "documents")["text"] == ("text", "C")  # sorted by code point, as in SQLite
    assert _columns(postgres_url, "sentence_vectors")["vector"] == ("bytea", None)


def test_postgres_migration_variant_replaces_sqlite_only_sql(postgres_url: str) -> None:
    search = next(m for m in MIGRATIONS if m.postgresql)
    Store(postgres_url).close()
    assert "using fts5" in search.sql().lower() and "using fts5" not in search.sql("postgresql").lower()
    assert _columns(postgres_url, "search_claims")["words"] == ("tsvector", None)


def test_postgres_reopen_applies_nothing_again(postgres_url: str) -> None:
    Store(postgres_url).close()
    connection = connect(postgres_url)
    try:
        applied = [tuple(r) for r in connection.execute("SELECT * FROM migrations ORDER BY version")]
        assert migrate(connection, postgres_url) == []
        assert [tuple(r) for r in connection.execute("SELECT * FROM migrations ORDER BY version")] == applied
    finally:
        connection.close()


def test_postgres_database_of_something_else_refused(postgres_url: str) -> None:
    connection = connect(postgres_url)
    connection.execute("CREATE TABLE notes (line TEXT)")
    connection.close()
    with pytest.raises(StoreError, match=r"PostgreSQL database but not a claimtrace store \(it has tables notes\)"):
        Store(postgres_url)
    assert set(_columns(postgres_url, "notes")) == {"line"} and not _columns(postgres_url, "migrations")


def test_postgres_newer_schema_refused(postgres_url: str) -> None:
    with Store(postgres_url) as store:
        store.connection.execute("INSERT INTO migrations VALUES (?, 'from the future', '2099-01-01')",
                                 (LATEST_VERSION + 3,))
    with pytest.raises(StoreError, match=rf"schema version {LATEST_VERSION + 3}, newer than this claimtrace"):
        Store(postgres_url)


def test_postgres_store_in_a_schema_of_its_own(postgres_url: str, make_document: MakeDocument) -> None:
    connection = connect(postgres_url)
    connection.execute("CREATE SCHEMA kb")
    connection.close()
    in_schema = postgres_url + "?options=-csearch_path%3Dkb"
    document = make_document(2)
    with Store(in_schema) as store:
        store.write_document(document)
    assert _columns(postgres_url, "documents") == {}  # nothing in the public schema
    with Store(in_schema) as store:
        assert store.load_document(document.id) == document


@pytest.mark.parametrize("names", [["b-doc", "B-doc", "a-doc", "é-doc", "Z-doc", "a doc", "ä-doc"]])
def test_documents_listed_in_code_point_order_on_both_engines(store: Store, make_document: MakeDocument,
                                                              names: list[str]) -> None:
    for number, name in enumerate(names):
        document = make_document(number)
        document.name = name
        store.write_document(document)
    assert [row.name for row in store.documents()] == sorted(names)


def test_postgres_unreachable_server_named_in_one_line() -> None:
    url = f"postgresql://ana:s3cret@127.0.0.1:{free_port()}/kb"
    with pytest.raises(StoreError) as raised:
        Store(url)
    message = str(raised.value)
    assert message.startswith(f"cannot open store postgresql://ana:***@127.0.0.1:{url.split(':')[3]}")
    assert "s3cret" not in message and "\n" not in message and "refused" in message


def test_postgres_missing_database_named(postgres_server: str) -> None:
    url = postgres_server.rsplit("/", 1)[0] + "/no_such_kb"
    with pytest.raises(StoreError, match=r'database "no_such_kb" does not exist'):
        Store(url)


def test_postgres_without_driver_names_the_extra(postgres_url: str) -> None:
    code = ("import sys; sys.modules['psycopg'] = None\n"  # as if psycopg were not installed
            "from claimtrace.store import open_store\n"
            f"open_store({postgres_url!r})")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "pip install 'claimtrace[postgres]'" in done.stderr.splitlines()[-1]


def test_postgres_two_writer_processes_at_once_store_whole_documents(postgres_url: str, tmp_path: Path,
                                                                      make_document: MakeDocument) -> None:
    Store(postgres_url).close()
    go = tmp_path / "go"
    ranges = [(0, 39), (20, 59)]  # 20..39 written by both, at the same time
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(CONFTEST), postgres_url, str(go), str(first),
                                 str(last)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for first, last in ranges]
    time.sleep(1.0)  # both connected and migrated, waiting
    go.touch()
    spans = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        spans.append(tuple(float(value) for value in out.split()))
    assert max(start for start, _ in spans) < min(end for _, end in spans), "the writers did not overlap"
    with Store(postgres_url) as store:
        rows = store.documents()
        assert sorted(int(row.name.rsplit("-", 1)[1]) for row in rows) == list(range(60))
        for row in rows:
            assert store.load_document(row.id) == make_document(int(row.name.rsplit("-", 1)[1]))
        expected = [make_document(number) for number in range(60)]
        assert store.counts()["event_claims"] == sum(len(d.event_claims) for d in expected)
        assert store.pending_links() == {d.id for d in expected}


def test_postgres_writer_waits_for_the_open_write_transaction(postgres_url: str, make_document: MakeDocument) -> None:
    Store(postgres_url).close()
    holder = connect(postgres_url)
    finished = threading.Event()

    def write() -> None:
        with Store(postgres_url) as writer:
            writer.write_document(make_document(7))
        finished.set()

    try:
        holder.execute("BEGIN IMMEDIATE")
        thread = threading.Thread(target=write)
        thread.start()
        assert not finished.wait(timeout=1.0), "a second writer ran inside another's write transaction"
        holder.execute("COMMIT")
        assert finished.wait(timeout=30)
        thread.join()
    finally:
        holder.close()
    with Store(postgres_url) as store:
        assert store.counts()["documents"] == 1


def test_postgres_read_only_database_refuses_with_e026_and_keeps_what_was_stored(
        postgres_server: str, postgres_url: str, make_document: MakeDocument) -> None:
    with Store(postgres_url) as store:
        store.write_document(make_document(1))
    name = postgres_url.rsplit("/", 1)[1]
    admin = connect(postgres_server)
    try:
        admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
        with Store(postgres_url) as store:
            with pytest.raises(StoreUnwritable, match=r"refused to write document .*read-only.* connect to a "
                                                      r"writable server"):
                store.write_document(make_document(2))
            assert [row.id for row in store.documents()] == [make_document(1).id]
    finally:
        admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = off')
        admin.close()
    with Store(postgres_url) as store:
        store.write_document(make_document(2))
        assert len(store.documents()) == 2
