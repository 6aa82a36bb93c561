"""Inputs planned as batches of parts: reading every batch gives what reading the inputs in one go gives."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read import read_inputs
from claimtrace.read.parts import InputBatch, plan_batches, read_batch

WriteFile = Callable[[str, bytes | str], Path]


def _record(number: int) -> str:
    return json.dumps({"id": f"item-{number}", "text": f"The ferry to the island sailed {number} hours late."})


def _read_planned(paths: list[Path], options: Options) -> list[Document | Rejection]:
    read: list[Document | Rejection] = []
    for batch in plan_batches(paths, options):
        read.extend(read_batch(batch, options) if isinstance(batch, InputBatch) else [batch])
    return read


def _described(items: list[Document | Rejection]) -> list[tuple[str, ...]]:
    return [(item.origin, item.name, item.text) if isinstance(item, Document) else (item.origin, item.reason)
            for item in items]


def test_planned_batches_read_as_the_inputs_do(write_file: WriteFile, tmp_path: Path) -> None:
    lines = [_record(n) for n in range(9)]
    lines[3:3] = ["", "{broken", "   "]
    write_file("corpus/a.txt", "The harbour reopened on Monday after the storm.")
    write_file("corpus/b.jsonl", "\ufeff" + "\n".join(lines) + "\n")
    write_file("corpus/c.md", "# Notes\n\nThe bridge will close for repairs in May.")
    write_file("corpus/empty.jsonl", "\n \n")
    options = Options(progress=False, batch_size=4)
    paths = [tmp_path / "corpus", tmp_path / "missing.txt"]
    planned = list(plan_batches(paths, options))
    assert _described(_read_planned(paths, options)) == _described(list(read_inputs(paths, options)))
    batches = [b for b in planned if isinstance(b, InputBatch)]
    assert [b.number for b in batches] == list(range(len(batches)))
    jsonl_parts = [p for b in batches for p in b.parts if p.path.name == "b.jsonl"]
    assert [p.inputs for p in jsonl_parts] == [4, 4, 2]  # ten records (one bad) in runs of four
    assert all(sum(p.inputs for p in b.parts) <= 4 for b in batches)


@pytest.mark.parametrize("batch_size", [1, 2, 5])
def test_line_ranges_keep_line_numbers_and_reject_oversized_lines(write_file: WriteFile, batch_size: int) -> None:
    options = Options(progress=False, batch_size=batch_size, max_size_mb=0.001)  # about 1 KB per record
    lines = [_record(0), json.dumps({"text": "x" * 4000}), _record(2), "", _record(4)]
    path = write_file("feed.jsonl", "\n".join(lines) + "\n")
    read = _read_planned([path], options)
    assert [item.origin for item in read] == [f"{path}:{n}" for n in (1, 2, 3, 5)]
    assert isinstance(read[1], Rejection) and read[1].reason.startswith("too large")
    assert [item.name for item in read if isinstance(item, Document)] == ["item-0", "item-2", "item-4"]


def test_a_file_of_blank_lines_is_rejected_as_empty(write_file: WriteFile) -> None:
    path = write_file("blank.jsonl", "\n" * 10)
    [rejection] = _read_planned([path], Options(progress=False, batch_size=2))
    assert isinstance(rejection, Rejection) and rejection.reason.startswith("empty input")
