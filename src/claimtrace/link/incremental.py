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
from claimtrace.link.stories import best_group, group_fit, group_stories, make_story, placement_order
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
    only on the stories it could join, those whose members placed before it all
    fit it (the story is *open* to it). When a claim is placed differently than
    before (or is new, or removed), the stories it left and joined change, so
    every later claim they were or are now open to is placed again; a claim
    placed as before changes nothing further. A story is open to a claim only if
    its first member fits the claim, so those claims are found among the
    members and the claims that fit the first member before and after the move.
    Claims and stories are loaded from the store as they are reached, so the
    cost follows the changes, not the corpus.
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
        """Load claims and where they are stored; their stories are loaded when placing needs them."""
        wanted = set(claim_ids) - set(self.profiles) - self.removed
        if not wanted:
            return
        claims = self.store.event_claims_by_id(wanted)
        self._add_profiles(claims)
        stored = self.store.stories_of_claims([claim.id for claim in claims])
        for claim in claims:
            self.group_of.setdefault(claim.id, stored.get(claim.id))

    def _add_profiles(self, claims: Sequence[EventClaim]) -> None:
        self.claims_read += len(claims)
        missing = {claim.doc_id for claim in claims} - set(self.documents)
        if missing:
            self.documents.update(self.store.document_briefs(missing))
        if self.sentence_similarity is not None and claims:
            self.sentence_similarity.prepare(self.store.evidence_texts([claim.id for claim in claims]))
        self.profiles.update((claim.id, ClaimProfile.of(claim, self.documents.get(claim.doc_id))) for claim in claims)

    def _story(self, story_id: str) -> set[str]:
        """The story's members as replayed so far, loading it (and its claims) on first use."""
        self._load_stories({story_id})
        return self.members[story_id]

    def _load_stories(self, story_ids: Collection[str]) -> None:
        fresh = set(story_ids) - set(self.members)
        if not fresh:
            return
        loaded: set[str] = set()
        for story in self.store.stories_by_id(fresh):
            kept = set(story.claim_ids) - self.removed
            for claim_id in kept:
                self.group_of.setdefault(claim_id, story.id)
            self.members[story.id] = {claim_id for claim_id in kept if self.group_of[claim_id] == story.id}
            loaded |= kept
        for story_id in fresh - set(self.members):  # not stored: a story founded in this replay
            self.members[story_id] = set()
        self._load(loaded)

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
        for claim in new_claims:
            self._push(claim.id)
        for story_id in stored:  # placing its other claims again is safe, and needed when they lost one
            self.changed.add(story_id)
            for member in list(self._story(story_id)):
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
            self._story(before).discard(claim_id)
        candidates = {self.group_of.get(other) for other in self._fitting(claim_id)} - {None}
        self._load_stories(candidates)  # type: ignore[arg-type]
        groups = []
        for story_id in sorted(candidates):  # type: ignore[type-var]
            earlier = self._earlier(self._story(story_id), order)  # type: ignore[arg-type]
            if earlier:
                groups.append((story_id, earlier))
        after = best_group(profile, groups, self.similarity)
        if after is None:
            after = make_id("story", claim_id)
        self._story(after).add(claim_id)  # a story this claim founded before, or a new one
        self.group_of[claim_id] = after
        if after == before and claim_id not in self._new:
            return
        if before is not None and before != after:
            self._replace_open(before, self.members[before] | {claim_id}, claim_id, order)
        self._replace_open(after, self.members[after] - {claim_id}, claim_id, order)

    def _replace_open(self, story_id: str, old_members: set[str], moved: str, order: tuple) -> None:
        """Queue the later claims the story was open to before the move of ``moved``, or is open to now."""
        self.changed.add(story_id)
        new_members = self.members[story_id]
        pool = (old_members | new_members) - {moved}
        for members in (old_members, new_members):
            if members:
                pool |= self._fitting(min(members, key=lambda m: placement_order(self.profiles[m])))
        for other in pool:
            other_order = placement_order(self.profiles[other])
            if other_order <= order or other in self.queued:
                continue
            if other in old_members or other in new_members:
                self._push(other)
            elif self._open(other, old_members, other_order) or self._open(other, new_members, other_order):
                if not self._still_best(other, new_members, other_order):
                    self._push(other)

    def _still_best(self, claim_id: str, members: set[str], order: tuple) -> bool:
        """Whether the claim keeps the story it joined: it was the one best fit, and the changed story is worse.

        A claim that founded its story (no story fitted it best) is placed again.
        """
        home = self.group_of.get(claim_id)
        earlier = self._earlier(self._story(home), order) if home is not None else []
        if not earlier:
            return False
        profile = self.profiles[claim_id]
        kept = group_fit(profile, earlier, self.similarity)
        earlier_changed = self._earlier(members, order)
        changed = group_fit(profile, earlier_changed, self.similarity) if earlier_changed else None
        return kept is not None and (changed is None or changed < kept)

    def _earlier(self, members: set[str], order: tuple) -> list[ClaimProfile]:
        return [self.profiles[m] for m in members if placement_order(self.profiles[m]) < order]

    def _open(self, claim_id: str, members: set[str], order: tuple) -> bool:
        """Whether a story of these members is one the claim could join (all its earlier members fit it)."""
        earlier = self._earlier(members, order)
        return bool(earlier) and group_fit(self.profiles[claim_id], earlier, self.similarity) is not None

    def changed_stories(self) -> tuple[list[Story], set[str]]:
        """The stories as replayed, for every changed story id, and the stored ids they replace."""
        stories = []
        for story_id in sorted(self.changed):
            members = sorted((self.profiles[m] for m in self.members.get(story_id, ())), key=placement_order)
            if members:
                stories.append(make_story(members))
        return stories, set(self.changed)
