"""A first Admiralty-style rating of a story: source reliability A–F, information credibility 1–6.

Reliability is that of the best source presenting the story's proposition
("it happened", or "it did not happen" when nobody asserts it), from defaults
by kind of source, since claimtrace cannot yet know a source's track record
(issue 5 adds a registry that analysts edit). Credibility comes from
independent corroboration and denial. Both come with an explanation in words,
because an analyst must be able to disagree with it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from claimtrace.link.contradictions import NamedDocument, source_identity, source_phrase
from claimtrace.model import AUTHOR, EventClaim, Story

# Default reliability by the kind of source, and why.
RELIABILITY_BY_SOURCE_TYPE: dict[str, tuple[str, str]] = {
    "government": ("B", "an official statement"),
    "organization": ("C", "an organisation on record"),
    "media": ("C", "a media outlet"),
    "person": ("C", "a person named on record"),
    "author": ("D", "an author's own statement"),
    "unnamed": ("E", "an unnamed source"),
}
# Media sources named by these words are not established outlets.
INFORMAL_MEDIA_WORDS = ("social network", "social media", "website", "blog", "forum", "telegram", "channel")
INFORMAL_MEDIA = ("D", "websites, blogs or social networks")
READER_COMMENT = ("E", "a reader's comment")
UNKNOWN_SOURCE = ("F", "a source of unknown kind")

RELIABILITY_WORDS = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                     "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}
CREDIBILITY_WORDS = {1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful",
                     5: "improbable", 6: "truth cannot be judged"}


@dataclass(frozen=True, slots=True)
class Rating:
    """An Admiralty rating with the reasons for it."""

    reliability: str  # A (completely reliable) .. F (cannot be judged)
    credibility: int  # 1 (confirmed) .. 6 (cannot be judged)
    explanation: str

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"


def source_reliability(claim: EventClaim, comment_segments: Collection[str] = ()) -> tuple[str, str]:
    """The default reliability letter of a claim's source, and the kind of source it reflects."""
    if claim.segment_id is not None and claim.segment_id in comment_segments:
        return READER_COMMENT
    kind = "author" if claim.source == AUTHOR else claim.source_type
    if kind == "media" and any(word in claim.source.casefold() for word in INFORMAL_MEDIA_WORDS):
        return INFORMAL_MEDIA
    return RELIABILITY_BY_SOURCE_TYPE.get(kind, UNKNOWN_SOURCE)


@dataclass(frozen=True, slots=True)
class _Side:
    """The claims on one side of a story: those presenting the proposition, or those rejecting it."""

    claims: list[EventClaim]
    comment_segments: Collection[str]

    @property
    def sources(self) -> int:
        return len({source_identity(claim) for claim in self.claims})

    @property
    def documents(self) -> int:
        return len({claim.doc_id for claim in self.claims})

    def best(self) -> tuple[str, str, EventClaim] | None:
        rated = [(*source_reliability(claim, self.comment_segments), claim) for claim in self.claims]
        return min(rated, key=lambda item: (item[0], item[2].id), default=None)


def rate_story(story: Story, claims_by_id: Mapping[str, EventClaim], *,
               comment_segments: Collection[str] = (),
               documents: Mapping[str, NamedDocument] | None = None) -> Rating:
    """Rate a story's proposition from its claims' sources, corroboration and denials.

    ``comment_segments`` holds the ids of reader-comment segments (their
    authors rate E); ``documents`` only names documents in the explanation.
    """
    missing = [claim_id for claim_id in story.claim_ids if claim_id not in claims_by_id]
    if missing or not story.claim_ids:
        raise ValueError(f"story {story.id!r} ({story.label}) lists claims {missing} that are not in "
                         "claims_by_id (or none at all); pass every claim of the story")
    claims = [claims_by_id[claim_id] for claim_id in story.claim_ids]
    proposition = "positive" if any(claim.polarity == "positive" for claim in claims) else "negative"
    support = _Side([c for c in claims if c.polarity == proposition], comment_segments)
    denial = _Side([c for c in claims if c.polarity != proposition], comment_segments)
    best_support, best_denial = support.best(), denial.best()
    assert best_support is not None  # the proposition is chosen so that someone presents it
    credibility = _credibility(support, denial, best_support[0], best_denial[0] if best_denial else None)
    reliability = best_support[0]
    stance = "it happened" if proposition == "positive" else "it did not happen"
    words = [(f"{reliability}{credibility} ({RELIABILITY_WORDS[reliability]}, {CREDIBILITY_WORDS[credibility]}) "
              f"for '{stance}'"),
             f"best source: {_describe(best_support, documents)}",
             f"{_count(support.sources, 'independent source')} in {_count(support.documents, 'document')}"]
    if all(claim.certainty == "possible" for claim in support.claims):
        words.append("only as a possibility")
    if best_denial is None:
        words.append("nobody contradicts it")
    else:
        words.append(f"contradicted by {_count(denial.sources, 'source')}, the most reliable "
                     f"{_describe(best_denial, documents)}")
    return Rating(reliability, credibility, "; ".join(words) + ".")


def _credibility(support: _Side, denial: _Side, best_support: str, best_denial: str | None) -> int:
    if best_denial is None:
        if support.sources >= 3 and support.documents >= 2:
            credibility = 1
        elif support.sources >= 2 and support.documents >= 2:
            credibility = 2
        else:
            credibility = 3
    elif best_denial < best_support and denial.sources >= support.sources:
        credibility = 5  # denied by more, and more reliable, sources
    elif support.sources > denial.sources and best_support <= best_denial:
        credibility = 3
    else:
        credibility = 4
    if all(claim.certainty == "possible" for claim in support.claims):
        credibility = min(credibility + 1, 5)
    return credibility


def _describe(rated: tuple[str, str, EventClaim], documents: Mapping[str, NamedDocument] | None) -> str:
    letter, kind, claim = rated
    return f"{source_phrase(claim, documents)} ({kind}, {letter} by default)"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
