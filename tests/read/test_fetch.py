"""Fetching over HTTP from a real server on 127.0.0.1: validators, errors, timeouts, size limit."""

from __future__ import annotations

import socket

import pytest

from claimtrace.errors import InputRejected
from claimtrace.read.fetch import FetchLimits, fetch
from tests.feed_server import FeedServer, Page

LIMITS = FetchLimits(timeout=5.0, max_bytes=10_000)


def test_fetch_returns_the_body_and_its_validators(feed_server: FeedServer) -> None:
    feed_server.pages["/a"] = Page(b"<p>hello</p>", "text/html; charset=iso-8859-1", etag='"v1"',
                                   last_modified="Wed, 01 May 2024 10:00:00 GMT")
    fetched = fetch(feed_server.url("/a"), LIMITS)
    assert (fetched.body, fetched.etag, fetched.last_modified, fetched.charset) == (
        b"<p>hello</p>", '"v1"', "Wed, 01 May 2024 10:00:00 GMT", "iso-8859-1")
    assert not fetched.not_modified


@pytest.mark.parametrize("validators", [{"etag": '"v1"'}, {"last_modified": "Wed, 01 May 2024 10:00:00 GMT"}])
def test_fetch_sends_the_validators_and_takes_304_as_not_modified(feed_server: FeedServer,
                                                                  validators: dict[str, str]) -> None:
    feed_server.pages["/a"] = Page(b"<p>hello</p>", etag='"v1"', last_modified="Wed, 01 May 2024 10:00:00 GMT")
    fetched = fetch(feed_server.url("/a"), LIMITS, **validators)
    assert fetched.not_modified and fetched.body is None
    assert feed_server.requests[-1].answered == 304
    feed_server.pages["/a"].etag = '"v2"'
    feed_server.pages["/a"].last_modified = "Thu, 02 May 2024 10:00:00 GMT"
    assert fetch(feed_server.url("/a"), LIMITS, **validators).body == b"<p>hello</p>"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_fetch_failures_are_one_line_reasons(feed_server: FeedServer) -> None:
    feed_server.pages["/gone"] = Page(b"", status=410)
    feed_server.pages["/big"] = Page(b"x" * 20_000)
    feed_server.pages["/slow"] = Page(b"late", delay=2.0)
    cases = {
        feed_server.url("/missing"): "HTTP 404",
        feed_server.url("/gone"): "HTTP 410",
        f"http://127.0.0.1:{_closed_port()}/feed": "connection refused",
        feed_server.url("/big"): "too large",
        "ftp://127.0.0.1/feed.xml": "only http and https",
    }
    for url, expected in cases.items():
        with pytest.raises(InputRejected, match=expected) as raised:
            fetch(url, LIMITS)
        assert "\n" not in str(raised.value)
    with pytest.raises(InputRejected, match="timed out"):
        fetch(feed_server.url("/slow"), FetchLimits(timeout=0.3))
