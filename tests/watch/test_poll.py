"""The watch loop against a real HTTP server on 127.0.0.1 and real folders, with the real model and store."""

from __future__ import annotations

import os
from pathlib import Path

from claimtrace.options import Options
from claimtrace.read.fetch import FetchLimits
from claimtrace.store import Store, open_store
from claimtrace.store.watch_state import WatchState
from claimtrace.watch import PollReport, StopSignal, WatchOptions, poll, watch
from tests.feed_server import FeedServer, Page, article, atom, rss

ARTICLES = {
    "/news/vehicles.html": ("Georgia receives armoured vehicles from Poland", [
        "Officials in Tbilisi said on Tuesday that Georgia had received twelve armoured vehicles from Poland.",
        "The defence ministry in Warsaw declined to comment on the delivery."]),
    "/news/talks.html": ("Border talks resume in Astana", [
        "Kyrgyzstan and Tajikistan resumed border talks in Astana on Monday, the foreign ministry in Bishkek said.",
        "A spokesman for Dushanbe denied that any troops had been moved to the border."]),
    "/news/drones.html": ("Mongolia orders drones", [
        "Mongolia ordered six surveillance drones from Turkey in April, the defence minister told parliament.",
        "Ankara has not confirmed the order."]),
}


def _publish(server: FeedServer, paths: list[str], etag: str) -> str:
    """Serve the articles and an RSS feed of `paths`; return the feed's URL."""
    for path, (headline, paragraphs) in ARTICLES.items():
        server.pages[path] = Page(article(headline, paragraphs))
    items = [{"title": ARTICLES[p][0], "link": server.url(p), "guid": p, "pubDate": "Tue, 07 May 2024 09:30:00 GMT",
              "author": "Test Desk", "description": ARTICLES[p][1][0]} for p in paths]
    server.pages["/feed.rss"] = Page(rss("Caucasus Wire", items), "application/rss+xml", etag=etag)
    return server.url("/feed.rss")


def _options(**given: object) -> WatchOptions:
    return WatchOptions(fetch=FetchLimits(timeout=5.0), ingest=Options(progress=False), once=True, **given)


def _poll(store: Store, options: WatchOptions, number: int = 1) -> PollReport:
    return poll(store, WatchState(store), options, StopSignal(), number)


def test_watch_stores_each_feed_item_from_its_page_with_the_feeds_metadata(
        tmp_path: Path, feed_server: FeedServer, resources) -> None:
    url = _publish(feed_server, ["/news/vehicles.html", "/news/talks.html"], etag='"v1"')
    reports: list[PollReport] = []
    with open_store(tmp_path / "kb.db") as store:
        last = watch(store, _options(feeds=[url]), StopSignal(), reports.append)
        rows = {row.name: row for row in store.documents()}
        texts = {name: store.load_document(row.id).text for name, row in rows.items()}
        assert store.counts()["event_claims"] > 0 and store.pending_links() == set()
    assert reports == [last] and last.stored == 2 and not last.rejected
    assert set(rows) == {"vehicles", "talks"}
    vehicles = rows["vehicles"]
    assert (vehicles.outlet, vehicles.url, vehicles.title, vehicles.published, vehicles.author, vehicles.format) == (
        "Caucasus Wire", feed_server.url("/news/vehicles.html"), "Georgia receives armoured vehicles from Poland",
        "2024-05-07", "Test Desk", "html")
    assert ARTICLES["/news/vehicles.html"][1][1] in texts["vehicles"]  # the page's text, not just the summary
    assert "Home" not in texts["vehicles"] and "rights reserved" not in texts["vehicles"]
    line = last.summary()
    assert line.startswith("poll 1 at ") and "2 new feed items; 2 stored" in line and "\n" not in line


def test_watch_honours_the_etag_and_takes_in_only_new_items(
        tmp_path: Path, feed_server: FeedServer, resources) -> None:
    url = _publish(feed_server, ["/news/vehicles.html"], etag='"v1"')
    options = _options(feeds=[url])
    with open_store(tmp_path / "kb.db") as store:
        first = _poll(store, options, 1)
        second = _poll(store, options, 2)
        _publish(feed_server, ["/news/drones.html", "/news/vehicles.html"], etag='"v2"')
        third = _poll(store, options, 3)
        names = sorted(row.name for row in store.documents())
    feed_requests = feed_server.fetched("/feed.rss")
    assert [r.if_none_match for r in feed_requests] == [None, '"v1"', '"v1"']
    assert [r.answered for r in feed_requests] == [200, 304, 200]
    assert (first.stored, second.stored, third.stored) == (1, 0, 1)
    assert (second.feeds.not_modified, third.feeds.items) == (1, 1)
    assert len(feed_server.fetched("/news/vehicles.html")) == 1  # an item's page is fetched once
    assert names == ["drones", "vehicles"]


