"""Fixtures shared by the whole suite: the example corpus, a fresh store, the real model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimtrace.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def resources():
    """The real spaCy model, gazetteer and ontology, loaded once per test session."""
    from claimtrace.analyse.resources import load_resources

    return load_resources()


@pytest.fixture()
def example_corpus(tmp_path: Path) -> Path:
    """A private copy of the bundled example corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(EXAMPLE_CORPUS, target)
    return target


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    with open_store(tmp_path / "kb.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def example_store(tmp_path_factory: pytest.TempPathFactory, resources) -> Path:
    """A knowledge base of the example corpus, built once through the real ingest path."""
    from claimtrace.ingest import ingest
    from claimtrace.options import Options

    path = tmp_path_factory.mktemp("example") / "example.db"
    with open_store(path) as opened:
        ingest([EXAMPLE_CORPUS], opened, Options(progress=False))
    return path


@pytest.fixture()
def feed_server():
    """A real HTTP server on 127.0.0.1 serving the feeds and pages a test writes (tests/feed_server.py)."""
    from tests.feed_server import FeedServer, start_server

    server = FeedServer()
    httpd = start_server(server)
    yield server
    httpd.shutdown()
    httpd.server_close()
