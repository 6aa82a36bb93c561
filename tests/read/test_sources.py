from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read import read_inputs

ARTICLE = "Dock strike ends\n\nThe dockers voted to return to work after the port raised wages.\n"


def _names(results: list[Document | Rejection]) -> list[str]:
    return [r.name if isinstance(r, Document) else f"rejected:{Path(r.origin).name}" for r in results]


def test_read_inputs_walks_folders_in_sorted_order_and_skips_other_files(
    tmp_path: Path, write_file: Callable[[str, bytes | str], Path], options: Options
) -> None:
    for name in ["b.txt", "a.md", "sub/c.htm", "sub/d.jsonl", "notes.pdf", "image.png", ".hidden.txt", ".git/x.txt"]:
        write_file(name, ARTICLE if not name.endswith((".htm", ".jsonl")) else "")
    write_file("sub/c.htm", f"<html><body><p>{ARTICLE}</p></body></html>")
    write_file("sub/d.jsonl", '{"text": "The ferry was late again on Friday."}\n')
    results = list(read_inputs([tmp_path], options))
    assert _names(results) == ["a", "b", "c", "d-1"]


def test_read_inputs_keeps_the_order_of_named_paths(
    write_file: Callable[[str, bytes | str], Path], options: Options
) -> None:
    second, first = write_file("z.txt", ARTICLE), write_file("y/a.txt", ARTICLE)
    assert _names(list(read_inputs([second, first.parent], options))) == ["z", "a"]


@pytest.mark.parametrize("name", ["report.pdf", "data.csv", "page.xml"])
def test_read_inputs_rejects_named_file_of_unsupported_type(
    write_file: Callable[[str, bytes | str], Path], options: Options, name: str
) -> None:
    path = write_file(name, ARTICLE)
    [rejection] = list(read_inputs([path], options))
    assert isinstance(rejection, Rejection)
    assert rejection.reason.startswith(f"unsupported file type: {path}")


def test_read_inputs_accepts_suffix_in_any_case(
    write_file: Callable[[str, bytes | str], Path], options: Options
) -> None:
    [document] = list(read_inputs([write_file("LOUD.TXT", ARTICLE)], options))
    assert isinstance(document, Document) and document.format == "txt"


def test_read_inputs_rejects_missing_path(tmp_path: Path, options: Options) -> None:
    [rejection] = list(read_inputs([tmp_path / "nowhere.txt"], options))
    assert isinstance(rejection, Rejection)
    assert rejection.reason == f"unreadable: {tmp_path / 'nowhere.txt'}: no such file or folder"


def test_read_inputs_rejects_unreadable_file_and_goes_on(
    tmp_path: Path, write_file: Callable[[str, bytes | str], Path], options: Options
) -> None:
    write_file("a.txt", ARTICLE)
    locked = write_file("b.txt", ARTICLE)
    write_file("c.txt", ARTICLE)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that read a chmod 000 file")
        results = list(read_inputs([tmp_path], options))
    finally:
        locked.chmod(0o644)
    assert _names(results) == ["a", "rejected:b.txt", "c"]
    assert "permission denied" in results[1].reason


def test_read_inputs_rejects_dangling_link_and_goes_on(
    tmp_path: Path, write_file: Callable[[str, bytes | str], Path], options: Options
) -> None:
    write_file("a.txt", ARTICLE)
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    results = list(read_inputs([tmp_path], options))
    assert _names(results) == ["a", "rejected:b.txt"]
    assert results[1].reason.startswith(f"unreadable: {tmp_path / 'b.txt'}: no such file")
