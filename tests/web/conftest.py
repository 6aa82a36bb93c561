"""A real claimtrace server on 127.0.0.1 for the web tests, and helpers to read its pages."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from claimtrace.web import ServeOptions, create_app

Serve = Callable[..., str]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Server:
    """uvicorn in a background thread, stopped at teardown."""

    def __init__(self, options: ServeOptions) -> None:
        port = free_port()
        config = uvicorn.Config(create_app(options), host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = f"http://127.0.0.1:{port}"

    def start(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"the test server did not start on {self.url}")
            time.sleep(0.02)
        return self.url

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve() -> Iterator[Serve]:
    """Start a server over a store: ``serve(db_path, host=..., token=...)`` gives its base URL."""
    servers: list[_Server] = []

    def start(db_path: str | Path, **options: object) -> str:
        server = _Server(ServeOptions(db_path=str(db_path), **options))  # type: ignore[arg-type]
        servers.append(server)
        return server.start()

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def example_site(serve: Serve, example_store: Path) -> str:
    """The base URL of a server over the example corpus."""
    return serve(example_store)


@pytest.fixture(scope="session")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=30, follow_redirects=False) as opened:
        yield opened


# Untrusted text in every place a page shows text: body, title, author, outlet, URL, comments.
HOSTILE_TEXT = """Border convoy <script>alert('text')</script> raises questions

The Ministry of Defence of Mongolia said on Monday that <img src=x onerror="alert('img')">no armoured
vehicles were sold to Kyrgyzstan. Local reporters wrote that Mongolia delivered twelve tanks to Kyrgyzstan
in March <a href="javascript:alert('link')" onclick="alert('click')">see here</a>.
<svg onload=alert('svg')></svg><iframe src="javascript:alert('frame')"></iframe>
"""
HOSTILE_HTML = """<html><head><title>Tanks <script>alert('title')</script></title>
<meta name="author" content="&lt;script&gt;alert('author')&lt;/script&gt;"></head>
<body><article><h1>Tanks for Kyrgyzstan</h1>
<p>Mongolia sold armoured vehicles to Kyrgyzstan, the newspaper &lt;script&gt;alert('escaped')&lt;/script&gt; reported.
<a href="javascript:alert('article')" onmouseover="alert('over')">details</a></p>
<p>The government of Kyrgyzstan denied buying any armoured vehicles &lt;img src=x onerror=alert('e')&gt;.</p>
</article></body></html>
"""
HOSTILE_JSONL = ('{"id": "feed-1", "title": "<script>alert(\\"jsonl\\")</script> Deliveries", '
                 '"url": "javascript:alert(\\"url\\")", "author": "<b onmouseover=alert(1)>Eve</b>", '
                 '"outlet": "<script>alert(2)</script>", "published": "2024-03-20", '
                 '"text": "Kyrgyzstan received armoured vehicles from Mongolia, officials said <script>alert(3)</script>."}\n')


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory: pytest.TempPathFactory, resources) -> Path:  # type: ignore[no-untyped-def]
    """A knowledge base of documents full of scripts, event handlers and javascript: links, and one rejected input."""
    from claimtrace.ingest import ingest
    from claimtrace.options import Options
    from claimtrace.store import open_store

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile-text.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "hostile-page.html").write_text(HOSTILE_HTML, encoding="utf-8")
    (folder / "hostile-feed.jsonl").write_text(HOSTILE_JSONL, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    path = folder / "hostile.db"
    with open_store(path) as store:
        ingest([folder], store, Options(progress=False))
    return path


@pytest.fixture(scope="session")
def hostile_site(serve: Serve, hostile_store: Path) -> str:
    return serve(hostile_store)
