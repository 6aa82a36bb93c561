"""A Document from decoded text: metadata the container gave, completed from the text, and language."""

from __future__ import annotations

from claimtrace.errors import InputRejected, Messages
from claimtrace.model import Document
from claimtrace.options import Options
from claimtrace.read.language import detect_language, language_status
from claimtrace.read.metadata import TextMetadata, extract_metadata


def make_document(
    name: str,
    text: str,
    origin: str,
    format: str,
    options: Options,
    given: TextMetadata | None = None,
    url: str | None = None,
) -> Document:
    """The Document for `text`; raises InputRejected (E001) when it has no text.

    Values in `given` (from HTML meta tags or JSONL fields) win over what the
    text itself states.
    """
    if not text.strip():
        raise InputRejected(Messages.E001.format(origin=origin))
    given = given or TextMetadata()
    stated = extract_metadata(text)
    language = detect_language(text)
    return Document(
        name=name,
        text=text,
        origin=origin,
        format=format,
        title=given.title or stated.title,
        url=url,
        published=given.published or stated.published,
        author=given.author or stated.author,
        outlet=given.outlet or stated.outlet,
        language=language,
        status=language_status(language, options.languages),
    )
