"""Plain-text and Markdown files: the decoded text, exactly as read, is the document."""

from __future__ import annotations

from pathlib import Path

from claimtrace.model import Document
from claimtrace.options import Options
from claimtrace.read.decode import decode_bytes
from claimtrace.read.document import make_document


def read_text(path: Path, data: bytes, format: str, options: Options) -> Document:
    """The Document of a .txt or .md file whose bytes are `data`; raises InputRejected."""
    origin = str(path)
    text = decode_bytes(data, origin)
    return make_document(path.stem, text, origin, format, options)
