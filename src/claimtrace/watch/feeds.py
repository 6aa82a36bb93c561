"""Polling RSS/Atom feeds: a conditional GET per feed, then every item not taken in before.

A feed that cannot be fetched or parsed is recorded (its error in the watch
state, a rejection in the store) and the poll goes on with the next feed. A
feed's new validators (ETag, Last-Modified) are kept only once all its new
items are in, so a poll stopped half-way fetches the feed again next time and
takes in the items it had not reached.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimtrace.errors import InputRejected
from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read.feeds import Feed, FeedItem, item_origin, parse_feed, read_item
from claimtrace.read.fetch import FetchLimits, fetch
from claimtrace.store.watch_state import FeedState, WatchState
from claimtrace.watch.stop import StopSignal
from claimtrace.watch.writer import DocumentWriter


@dataclass(slots=True)
class FeedsPolled:
    """What one poll of the feeds found."""

    checked: int = 0
    not_modified: int = 0
    items: int = 0  # new items taken in (stored, already stored or rejected)
    from_summary: int = 0  # items whose page gave no text, stored from the feed's summary
    failed: list[str] = field(default_factory=list)  # one reason per feed that could not be read


def poll_feeds(urls: list[str], state: WatchState, writer: DocumentWriter, options: Options,
               limits: FetchLimits, stop: StopSignal) -> FeedsPolled:
    """Fetch each feed and hand each new item's document to `writer`; stops between items when asked."""
    polled = FeedsPolled()
    for url in urls:
        stop.check()
        polled.checked += 1
        previous = state.feed(url)
        try:
            fetched = fetch(url, limits, previous.etag, previous.last_modified)
            if fetched.not_modified:
                polled.not_modified += 1
                state.record_feed(FeedState(url, previous.title, previous.etag, previous.last_modified))
                continue
            feed = parse_feed(fetched.body or b"", url)
        except InputRejected as rejected:
            reason = str(rejected)
            polled.failed.append(reason)
            writer.add(Rejection(url, reason))
            state.record_feed(FeedState(url, previous.title, previous.etag, previous.last_modified, error=reason))
            continue
        seen = state.seen_items(url)
        complete = True
        for item in feed.items:
            if item.key in seen:
                continue
            stop.check()
            document = _read(feed, item, options, limits)
            polled.items += 1
            if not writer.add(document):
                complete = False  # not stored: offered again next poll, so the feed must not answer 304
                continue
            state.record_item(url, item.key, item.link)
            if isinstance(document, Document) and document.format == "feed":
                polled.from_summary += 1
        if complete:
            state.record_feed(FeedState(url, feed.title, fetched.etag, fetched.last_modified))
        else:
            state.record_feed(FeedState(url, feed.title, previous.etag, previous.last_modified))
    return polled


def _read(feed: Feed, item: FeedItem, options: Options, limits: FetchLimits) -> Document | Rejection:
    try:
        return read_item(feed, item, options, limits)
    except InputRejected as rejected:
        return Rejection(item_origin(feed, item), str(rejected))
