"""RSS 2.0 and Atom feeds: their items, and each item as a Document (its linked page, else the feed's summary).

The feed is parsed with feedparser; an item's page is fetched and read like an
HTML file (trafilatura, :func:`~claimtrace.read.html.html_document`). When the
page cannot be fetched or holds no article text, the item's content or summary
from the feed is the text (format ``feed``). Metadata the feed gives (title,
date, author, link, the feed's title as outlet) wins over what the page says.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import feedparser

from claimtrace.errors import InputRejected, Messages
from claimtrace.model import Document, make_id
from claimtrace.options import Options
from claimtrace.read.decode import decode_bytes
from claimtrace.read.fetch import FetchLimits, fetch
from claimtrace.read.html import declared_charset, html_document

_SLUG_BREAK = re.compile(r"[^0-9a-z]+")
_NAME_LENGTH = 80


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, as the feed describes it."""

    key: str  # guid / Atom id, else the link, else a hash of title and summary
    link: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date
    author: str | None = None
    summary_html: str | None = None  # the entry's content, else its summary


@dataclass(frozen=True, slots=True)
class Feed:
    url: str
    title: str | None = None
    items: list[FeedItem] = field(default_factory=list)


def parse_feed(body: bytes, url: str) -> Feed:
    """The feed in `body` (fetched from `url`); raises InputRejected (E031) when it is not RSS or Atom.

    A feed that is malformed part-way (feedparser's "bozo") still gives the items before the fault.
    """
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        error = parsed.get("bozo_exception")
        detail = " ".join(str(error).split()) if error else "no RSS or Atom root element"
        raise InputRejected(Messages.E031.format(url=url, detail=detail))
    title = _text(parsed.feed.get("title"))
    return Feed(url, title, [_item(entry) for entry in parsed.entries])


def _item(entry: feedparser.FeedParserDict) -> FeedItem:
    link = _text(entry.get("link"))
    title = _text(entry.get("title"))
    contents = entry.get("content") or []
    summary = _text(contents[0].get("value")) if contents else None
    summary = summary or _text(entry.get("summary"))
    key = _text(entry.get("id")) or link or make_id("feed item", title, summary)
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = time.strftime("%Y-%m-%d", when) if when else None
    return FeedItem(key, link, title, published, _text(entry.get("author")), summary)


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None


def item_origin(feed: Feed, item: FeedItem) -> str:
    """Where an item's document comes from: its link, else the feed's URL with the item's key."""
    return item.link or f"{feed.url}#{item.key}"


def read_item(feed: Feed, item: FeedItem, options: Options, limits: FetchLimits) -> Document:
    """The Document of one feed item; raises InputRejected (E032) when neither page nor feed has text."""
    origin = item_origin(feed, item)
    name = item_name(item)
    failure = "the item has no link"
    if item.link:
        try:
            fetched = fetch(item.link, limits)
            body = fetched.body or b""
            page = decode_bytes(body, item.link, declared=fetched.charset or declared_charset(body))
            return _with_item_metadata(html_document(page, name, origin, options), feed, item)
        except InputRejected as rejected:
            failure = str(rejected)
    if item.summary_html:
        try:
            document = html_document(_summary_page(item), name, origin, options)
        except InputRejected:
            pass  # a summary with no text: the item is rejected below
        else:
            document.format = "feed"
            return _with_item_metadata(document, feed, item)
    raise InputRejected(Messages.E032.format(origin=origin, detail=failure))


def item_name(item: FeedItem) -> str:
    """A readable document name: the last part of the item's link, else its title, else its key's hash."""
    if item.link:
        path = unquote(urlsplit(item.link).path).rstrip("/")
        stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        slug = _slug(stem)
        if slug:
            return slug
    return _slug(item.title or "") or f"item-{make_id('feed item', item.key, length=10)}"


def _slug(text: str) -> str:
    return _SLUG_BREAK.sub("-", text.casefold()).strip("-")[:_NAME_LENGTH].rstrip("-")


def _summary_page(item: FeedItem) -> str:
    title = html.escape(item.title or "")
    return f"<html><head><title>{title}</title></head><body><article>{item.summary_html}</article></body></html>"


def _with_item_metadata(document: Document, feed: Feed, item: FeedItem) -> Document:
    document.title = item.title or document.title
    document.url = item.link or document.url
    document.published = item.published or document.published
    document.author = item.author or document.author
    document.outlet = feed.title or document.outlet
    return document
