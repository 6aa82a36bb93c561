"""Linking a few new documents into the stories the store already holds.

Persisted stories are the state. A new document's claims look up their
candidates in the store's link index (:mod:`claimtrace.link.candidates`), and
greedy placement is replayed from them only as far as its choices change
(:class:`_Replay`), so the result is exactly the stories a full relink gives,
while the rest of the corpus is never read. A document ingested again first
takes its old claims out of their stories.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from claimtrace.link.candidates import emitted_keys, lookup_keys
from claimtrace.link.claim_fit import ClaimProfile, Similarity, claim_fit
from claimtrace.link.contradictions import story_contradictions
from claimtrace.link.embeddings import SentenceSimilarity
from claimtrace.link.stories import best_group, group_stories, make_story, placement_order
from claimtrace.model import Contradiction, EventClaim, Story, make_id
from claimtrace.store import Store
from claimtrace.store.link_index import DOCUMENT_KEY, DocumentBrief


@dataclass(frozen=True, slots=True)
class StoryUpdate:
    """What one linking step changed: stories removed and written, and their contradictions."""

    removed: int
    written: list[Story]
    contradictions: list[Contradiction]
    claims_read: int  # claims loaded from the store to decide (the cost of the step)


def link_keys(profile: ClaimProfile) -> list[str]:
    """Everything a claim is filed under in the store: its blocking keys and its document."""
    return [*emitted_keys(profile), DOCUMENT_KEY.format(doc_id=profile.claim.doc_id)]


def relink_stories(store: Store, similarity: SentenceSimilarity | None = None) -> StoryUpdate:
    """Group every claim of the store again and replace all stories, contradictions and link keys."""
    claims = store.event_claims()
    documents = store.document_briefs({claim.doc_id for claim in claims})
    if similarity is not None:
        similarity.prepare(store.evidence_texts([claim.id for claim in claims]))
    stories = group_stories(claims, documents, similarity)
    claims_by_id = {claim.id: claim for claim in claims}
    contradictions = [found for story in stories
                      for found in story_contradictions(story, [claims_by_id[i] for i in story.claim_ids], documents)]
    keys = {claim.id: link_keys(ClaimProfile.of(claim, documents.get(claim.doc_id))) for claim in claims}
    removed = len(store.stories())
    store.replace_story_layer(stories, contradictions, keys)
    return StoryUpdate(removed, stories, contradictions, len(claims))


def link_new_documents(store: Store, doc_ids: Collection[str],
                       similarity: SentenceSimilarity | None = None) -> StoryUpdate:
    """Link the claims of these (new or re-ingested) documents into the stored stories."""
    replay = _Replay(store, similarity)
    new_claims = store.event_claims_of(doc_ids)
    renewed = store.claims_linked_from(doc_ids) | {claim.id for claim in new_claims}
    replay.start(new_claims, renewed)
    replay.run()
    stories, removed = replay.changed_stories()
    contradictions = [found for story in stories
                      for found in story_contradictions(story, [replay.profiles[i].claim for i in story.claim_ids],
                                                        replay.documents)]
    keys = {claim.id: link_keys(replay.profiles[claim.id]) for claim in new_claims}
    store.update_stories(removed, stories, contradictions, keys, unfiled=renewed)
    return StoryUpdate(len(removed), stories, contradictions, replay.claims_read)


class _Replay:
    """Greedy placement replayed only where the new claims can change it.

    Placement takes claims in :func:`placement_order`; a claim's choice depends
    only on the groups that hold claims placed before it. When a claim is placed
    differently than before (or is new, or removed), the groups it left and
    joined change, so every later claim that fits a member of those groups is
    placed again; a claim placed as before changes nothing further. Claims are
    loaded from the store as they are reached, so the cost follows the changes,
    not the corpus.
    """

    def __init__(self, store: Store, similarity: SentenceSimilarity | None) -> None:
        self.store = store
        self.sentence_similarity = similarity
        self.similarity: Similarity | None = similarity
        self.profiles: dict[str, ClaimProfile] = {}
        self.documents: dict[str, DocumentBrief] = {}
        self.group_of: dict[str, str | None] = {}  # claim id -> story id (as stored, then as replayed)
        self.members: dict[str, set[str]] = {}  # story id -> claim ids, for the stories loaded
        self.removed: set[str] = set()
        self.changed: set[str] = set()  # story ids whose membership changed
        self.queue: list[tuple[tuple, str]] = []
        self.queued: set[str] = set()
        self.neighbours: dict[str, set[str]] = {}
        self._new: set[str] = set()
        self.claims_read = 0

    # loading

    def _load(self, claim_ids: Collection[str]) -> None:
        wanted = set(claim_ids) - set(self.profiles) - self.removed
        if not wanted:
            return
        claims = self.store.event_claims_by_id(wanted)
        self._add_profiles(claims)
        stored = self.store.stories_of_claims([claim.id for claim in claims])
        for claim in claims:
            self.group_of.setdefault(claim.id, stored.get(claim.id))
        self._load_stories(set(stored.values()))

    def _add_profiles(self, claims: Sequence[EventClaim]) -> None:
        self.claims_read += len(claims)
        missing = {claim.doc_id for claim in claims} - set(self.documents)
        if missing:
            self.documents.update(self.store.document_briefs(missing))
        if self.sentence_similarity is not None and claims:
            self.sentence_similarity.prepare(self.store.evidence_texts([claim.id for claim in claims]))
        self.profiles.update((claim.id, ClaimProfile.of(claim, self.documents.get(claim.doc_id))) for claim in claims)

    def _load_stories(self, story_ids: set[str]) -> None:
        fresh = story_ids - set(self.members)
        if not fresh:
            return
        for story in self.store.stories_by_id(fresh):
            kept = set(story.claim_ids) - self.removed
            self.members[story.id] = {claim_id for claim_id in kept
                                      if self.group_of.get(claim_id, story.id) == story.id}
            for claim_id in kept:
                self.group_of.setdefault(claim_id, story.id)
            self._load(kept)
        for story_id in fresh - set(self.members):
            self.members[story_id] = set()

    def _fitting(self, claim_id: str) -> set[str]:
        """Ids of the claims (stored or new) that fit this claim."""
        if claim_id not in self.neighbours:
            profile = self.profiles[claim_id]
            keys = lookup_keys(profile, self.similarity is not None)
            found = set().union(*self.store.link_postings(keys).values()) - self.removed - {claim_id}
            found |= {other for other in self._new if other != claim_id}
            self._load(found)
            self.neighbours[claim_id] = {other for other in found if other in self.profiles
                                         and claim_fit(profile, self.profiles[other], self.similarity) is not None}
        return self.neighbours[claim_id]

    # events

    def start(self, new_claims: Sequence[EventClaim], renewed: Collection[str]) -> None:
        """Queue the new claims, and take the ``renewed`` ones (earlier versions) out of their stories."""
        self._new = {claim.id for claim in new_claims}
        self.removed = set(renewed) - self._new
        self._add_profiles(new_claims)
        for claim in new_claims:
            self.group_of[claim.id] = None
        stored = set(self.store.stories_of_claims(renewed).values())
        self._load_stories(stored)
        for claim in new_claims:
            self._push(claim.id)
        for story_id in stored:  # placing its other claims again is safe, and needed when they lost one
            self.changed.add(story_id)
            for member in list(self.members[story_id]):
                self._push(member)
                for other in self._fitting(member):
                    self._push(other)

    def _push(self, claim_id: str) -> None:
        if claim_id not in self.queued and claim_id in self.profiles:
            self.queued.add(claim_id)
            heapq.heappush(self.queue, (placement_order(self.profiles[claim_id]), claim_id))

    def run(self) -> None:
        while self.queue:
            order, claim_id = heapq.heappop(self.queue)
            self.queued.discard(claim_id)
            self._place(claim_id, order)

    def _place(self, claim_id: str, order: tuple) -> None:
        profile = self.profiles[claim_id]
        before = self.group_of.get(claim_id)
        if before is not None:
            self.members[before].discard(claim_id)
        candidates = {self.group_of.get(other) for other in self._fitting(claim_id)} - {None}
        groups = []
        for story_id in sorted(candidates):  # type: ignore[type-var]
            earlier = [self.profiles[m] for m in self.members[story_id]
                       if placement_order(self.profiles[m]) < order]
            if earlier:
                groups.append((story_id, earlier))
        after = best_group(profile, groups, self.similarity)
        if after is None:
            after = make_id("story", claim_id)
            self._load_stories({after})  # a story this claim founded before
        self.members[after].add(claim_id)
        self.group_of[claim_id] = after
        if after == before and claim_id not in self._new:
            return
        for story_id in {before, after} - {None}:
            self.changed.add(story_id)  # type: ignore[arg-type]
            for member in self.members[story_id] | {claim_id}:  # type: ignore[index]
                for other in self._fitting(member) | ({member} - {claim_id}):
                    if placement_order(self.profiles[other]) > order:
                        self._push(other)

    def changed_stories(self) -> tuple[list[Story], set[str]]:
        """The stories as replayed, for every changed story id, and the stored ids they replace."""
        stories = []
        for story_id in sorted(self.changed):
            members = sorted((self.profiles[m] for m in self.members.get(story_id, ())), key=placement_order)
            if members:
                stories.append(make_story(members))
        return stories, set(self.changed)
