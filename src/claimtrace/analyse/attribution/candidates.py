"""An attribution found in the text but not yet resolved, and span helpers shared by the finders."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from claimtrace.analyse.nlp import doc_text
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.model import Span

# Which finder wins when two find the same content: a quote's own marks are surest.
KIND_PRIORITY = {"direct": 0, "according_to": 1, "reported": 2, "nominal": 3, "headline": 3, "block": 4}
_EDGE_PUNCT = set(".,;:!?—–-\"'“”«»„‘’()[]")
_LEADING_WORDS = {"that", "and", "but", "or"}
_STARTS_KEY = "claimtrace.attribution.token_starts"


@dataclass(slots=True)
class Candidate:
    """SOURCE + CUE + CONTENT as found; the source is still the words of the text."""

    parsed: ParsedSegment
    content: Span  # document offsets
    cue: Span  # document offsets
    cue_lemma: str
    kind: str  # a key of KIND_PRIORITY
    source: SpacySpan | None = None  # the words naming the source; None when left implicit
    source_head: Token | None = None
    unnamed: bool = False  # "it was reported that ...": no source in the text
    polarity: str = "positive"  # from the cue alone
    source_words: str | None = None  # the source as written when it is no single phrase ("guards or inmates")


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


def _token_starts(doc: Doc) -> list[int]:
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = doc.user_data[_STARTS_KEY] = doc.to_array("IDX").tolist()  # each token's idx, read in one go
    return starts


def in_paragraph(tokens: list[Token], anchor: Token) -> list[Token]:
    """The tokens on the same line (paragraph) as ``anchor``: the parser's sentences can run over."""
    text = doc_text(anchor.doc)
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


def tokens_in(parsed: ParsedSegment, start: int, end: int, at_most: int | None = None,
              from_end: bool = False) -> list[Token]:
    """Tokens of ``parsed`` that start inside the document offsets ``[start, end)``; with
    ``at_most``, only that many tokens from the start (or the end) of the range."""
    starts = _token_starts(parsed.doc)
    first = bisect_left(starts, start - parsed.offset)
    last = bisect_left(starts, end - parsed.offset)
    if at_most is not None and last - first > at_most:
        first, last = (last - at_most, last) if from_end else (first, first + at_most)
    return [t for t in parsed.doc[first:last] if not t.is_space] if last > first else []
