"""An Admiralty rating of a story (NATO AJP-2.1): source reliability A–F, information credibility 1–6.

The story's proposition is "it happened" when any voice asserts it, else "it
did not happen". Reliability is that of the most reliable voice presenting the
proposition, from the source registry (:mod:`claimtrace.link.registry`: the
analyst's file over defaults by kind of source). Credibility counts
*independent* sources (:mod:`claimtrace.link.independence`: copies and relays of
one source count once) for and against: three or more independent sources and
no denial confirm it (1), two make it probable (2), one possible (3); a denial
makes it doubtful (4), or improbable (5) when the deniers are more reliable and
at least as many; a story told only as a possibility drops one step. Every
rating comes with its reasons in words, because an analyst must be able to
disagree with it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from claimtrace.link.independence import Provenance, SourceGroup, independent_sources
from claimtrace.link.registry import SourceAssessment, SourceDocument, SourceRegistry
from claimtrace.link.voices import Voice, source_phrase, voices_of
from claimtrace.model import EventClaim, Story
from claimtrace.ontology.sources import RELIABILITY_WORDS
from claimtrace.store import Store

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


@dataclass(slots=True)
class RatingContext:
    """Everything a rating looks up besides the claims: registry, documents, comments, provenance."""

    registry: SourceRegistry = field(default_factory=SourceRegistry)
    documents: Mapping[str, SourceDocument] = field(default_factory=dict)
    comment_segments: Collection[str] = ()
    provenance: Provenance = field(default_factory=Provenance)

    @classmethod
    def from_store(cls, store: Store, claims: Sequence[EventClaim],
                   registry: SourceRegistry | None = None) -> RatingContext:
        """The context for rating stories made of these claims, read from the store."""
        doc_ids = {claim.doc_id for claim in claims}
        documents = store.document_briefs(doc_ids)
        provenance = Provenance(outlets={doc_id: brief.outlet for doc_id, brief in documents.items()},
                                shared_passages=store.shared_passages(doc_ids),
                                evidence=store.evidence_texts([claim.id for claim in claims]))
        return cls(registry or SourceRegistry.load(db_path=store.path), documents,
                   store.comment_segment_ids(doc_ids), provenance)


@dataclass(frozen=True, slots=True)
class _Side:
    """The voices presenting the proposition, or rejecting it, grouped into independent sources."""

    voices: list[Voice]
    groups: list[SourceGroup]
    best: tuple[SourceAssessment, Voice] | None

    @classmethod
    def of(cls, voices: list[Voice], context: RatingContext) -> _Side:
        groups = independent_sources(voices, context.provenance)
        rated = [(_assess(voice, context), voice) for voice in voices]
        best = min(rated, key=lambda item: (item[0].reliability, item[1].identity), default=None)
        return cls(voices, groups, best)

    @property
    def independent(self) -> int:
        return len(self.groups)

    @property
    def documents(self) -> int:
        return len({claim.doc_id for voice in self.voices for claim in voice.claims})

    @property
    def only_possible(self) -> bool:
        return all(claim.certainty == "possible" for voice in self.voices for claim in voice.claims
                   if claim.polarity == voice.stance)


def _assess(voice: Voice, context: RatingContext) -> SourceAssessment:
    assessments = [context.registry.assess(claim, context.documents.get(claim.doc_id), context.comment_segments)
                   for claim in voice.claims]
    return min(assessments, key=lambda a: a.reliability)


def rate_story(story: Story, claims_by_id: Mapping[str, EventClaim], context: RatingContext | None = None) -> Rating:
    """Rate a story's proposition from its voices' reliability, independent corroboration and denials."""
    missing = [claim_id for claim_id in story.claim_ids if claim_id not in claims_by_id]
    if missing or not story.claim_ids:
        raise ValueError(f"story {story.id!r} ({story.label}) lists claims {missing} that are not in "
                         "claims_by_id (or none at all); pass every claim of the story")
    context = context or RatingContext()
    voices = voices_of([claims_by_id[claim_id] for claim_id in story.claim_ids])
    proposition = "positive" if any(voice.stance == "positive" for voice in voices) else "negative"
    support = _Side.of([v for v in voices if v.stance == proposition], context)
    denial = _Side.of([v for v in voices if v.stance != proposition], context)
    assert support.best is not None  # the proposition is chosen so that someone presents it
    reliability = support.best[0].reliability
    credibility = _credibility(support, denial)
    stance = "it happened" if proposition == "positive" else "it did not happen"
    verbs = ("asserted", "denied") if proposition == "positive" else ("denied", "asserted")
    words = [f"{reliability}{credibility} ({RELIABILITY_WORDS[reliability]}, {CREDIBILITY_WORDS[credibility]}) "
             f"for '{stance}'",
             f"most reliable source: {_describe(support.best, context)}",
             _count_sources(support, verbs[0])]
    if support.only_possible:
        words.append("only as a possibility")
    if denial.best is None:
        words.append("nobody contradicts it")
    else:
        words.append(f"{_count_sources(denial, verbs[1])}, the most reliable {_describe(denial.best, context)}")
    return Rating(reliability, credibility, "; ".join(words) + ".")


def _credibility(support: _Side, denial: _Side) -> int:
    if denial.best is None:
        credibility = 1 if support.independent >= 3 else 2 if support.independent == 2 else 3
    else:
        assert support.best is not None
        best_support, best_denial = support.best[0].reliability, denial.best[0].reliability
        if best_denial < best_support and denial.independent >= support.independent:
            credibility = 5  # denied by more, and more reliable, sources
        elif support.independent > denial.independent and best_support <= best_denial:
            credibility = 3
        else:
            credibility = 4
    if support.only_possible:
        credibility = min(credibility + 1, 5)
    if support.best is not None and support.best[0].reliability == "F" and support.independent == 1 \
            and denial.best is None:
        credibility = 6  # one source nothing is known of, and nothing to weigh it against
    return credibility


def _describe(rated: tuple[SourceAssessment, Voice], context: RatingContext) -> str:
    assessment, voice = rated
    name = source_phrase(voice.representative, context.documents)  # type: ignore[arg-type]
    return f"{name} ({assessment.kind}, {assessment.reliability} {assessment.basis})"


def _count_sources(side: _Side, verb: str) -> str:
    voices, independent = len(side.voices), side.independent
    reasons = [reason for group in side.groups for reason in group.reasons]
    if voices == 1:
        text = f"{verb} by 1 source"
    elif independent == voices:
        text = f"{verb} by {voices} independent sources"
    elif independent == 1:
        text = f"{verb} by {voices} sources that repeat one another"
    else:
        text = f"{verb} by {voices} sources, {independent} of them independent"
    text += f" in {_plural(side.documents, 'document')}"
    return text + (f" ({'; '.join(reasons)})" if reasons else "")


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def rate_stories(stories: Sequence[Story], claims_by_id: Mapping[str, EventClaim],
                 context: RatingContext | None = None) -> dict[str, Rating]:
    """story id -> rating, for many stories with one context."""
    context = context or RatingContext()
    return {story.id: rate_story(story, claims_by_id, context) for story in stories}
