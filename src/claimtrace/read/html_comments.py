"""Reader comments of an HTML page, with author and date, from the markup comment systems share.

Blog and news platforms mark a comment up as a container holding an author
element (class "comment-author", "fn", "author", "username") and a body
element (class "comment-content", "comment-text", "comment-body"), often with a
<time datetime> or a "comment-date"/"comment-metadata" element; TypePad puts
"Posted by: NAME | DATE" in a "comment-footer". Comments are written into the
document text as body, blank line, "Posted by: NAME | DATE", the layout that
`claimtrace.segment.comments` splits on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from claimtrace.read.dates import find_dates
from claimtrace.read.html_blocks import html_blocks, inline_text, join_blocks

COMMENTS_HEADING = "Comments"

_BODY_CLASS = re.compile(r"^(?:comment|reply)[-_]?(?:content|text|body|entry|message)(?:[-_]?inner)?$", re.IGNORECASE)
_AUTHOR_CLASS = re.compile(
    r"^(?:comment[-_]?author(?:[-_]?name)?|fn|author(?:[-_]?name)?|user[-_]?name|commenter(?:[-_]?name)?)$",
    re.IGNORECASE,
)
_DATE_CLASS = re.compile(
    r"^(?:comment[-_]?(?:date|time|metadata|meta|timestamp)|date|timestamp|published)$", re.IGNORECASE
)
_FOOTER_CLASS = re.compile(r"^comment[-_]?footer(?:[-_]?inner)?$", re.IGNORECASE)
_FOOTER_TEXT = re.compile(r"^\s*Posted\s+by:?\s*(?P<author>[^|]+?)\s*(?:\|\s*(?P<when>[^|]+?))?\s*(?:\|.*)?$")
_SAYS = re.compile(r"\s*(?:says|said|wrote)\s*:?\s*$", re.IGNORECASE)
MAX_CLIMB = 5  # levels from a comment body up to the element that also holds its author


@dataclass(slots=True)
class HtmlComment:
    """One reader comment as the page shows it."""

    author: str
    body: str
    when: str | None = None  # the date as written (or the <time datetime> value)


@dataclass(slots=True)
class _Page:
    bodies: set[etree._Element]
    order: dict[etree._Element, int]  # document order of every element


def _classes(element: etree._Element) -> list[str]:
    return (element.get("class") or "").split()


def _has_class(element: etree._Element, pattern: re.Pattern[str]) -> bool:
    return any(pattern.match(name) for name in _classes(element))


def _comment_bodies(root: etree._Element) -> list[etree._Element]:
    candidates = [el for el in root.iter() if isinstance(el.tag, str) and _has_class(el, _BODY_CLASS)]
    inner = set(candidates)
    # a "comment-body" that wraps author, date and a "comment-content" is a container, not the body
    return [el for el in candidates if not any(d in inner for d in el.iterdescendants())]


def _outside(element: etree._Element, bodies: set[etree._Element]) -> bool:
    return not any(ancestor in bodies for ancestor in element.iterancestors())


def _nearest(
    elements: list[etree._Element], body: etree._Element, order: dict[etree._Element, int]
) -> etree._Element | None:
    """The last of `elements` before `body` in document order, else the first after it (footers)."""
    before = [el for el in elements if order[el] < order[body]]
    after = [el for el in elements if order[el] > order[body]]
    return before[-1] if before else (after[0] if after else None)


def _author_and_date(container: etree._Element, body: etree._Element, page: _Page) -> tuple[str, str | None] | None:
    bodies, order = page.bodies, page.order
    footers = [el for el in container.iter() if isinstance(el.tag, str) and _has_class(el, _FOOTER_CLASS)]
    footer = _nearest([f for f in footers if _outside(f, bodies) and f is not body], body, order)
    if footer is not None:
        match = _FOOTER_TEXT.match(inline_text(footer).replace("\n", " "))
        if match:
            return match["author"], match["when"]
    authors = [
        el for el in container.iter()
        if isinstance(el.tag, str) and (_has_class(el, _AUTHOR_CLASS) or el.get("itemprop") == "author")
        and _outside(el, bodies) and el is not body
    ]  # fmt: skip
    author_element = _nearest(authors, body, order)
    if author_element is None:
        return None
    author = _SAYS.sub("", inline_text(author_element).replace("\n", " ")).strip()
    return (author, _date_in(container, body, page)) if author else None


def _date_in(container: etree._Element, body: etree._Element, page: _Page) -> str | None:
    times = [el for el in container.iter("time") if _outside(el, page.bodies)]
    time_element = _nearest(times, body, page.order)
    if time_element is not None:
        shown = inline_text(time_element)
        return shown if next(find_dates(shown), None) else time_element.get("datetime") or shown or None
    dated = [
        el for el in container.iter()
        if isinstance(el.tag, str) and _has_class(el, _DATE_CLASS) and _outside(el, page.bodies)
    ]  # fmt: skip
    date_element = _nearest(dated, body, page.order)
    if date_element is None:
        return None
    return inline_text(date_element).replace("\n", " ") or None


def find_comments(root: etree._Element) -> list[HtmlComment]:
    """The reader comments marked up in the page `root`, in page order; [] when there are none."""
    bodies = _comment_bodies(root)
    page = _Page(set(bodies), {el: i for i, el in enumerate(root.iter())})
    comments = []
    for body in bodies:
        container, found = body, None
        for _ in range(MAX_CLIMB):
            container = container.getparent()
            # stop before a container shared with another comment: its author is not this one's
            if container is None or any(
                other in page.bodies for other in container.iterdescendants() if other is not body
            ):
                break
            found = _author_and_date(container, body, page)
            if found:
                break
        text = join_blocks(html_blocks(body))
        if found and text:
            comments.append(HtmlComment(author=found[0], body=text, when=found[1]))
    return comments


def render_comments(comments: list[HtmlComment]) -> str:
    """The comments as document text: a heading, then per comment its body and a "Posted by:" line."""
    parts = [COMMENTS_HEADING]
    for comment in comments:
        footer = f"Posted by: {comment.author}" + (f" | {comment.when}" if comment.when else "")
        parts.extend([comment.body, footer])
    return "\n\n".join(parts)
