"""Stopping a watch between documents: Ctrl-C or SIGTERM asks, the loop stops at the next document.

The first signal only sets a flag, checked after every document and during the
wait between polls, so nothing is cut off half-way (and a document being
written is one transaction anyway). A second signal acts as usual: Ctrl-C
raises KeyboardInterrupt, SIGTERM ends the process.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)
_NAP = 0.2  # seconds between checks of the flag while waiting for the next poll


class WatchStopped(Exception):
    """A stop was asked for; raised between documents to leave the poll."""


class StopSignal:
    """The flag a stop request sets, with the checks the watch makes."""

    def __init__(self) -> None:
        self._requested = threading.Event()

    @property
    def requested(self) -> bool:
        return self._requested.is_set()

    def request(self) -> None:
        self._requested.set()

    def check(self, _origin: str = "") -> None:
        """Raise WatchStopped when a stop was asked for; usable as ingest's progress callback."""
        if self.requested:
            raise WatchStopped

    def wait(self, seconds: float) -> bool:
        """Sleep up to `seconds`, waking early on a stop; True when a stop was asked for."""
        deadline = time.monotonic() + seconds
        while not self.requested:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(_NAP, left))
        return True

    @contextmanager
    def on_signals(self) -> Iterator[StopSignal]:
        """Turn the first SIGINT or SIGTERM into a stop request (main thread only); restore the handlers after."""
        previous = {number: signal.getsignal(number) for number in SIGNALS}

        def handle(number: int, frame: FrameType | None) -> None:
            for each, handler in previous.items():  # a second signal acts as it did before
                signal.signal(each, handler)
            self.request()

        for number in SIGNALS:
            signal.signal(number, handle)
        try:
            yield self
        finally:
            for number, handler in previous.items():
                signal.signal(number, handler)
