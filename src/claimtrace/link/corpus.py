"""Relink the whole corpus: entities across documents, stories, contradictions."""

from __future__ import annotations

from dataclasses import dataclass

from claimtrace.link.contradictions import find_contradictions
from claimtrace.link.entities import resolve_entities
from claimtrace.link.stories import group_stories
from claimtrace.store import Store


@dataclass(frozen=True, slots=True)
class LinkReport:
    entities: int
    stories: int
    contradictions: int


def link_corpus(store: Store) -> LinkReport:
    """Recompute the cross-document layer from what the store holds and replace it."""
    entities = resolve_entities(store.mentions())
    claims = store.event_claims()
    documents = {row.id: row for row in store.documents()}
    stories = group_stories(claims, documents)
    contradictions = find_contradictions(stories, {claim.id: claim for claim in claims})
    store.replace_links(entities, stories, contradictions)
    return LinkReport(len(entities), len(stories), len(contradictions))
