"""A document split into voices: the article, then one segment per reader comment.

Thread layouts recognised (in page text, as a reader or trafilatura sees it):

- footer style (TypePad, Movable Type, and the layout `claimtrace.read.html`
  writes): each comment body is followed by "Posted by: NAME | DATE | N";
- header style (WordPress): "NAME says:", a date line, then the body;
- a bare "Comments" heading followed by text with no per-comment markers:
  one comment segment, author unknown.

"NAME / DATE / body / Reply" without a "says:" is too ambiguous and is not
split. Segment spans exclude the footer/header lines, headings, navigation
("« previous page") and the comment form. Segments never overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimtrace.model import Document, Segment
from claimtrace.read.dates import parse_date
from claimtrace.read.lines import Line, split_lines
from claimtrace.read.metadata import ARTICLE_BYLINE
from claimtrace.segment.markers import (
    COMMENT_FOOTER,
    COMMENT_FORM,
    COMMENT_HEADER,
    THREAD_HEADING,
    is_article_byline,
    is_date_line,
    is_thread_marker,
)

HEADER_DATE_LOOKAHEAD = 2  # lines after "NAME says:" where its date line may be
HEADER_LINES = 10  # the top of a document, where a "Posted by NAME on DATE" byline opens the article


@dataclass(slots=True)
class _Comment:
    first: int  # line index where the body may start
    stop: int  # line index where it ends at the latest (exclusive)
    author: str | None
    when: str | None


@dataclass(slots=True)
class _Thread:
    article_stop: int  # line index where the article ends at the latest (exclusive)
    comments: list[_Comment]


def split_segments(document: Document) -> list[Segment]:
    """The article segment and one segment per reader comment, spans into `document.text`."""
    text, doc_id = document.text, document.id  # the id hashes the whole text: compute it once
    lines = split_lines(text)
    thread = _footer_thread(lines) or _header_thread(lines) or _heading_thread(lines)
    if thread is None:
        return [Segment(doc_id, "article", 0, len(text), author=document.author, published=document.published)]
    author, published = _article_byline(lines[: thread.comments[0].first], document)
    article = _content_span(lines, 0, thread.article_stop)
    segments = []
    if article is not None:
        segments.append(Segment(doc_id, "article", 0, article[1], author=author, published=published))
    for comment in thread.comments:
        span = _content_span(lines, comment.first, comment.stop)
        if span is None:
            continue
        when = parse_date(comment.when) if comment.when else None
        segments.append(Segment(doc_id, "comment", span[0], span[1], author=comment.author, published=when))
    return segments


def _article_byline(lines: list[Line], document: Document) -> tuple[str | None, str | None]:
    """Author and date from the blog byline closing the article, else the document's."""
    for line in reversed(lines):
        match = ARTICLE_BYLINE.match(line.text)
        if match:
            return match["author"].strip(), parse_date(match["when"]) or document.published
    return document.author, document.published


def _content_span(lines: list[Line], first: int, stop: int) -> tuple[int, int] | None:
    """From the first to the last line in [first, stop) that is neither blank nor a thread marker."""
    content = [line for line in lines[first:stop] if not line.blank and not is_thread_marker(line.text)]
    if not content:
        return None
    start = content[0].start + len(content[0].text) - len(content[0].text.lstrip())
    return start, content[-1].end


def _marker_run_start(lines: list[Line], index: int) -> int:
    """Walk back from line `index` over blank lines and markers; the index where that run begins."""
    while index > 0 and (lines[index - 1].blank or is_thread_marker(lines[index - 1].text)):
        index -= 1
    return index


def _form_start(lines: list[Line], first: int) -> int:
    """The first line of the comment form at or after `first`, else the end."""
    for index in range(first, len(lines)):
        if COMMENT_FORM.match(lines[index].text):
            return index
    return len(lines)


def _last_paragraph_start(lines: list[Line], index: int) -> int:
    while index > 0 and lines[index - 1].blank:
        index -= 1
    while index > 0 and not lines[index - 1].blank:
        index -= 1
    return index


def _footer_thread(lines: list[Line]) -> _Thread | None:
    footers = [i for i, line in enumerate(lines) if COMMENT_FOOTER.match(line.text)]
    if not footers:
        return None
    # a byline in the header opens the article; only one after it can close the article
    markers = [
        i for i in range(footers[0])
        if is_thread_marker(lines[i].text) and not (i < HEADER_LINES and is_article_byline(lines[i].text))
    ]  # fmt: skip
    if markers:
        thread_start = markers[-1] + 1
        article_stop = _marker_run_start(lines, markers[-1])
    else:  # no heading: only the paragraph just above the first footer can be told to be a comment
        thread_start = article_stop = _last_paragraph_start(lines, footers[0])
    comments = []
    first = thread_start
    for index in footers:
        match = COMMENT_FOOTER.match(lines[index].text)
        assert match is not None
        comments.append(_Comment(first, index, match["author"].strip(), match["when"] or None))
        first = index + 1
    return _Thread(article_stop, comments)


def _header_at(lines: list[Line], index: int) -> tuple[str, str, int] | None:
    """(author, date text, index of the date line) when line `index` opens a WordPress comment."""
    match = COMMENT_HEADER.match(lines[index].text)
    if not match:
        return None
    for later in range(index + 1, min(index + 1 + HEADER_DATE_LOOKAHEAD, len(lines))):
        if lines[later].blank:
            continue
        if is_date_line(lines[later].text):
            return match["author"].strip(), lines[later].text.strip(), later
        return None
    return None


def _header_thread(lines: list[Line]) -> _Thread | None:
    headers = [(i, found) for i in range(len(lines)) if (found := _header_at(lines, i))]
    if not headers:
        return None
    comments = []
    for number, (_, (author, when, date_line)) in enumerate(headers):
        stop = headers[number + 1][0] if number + 1 < len(headers) else _form_start(lines, date_line + 1)
        comments.append(_Comment(date_line + 1, stop, author, when))
    return _Thread(_marker_run_start(lines, headers[0][0]), comments)


def _heading_thread(lines: list[Line]) -> _Thread | None:
    headings = [i for i, line in enumerate(lines) if THREAD_HEADING.match(line.text)]
    if not headings:
        return None
    heading = headings[-1]
    stop = _form_start(lines, heading + 1)
    if _content_span(lines, heading + 1, stop) is None:
        return None
    return _Thread(_marker_run_start(lines, heading), [_Comment(heading + 1, stop, None, None)])
