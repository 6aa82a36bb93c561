"""JSON Lines files: one document per line, {"text": ..., "title", "url", "published", "author", "outlet", "id"}.

A bad line (invalid JSON, not an object, no text, over the size limit) becomes
a Rejection for that line; the other lines go on. Blank lines are skipped.
The size limit applies to each record, so a large corpus file can be read,
and a large file can be cut into runs of lines (:func:`line_ranges`) that are
read apart (:func:`read_jsonl` with ``lines``), by different processes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claimtrace.errors import InputRejected, Messages
from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read.dates import find_dates
from claimtrace.read.document import make_document
from claimtrace.read.metadata import TextMetadata

CHUNK_BYTES = 1 << 20
_ISO_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class LineRange:
    """A run of whole lines of a JSONL file: bytes ``start`` to ``end``, lines ``first_line`` to ``last_line``."""

    start: int
    end: int
    first_line: int
    last_line: int
    records: int  # lines in it that are not blank


class _TooLarge:
    """Stands for a line longer than the size limit, which is skipped, not read into memory."""

    def __init__(self, size: int) -> None:
        self.size = size


def _raw_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | _TooLarge]:
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the oversized line
                rest = stream.readline(CHUNK_BYTES)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _TooLarge(size)
        else:
            yield line


def _field(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _published(value: str | None) -> str | None:
    """An ISO date (or year / year-month) from the record's `published` value."""
    if value is None:
        return None
    if _ISO_PREFIX.match(value):
        return value
    date = next(find_dates(value), None)
    return date.date.isoformat() if date else None


def _bad(origin: str, detail: str) -> InputRejected:
    return InputRejected(Messages.E007.format(origin=origin, detail=detail))


def _record_document(line: bytes, path: Path, number: int, options: Options) -> Document | None:
    """The Document of one JSONL line, None for a blank line; raises InputRejected."""
    origin = f"{path}:{number}"
    try:
        source = line.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        raise _bad(origin, f"not UTF-8 ({error.reason} at byte {error.start})") from None
    if not source.strip():
        return None
    try:
        record = json.loads(source)
    except json.JSONDecodeError as error:
        raise _bad(origin, f"invalid JSON: {error.msg} at column {error.colno}") from None
    except RecursionError:  # json's parser recurses once per level: [[[[... a few thousand deep ends here
        raise _bad(origin, "invalid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise _bad(origin, f"expected a JSON object, got {type(record).__name__}")
    try:  # JSON can escape lone surrogates ("\ud800"): not text, and no encoder or store takes them
        json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as error:
        raise _bad(origin, f"not valid Unicode (lone surrogate {error.object[error.start]!r})") from None
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        detail = 'no "text" field' if "text" not in record else '"text" is empty or not a string'
        raise _bad(origin, detail)
    given = TextMetadata(
        title=_field(record, "title"),
        author=_field(record, "author"),
        published=_published(_field(record, "published")),
        outlet=_field(record, "outlet"),
    )
    name = _field(record, "id") or f"{path.stem}-{number}"
    return make_document(name, text, origin, "jsonl", options, given=given, url=_field(record, "url"))


def _is_record(line: bytes | _TooLarge, number: int) -> bool:
    """Whether ``read_jsonl`` makes a Document or a Rejection of this line (it skips blank lines)."""
    if isinstance(line, _TooLarge):
        return True
    try:
        return bool(line.decode("utf-8-sig" if number == 1 else "utf-8").strip())
    except UnicodeDecodeError:
        return True


def line_ranges(path: Path, options: Options, records: int) -> list[LineRange]:
    """The file cut into runs of ``records`` records each (the last may hold fewer), in order.

    Raises OSError when the file cannot be read.
    """
    ranges: list[LineRange] = []
    start = offset = 0
    first_line = number = count = 0
    with path.open("rb") as stream:
        for number, line in enumerate(_raw_lines(stream, options.max_size_bytes), start=1):
            if count == 0:
                start, first_line = offset, number
            offset += line.size if isinstance(line, _TooLarge) else len(line)
            count += _is_record(line, number)
            if count == records:
                ranges.append(LineRange(start, offset, first_line, number, count))
                count = 0
    if count:
        ranges.append(LineRange(start, offset, first_line, number, count))
    return ranges


def read_jsonl(path: Path, options: Options, lines: LineRange | None = None) -> Iterator[Document | Rejection]:
    """One Document per good line of the .jsonl file at `path` (or of its ``lines``), one Rejection per bad line.

    A whole file without a single record is rejected as empty; a range holds records by construction.
    """
    limit = options.max_size_bytes
    produced = 0
    with path.open("rb") as stream:
        stream.seek(lines.start if lines else 0)
        offset = lines.start if lines else 0
        for number, line in enumerate(_raw_lines(stream, limit), start=lines.first_line if lines else 1):
            if lines is not None and offset >= lines.end:
                break
            offset += line.size if isinstance(line, _TooLarge) else len(line)
            produced += 1
            origin = f"{path}:{number}"
            if isinstance(line, _TooLarge):
                reason = Messages.E004.format(origin=origin, size_mb=line.size / 2**20, limit_mb=limit / 2**20)
                yield Rejection(origin, reason)
                continue
            try:
                document = _record_document(line, path, number, options)
            except InputRejected as rejected:
                yield Rejection(origin, str(rejected))
                continue
            if document is not None:
                yield document
            else:
                produced -= 1
    if not produced and lines is None:
        yield Rejection(str(path), Messages.E001.format(origin=path))
