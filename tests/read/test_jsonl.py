from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read import read_inputs

STORY = "The lock gates on the canal were repaired overnight, the waterways agency said."
LINES = [
    json.dumps(
        {
            "text": STORY,
            "title": "Lock gates repaired",
            "url": "https://example.org/a",
            "published": "2022-05-03T08:00:00Z",
            "author": "Sam Okoro",
            "outlet": "Canal News",
            "id": "canal-7",
        }
    ),
    json.dumps({"text": STORY + " Boats can pass again."}),
    "{not json",
    "",
    json.dumps(["a", "list"]),
    json.dumps({"title": "no text here"}),
    json.dumps({"text": "   "}),
    json.dumps({"text": STORY, "published": "3 May 2022", "id": 42}),
    json.dumps({"text": STORY, "published": "some day"}),
]


@pytest.fixture()
def records(
    write_file: Callable[[str, bytes | str], Path], options: Options
) -> tuple[Path, list[Document | Rejection]]:
    path = write_file("feed.jsonl", "\n".join(LINES) + "\n")
    return path, list(read_inputs([path], options))


def test_read_jsonl_reads_good_lines_and_rejects_bad_ones(records: tuple[Path, list[Document | Rejection]]) -> None:
    path, results = records
    assert [(type(r).__name__, r.origin) for r in results] == [
        ("Document", f"{path}:1"),
        ("Document", f"{path}:2"),
        ("Rejection", f"{path}:3"),
        ("Rejection", f"{path}:5"),
        ("Rejection", f"{path}:6"),
        ("Rejection", f"{path}:7"),
        ("Document", f"{path}:8"),
        ("Document", f"{path}:9"),
    ]


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        (3, "invalid JSON: Expecting property name enclosed in double quotes at column 2"),
        (5, "expected a JSON object, got list"),
        (6, 'no "text" field'),
        (7, '"text" is empty or not a string'),
    ],
)
def test_read_jsonl_names_line_and_problem(
    records: tuple[Path, list[Document | Rejection]], line: int, detail: str
) -> None:
    path, results = records
    [rejection] = [r for r in results if r.origin == f"{path}:{line}"]
    assert rejection.reason == f"bad JSONL record: {path}:{line}: {detail}"


@pytest.mark.parametrize(
    ("line", "name", "fields"),
    [
        (1, "canal-7", ("Lock gates repaired", "https://example.org/a", "2022-05-03", "Sam Okoro", "Canal News")),
        (2, "feed-2", (None, None, None, None, None)),
        (8, "42", (None, None, "2022-05-03", None, None)),
        (9, "feed-9", (None, None, None, None, None)),
    ],
)
def test_read_jsonl_takes_record_fields(
    records: tuple[Path, list[Document | Rejection]], line: int, name: str, fields: tuple[str | None, ...]
) -> None:
    path, results = records
    [document] = [r for r in results if r.origin == f"{path}:{line}"]
    assert isinstance(document, Document)
    assert document.name == name and document.format == "jsonl"
    assert (document.title, document.url, document.published, document.author, document.outlet) == fields
    assert document.text.startswith(STORY)


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_read_jsonl_rejects_file_without_records(
    write_file: Callable[[str, bytes | str], Path], options: Options, content: str
) -> None:
    path = write_file("none.jsonl", content)
    assert [(r.origin, r.reason) for r in read_inputs([path], options)] == [
        (str(path), f"empty input: {path} has no text")
    ]


def test_read_jsonl_rejects_oversized_record_and_goes_on(write_file: Callable[[str, bytes | str], Path]) -> None:
    long_line = json.dumps({"text": STORY * 40})
    path = write_file("big.jsonl", "\n".join([long_line, json.dumps({"text": STORY})]) + "\n")
    results = list(read_inputs([path], Options(max_size_mb=1000 / 2**20)))
    assert isinstance(results[0], Rejection) and results[0].reason.startswith(f"too large: {path}:1 is")
    assert isinstance(results[1], Document) and results[1].origin == f"{path}:2"


def test_read_jsonl_rejects_a_lone_surrogate_and_goes_on(write_file: Callable[[str, bytes | str], Path]) -> None:
    path = write_file("surrogates.jsonl", '{"text": "Half a pair: \\ud800."}\n{"text": "ok", "title": "\\udfff"}\n'
                                          '{"text": "A whole pair: \\ud83d\\ude00."}\n')
    results = list(read_inputs([path], Options(progress=False)))
    assert [r.reason for r in results if isinstance(r, Rejection)] == [
        f"bad JSONL record: {path}:1: not valid Unicode (lone surrogate '\\ud800')",
        f"bad JSONL record: {path}:2: not valid Unicode (lone surrogate '\\udfff')"]
    assert [r.text for r in results if isinstance(r, Document)] == ["A whole pair: \U0001F600."]


def test_read_jsonl_rejects_json_nested_too_deeply(write_file: Callable[[str, bytes | str], Path]) -> None:
    path = write_file("deep.jsonl", '{"text": ' * 50_000 + '\n{"text": "Still read."}\n')
    results = list(read_inputs([path], Options(progress=False)))
    assert [r.reason for r in results if isinstance(r, Rejection)] == [
        f"bad JSONL record: {path}:1: invalid JSON: nested too deeply"]
    assert [r.text for r in results if isinstance(r, Document)] == ["Still read."]
