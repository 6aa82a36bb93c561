"""A link step gives back the memory it freed (issue 8: a long ingest stays at its baseline between steps)."""

from __future__ import annotations

import platform
import sys

import pytest

from claimtrace.link.corpus import release_freed_memory


def resident_mib() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS:"))


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="glibc's allocator keeps freed pages; others are not trimmed")
def test_memory_freed_by_a_step_goes_back_to_the_system():
    # what a step leaves: many mid-sized tables (on glibc's heap) freed, a few kept among them
    held = [{number: number for number in range(40)} for _ in range(200_000)]
    kept = held[::50]
    del held
    before = resident_mib()
    assert release_freed_memory()
    assert resident_mib() < before - 50
    assert len(kept) == 4_000
