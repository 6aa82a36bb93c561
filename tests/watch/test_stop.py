"""Stop requests: the first SIGINT or SIGTERM only asks the watch to stop; a second Ctrl-C interrupts."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from claimtrace.watch import StopSignal
from claimtrace.watch.stop import WatchStopped


@pytest.fixture(autouse=True)
def interactive_signals():
    """Ctrl-C as in a terminal: a run started in the background (CI) inherits SIGINT ignored."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler), signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGINT, before[0])
    signal.signal(signal.SIGTERM, before[1])


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_first_signal_asks_for_a_stop_and_the_check_raises(number: signal.Signals) -> None:
    stop = StopSignal()
    stop.check("before")  # nothing asked yet
    with stop.on_signals():
        os.kill(os.getpid(), number)
        time.sleep(0.05)  # the handler runs in the main thread at the next bytecode
        assert stop.requested
        with pytest.raises(WatchStopped):
            stop.check("a document")
    assert signal.getsignal(number) is not None and signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_second_ctrl_c_interrupts_at_once() -> None:
    stop = StopSignal()
    with stop.on_signals(), pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(1)
    assert stop.requested


def test_the_wait_between_polls_ends_early_on_a_stop() -> None:
    stop = StopSignal()
    started = time.monotonic()
    assert stop.wait(0.3) is False and time.monotonic() - started >= 0.3
    threading.Timer(0.2, stop.request).start()
    started = time.monotonic()
    assert stop.wait(30) is True and time.monotonic() - started < 2
