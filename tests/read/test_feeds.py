"""Feeds: RSS 2.0 and Atom parsed into items; each item read from its page, else from the feed's summary."""

from __future__ import annotations

import pytest

from claimtrace.errors import InputRejected
from claimtrace.options import Options
from claimtrace.read.feeds import Feed, FeedItem, item_name, parse_feed, read_item
from claimtrace.read.fetch import FetchLimits
from tests.feed_server import FeedServer, Page, article, atom, rss

OPTIONS = Options(progress=False)
LIMITS = FetchLimits(timeout=5.0)
STORY = ["Officials in Tbilisi said on Tuesday that Georgia had received twelve armoured vehicles from Poland.",
         "The defence ministry in Warsaw declined to comment on the delivery."]


def test_parse_feed_reads_rss_items_with_their_metadata() -> None:
    feed = parse_feed(rss("Caucasus Wire", [
        {"title": "Georgia receives vehicles", "link": "http://127.0.0.1/news/georgia-vehicles.html",
         "guid": "cw-101", "pubDate": "Tue, 07 May 2024 09:30:00 GMT", "author": "desk@cw.example (Nino K.)",
         "description": "<p>Georgia received twelve vehicles.</p>"},
        {"title": "No link here", "description": "Only a summary."},
    ]), "http://127.0.0.1/feed.rss")
    assert feed.title == "Caucasus Wire"
    first, second = feed.items
    assert (first.link, first.title, first.published) == (
        "http://127.0.0.1/news/georgia-vehicles.html", "Georgia receives vehicles", "2024-05-07")
    assert first.key.endswith("cw-101")  # an RSS guid is a permalink unless it says not: resolved like a link
    assert "Nino K." in (first.author or "") and "twelve vehicles" in (first.summary_html or "")
    assert second.link is None and second.key and second.key != first.key


def test_parse_feed_reads_atom_entries() -> None:
    feed = parse_feed(atom("Steppe Monitor", [
        {"id": "urn:sm:7", "title": "Talks in Astana", "link": "http://127.0.0.1/sm/talks",
         "updated": "2024-04-30T18:00:00Z", "author": "Aigerim S.", "summary": "<b>Talks</b> resumed."},
    ]), "http://127.0.0.1/atom.xml")
    (item,) = feed.items
    assert feed.title == "Steppe Monitor"
    assert (item.key, item.link, item.published, item.author) == (
        "urn:sm:7", "http://127.0.0.1/sm/talks", "2024-04-30", "Aigerim S.")


@pytest.mark.parametrize("body", [b"", b"<html><body>not a feed</body></html>", b"\x00\x01\x02garbage",
                                  b'{"items": []}'])
def test_parse_feed_rejects_what_is_not_a_feed(body: bytes) -> None:
    with pytest.raises(InputRejected, match=r"^not a feed: http://127.0.0.1/x: .* \(expected RSS or Atom\)$"):
        parse_feed(body, "http://127.0.0.1/x")


def test_read_item_extracts_the_linked_page_and_keeps_the_feed_metadata(feed_server: FeedServer) -> None:
    feed_server.pages["/news/georgia-vehicles.html"] = Page(article("Georgia receives armoured vehicles", STORY))
    link = feed_server.url("/news/georgia-vehicles.html")
    item = FeedItem("cw-101", link, "Georgia receives vehicles", "2024-05-07", "Nino K.", "<p>Short.</p>")
    document = read_item(Feed("http://127.0.0.1/feed.rss", "Caucasus Wire"), item, OPTIONS, LIMITS)
    assert STORY[0] in document.text and STORY[1] in document.text
    assert "All rights reserved" not in document.text and "World" not in document.text.split("\n")[0]
    assert (document.name, document.origin, document.url, document.format) == ("georgia-vehicles", link, link, "html")
    assert (document.title, document.published, document.author, document.outlet) == (
        "Georgia receives vehicles", "2024-05-07", "Nino K.", "Caucasus Wire")
    assert document.language == "en"


def test_read_item_falls_back_to_the_feeds_summary_when_the_page_fails(feed_server: FeedServer) -> None:
    item = FeedItem("cw-102", feed_server.url("/news/removed.html"), "Talks postponed", None, None,
                    "<p>Armenia and Azerbaijan postponed border talks planned for June, diplomats said.</p>")
    document = read_item(Feed("http://127.0.0.1/feed.rss", "Caucasus Wire"), item, OPTIONS, LIMITS)
    assert "postponed border talks" in document.text
    assert document.format == "feed" and document.outlet == "Caucasus Wire"


def test_read_item_without_page_or_summary_is_rejected_with_both_reasons(feed_server: FeedServer) -> None:
    item = FeedItem("cw-103", feed_server.url("/news/removed.html"), "Gone", None, None, None)
    with pytest.raises(InputRejected, match=r"^no text: feed item http://127\.0\.0\.1:\d+/news/removed\.html: "
                                            r".*HTTP 404.*no summary"):
        read_item(Feed("http://127.0.0.1/feed.rss"), item, OPTIONS, LIMITS)


@pytest.mark.parametrize(("item", "name"), [
    (FeedItem("k", "http://x.example/2024/05/Tanks-Delivered.html"), "tanks-delivered"),
    (FeedItem("k", "http://x.example/world/", "Drones for Baku"), "world"),
    (FeedItem("k", "http://x.example/", "Drones for Baku!"), "drones-for-baku"),
    (FeedItem("k"), "item-"),
])
def test_item_name_is_a_readable_slug(item: FeedItem, name: str) -> None:
    assert item_name(item).startswith(name)
