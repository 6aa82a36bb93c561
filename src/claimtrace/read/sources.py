"""Input paths to documents: walk files and folders in sorted order, read each file by its suffix.

Every input either becomes documents or is recorded as a Rejection with the
reason; the run goes on. Inside a folder, files of other types and hidden files
are skipped silently; a file named explicitly with an unsupported suffix is
rejected, so a typo on the command line does not pass unnoticed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimtrace.errors import InputRejected, Messages
from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read.html import read_html
from claimtrace.read.jsonl import read_jsonl
from claimtrace.read.text import read_text

FORMATS: dict[str, str] = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


def input_format(path: Path) -> str | None:
    """txt, md, html or jsonl from the file suffix (any case), None when unsupported."""
    return FORMATS.get(path.suffix.lower())


def _unreadable(path: Path | str, error: OSError) -> Rejection:
    detail = error.strerror or type(error).__name__
    return Rejection(str(path), Messages.E005.format(origin=path, detail=detail.lower()))


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path | Rejection]:
    """Files to read, in the order given and sorted inside folders; unreadable inputs as Rejections."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk_folder(path)
        elif not path.exists() and not path.is_symlink():
            yield Rejection(str(path), Messages.E005.format(origin=path, detail="no such file or folder"))
        elif input_format(path) is None:
            yield Rejection(str(path), Messages.E008.format(origin=path))
        else:
            yield path


def _walk_folder(folder: Path) -> Iterator[Path | Rejection]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield _unreadable(folder, error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .DS_Store, editor backups
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir()
        except OSError as error:
            yield _unreadable(path, error)
            continue
        if is_folder:
            yield from _walk_folder(path)
        elif input_format(path) is not None:
            yield path


def _read_bytes(path: Path, options: Options) -> bytes:
    """The bytes of `path`, after checking its size on disk; raises InputRejected (E004, E005)."""
    try:
        size = path.stat().st_size
        if size > options.max_size_bytes:
            raise InputRejected(
                Messages.E004.format(origin=path, size_mb=size / 2**20, limit_mb=options.max_size_bytes / 2**20)
            )
        return path.read_bytes()
    except OSError as error:
        raise InputRejected(_unreadable(path, error).reason) from None


def read_file(path: Path, options: Options) -> Iterator[Document | Rejection]:
    """The documents of one file (several for JSONL), or a Rejection with the reason."""
    format = input_format(path)
    try:
        if format == "jsonl":
            path.stat()  # a missing or dangling file is rejected before opening
            yield from read_jsonl(path, options)
            return
        data = _read_bytes(path, options)
        if format == "html":
            yield read_html(path, data, options)
        else:
            yield read_text(path, data, format or "txt", options)
    except InputRejected as rejected:
        yield Rejection(str(path), str(rejected))
    except OSError as error:
        yield _unreadable(path, error)


def read_inputs(paths: Iterable[str | Path], options: Options) -> Iterator[Document | Rejection]:
    """Documents from files and folders (.txt, .md, .html/.htm, .jsonl); a Rejection per input that cannot be read."""
    for item in iter_input_files(paths):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from read_file(item, options)
