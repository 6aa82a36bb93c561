"""Inputs planned as batches of parts, so that any process can read a batch on its own.

A part is a whole file or a run of lines of a large JSONL file (a byte range that
starts at a line), so a JSONL corpus is read by many processes, each from its own
offset. :func:`plan_batches` walks the paths as :func:`~claimtrace.read.read_inputs`
does and groups the parts into batches of about ``batch_size`` inputs;
:func:`read_batch` reads one batch to what ``read_inputs`` gives for those inputs.
Planning reads JSONL files only, to find where lines start; a batch carries paths
and offsets, never text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read.jsonl import LineRange, line_ranges, read_jsonl
from claimtrace.read.sources import input_format, iter_input_files, read_file


@dataclass(frozen=True, slots=True)
class InputPart:
    """A whole input file, or the ``lines`` of a JSONL file."""

    path: Path
    inputs: int = 1  # inputs it holds: 1 for a file, its records for JSONL
    lines: LineRange | None = None

    @property
    def origin(self) -> str:
        return str(self.path) if self.lines is None else f"{self.path}:{self.lines.first_line}-{self.lines.last_line}"

    def read(self, options: Options) -> Iterator[Document | Rejection]:
        if self.lines is None:
            return read_file(self.path, options)
        return read_jsonl(self.path, options, self.lines)


@dataclass(frozen=True, slots=True)
class InputBatch:
    """The ``number``-th batch of a run (numbers follow the order of the inputs) and its parts."""

    number: int
    parts: tuple[InputPart, ...]


def read_batch(batch: InputBatch, options: Options) -> list[Document | Rejection]:
    """The documents and rejections of every part of the batch, in order."""
    return [item for part in batch.parts for item in part.read(options)]


def plan_batches(paths: Iterable[str | Path], options: Options) -> Iterator[InputBatch | Rejection]:
    """Batches of about ``options.batch_size`` inputs, and a Rejection for each path that cannot be walked, in input order."""
    parts: list[InputPart] = []
    number = 0
    for item in _planned_parts(paths, options):
        full = isinstance(item, Rejection) or sum(p.inputs for p in parts) + item.inputs > options.batch_size
        if parts and full:
            yield InputBatch(number, tuple(parts))
            parts, number = [], number + 1
        if isinstance(item, Rejection):
            yield item
        else:
            parts.append(item)
    if parts:
        yield InputBatch(number, tuple(parts))


def _planned_parts(paths: Iterable[str | Path], options: Options) -> Iterator[InputPart | Rejection]:
    for item in iter_input_files(paths):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from _parts(item, options)


def _parts(path: Path, options: Options) -> list[InputPart]:
    """A JSONL file of more than one batch of records is cut into runs of lines; any other file is one part."""
    if input_format(path) != "jsonl":
        return [InputPart(path)]
    try:
        ranges = line_ranges(path, options, options.batch_size)
    except OSError:
        return [InputPart(path)]  # reading it again gives the rejection with its reason
    if len(ranges) <= 1:
        return [InputPart(path, max(sum(r.records for r in ranges), 1))]
    return [InputPart(path, r.records, r) for r in ranges]
