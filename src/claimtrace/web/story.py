"""The story page: the event in one line, its voices side by side, contradictions, the rating and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from claimtrace.export.claimreview import SCHEMA_ORG, claim_review, today
from claimtrace.export.rated_stories import RatedStory
from claimtrace.link.confidence import Rating, RatingContext, rate_story
from claimtrace.link.independence import independent_sources
from claimtrace.link.registry import SourceAssessment
from claimtrace.link.voices import Voice, source_phrase, voices_of
from claimtrace.model import Document, EventClaim, Story
from claimtrace.store import web_queries
from claimtrace.web.pages import Page, Site, respond, site_of

router = APIRouter()


@dataclass(frozen=True, slots=True)
class ClaimView:
    """One claim as the story page shows it: what, how firmly, when, in which words, where."""

    claim: EventClaim
    cue: str | None
    evidence: str
    document: str
    assessment: SourceAssessment


@dataclass(frozen=True, slots=True)
class VoiceView:
    """One source of the story and its claims."""

    name: str
    stance: str  # "asserts" or "denies"
    mixed: bool
    claims: list[ClaimView]


def rating_of(story: Story, claims: Mapping[str, EventClaim], context: RatingContext) -> Rating | None:
    """The story's rating, or None while some of its claims are gone (re-ingested, not yet relinked)."""
    if not story.claim_ids or any(claim_id not in claims for claim_id in story.claim_ids):
        return None
    return rate_story(story, claims, context)


@router.get("/story/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    return respond(request, story_content(site_of(request), story_id))


def story_content(site: Site, story_id: str) -> Page:
    """The story page, or a not-found page when there is no such story."""
    with site.store() as store:
        story = store.story(story_id)
        if story is None:
            return site.not_found(f"no story {story_id!r} in this knowledge base")
        claims = {claim.id: claim for claim in store.event_claims_by_id(story.claim_ids)}
        members = [claims[i] for i in story.claim_ids if i in claims]
        context = RatingContext.from_store(store, members, site.registry)
        documents = {doc_id: store.load_document(doc_id) for doc_id in {c.doc_id for c in members}}
        contradictions = web_queries.contradictions_of_story(store, story.id)
    voices = voices_of(members)
    cues = {a.id: a.cue for document in documents.values() for a in document.attributions}
    views = [_voice_view(voice, documents, cues, context) for voice in voices]
    groups = independent_sources(voices, context.provenance)
    sources = [(", ".join(source_phrase(v.representative, documents) for v in group.voices), group.reasons)
               for group in groups]
    phrases = {claim.id: source_phrase(claim, documents) for claim in members}
    rating = rating_of(story, claims, context)
    review = claim_review(RatedStory(story, members, rating), documents, today())  # JSON-LD for search engines
    return Page("story.html", story.label, dict(
        story=story, rating=rating, asserting=[v for v in views if v.stance == "asserts"],
        denying=[v for v in views if v.stance == "denies"], contradictions=contradictions, claims=claims,
        phrases=phrases, sources=sources, claim_review={"@context": SCHEMA_ORG, **review} if review else None))


def _voice_view(voice: Voice, documents: Mapping[str, Document], cues: Mapping[str, str],
                context: RatingContext) -> VoiceView:
    views = []
    for claim in voice.claims:
        document = documents[claim.doc_id]
        start, end = claim.evidence
        views.append(ClaimView(claim, cues.get(claim.attribution_id or ""), document.text[start:end], document.name,
                               context.registry.assess(claim, context.documents.get(claim.doc_id),
                                                       context.comment_segments)))
    return VoiceView(source_phrase(voice.representative, documents),
                     "asserts" if voice.stance == "positive" else "denies", voice.mixed, views)
