"""Watched files and folders: which inputs are new or changed since they were last read.

A file whose size and modification time (nanoseconds) are those recorded when it
was last read is not read again, so a poll of an unchanged folder costs one
``stat`` per file. A changed file is read again; its new content is a new
document (the old one stays, as with ``claimtrace ingest``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from claimtrace.errors import Messages
from claimtrace.ingest import IngestReport
from claimtrace.model import Rejection
from claimtrace.read.sources import iter_input_files
from claimtrace.store.watch_state import FileState
from claimtrace.watch.writer import NOT_STORED


@dataclass(slots=True)
class Changes:
    """The files to read in this poll, with the state each had when listed, and paths that cannot be read."""

    files: list[FileState] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def changed_files(paths: Iterable[str | Path], known: Mapping[str, FileState]) -> Changes:
    """The input files under `paths` that are new or differ from their `known` state."""
    changes = Changes()
    for item in iter_input_files(paths):
        if isinstance(item, Rejection):
            changes.rejected.append(item)
            continue
        try:
            stat = item.stat()
        except OSError as error:  # gone since the folder was listed, or a dangling link
            detail = (error.strerror or type(error).__name__).lower()
            changes.rejected.append(Rejection(str(item), Messages.E005.format(origin=item, detail=detail)))
            continue
        state = FileState(str(item), stat.st_size, stat.st_mtime_ns)
        if known.get(state.path) != state:
            changes.files.append(state)
    return changes


def files_done(files: Iterable[FileState], report: IngestReport) -> list[FileState]:
    """The files not to read again until they change: all but those with a document ingest could not store.

    A document that could not be written (a full disk, a read-only store) or
    analysed is tried again at the next poll; an unreadable file is not, as
    reading it again gives the same reason.
    """
    retry = {_file_of(r.origin) for r in report.rejected if r.reason.startswith(NOT_STORED)}
    return [state for state in files if state.path not in retry]


def _file_of(origin: str) -> str:
    """The file an origin names: JSONL records are "<file>:<line>"."""
    head, _, line = origin.rpartition(":")
    return head if head and line.isdigit() else origin
