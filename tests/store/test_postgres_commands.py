"""Every command and the web app on a PostgreSQL store give what they give on SQLite.

The example corpus is ingested into PostgreSQL through ``claimtrace ingest
--db postgresql://...``; the SQLite twin is a copy of the suite's example store.
Both get the same ingest time, so pages that list the latest documents agree.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner, Result

from claimtrace.cli import main
from claimtrace.store import Store
from claimtrace.store.location import store_exists

from tests.web.reading import links

from .postgres_cluster import create_database, drop_database, free_port

ROOT = Path(__file__).resolve().parents[2]
INGESTED_AT = "2024-05-01T09:00:00+00:00"
Twins = tuple[str, str]  # (PostgreSQL URL, SQLite path) of the same knowledge base


def _same_ingest_time(location: str) -> None:
    with Store(location) as store:
        store.connection.execute("UPDATE documents SET ingested_at = ?", (INGESTED_AT,))


@pytest.fixture(scope="module")
def twins(postgres_server: str, example_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Twins]:
    url = create_database(postgres_server)
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "examples" / "corpus"), "--db", url, "--quiet"])
    assert result.exit_code == 0, result.output
    sqlite_path = tmp_path_factory.mktemp("twin") / "example.db"
    shutil.copyfile(example_store, sqlite_path)
    for location in (url, str(sqlite_path)):
        _same_ingest_time(location)
    yield url, str(sqlite_path)
    drop_database(postgres_server, url)


def _run(args: list[str], location: str) -> Result:
    result = CliRunner().invoke(main, [*args, "--db", location], terminal_width=200)
    assert result.exit_code == 0, result.output
    return result


def test_postgres_ingest_stores_what_sqlite_stores(twins: Twins) -> None:
    url, sqlite_path = twins
    with Store(url) as postgres, Store(sqlite_path) as sqlite:
        assert postgres.counts() == sqlite.counts()
        assert postgres.counts()["stories"] > 0 and postgres.counts()["entities"] > 0
        assert list(postgres.load_documents()) == list(sqlite.load_documents())
        assert postgres.entities() == sqlite.entities()
        assert postgres.stories() == sqlite.stories()
        assert postgres.contradictions() == sqlite.contradictions()
        assert postgres.rejections() == sqlite.rejections()


def test_postgres_ingest_again_skips_every_document(twins: Twins) -> None:
    url, _ = twins
    result = _run(["ingest", str(ROOT / "examples" / "corpus"), "--quiet"], url)
    assert "0 stored" in result.output and "9 already stored" in result.output


@pytest.mark.parametrize("args", [
    ["show"], ["show", "ministry-denial"], ["stories", "--all"], ["contradictions"], ["entities"],
    ["check", "Mongolia sold armoured vehicles to Kyrgyzstan"], ["search", "--entity", "Mongolia", "--since", "2020"],
], ids=lambda args: " ".join(args))
def test_postgres_cli_reads_as_sqlite(twins: Twins, args: list[str]) -> None:
    url, sqlite_path = twins
    postgres = _run(args, url).output.replace(url, "<db>")
    assert postgres == _run(args, sqlite_path).output.replace(sqlite_path, "<db>")
    assert len(postgres.splitlines()) > 2


def _numbered_hits(output: str) -> list[str]:
    """The first line of every hit of a search's output, sorted: the engines rank alike hits in another order
    and cut other snippets (the hits themselves are compared in test_search_postgres.py)."""
    return sorted(hit.splitlines()[0] for hit in re.split(r"^\s+\d+\. ", output, flags=re.MULTILINE)[1:])


@pytest.mark.parametrize("query", ["Kyrgyzstan", "armoured OR deliv*", '"armoured vehicles" -Mongolia'])
def test_postgres_cli_search_finds_what_sqlite_finds(twins: Twins, query: str) -> None:
    url, sqlite_path = twins
    postgres, sqlite = (_run(["search", query, "--limit", "100"], location).output for location in twins)
    assert _numbered_hits(postgres) == _numbered_hits(sqlite) and _numbered_hits(postgres)
    assert postgres.splitlines()[-1] == sqlite.splitlines()[-1]  # "N hits in M documents"


def test_postgres_cli_story_as_sqlite(twins: Twins) -> None:
    url, sqlite_path = twins
    with Store(url) as store:
        story = max(store.stories(), key=lambda s: len(s.claim_ids))
    assert _run(["story", story.id[:12]], url).output == _run(["story", story.id[:12]], sqlite_path).output


@pytest.mark.parametrize("command, option, name", [
    ("register", "--csv", "register.csv"), ("export", "--graphml", "entities.graphml"),
    ("export", "--claimreview", "reviews.jsonld"),
])
def test_postgres_cli_files_as_sqlite(twins: Twins, tmp_path: Path, command: str, option: str, name: str) -> None:
    written = []
    for engine, location in zip(("postgresql", "sqlite"), twins):
        target = tmp_path / engine / name
        target.parent.mkdir()
        _run([command, option, str(target)], location)
        written.append(target.read_bytes())
    assert written[0] == written[1] and len(written[0]) > 100


def test_postgres_cli_report_as_sqlite(twins: Twins, tmp_path: Path) -> None:
    folders = []
    for engine, location in zip(("postgresql", "sqlite"), twins):
        _run(["report", "--html", str(tmp_path / engine)], location)
        folders.append({path.relative_to(tmp_path / engine): path.read_text("utf-8").replace(location, "<db>")
                        for path in (tmp_path / engine).rglob("*.html")})
    assert folders[0] == folders[1]
    assert len(folders[0]) > 10


def test_postgres_cli_reading_an_empty_database_refused_and_left_empty(postgres_url: str) -> None:
    result = CliRunner().invoke(main, ["stories", "--db", postgres_url])
    assert result.exit_code == 2
    assert f"no knowledge base at {postgres_url}; create one with 'claimtrace ingest" in result.output
    assert not store_exists(postgres_url)


def test_postgres_cli_watch_remembers_what_it_read(postgres_url: str, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "boats.txt").write_text("Harbour news\n\nThe defence ministry of Norland said on Monday that four "
                                     "patrol boats were delivered to Suderia.\n", encoding="utf-8")
    polls = [_run(["watch", str(inbox), "--once"], postgres_url).output for _ in range(2)]
    assert "1 new or changed files" in polls[0] and "1 stored" in polls[0]
    assert "0 new or changed files" in polls[1] and "0 stored" in polls[1]  # the file state is in PostgreSQL
    with Store(postgres_url) as store:
        assert [row.name for row in store.documents()] == ["boats"]


class _Served:
    """``claimtrace serve`` in a child process on 127.0.0.1, stopped at teardown."""

    def __init__(self, location: str) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([sys.executable, "-m", "claimtrace.cli", "serve", "--db", location,
                                         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def wait(self, client: httpx.Client) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.process.stderr.read().decode() if self.process.stderr else ""
            try:
                client.get(self.url + "/")
                return self.url
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError(f"claimtrace serve did not answer on {self.url}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.communicate(timeout=30)


def test_postgres_web_app_serves_the_pages_sqlite_serves(twins: Twins) -> None:
    url, sqlite_path = twins
    with Store(url) as store:
        story = max(store.stories(), key=lambda s: len(s.claim_ids))
        document = store.documents()[0]
        entity = store.entities()[0]
    pages = ["/", "/register", "/register.csv", f"/story/{story.id}", f"/document/{document.id}",
             f"/entity/{quote(entity.key, safe='')}", "/timeline", "/api/timeline.json", "/graph", "/api/graph.json",
             f"/search?entity={quote(entity.key, safe='')}"]
    servers = [_Served(url), _Served(sqlite_path)]
    try:
        with httpx.Client(timeout=60) as client:
            bases = [server.wait(client) for server in servers]
            for page in pages:
                answers = [client.get(base + page) for base in bases]
                assert [answer.status_code for answer in answers] == [200, 200], page
                postgres, sqlite = (answer.text.replace(location, "<db>")
                                    for answer, location in zip(answers, (url, sqlite_path)))
                assert postgres == sqlite, page
            assert story.label.split(":")[0] in client.get(bases[0] + f"/story/{story.id}").text
            ranked = [client.get(base + "/search?q=Mongolia+OR+Kyrgyz*").text for base in bases]
            found = [{link.split("?")[0] for link in links(html, "/document/")} for html in ranked]
            assert found[0] == found[1] and len(found[0]) > 3  # where a snippet starts may differ
    finally:
        for server in servers:
            server.stop()
