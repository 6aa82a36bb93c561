"""Contradictions and tensions between the claims of one story.

A *contradiction* is a pair of claims with opposite polarity from different
sources: one says the event happened, the other that it did not. A *tension*
is a weaker disagreement: the same source both asserting and denying, or two
claims of the same polarity that differ in certainty (certain against
possible), date, amount or route. Each pair is reported once, with
``claim_a < claim_b`` and a one-sentence explanation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Protocol

from claimtrace.link.claim_fit import normalise_name, times_compatible
from claimtrace.link.stories import plain_label
from claimtrace.model import AUTHOR, Contradiction, EventClaim, Story

CONTRADICTION = "contradiction"
TENSION = "tension"

# Certainties far enough apart to pull two reports of the same event apart.
DISTANT_CERTAINTIES = frozenset({frozenset({"certain", "possible"})})
# Arguments whose values must agree when two claims describe one event, with the word for them.
DETAIL_ROLES = {"amount": "amount", "via": "route"}


class NamedDocument(Protocol):
    """What explanations need of a document: its name."""

    @property
    def name(self) -> str: ...


def source_identity(claim: EventClaim) -> str:
    """Who stands behind a claim: each document's author is a source of its own."""
    if claim.source == AUTHOR or claim.source_type == "author":
        return f"author:{claim.doc_id}"
    return f"source:{normalise_name(claim.source)}"


def source_phrase(claim: EventClaim, documents: Mapping[str, NamedDocument] | None = None) -> str:
    """The source as a reader would name it in a sentence."""
    if claim.source == AUTHOR or claim.source_type == "author":
        document = (documents or {}).get(claim.doc_id)
        return f"the author of {document.name if document else 'document ' + claim.doc_id}"
    return claim.source


def find_contradictions(stories: Sequence[Story], claims_by_id: Mapping[str, EventClaim],
                        documents: Mapping[str, NamedDocument] | None = None) -> list[Contradiction]:
    """Every contradiction and tension inside each story, ordered by story, claim_a, claim_b.

    ``documents`` (document id -> anything with a ``name``) only makes the
    explanations name the document whose author speaks.
    """
    found: list[Contradiction] = []
    for story in sorted(stories, key=lambda s: s.id):
        claims = [_lookup(claims_by_id, claim_id, story) for claim_id in sorted(set(story.claim_ids))]
        for a, b in combinations(claims, 2):
            judged = judge_pair(story, a, b, documents)
            if judged is not None:
                found.append(judged)
    return found


def judge_pair(story: Story, a: EventClaim, b: EventClaim,
               documents: Mapping[str, NamedDocument] | None = None) -> Contradiction | None:
    """The contradiction or tension between two claims of a story, or None when they agree."""
    if b.id < a.id:
        a, b = b, a
    name_a, name_b = source_phrase(a, documents), source_phrase(b, documents)
    event = plain_label(story.label)
    same_source = source_identity(a) == source_identity(b)
    if a.polarity != b.polarity:
        asserting, denying = (name_a, name_b) if a.polarity == "positive" else (name_b, name_a)
        if same_source:
            return Contradiction(story.id, a.id, b.id, TENSION,
                                 f"According to {asserting} it happened, and also that it did not ({event}).")
        return Contradiction(story.id, a.id, b.id, CONTRADICTION,
                             f"According to {asserting} it happened, but according to {denying} it did not "
                             f"({event}).")
    differences = _differences(a, b, name_a, name_b)
    if not differences:
        return None
    stance = "it happened" if a.polarity == "positive" else "it did not happen"
    if same_source:
        agreement = f"According to {name_a} {stance}, in two claims that differ on"
    else:
        agreement = f"According to both {name_a} and {name_b} {stance}, but they differ on"
    return Contradiction(story.id, a.id, b.id, TENSION, f"{agreement} {'; '.join(differences)} ({event}).")


def _differences(a: EventClaim, b: EventClaim, name_a: str, name_b: str) -> list[str]:
    differences = []
    if frozenset({a.certainty, b.certainty}) in DISTANT_CERTAINTIES:
        differences.append(f"certainty ({name_a}: {a.certainty}, {name_b}: {b.certainty})")
    if not times_compatible(a.time, b.time):
        differences.append(f"date ({name_a}: {a.time}, {name_b}: {b.time})")
    for role, word in DETAIL_ROLES.items():
        value_a, value_b = a.arguments.get(role), b.arguments.get(role)
        if value_a and value_b and normalise_name(value_a) != normalise_name(value_b):
            differences.append(f"{word} ({name_a}: {value_a}, {name_b}: {value_b})")
    return differences


def _lookup(claims_by_id: Mapping[str, EventClaim], claim_id: str, story: Story) -> EventClaim:
    if claim_id not in claims_by_id:
        raise ValueError(f"story {story.id!r} ({story.label}) lists claim {claim_id!r}, which is not in "
                         "claims_by_id; pass every claim of the stories")
    return claims_by_id[claim_id]
