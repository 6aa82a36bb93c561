"""The lines that structure a comment thread in page text: comment headers and footers, thread headings,
navigation and the comment form. Patterns are those of common blog platforms, written generically."""

from __future__ import annotations

import re

from claimtrace.read.dates import find_dates
from claimtrace.read.metadata import ARTICLE_BYLINE

# TypePad / Movable Type: the comment body, then "Posted by: NAME | Jan 10 2022 21:12 utc | 201"
COMMENT_FOOTER = re.compile(
    r"^\s*Posted\s+by:\s*(?P<author>[^|\n]{1,80}?)\s*"
    r"(?:\|\s*(?P<when>[^|\n]*?)\s*)?(?:\|\s*#?\s*(?P<number>\d+)\s*)?$",
    re.IGNORECASE,
)
# WordPress: "NAME says:" then a date line ("March 14, 2021 at 11:02 am"), then the body
COMMENT_HEADER = re.compile(r"^\s*(?P<author>\S.{0,79}?)\s+says:\s*$", re.IGNORECASE)
THREAD_HEADING = re.compile(
    r"^\s*(?:(?:\d+\s+)?(?:reader\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?\s*:?"
    r"|\d+\s+(?:thoughts?|comments?|responses?|replies)\s+(?:on|to)\b.*"
    r"|(?:one|two|three|four|five)\s+(?:thoughts?|comments?|responses?|replies)\s+(?:on|to)\b.*)\s*$",
    re.IGNORECASE,
)
NAVIGATION = re.compile(
    r"^\s*(?:«\s*(?:previous|prev|older|newer|next|back|first|last)\b.{0,30}"
    r"|.{0,30}\b(?:next|older|newer|previous|last)(?:\s+(?:page|comments|posts|entries))?\s*»"
    r"|(?:the\s+)?comments\s+(?:to\s+this\s+entry\s+)?are\s+closed\.?"
    r"|reply|reply\s*↓|log\s+in\s+to\s+reply|cancel\s+reply|load\s+more\s+comments|show\s+more\s+comments"
    r"|(?:older|newer)\s+comments.{0,10}|permalink|report\s+(?:this\s+)?comment)\s*$",
    re.IGNORECASE,
)
COMMENT_FORM = re.compile(
    r"^\s*(?:leave\s+a\s+(?:reply|comment)|add\s+(?:a\s+)?comment|post\s+a\s+comment|write\s+a\s+comment"
    r"|your\s+e-?mail(?:\s+address)?\s+will\s+not\s+be\s+published.*|required\s+fields\s+are\s+marked.*"
    r"|this\s+site\s+uses\s+akismet.*|be\s+the\s+first\s+to\s+comment)\s*$",
    re.IGNORECASE,
)
MAX_DATE_LINE_CHARS = 60


def is_date_line(text: str) -> bool:
    """A short line that is a date, possibly with a time ("March 14, 2021 at 11:02 am")."""
    if len(text.strip()) > MAX_DATE_LINE_CHARS:
        return False
    date = next(find_dates(text), None)
    if date is None:
        return False
    rest = (text[: date.start] + text[date.end :]).strip(" \t|,-–·•")
    return len(rest.split()) <= 3


def is_article_byline(text: str) -> bool:
    return ARTICLE_BYLINE.match(text) is not None


def is_thread_marker(text: str) -> bool:
    """A line that separates an article from its comments or comments from each other (no one's voice)."""
    return bool(
        NAVIGATION.match(text) or THREAD_HEADING.match(text) or COMMENT_FORM.match(text) or is_article_byline(text)
    )
