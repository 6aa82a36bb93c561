"""A real HTTP server on 127.0.0.1 serving hand-written feeds and article pages, with ETag and Last-Modified.

Tests put pages in :attr:`FeedServer.pages` (path -> :class:`Page`), change
them between polls, and read :attr:`FeedServer.requests` to see what was asked.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(slots=True)
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    status: int = 200
    delay: float = 0.0  # seconds to wait before answering


@dataclass(frozen=True, slots=True)
class Request:
    path: str
    if_none_match: str | None
    if_modified_since: str | None
    answered: int


@dataclass(slots=True)
class FeedServer:
    pages: dict[str, Page] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def fetched(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def start_server(server: FeedServer) -> ThreadingHTTPServer:
    """Serve `server`'s pages in a daemon thread; the caller shuts the returned server down."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 — http.server's name
            page = server.pages.get(self.path)
            status = 404 if page is None else page.status
            if page is not None:
                time.sleep(page.delay)
                if page.etag and self.headers.get("If-None-Match") == page.etag:
                    status = 304
                elif page.last_modified and self.headers.get("If-Modified-Since") == page.last_modified:
                    status = 304
            server.requests.append(Request(self.path, self.headers.get("If-None-Match"),
                                           self.headers.get("If-Modified-Since"), status))
            self.send_response(status)
            body = page.body if page is not None and status == 200 else b""
            if page is not None:
                self.send_header("Content-Type", page.content_type)
                if page.etag:
                    self.send_header("ETag", page.etag)
                if page.last_modified:
                    self.send_header("Last-Modified", page.last_modified)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (over its size limit) or gave up (timeout)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output clean

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def rss(title: str, items: list[dict[str, str]]) -> bytes:
    """An RSS 2.0 feed; each item may have title, link, guid, pubDate, author, description."""
    entries = "".join(
        "<item>" + "".join(f"<{key}>{_escape(value)}</{key}>" for key, value in item.items()) + "</item>"
        for item in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{_escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>test feed</description>{entries}</channel></rss>"
            ).encode("utf-8")


def atom(title: str, entries: list[dict[str, str]]) -> bytes:
    """An Atom feed; each entry may have id, title, link (href), updated, author (name), summary."""
    parts = []
    for entry in entries:
        fields = []
        for key, value in entry.items():
            if key == "link":
                fields.append(f'<link rel="alternate" href="{_escape(value)}"/>')
            elif key == "author":
                fields.append(f"<author><name>{_escape(value)}</name></author>")
            elif key == "summary":
                fields.append(f'<summary type="html">{_escape(value)}</summary>')
            else:
                fields.append(f"<{key}>{_escape(value)}</{key}>")
        parts.append("<entry>" + "".join(fields) + "</entry>")
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{_escape(title)}</title><id>urn:test:feed</id><updated>2024-05-01T00:00:00Z</updated>"
            f"{''.join(parts)}</feed>").encode("utf-8")


def article(headline: str, paragraphs: list[str]) -> bytes:
    """An article page with navigation and a footer around the story, as news sites have."""
    body = "".join(f"<p>{_escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{_escape(headline)} | Test Wire</title></head>"
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><main><article>"
            f"<h1>{_escape(headline)}</h1>{body}</article></main>"
            f"<footer>Copyright Test Wire. All rights reserved.</footer></body></html>").encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
