"""Every story with its claims and Admiralty rating, read once for the exports that publish ratings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from claimtrace.link.confidence import Rating, RatingContext, rate_story
from claimtrace.link.registry import SourceRegistry
from claimtrace.link.voices import voices_of
from claimtrace.model import EventClaim, Story
from claimtrace.store import Store


@dataclass(frozen=True, slots=True)
class RatedStory:
    """A story, its claims in the story's order, and its rating (None while claims are missing)."""

    story: Story
    claims: list[EventClaim]
    rating: Rating | None

    @property
    def asserted(self) -> bool:
        """Whether the rated proposition is "it happened" (someone asserts it), not "it did not happen"."""
        return any(voice.stance == "positive" for voice in voices_of(self.claims))


@dataclass(frozen=True, slots=True)
class RatedStories:
    """The rated stories and what rating them looked up (documents, registry), for the exporters to reuse."""

    stories: list[RatedStory]
    context: RatingContext

    def of_claim(self) -> dict[str, RatedStory]:
        """claim id -> the rated story that holds it."""
        return {claim.id: rated for rated in self.stories for claim in rated.claims}


def rated_stories(store: Store, registry: SourceRegistry | None = None) -> RatedStories:
    """Every story of the store with its claims and rating, in the store's story order."""
    claims = {claim.id: claim for claim in store.event_claims()}
    context = RatingContext.from_store(store, list(claims.values()), registry)
    rated = [RatedStory(story, [claims[i] for i in story.claim_ids if i in claims], _rating(story, claims, context))
             for story in store.stories()]
    return RatedStories(rated, context)


def _rating(story: Story, claims: Mapping[str, EventClaim], context: RatingContext) -> Rating | None:
    """A story whose claims were re-ingested and not yet relinked cannot be rated until the next link."""
    if not story.claim_ids or any(claim_id not in claims for claim_id in story.claim_ids):
        return None
    return rate_story(story, claims, context)
