"""Quoted stretches of text, found from the raw quotation marks.

Works on the document text itself (not the parser's normalised copy) so that
the shape of a mark can help tell an opening mark from a closing one. Every
quotation style is handled: "…", “…”, «…», „…“, »…«, ‘…’ and '…' (single marks
only where they cannot be apostrophes). The context of a mark decides first —
a mark after a space and before a word opens, a mark after a word and before
a space or punctuation closes — so that mismatched marks ("«…«") still pair.

A paragraph that opens a quote and does not close it quotes to its end; when
the next paragraph opens with a quotation mark, that quote *continues* the
previous one (the usual convention for quotations over several paragraphs).
An unbalanced mark never swallows more than the rest of its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_MARKS = '"“”„‟«»'
SINGLE_MARKS = "'‘’‚‛‹›"
# Shapes that only ever open or only ever close; “ « » ‹ › close in some styles and open in others.
ONLY_OPENING = "„‚‟‛"
ONLY_CLOSING = "”’"
_OPEN_BEFORE = set(" \t([{—–-/:;") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)
_CLOSE_AFTER = set(" \t)]}.,;:!?—–-…") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(slots=True)
class Quote:
    """The inside of one pair of quotation marks (offsets exclude the marks)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # None when the paragraph ends before the quote closes
    paragraph: int  # index of the paragraph the quote is in
    depth: int = 0  # 0 for an outermost quote, 1 for a quote inside a quote, ...
    continues: bool = False  # opens a paragraph that continues the previous paragraph's quote
    single: bool = False  # delimited by single marks

    @property
    def closed(self) -> bool:
        return self.close_mark is not None


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    index: int


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Paragraph]:
    """The lines of ``text[start:end]`` that hold something besides spaces, as document offsets."""
    end = len(text) if end is None else end
    found: list[Paragraph] = []
    for match in _PARAGRAPH.finditer(text, start, end):
        if match.group().strip():
            found.append(Paragraph(match.start(), match.end(), len(found)))
    return found


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """Every quote in ``text[start:end]``, in order of their opening marks."""
    quotes: list[Quote] = []
    previous_open = False
    for paragraph in paragraphs(text, start, end):
        found = _double_quotes(text, paragraph)
        found += _single_quotes(text, paragraph, found)
        found.sort(key=lambda q: q.open_mark)
        lead = _first_visible(text, paragraph)
        for quote in found:
            if previous_open and quote.depth == 0 and quote.open_mark == lead:
                quote.continues = True
        previous_open = any(q.depth == 0 and not q.closed for q in found)
        quotes.extend(found)
    return quotes


def _first_visible(text: str, paragraph: Paragraph) -> int:
    position = paragraph.start
    while position < paragraph.end and text[position].isspace():
        position += 1
    return position


def _role(text: str, position: int, paragraph: Paragraph) -> str:
    """'open', 'close' or 'either' for the mark at ``position``, from its context and shape."""
    before = text[position - 1] if position > paragraph.start else " "
    after = text[position + 1] if position + 1 < paragraph.end else " "
    opens = before in _OPEN_BEFORE or before.isspace()
    closes = after in _CLOSE_AFTER or after.isspace()
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    mark = text[position]
    if mark in ONLY_OPENING:
        return "open"
    if mark in ONLY_CLOSING:
        return "close"
    return "either"


def _double_quotes(text: str, paragraph: Paragraph) -> list[Quote]:
    stack: list[int] = []
    quotes: list[Quote] = []
    for position in range(paragraph.start, paragraph.end):
        if text[position] not in DOUBLE_MARKS:
            continue
        role = _role(text, position, paragraph)
        if role == "either":
            role = "close" if stack and _same_family(text[stack[-1]], text[position]) else "open"
        if role == "open":
            stack.append(position)
        elif stack:  # a closing mark with nothing open is ignored
            opened = stack.pop()
            quotes.append(Quote(opened + 1, position, opened, position, paragraph.index, depth=len(stack)))
    if stack:  # unclosed: the outermost open quote runs to the end of the paragraph
        opened = stack[0]
        end = paragraph.end
        while end > opened + 1 and text[end - 1].isspace():
            end -= 1
        quotes.append(Quote(opened + 1, end, opened, None, paragraph.index, depth=0))
    return quotes


def _same_family(opening: str, closing: str) -> bool:
    if opening == '"' or closing == '"':
        return opening == closing
    return True


def _single_quotes(text: str, paragraph: Paragraph, doubles: list[Quote]) -> list[Quote]:
    """Pairs of single marks that cannot be apostrophes: 'x' after a space, before a space."""
    quotes: list[Quote] = []
    position = paragraph.start
    while position < paragraph.end:
        mark = text[position]
        if mark in SINGLE_MARKS and _single_opens(text, position, paragraph):
            close = _single_close(text, position, paragraph)
            if close is not None:
                depth = sum(1 for q in doubles if q.start <= position < q.end)
                quotes.append(Quote(position + 1, close, position, close, paragraph.index, depth=depth, single=True))
                position = close
        position += 1
    return quotes


def _single_opens(text: str, position: int, paragraph: Paragraph) -> bool:
    before = text[position - 1] if position > paragraph.start else " "
    after = text[position + 1] if position + 1 < paragraph.end else " "
    return (before.isspace() or before in _OPEN_BEFORE) and (after.isalnum() or after in "…[(")


def _single_close(text: str, opened: int, paragraph: Paragraph) -> int | None:
    """The mark that closes the single quote opened at ``opened``, if any.

    A mark after a plural and before a lower-case word ("the protesters' demands")
    is taken as an apostrophe unless no better closing mark comes before the next
    opening one.
    """
    possessive = None
    for position in range(opened + 2, paragraph.end):
        if text[position] not in SINGLE_MARKS:
            continue
        if _single_opens(text, position, paragraph):
            break
        before = text[position - 1]
        after = text[position + 1] if position + 1 < paragraph.end else " "
        if before.isspace():
            continue
        if after.isspace() or (after in _CLOSE_AFTER and after not in SINGLE_MARKS):
            if before == "s" and after.isspace() and _looks_possessive(text, position, paragraph):
                possessive = possessive if possessive is not None else position
                continue
            return position
    return possessive


def _looks_possessive(text: str, position: int, paragraph: Paragraph) -> bool:
    """"the protesters' demands": an apostrophe after a plural, followed by a lower-case word."""
    rest = text[position + 1:paragraph.end].lstrip()
    return bool(rest) and rest[0].islower()
