"""The watch loop: poll the folders and feeds, ingest what is new, wait, again; one summary line per poll."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from claimtrace.errors import StoreError, StoreUnwritable
from claimtrace.ingest import IngestReport, ingest
from claimtrace.link.corpus import LinkReport, link_corpus
from claimtrace.model import Rejection
from claimtrace.options import Options
from claimtrace.read.fetch import FetchLimits
from claimtrace.store import Store
from claimtrace.store.watch_state import WatchState
from claimtrace.watch.feeds import FeedsPolled, poll_feeds
from claimtrace.watch.folders import changed_files, files_done
from claimtrace.watch.stop import StopSignal, WatchStopped
from claimtrace.watch.writer import DocumentWriter


@dataclass(slots=True)
class WatchOptions:
    """What to watch and how often; `ingest` are the options every document is read and analysed with."""

    paths: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    interval: float = 300.0  # seconds from the end of one poll to the start of the next
    once: bool = False
    fetch: FetchLimits = field(default_factory=FetchLimits)
    ingest: Options = field(default_factory=lambda: Options(progress=False))


@dataclass(slots=True)
class PollReport:
    """What one poll did."""

    number: int
    started: datetime = field(default_factory=datetime.now)
    files: int = 0  # new or changed files read
    feeds: FeedsPolled = field(default_factory=FeedsPolled)
    ingested: list[IngestReport] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)  # inputs that could not be read, with the reason
    store_error: str | None = None  # the store refused a write: the poll stopped there, the next one tries again
    stopped: bool = False  # a stop was asked for during the poll
    finished: int = 0  # inputs of the folders ingest had finished with (their counts are lost when it is stopped)

    @property
    def stored(self) -> int:
        return sum(len(r.stored) for r in self.ingested)

    @property
    def skipped(self) -> int:
        return sum(len(r.skipped) for r in self.ingested)

    @property
    def links(self) -> list[LinkReport]:
        return [r.link for r in self.ingested if r.link is not None]

    def summary(self) -> str:
        """One line: what was read, what came of it, how the feeds answered."""
        line = (f"poll {self.number} at {self.started:%H:%M:%S}: {self.files} new or changed files, "
                f"{self.feeds.items} new feed items; {self.stored} stored, {self.skipped} already stored, "
                f"{len(self.rejected)} rejected")
        if self.feeds.checked:
            line += f"; feeds: {self.feeds.checked} checked, {self.feeds.not_modified} not modified"
            if self.feeds.from_summary:
                line += f", {self.feeds.from_summary} items from the feed's summary"
            if self.feeds.failed:
                line += f", {len(self.feeds.failed)} failed"
        if self.links:
            line += f"; {self.links[-1].summary()}"
        if self.store_error:
            line += f"; store error: {self.store_error}"
        if self.stopped:
            line += f"; stopped after {self.finished} of {self.files} files" if self.files else "; stopped"
        return line


PollCallback = Callable[[PollReport], None]


def watch(store: Store, options: WatchOptions, stop: StopSignal, on_poll: PollCallback) -> PollReport:
    """Poll until stopped (or once) and return the last poll's report.

    Documents stored by a poll that a stop cut short are linked before returning
    (a second Ctrl-C leaves them queued: the next ingest or watch links them).
    """
    state = WatchState(store)
    number = 0
    while True:
        number += 1
        report = poll(store, state, options, stop, number)
        on_poll(report)
        if options.once or stop.requested or stop.wait(options.interval):
            break
    if stop.requested and store.pending_links():
        link_corpus(store, new_doc_ids=())
    return report


def poll(store: Store, state: WatchState, options: WatchOptions, stop: StopSignal, number: int) -> PollReport:
    """One poll: the folders' new and changed files through ``ingest()``, then the feeds' new items."""
    report = PollReport(number)
    try:
        _poll_folders(store, state, options, stop, report)
        writer = DocumentWriter(store, options.ingest)
        try:
            report.feeds = poll_feeds(options.feeds, state, writer, options.ingest, options.fetch, stop)
            writer.link()
        finally:
            report.ingested.append(writer.report)
            report.rejected += writer.report.rejected
    except WatchStopped:
        report.stopped = True
    except (StoreError, StoreUnwritable) as error:
        report.store_error = str(error)
    return report


def _poll_folders(store: Store, state: WatchState, options: WatchOptions, stop: StopSignal,
                  report: PollReport) -> None:
    changes = changed_files(options.paths, state.file_states())
    for rejection in changes.rejected:
        store.write_rejection(rejection)
    report.rejected += changes.rejected
    report.files = len(changes.files)
    if not changes.files:
        return
    paths = [file.path for file in changes.files]
    whole_files = set(paths)

    def finished(origin: str) -> None:  # ingest's progress callback: count, then stop here if asked
        report.finished += origin in whole_files
        stop.check(origin)

    ingested = ingest(paths, store, options.ingest, on_progress=finished)
    report.ingested.append(ingested)
    report.rejected += ingested.rejected
    state.record_files(files_done(changes.files, ingested))
