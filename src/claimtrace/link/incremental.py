"""Linking a few new documents into the stories the store already holds.

Persisted stories are the state. A new document's claims look up their
candidates in the store's link index (:mod:`claimtrace.link.candidates`), and
greedy placement is replayed from them only as far as its choices change
(:class:`_Replay`), so the result is exactly the stories a full relink gives,
while the rest of the corpus is never read. A document ingested again first
takes its old claims out of their stories, and the claims that fitted them are
placed again.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from sys import intern

from claimtrace.link.candidates import emitted_keys, lookup_keys, lookup_keys_of_filed
from claimtrace.link.claim_fit import ClaimProfile, Fit, Similarity, claim_fit, cross_document_key
from claimtrace.link.contradictions import story_contradictions
from claimtrace.link.embeddings import SentenceSimilarity
from claimtrace.link.stories import best_fitting, make_story, placement_order, profiled_stories
from claimtrace.model import Contradiction, EventClaim, Story, make_id
from claimtrace.store import Store
from claimtrace.store.link_index import DOCUMENT_KEY, DocumentBrief

_NOT_COMPARED = Fit(False, -1, -1)  # marks a pair of classes not compared yet (no fit has shared -1)


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
    profiles = [ClaimProfile.of(claim, documents.get(claim.doc_id)) for claim in claims]
    stories = profiled_stories(profiles, similarity)
    claims_by_id = {claim.id: claim for claim in claims}
    contradictions = [found for story in stories
                      for found in story_contradictions(story, [claims_by_id[i] for i in story.claim_ids], documents)]
    keys = {profile.claim.id: link_keys(profile) for profile in profiles}
    removed = store.link_counts()["stories"]  # a count, not every story read
    store.replace_story_layer(stories, contradictions, keys)
    return StoryUpdate(removed, stories, contradictions, len(claims))


def link_new_documents(store: Store, doc_ids: Collection[str],
                       similarity: SentenceSimilarity | None = None) -> StoryUpdate:
    """Link the claims of these (new or re-ingested) documents into the stored stories."""
    replay = _Replay(store, similarity)
    new_claims = store.event_claims_of(doc_ids)
    linked = store.claims_linked_from(doc_ids)
    renewed = linked | {claim.id for claim in new_claims}
    replay.start(new_claims, renewed, linked)
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
    every later claim they were or are now open to is placed again, unless it
    certainly keeps its story (:meth:`_stays`, :meth:`_still_best`); a claim
    placed as before changes nothing further. A story is open to a claim only if
    its first member fits the claim, so those claims are found among the
    members and the claims that fit the first member before and after the move.
    Claims and stories are loaded from the store as they are reached (for the
    whole queue at once), so the cost follows the changes, not the corpus; the
    pairs that placing compares again and again are compared once per replay.
    """

    def __init__(self, store: Store, similarity: SentenceSimilarity | None) -> None:
        self.store = store
        self.sentence_similarity = similarity
        self.similarity: Similarity | None = similarity
        self.profiles: dict[str, ClaimProfile] = {}
        self.orders: dict[str, tuple] = {}  # claim id -> placement_order of its profile
        self.documents: dict[str, DocumentBrief] = {}
        self.group_of: dict[str, str | None] = {}  # claim id -> story id (as stored, then as replayed)
        self.members: dict[str, set[str]] = {}  # story id -> claim ids, for the stories loaded
        self.ranked: dict[str, list[str]] = {}  # story id -> its members in placement order, while unchanged
        self.removed: set[str] = set()
        self.changed: set[str] = set()  # story ids whose membership changed
        self.queue: list[tuple[tuple, str]] = []
        self.queued: set[str] = set()
        self.unexplored: set[str] = set()  # queued claims whose fitting claims are not known yet
        self.neighbours: dict[str, set[str]] = {}
        self.fits: dict[str, dict[str, Fit | None]] = {}  # claim id -> other claim id -> claim_fit(claim, other)
        self.fit_classes: dict[str, tuple[str, int]] = {}  # claim id -> its document, class of claims fitted alike
        self.class_numbers: dict[tuple[object, ...], int] = {}  # cross_document_key -> class of claims fitted alike
        self.class_fits: dict[tuple[int, int], Fit | None] = {}  # claim_fit of claims of two classes, two documents
        self.new_postings: dict[str, set[str]] = {}  # link key -> the new claims filed under it
        self._new: set[str] = set()
        self.claims_read = 0

    # loading

    def _load(self, claim_ids: Collection[str]) -> None:
        """Load claims and where they are stored; their stories are loaded when placing needs them."""
        wanted = {claim_id for claim_id in claim_ids if claim_id not in self.profiles and claim_id not in self.removed}
        if not wanted:
            return
        loaded = self._add_profiles(self.store.event_claims_by_id(wanted))
        stored = self.store.stories_of_claims(loaded)
        for claim_id in loaded:
            self.group_of.setdefault(claim_id, stored.get(claim_id))

    def _add_profiles(self, claims: Sequence[EventClaim]) -> list[str]:
        """Profile these claims (their documents' dates are read once); returns their ids."""
        ids = [intern(claim.id) for claim in claims]
        self.claims_read += len(claims)
        missing = {claim.doc_id for claim in claims if claim.doc_id not in self.documents}
        if missing:
            self.documents.update(self.store.document_briefs(missing))
        if self.sentence_similarity is not None and claims:
            self.sentence_similarity.prepare(self.store.evidence_texts(ids))
        for claim_id, claim in zip(ids, claims):
            profile = ClaimProfile.of(claim, self.documents.get(claim.doc_id))
            self.profiles[claim_id] = profile
            self.orders[claim_id] = placement_order(profile)
            number = self.class_numbers.setdefault(cross_document_key(profile), len(self.class_numbers))
            self.fit_classes[claim_id] = (claim.doc_id, number)
        return ids

    def _story(self, story_id: str) -> set[str]:
        """The story's members as replayed so far, loading it (and its claims) on first use."""
        self._load_stories({story_id})
        return self.members[story_id]

    def _load_stories(self, story_ids: Collection[str]) -> None:
        fresh = {story_id for story_id in story_ids if story_id not in self.members}
        if not fresh:
            return
        loaded: set[str] = set()
        for story in self.store.stories_by_id(fresh):
            kept = {intern(claim_id) for claim_id in story.claim_ids} - self.removed
            for claim_id in kept:
                self.group_of.setdefault(claim_id, story.id)
            self.members[story.id] = {claim_id for claim_id in kept if self.group_of[claim_id] == story.id}
            loaded |= kept
        for story_id in fresh:  # not stored: a story founded in this replay (not `fresh - keys()`: it reads every key)
            if story_id not in self.members:
                self.members[story_id] = set()
        self._load(loaded)

    def _fitting(self, claim_id: str) -> set[str]:
        """Ids of the claims (stored or new) that fit this claim."""
        self._find_fitting([claim_id])
        return self.neighbours[claim_id]

    def _find_fitting(self, claim_ids: Collection[str]) -> None:
        """Find the claims that fit each of these claims, with one round of queries for all of them.

        Every claim queued is placed, and placing needs the claims that fit it and their stories, so
        they are looked up for the whole queue at once: the answers do not depend on when they are read.
        """
        waiting = [claim_id for claim_id in claim_ids if claim_id not in self.neighbours]
        if not waiting:
            return
        keys = {claim_id: lookup_keys(self.profiles[claim_id], self.similarity is not None) for claim_id in waiting}
        postings = self.store.link_postings({key for wanted in keys.values() for key in wanted})
        found: dict[str, set[str]] = {}
        for claim_id in waiting:
            stored = set().union(*(postings.get(key, ()) for key in keys[claim_id])) - self.removed
            new = set().union(*(self.new_postings.get(key, ()) for key in keys[claim_id]))
            found[claim_id] = (stored | new) - {claim_id}
        self._load(set().union(*found.values()))
        for claim_id in waiting:
            self.neighbours[claim_id] = self._fitting_among(claim_id, found[claim_id])
        self._load_stories({story for claim_id in waiting for story in self._candidates(claim_id)})

    def _candidates(self, claim_id: str) -> set[str]:
        """The stories this claim may join: those of the claims placed before it that fit it.

        A story whose earlier members include none that fits the claim is not open to it.
        """
        order = self.orders[claim_id]
        return {story for other in self.neighbours[claim_id]
                if self.orders[other] < order and (story := self.group_of.get(other)) is not None}

    # comparing

    def _fitting_among(self, claim_id: str, others: Iterable[str]) -> set[str]:
        """The loaded claims among ``others`` that fit the claim, as one id string per claim
        (not one per query: big replays keep many). Not kept: there are hundreds per claim."""
        return {intern(other) for other in others
                if other in self.profiles and self._pair_fit(claim_id, other) is not None}

    def _pair_fit(self, claim_id: str, other: str) -> Fit | None:
        """``claim_fit`` of two loaded claims; without sentence similarity, once per pair of classes.

        A claim is compared with hundreds of candidates, most in other documents, where claim_fit
        reads only the claims' :func:`cross_document_key`, and many candidates share one.
        """
        (doc_id, own_class), (other_doc_id, other_class) = self.fit_classes[claim_id], self.fit_classes[other]
        if self.similarity is not None or doc_id == other_doc_id:
            return claim_fit(self.profiles[claim_id], self.profiles[other], self.similarity)
        pair = (own_class, other_class)
        fit = self.class_fits.get(pair, _NOT_COMPARED)
        if fit is _NOT_COMPARED:
            fit = self.class_fits[pair] = claim_fit(self.profiles[claim_id], self.profiles[other])
        return fit

    def _fit(self, claim_id: str, other: str, remember: bool = True) -> Fit | None:
        """``claim_fit`` of the two claims, kept (``remember``) for the rest of the replay.

        Placing a claim, testing whether a story is open to it and whether it keeps its story compare
        it with the same members again and again; the many pairs compared to find what fits a claim
        are not kept (a replay of many documents would hold too many).
        """
        known = self.fits.get(claim_id)
        if known is not None and other in known:
            return known[other]
        if self.similarity is None:  # without a similarity function, claim_fit(a, b) == claim_fit(b, a)
            mirror = self.fits.get(other)
            if mirror is not None and claim_id in mirror:
                return mirror[claim_id]
        fit = self._pair_fit(claim_id, other)
        if remember:
            if known is None:
                known = self.fits[claim_id] = {}
            known[other] = fit
        return fit

    def _group_fit(self, claim_id: str, members: Iterable[str]) -> Fit | None:
        """:func:`~claimtrace.link.stories.group_fit` of the claim with these members, by claim id."""
        weakest: Fit | None = None
        for member in members:
            fit = self._fit(claim_id, member)
            if fit is None:
                return None
            if weakest is None or fit < weakest:
                weakest = fit
        return weakest

    def _ranked(self, members: Collection[str]) -> list[str]:
        """Members in placement order: the most specific first, which rejects most claims at once."""
        return sorted(members, key=self.orders.__getitem__)

    def _ranked_story(self, story_id: str) -> list[str]:
        ranked = self.ranked.get(story_id)
        if ranked is None:
            ranked = self.ranked[story_id] = self._ranked(self._story(story_id))
        return ranked

    def _before(self, ranked: list[str], order: tuple) -> list[str]:
        """The members (in placement order) placed before a claim of this order."""
        return ranked[:bisect.bisect_left(ranked, order, key=self.orders.__getitem__)]

    # events

    def start(self, new_claims: Sequence[EventClaim], renewed: Collection[str], linked: Collection[str]) -> None:
        """Queue the new claims, and take the ``renewed`` ones (earlier versions) out of their stories.

        ``linked``: the claims of these documents as last linked (they are filed in the link index).
        """
        self._new = {claim.id for claim in new_claims}
        self.removed = set(renewed) - self._new
        for claim_id in self._add_profiles(new_claims):  # the new claims are not in the store's index yet
            for key in emitted_keys(self.profiles[claim_id]):
                self.new_postings.setdefault(key, set()).add(claim_id)
        for claim in new_claims:
            self.group_of[claim.id] = None
        stored = set(self.store.stories_of_claims(renewed).values())
        for claim in new_claims:
            self._push(claim.id)
        self._load_stories(stored)
        members = [member for story_id in stored for member in self.members[story_id]]
        self._find_fitting(members)
        self.changed |= stored
        for member in members:  # placing the other claims of those stories again is safe, and needed
            self._push(member)
            for other in self._fitting(member):
                self._push(other)
        for other in self._fitted_earlier_versions(linked):
            self._push(other)

    def _fitted_earlier_versions(self, linked: Collection[str]) -> set[str]:
        """The claims that may have fitted the earlier versions of these claims (all that did, and more).

        A story that held an earlier version may have been open to such a claim, which then kept out of it
        only because of a tie: it is placed again. The earlier versions are gone from the store, but the keys
        they were filed under tell what they looked up.
        """
        filed = self.store.filed_link_keys(linked) if linked else {}
        similarity = self.similarity is not None
        keys = {key for claim_keys in filed.values() for key in lookup_keys_of_filed(claim_keys, similarity)}
        if not keys:
            return set()
        found = set().union(*self.store.link_postings(keys).values()) - self.removed - self._new
        self._load(found)
        return found

    def _push(self, claim_id: str) -> None:
        if claim_id not in self.queued and claim_id in self.profiles:
            self.queued.add(claim_id)
            heapq.heappush(self.queue, (self.orders[claim_id], claim_id))
            if claim_id not in self.neighbours:
                self.unexplored.add(claim_id)

    def run(self) -> None:
        while self.queue:
            if self.unexplored:  # every queued claim is placed: look up what fits them all at once
                unexplored, self.unexplored = self.unexplored, set()
                self._find_fitting(unexplored)
            order, claim_id = heapq.heappop(self.queue)
            self.queued.discard(claim_id)
            self._place(claim_id, order)

    def _join(self, story_id: str, claim_id: str) -> None:
        self._story(story_id).add(claim_id)
        self.ranked.pop(story_id, None)

    def _leave(self, story_id: str, claim_id: str) -> None:
        self._story(story_id).discard(claim_id)
        self.ranked.pop(story_id, None)

    def _place(self, claim_id: str, order: tuple) -> None:
        before = self.group_of.get(claim_id)
        if before is not None:
            self._leave(before, claim_id)
        self._find_fitting([claim_id])
        candidates = self._candidates(claim_id)
        self._load_stories(candidates)
        fits = []
        for story_id in sorted(candidates):
            earlier = self._before(self._ranked_story(story_id), order)
            if earlier:
                fits.append((story_id, self._group_fit(claim_id, earlier)))
        after = best_fitting(fits)
        if after is None:
            after = make_id("story", claim_id)
        self._join(after, claim_id)  # a story this claim founded before, or a new one
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
        old_ranked, new_ranked = self._ranked(old_members), self._ranked_story(story_id)
        pool = (old_members | new_members) - {moved}
        left = moved in old_members
        firsts = [ranked[0] for ranked in (old_ranked, new_ranked) if ranked]
        self._find_fitting(firsts)
        for first in firsts:
            pool |= self.neighbours[first]
        opened = []  # later claims the story is or was open to
        for other in pool:
            other_order = self.orders[other]
            if other_order <= order or other in self.queued:
                continue
            if other in old_members or other in new_members:
                if not self._stays(other, moved, left, old_ranked, new_ranked, other_order):
                    self._push(other)
            elif self._open(other, old_ranked, other_order) or self._open(other, new_ranked, other_order):
                opened.append((other, other_order))
        self._load_stories({home for other, _ in opened if (home := self.group_of.get(other)) is not None})
        for other, other_order in opened:
            if not self._still_best(other, new_ranked, other_order):
                self._push(other)

    def _stays(self, member: str, moved: str, left: bool, old_ranked: list[str], new_ranked: list[str],
               order: tuple) -> bool:
        """Whether a later member keeps its story when ``moved`` left or joined it: the story fits it as well.

        The story was the member's one best, and no other story changed, so a story that fits it no worse
        is still the best. Its founder must stay (the story's id is the founder's). A claim that leaves takes
        nothing from the fit of the others; one that joins must fit the member at least as well as the rest.
        """
        if not old_ranked or not new_ranked or old_ranked[0] != new_ranked[0]:
            return False
        if left:
            return True
        joined = self._fit(member, moved)
        if joined is None:
            return False
        founder = self._fit(member, new_ranked[0])
        if founder is not None and not joined < founder:  # no worse than the founder's fit, hence the weakest
            return True
        kept = self._group_fit(member, self._before(old_ranked, order))
        return kept is not None and not joined < kept

    def _still_best(self, claim_id: str, changed_ranked: list[str], order: tuple) -> bool:
        """Whether the claim keeps the story it joined: it was the one best fit, and the changed story is worse.

        A claim that founded its story (no story fitted it best) is placed again.
        """
        home = self.group_of.get(claim_id)
        earlier = self._before(self._ranked_story(home), order) if home is not None else []
        if not earlier:
            return False
        kept = self._group_fit(claim_id, earlier)
        earlier_changed = self._before(changed_ranked, order)
        changed = self._group_fit(claim_id, earlier_changed) if earlier_changed else None
        return kept is not None and (changed is None or changed < kept)

    def _open(self, claim_id: str, ranked: list[str], order: tuple) -> bool:
        """Whether a story of these members is one the claim could join (all its earlier members fit it)."""
        earlier = self._before(ranked, order)
        return bool(earlier) and self._group_fit(claim_id, earlier) is not None

    def changed_stories(self) -> tuple[list[Story], set[str]]:
        """The stories as replayed, for every changed story id, and the stored ids they replace."""
        stories = []
        for story_id in sorted(self.changed):
            members = [self.profiles[m] for m in self._ranked(self.members.get(story_id, ()))]
            if members:
                stories.append(make_story(members))
        return stories, set(self.changed)
