"""HTML pages: main text and metadata with trafilatura, reader comments from the comment markup.

The document text is the extracted article (headline first, paragraphs
separated by blank lines), then, when the page has reader comments, a
"Comments" heading and each comment followed by its "Posted by:" line.
A truncated page yields the text that is there; a page with no text at all is
rejected (E006), never an exception.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document as Extraction

from claimtrace.errors import InputRejected, Messages
from claimtrace.model import Document
from claimtrace.options import Options
from claimtrace.read.decode import decode_bytes
from claimtrace.read.document import make_document
from claimtrace.read.html_blocks import extracted_blocks, html_blocks, join_blocks
from claimtrace.read.html_comments import find_comments, render_comments
from claimtrace.read.metadata import TextMetadata

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROPPED = ("head", "title", "script", "style", "noscript", "nav", "header", "footer", "aside", "form")
# Dates from markup and URL, not from the prose; as far back as the text reader reads them (htmldate's own
# floor, 1995, left archived pages of the 1980s undated). A date after today is ignored, as in a text.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "min_date": "1900-01-01"}

_TRAFILATURA_LOG = logging.getLogger("trafilatura")
if _TRAFILATURA_LOG.level == logging.NOTSET:  # its complaints about short or broken pages end as E006, not as noise
    _TRAFILATURA_LOG.setLevel(logging.CRITICAL)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a <meta> tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _extract(page: str) -> Extraction | None:
    """trafilatura's article and metadata of the page; None when it finds none or chokes on the page."""
    try:
        extracted = trafilatura.bare_extraction(
            page, include_comments=True, with_metadata=True, favor_recall=True, date_extraction_params=_DATE_PARAMS
        )
    except Exception:  # noqa: BLE001 — a page trafilatura chokes on still gets the fallback text
        return None
    # a dict only comes back when as_dict=True is asked for, and it is not
    return extracted if isinstance(extracted, Extraction) else None


def _main_text(extracted: Extraction | None, page: str) -> str:
    if extracted is not None and extracted.body is not None:
        text = join_blocks(extracted_blocks(extracted.body))
        if text:
            return text
    return _fallback_text(page)


def _parse(page: str) -> etree._Element | None:
    try:  # lxml refuses a str that still carries an XML encoding declaration
        return lxml.html.fromstring(_XML_DECLARATION.sub("", page, count=1))
    except (etree.ParserError, ValueError):
        return None


def _fallback_text(page: str) -> str:
    """Paragraph text of a page trafilatura gives up on (too short, truncated)."""
    root = _parse(page)
    if root is None:
        return ""
    body = root.find("body") if root.find("body") is not None else root
    for element in list(body.iter(*_DROPPED)):
        if element.getparent() is not None:
            element.drop_tree()
    return join_blocks(html_blocks(body))


def _with_title(text: str, title: str | None) -> str:
    """Put the headline first when the extracted text does not already open with it."""
    if not title or title.casefold() in text[: len(title) + 200].casefold():
        return text
    return f"{title}\n\n{text}" if text else title


def _comments_text(page: str, extracted: Extraction | None) -> str:
    root = _parse(page)
    comments = find_comments(root) if root is not None else []
    if comments:
        return render_comments(comments)
    if extracted is not None and extracted.commentsbody is not None:
        unstructured = join_blocks(extracted_blocks(extracted.commentsbody))
        if unstructured:
            return f"Comments\n\n{unstructured}"
    return ""


def html_document(page: str, name: str, origin: str, options: Options) -> Document:
    """The Document of an HTML page given as text; raises InputRejected (E006) when it has no text."""
    extracted = _extract(page)
    title = extracted.title if extracted is not None else None
    main_text = _main_text(extracted, page)
    if not any(ch.isalnum() for ch in main_text):  # a page cut off inside <head> has a title but no text
        raise InputRejected(Messages.E006.format(origin=origin))
    article = _with_title(main_text, title)
    comments = _comments_text(page, extracted)
    text = f"{article}\n\n{comments}" if comments else article
    given = TextMetadata()
    if extracted is not None:
        given = TextMetadata(title=title, author=extracted.author, published=extracted.date, outlet=extracted.sitename)
    url = extracted.url if extracted is not None else None
    return make_document(name, text, origin, "html", options, given=given, url=url)


def read_html(path: Path, data: bytes, options: Options) -> Document:
    """The Document of an .html/.htm file whose bytes are `data`; raises InputRejected."""
    origin = str(path)
    page = decode_bytes(data, origin, declared=declared_charset(data))
    return html_document(page, path.stem, origin, options)
