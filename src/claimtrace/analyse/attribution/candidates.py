"""An attribution found in the text but not yet resolved, and span helpers shared by the finders."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.model import Span

# Which finder wins when two find the same content: a quote's own marks are surest.
KIND_PRIORITY = {"direct": 0, "according_to": 1, "reported": 2, "block": 3}
_EDGE_PUNCT = set(".,;:!?—–-\"'“”«»„‘’()[]")
_LEADING_WORDS = {"that", "and", "but", "or"}


@dataclass(slots=True)
class Candidate:
    """SOURCE + CUE + CONTENT as found; the source is still the words of the text."""

    parsed: ParsedSegment
    content: Span  # document offsets
    cue: Span  # document offsets
    cue_lemma: str
    kind: str  # "direct", "reported", "according_to" or "block"
    source: SpacySpan | None = None  # the words naming the source; None when left implicit
    source_head: Token | None = None
    unnamed: bool = False  # "it was reported that ...": no source in the text
    polarity: str = "positive"  # from the cue alone


def token_span(parsed: ParsedSegment, first: Token, last: Token) -> Span:
    """Document offsets of the tokens ``first`` .. ``last`` (inclusive)."""
    return parsed.offset + first.idx, parsed.offset + last.idx + len(last.text)


def trimmed_span(parsed: ParsedSegment, tokens: list[Token]) -> Span | None:
    """Document offsets of ``tokens`` without edge punctuation and a leading "that"/"and"."""
    start, end = 0, len(tokens)
    while start < end and (tokens[start].text in _EDGE_PUNCT or tokens[start].is_space
                           or tokens[start].lower_ in _LEADING_WORDS):
        start += 1
    while end > start and (tokens[end - 1].text in _EDGE_PUNCT or tokens[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return token_span(parsed, tokens[start], tokens[end - 1])


def in_paragraph(tokens: list[Token], anchor: Token) -> list[Token]:
    """The tokens on the same line (paragraph) as ``anchor``: the parser's sentences can run over."""
    text = anchor.doc.text
    start = text.rfind("\n", 0, anchor.idx) + 1
    end = text.find("\n", anchor.idx)
    end = len(text) if end < 0 else end
    return [t for t in tokens if start <= t.idx < end]


def subtree_tokens(token: Token) -> list[Token]:
    doc = token.doc
    return list(doc[token.left_edge.i:token.right_edge.i + 1])


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def same_content(a: Span, b: Span) -> bool:
    """True when the spans overlap by at least half of the longer one (the scorer's rule)."""
    longer = max(a[1] - a[0], b[1] - b[0])
    return longer > 0 and overlap(a, b) * 2 >= longer


def tokens_in(parsed: ParsedSegment, start: int, end: int) -> list[Token]:
    """Tokens of ``parsed`` that start inside the document offsets ``[start, end)``."""
    local_start, local_end = start - parsed.offset, end - parsed.offset
    return [t for t in parsed.doc if local_start <= t.idx < local_end and not t.is_space]