def test_a_broken_or_unreachable_feed_is_recorded_and_the_others_go_on(
        tmp_path: Path, feed_server: FeedServer, resources) -> None:
    good = _publish(feed_server, ["/news/talks.html"], etag='"v1"')
    feed_server.pages["/broken.xml"] = Page(b"<html><body>Server maintenance</body></html>")
    unreachable = "http://127.0.0.1:9/feed.rss"  # the discard port: nothing listens
    broken = feed_server.url("/broken.xml")
    options = _options(feeds=[unreachable, broken, good])
    with open_store(tmp_path / "kb.db") as store:
        report = _poll(store, options)
        rejected = {r.origin: r.reason for r in store.rejections()}
        state = WatchState(store)
        errors = {url: state.feed(url).error for url in (unreachable, broken, good)}
        feed_server.pages["/broken.xml"] = Page(atom("Steppe Monitor", [
            {"id": "urn:sm:1", "title": "Drones", "link": feed_server.url("/news/drones.html"),
             "updated": "2024-05-02T08:00:00Z"}]))
        repaired = _poll(store, options, 2)
        assert state.feed(broken).error is None and state.feed(broken).title == "Steppe Monitor"
        outlets = {row.name: row.outlet for row in store.documents()}
    assert report.stored == 1 and report.feeds.checked == 3 and len(report.feeds.failed) == 2
    assert rejected[unreachable].startswith(f"cannot fetch {unreachable}: ")
    assert rejected[broken].startswith(f"not a feed: {broken}: ")
    assert errors[unreachable] == rejected[unreachable] and errors[good] is None
    assert repaired.stored == 1 and outlets == {"talks": "Caucasus Wire", "drones": "Steppe Monitor"}


def test_an_item_whose_page_is_gone_is_stored_from_the_feeds_summary(
        tmp_path: Path, feed_server: FeedServer, resources) -> None:
    url = _publish(feed_server, ["/news/talks.html"], etag='"v1"')
    del feed_server.pages["/news/talks.html"]
    with open_store(tmp_path / "kb.db") as store:
        report = _poll(store, _options(feeds=[url]))
        (row,) = store.documents()
        text = store.load_document(row.id).text
    assert report.stored == 1 and report.feeds.from_summary == 1 and "from the feed's summary" in report.summary()
    assert row.format == "feed" and ARTICLES["/news/talks.html"][1][0] in text


def _write(path: Path, text: str, mtime: int) -> None:
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime, mtime))


def test_watch_reads_new_and_changed_files_and_leaves_unchanged_ones(tmp_path: Path, resources) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "a.txt", "Armenia received ten howitzers from India in May 2023, officials said.\n", 10**18)
    options = _options(paths=[str(inbox)])
    with open_store(tmp_path / "kb.db") as store:
        reports = [_poll(store, options, 1), _poll(store, options, 2)]
        _write(inbox / "b.txt", "Belarus denied that it had sold rifles to Uzbekistan last year.\n", 10**18)
        (inbox / "notes.pdf").write_bytes(b"%PDF-1.4")  # not an input type: ignored in a folder
        reports.append(_poll(store, options, 3))
        _write(inbox / "a.txt", "Armenia received twelve howitzers from India in May 2023, officials said.\n",
               10**18 + 1)
        reports.append(_poll(store, options, 4))
    with open_store(tmp_path / "kb.db") as store:  # the file states outlive the run
        reports.append(_poll(store, options, 5))
        documents = len(store.documents())
    assert [(r.files, r.stored) for r in reports] == [(1, 1), (0, 0), (1, 1), (1, 1), (0, 0)]
    assert documents == 3  # a changed file is a new document; the first version stays


def test_a_file_that_could_not_be_stored_is_read_again_at_the_next_poll(tmp_path: Path, resources) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "a.txt", "Kazakhstan signed a defence cooperation agreement with France on Friday.\n", 10**18)
    options = _options(paths=[str(inbox)])
    with open_store(tmp_path / "kb.db") as store:
        store.connection.execute("PRAGMA query_only = ON")  # the store turns read-only under the watch
        failed = _poll(store, options, 1)
        store.connection.execute("PRAGMA query_only = OFF")
        again = _poll(store, options, 2)
    assert failed.stored == 0 and failed.store_error and "readonly" in failed.store_error
    assert "store error: " in failed.summary()
    assert (again.files, again.stored) == (1, 1)
