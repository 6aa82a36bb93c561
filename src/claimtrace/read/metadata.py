"""Title, author, publication date and outlet as a plain text states them.

Only what the text says is taken: a value that is not written in a recognised
place is None, never guessed. The patterns are those of common page layouts
(a headline followed by a blank line, a "By NAME" line, a date line under the
headline, a blog byline "Posted by NAME on DATE", an "About NAME" author box,
a copyright line naming the publisher).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimtrace.read.dates import find_dates
from claimtrace.read.lines import Line, split_lines

TOP_LINES = 15  # the header of a page: where a date line or a "By" line is looked for
MAX_TITLE_CHARS = 150
MAX_TITLE_WORDS = 20
MAX_DATE_LINE_WORDS = 6  # words other than the date, "Posted on", a weekday or a byline name

_NAME_WORD = r"[^\W\d_][\w'’.\-]*"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"

ARTICLE_BYLINE = re.compile(
    rf"^\s*Posted\s+by\s+(?P<author>{_NAME})\s+(?:on|at)\s+(?P<when>[^|\n]+?)\s*(?:\|.*)?$", re.IGNORECASE
)
_BY_LINE = re.compile(
    rf"^\s*(?:By|Written by|Author:|Words by)\s+(?P<author>{_NAME}(?:\s+and\s+{_NAME})?)\s*(?:[,|•·–—-].*)?$"
)
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
_ABOUT_LINE = re.compile(rf"^\s*About\s+(?P<author>{_NAME})\s*$")
_NOT_A_PERSON = {"us", "me", "the", "this", "that", "our", "author", "page", "contact", "site", "company", "we"}
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:©\s*)?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?\s*,?\s*"
    r"(?P<outlet>[^\n.|,;©]{2,60}?)\s*(?=[.|,;©\n]|all rights|$)",
    re.IGNORECASE,
)
_DATE_LINE_WORDS = {
    "published", "posted", "updated", "last", "date", "dated", "created", "on", "at", "by", "and",
    "utc", "gmt", "am", "pm", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "permalink",
}  # fmt: skip


@dataclass(slots=True)
class TextMetadata:
    """What a text says about itself; None where it says nothing."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None


def extract_metadata(text: str) -> TextMetadata:
    """Title, author, publication date (ISO) and outlet written in `text`."""
    lines = split_lines(text)
    return TextMetadata(
        title=find_title(lines),
        author=find_author(lines),
        published=find_published(lines),
        outlet=find_outlet(text),
    )


def _is_date_line(line: Line) -> bool:
    dates = list(find_dates(line.text))
    if not dates or len(line.text) > 120:
        return False
    rest = line.text
    for date in reversed(dates):
        rest = rest[: date.start] + " " + rest[date.end :]
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w.lower() not in _DATE_LINE_WORDS]
    return len(words) <= MAX_DATE_LINE_WORDS and not line.text.rstrip().endswith(".")


def _is_header_line(line: Line) -> bool:
    return _is_date_line(line) or bool(_BY_LINE.match(line.text) or ARTICLE_BYLINE.match(line.text))


def find_title(lines: list[Line]) -> str | None:
    """The first short header line that stands alone: followed by a blank line, or else by date/byline lines."""
    return _title_line(lines, after_header_lines=False) or _title_line(lines, after_header_lines=True)


def _title_line(lines: list[Line], after_header_lines: bool) -> str | None:
    seen = 0
    for index, line in enumerate(lines[: TOP_LINES * 2]):
        if line.blank:
            continue
        seen += 1
        words = line.text.split()
        if seen > 8 or (len(words) > MAX_TITLE_WORDS and line.text.rstrip().endswith(".")):
            return None  # the body has started
        if _is_header_line(line):
            continue
        if _runs_on(lines, index):
            return None  # a paragraph of several lines: the body (a comment section's heading comes later)
        following = index + 1
        while after_header_lines and following < len(lines) and _is_header_line(lines[following]):
            following += 1
        stands_alone = following == len(lines) or lines[following].blank
        fits = len(line.text.strip()) <= MAX_TITLE_CHARS and len(words) <= MAX_TITLE_WORDS
        if stands_alone and fits and not line.text.rstrip().endswith((".", ":", ";", ",")):
            return _MARKDOWN_HEADING.sub("", line.text).strip(" \t*_") or None
    return None


def _runs_on(lines: list[Line], index: int) -> bool:
    """The line and the next are both text lines (neither blank nor a date or byline)."""
    following = index + 1
    return following < len(lines) and not lines[following].blank and not _is_header_line(lines[following])


def find_published(lines: list[Line]) -> str | None:
    """The date of a date line in the header, else of a blog byline anywhere ("Posted by X on DATE")."""
    for line in lines[:TOP_LINES]:
        if not line.blank and _is_date_line(line):
            return next(find_dates(line.text)).date.isoformat()
    for line in lines:
        byline = ARTICLE_BYLINE.match(line.text)
        if byline:
            date = next(find_dates(byline["when"]), None)
            if date is not None:
                return date.date.isoformat()
    return None


def _plausible_name(name: str) -> bool:
    words = name.split()
    return bool(words) and not any(w.lower() in _NOT_A_PERSON for w in words)


def find_author(lines: list[Line]) -> str | None:
    """A "By NAME" line in the header, a blog byline, or an "About NAME" author box followed by a bio."""
    for line in lines[:TOP_LINES]:
        match = _BY_LINE.match(line.text)
        if match and _plausible_name(match["author"]) and match["author"][0].isupper():
            return match["author"].strip()
    for line in lines:
        match = ARTICLE_BYLINE.match(line.text)
        if match and _plausible_name(match["author"]):
            return match["author"].strip()
    for index, line in enumerate(lines):
        match = _ABOUT_LINE.match(line.text)
        if not match or not _plausible_name(match["author"]):
            continue
        words = match["author"].split()
        has_bio = any(not later.blank for later in lines[index + 1 : index + 4])
        if 2 <= len(words) <= 4 and all(w[0].isupper() for w in words) and has_bio:
            return match["author"]
    return None


def find_outlet(text: str) -> str | None:
    """The publisher named in a copyright line ("© 2020, NAME." / "Copyright 2021 NAME")."""
    for match in _COPYRIGHT.finditer(text):
        outlet = match["outlet"].strip(" \t-–—")
        if outlet and (outlet[0].isupper() or outlet[0].isdigit()) and not outlet.lower().startswith("all rights"):
            return outlet
    return None
