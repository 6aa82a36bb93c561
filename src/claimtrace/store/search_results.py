"""What a search returns: hits with their snippets cut into plain and matched fragments.

The engine marks matched words in a snippet with two sentinel characters
(Unicode noncharacters, kept for a program's internal use); they are turned
into :class:`Fragment` values here, so a page escapes every fragment as text
and wraps the matched ones in its own tags: a document's text never reaches a
page as markup. A document that itself holds a sentinel can at worst shift
its own highlighting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimtrace.store.search import SearchRequest

OPEN = "\ufdd0"
CLOSE = "\ufdd1"
ELLIPSIS = "…"
_MARKED = re.compile(f"{OPEN}(.*?){CLOSE}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Fragment:
    """A stretch of a snippet or title; ``match``: it is a word the query matched."""

    text: str
    match: bool = False


@dataclass(frozen=True, slots=True)
class ClaimBrief:
    """What a claim hit shows of its claim, and the story that holds it (None when in no story)."""

    id: str
    type: str
    source: str
    polarity: str
    certainty: str
    time: str | None
    time_end: str | None
    story_id: str | None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A document or a claim that matches; ``match`` is where its first matched word is in the document text."""

    kind: str  # "document" or "claim"
    doc_id: str
    document: str  # the document's name
    title: tuple[Fragment, ...]  # empty when the document has no title
    published: str | None
    outlet: str | None
    snippet: tuple[Fragment, ...]
    rank: float | None  # bm25: lower is better; None when the search had only filters
    match: tuple[int, int] | None
    claim: ClaimBrief | None = None


@dataclass(frozen=True, slots=True)
class SearchResults:
    """One page of hits and how many there are in all, in how many documents."""

    request: SearchRequest
    hits: list[SearchHit]
    total: int
    documents: int

    @property
    def first(self) -> int:
        """The number of the first hit of the page, counting from 1 (0 when the page is empty)."""
        return self.request.offset + 1 if self.hits else 0

    @property
    def last(self) -> int:
        return self.request.offset + len(self.hits)

    @property
    def has_more(self) -> bool:
        return self.last < self.total

    def summary(self) -> str:
        """How many hits in how many documents, as "12 hits in 3 documents"."""
        return f"{_count(self.total, 'hit')} in {_count(self.documents, 'document')}"


def fragments(marked: str) -> tuple[Fragment, ...]:
    """A snippet marked with the sentinels, as fragments (stray sentinels dropped)."""
    found: list[Fragment] = []
    for i, part in enumerate(_MARKED.split(marked)):
        part = part.replace(OPEN, "").replace(CLOSE, "")
        if part:
            found.append(Fragment(part, match=i % 2 == 1))
    return tuple(found)


def plain_fragments(text: str | None) -> tuple[Fragment, ...]:
    return (Fragment(text),) if text else ()


def first_match(snippet: tuple[Fragment, ...]) -> tuple[str, int, int] | None:
    """(the snippet's text without its ellipses, where the first match starts in it, its length), or None."""
    plain = "".join(part.text for part in snippet)
    lead = len(ELLIPSIS) if plain.startswith(ELLIPSIS) else 0
    tail = len(ELLIPSIS) if plain.endswith(ELLIPSIS) and len(plain) > lead else 0
    position = 0
    for part in snippet:
        if part.match:
            return plain[lead: len(plain) - tail], position - lead, len(part.text)
        position += len(part.text)
    return None


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
