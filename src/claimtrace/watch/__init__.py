"""Watching folders and feeds: every poll ingests the files that are new or changed and the feed items not seen.

Entry point: :func:`~claimtrace.watch.poll.watch` (``claimtrace watch``).
Modules: ``folders`` (which files changed), ``feeds`` (conditional fetch, new
items), ``writer`` (a fetched document through analyse → store → link),
``stop`` (Ctrl-C / SIGTERM between documents), ``poll`` (the loop and its
one-line report). What a watch remembers between runs is in the store
(:mod:`claimtrace.store.watch_state`).
"""

from claimtrace.watch.poll import PollReport, WatchOptions, poll, watch
from claimtrace.watch.stop import StopSignal

__all__ = ["PollReport", "StopSignal", "WatchOptions", "poll", "watch"]
