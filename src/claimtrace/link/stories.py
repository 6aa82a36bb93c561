"""Stories: event claims, from any documents, grouped by the real event they are about.

A claim joins a story only when it fits every claim already in it (complete
linkage): the same event type (or, inside one document, talks and what was
negotiated or agreed at them), no conflicting participant, and times that can
be the same. Polarity never separates claims: a denial belongs to the story it
denies.

Claims are placed most specific first, so a vague claim ("Kazakhstan sold
arms") attaches to a precise story only when exactly one story fits it best;
when several fit equally it starts its own story rather than guess. A claim that
names neither agent nor recipient joins only on strong evidence.

Every decision depends only on pairs of claims that fit each other, so grouping
again just the neighbourhood of some new claims gives the same stories as
grouping the whole corpus: that is how :func:`assign_to_stories` works.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from claimtrace.link.candidates import CandidateIndex
from claimtrace.link.claim_fit import (
    OCCASION_TYPES,
    SYMMETRIC_TYPES,
    ClaimProfile,
    DatedDocument,
    Fit,
    Similarity,
    agreed_time,
    claim_fit,
    normalise_name,
)
from claimtrace.model import EventClaim, Story, make_id

DENIED, DISPUTED = " (denied)", " (disputed)"
T = TypeVar("T")


# ---------------------------------------------------------------- grouping


def group_stories(claims: Sequence[EventClaim], documents: Mapping[str, DatedDocument] | None = None,
                  similarity: Similarity | None = None) -> list[Story]:
    """Group event claims into stories; every claim ends up in exactly one story.

    ``documents`` maps document ids to anything with a ``published`` date (a
    Document or a store row): a claim without a date is not grouped with events
    long after its document appeared. ``similarity`` is the seam for sentence
    embeddings: it ranks candidate stories and counts as strong evidence at
    :data:`STRONG_SIMILARITY`; it never overrides conflicting participants.
    """
    _check_unique(claims)
    profiles = [ClaimProfile.of(claim, (documents or {}).get(claim.doc_id)) for claim in claims]
    return profiled_stories(profiles, similarity)


def profiled_stories(profiles: Iterable[ClaimProfile], similarity: Similarity | None = None) -> list[Story]:
    """:func:`group_stories` of claims already profiled, each given once."""
    return _sorted_stories(make_story(group) for group in place_claims(profiles, similarity))


def assign_to_stories(new_claims: Sequence[EventClaim], existing_stories: Sequence[Story],
                      claims_by_id: Mapping[str, EventClaim],
                      documents: Mapping[str, DatedDocument] | None = None,
                      similarity: Similarity | None = None) -> list[Story]:
    """Add new claims to existing stories without regrouping the whole corpus.

    Only the stories that some new claim could share (and, transitively, the
    stories those could share) are regrouped; the others are returned
    unchanged. A new claim with the id of a claim already in a story replaces it
    (the same document ingested again). When the existing stories came from
    :func:`group_stories`, the result equals grouping all the claims at once.
    Returns every story, old and new.
    """
    _check_unique(new_claims)
    documents = documents or {}
    renewed = {claim.id for claim in new_claims}
    members: list[list[ClaimProfile]] = []
    changed: set[int] = set()  # stories that lost a claim ingested again
    for position, story in enumerate(existing_stories):
        kept = [_lookup(claims_by_id, claim_id, story) for claim_id in story.claim_ids if claim_id not in renewed]
        if len(kept) < len(story.claim_ids):
            changed.add(position)
        members.append([ClaimProfile.of(claim, documents.get(claim.doc_id)) for claim in kept])
    new_profiles = [ClaimProfile.of(claim, documents.get(claim.doc_id)) for claim in new_claims]
    touched = _neighbourhood(new_profiles, members, changed, similarity)
    region = new_profiles + [profile for position in sorted(touched) for profile in members[position]]
    kept_stories = [story for position, story in enumerate(existing_stories) if position not in touched]
    return _sorted_stories(kept_stories + [make_story(group) for group in place_claims(region, similarity)])


def _neighbourhood(new_profiles: list[ClaimProfile], members: list[list[ClaimProfile]], changed: set[int],
                   similarity: Similarity | None) -> set[int]:
    """Positions of the stories connected to the new claims (or to changed stories) by fitting claims."""
    index = CandidateIndex(similarity is not None)
    story_of: list[int] = []
    for position, profiles in enumerate(members):
        for profile in profiles:
            index.add(profile, len(story_of))
            story_of.append(position)
    old = [profile for profiles in members for profile in profiles]
    touched = set(changed)
    frontier = list(new_profiles) + [profile for position in changed for profile in members[position]]
    while frontier:
        profile = frontier.pop()
        for number in sorted(index.candidates(profile)):
            position = story_of[number]
            if position not in touched and claim_fit(profile, old[number], similarity) is not None:
                touched.add(position)
                frontier += members[position]
    return touched


def place_claims(profiles: Iterable[ClaimProfile], similarity: Similarity | None,
                 exhaustive: bool = False) -> list[list[ClaimProfile]]:
    """Greedy complete-linkage grouping, most specific claims first.

    Only claims connected by fits influence one another, so placing a set of
    claims closed under fitting gives the groups that placing the whole corpus
    gives them. ``exhaustive`` compares every claim with every group (to test the candidate index).
    """
    groups: list[list[ClaimProfile]] = []
    founders = CandidateIndex(similarity is not None, exhaustive)  # a claim that fits a group fits the claim that founded it
    for profile in sorted(profiles, key=placement_order):
        best = best_group(profile, ((i, groups[i]) for i in founders.candidates(profile)), similarity)
        if best is not None:
            groups[best].append(profile)
        else:
            founders.add(profile, len(groups))
            groups.append([profile])
    return groups


def best_group(profile: ClaimProfile, groups: Iterable[tuple[T, Sequence[ClaimProfile]]],
               similarity: Similarity | None) -> T | None:
    """The group a claim joins: the one it fits best, if exactly one fits best; else None (a story of its own)."""
    return best_fitting((key, group_fit(profile, members, similarity)) for key, members in groups)


def best_fitting(fits: Iterable[tuple[T, Fit | None]]) -> T | None:
    """The key of the one best fit (None: does not fit), or None when none fits or several fit equally well."""
    best: T | None = None
    best_fit: Fit | None = None
    tied = False
    for key, fit in fits:
        if fit is None:
            continue
        if best_fit is None or fit > best_fit:
            best, best_fit, tied = key, fit, False
        elif fit == best_fit:
            tied = True
    return None if tied else best


def group_fit(profile: ClaimProfile, group: Sequence[ClaimProfile], similarity: Similarity | None) -> Fit | None:
    """The weakest fit of the claim with any member, or None if one member excludes it."""
    weakest: Fit | None = None
    for member in group:  # group[0], the most specific member, rejects most claims at once
        fit = claim_fit(profile, member, similarity)
        if fit is None:
            return None
        weakest = fit if weakest is None else min(weakest, fit)
    return weakest


def placement_order(profile: ClaimProfile) -> tuple:
    """Most specific claims first (then most precisely dated), ties by document, span and id."""
    claim = profile.claim
    precision = profile.period.precision if profile.period else -1
    return (-profile.specificity, -precision, claim.doc_id, claim.evidence, claim.id)


def _check_unique(claims: Sequence[EventClaim]) -> None:
    seen: set[str] = set()
    for claim in claims:
        if claim.id in seen:
            raise ValueError(f"claim {claim.id!r} ({claim.type} in document {claim.doc_id}) is given twice; "
                             "pass each claim once")
        seen.add(claim.id)


def _lookup(claims_by_id: Mapping[str, EventClaim], claim_id: str, story: Story) -> EventClaim:
    if claim_id not in claims_by_id:
        raise ValueError(f"story {story.id!r} ({story.label}) lists claim {claim_id!r}, which is not in "
                         "claims_by_id; pass every claim of the existing stories")
    return claims_by_id[claim_id]


# ---------------------------------------------------------------- the story record


def make_story(group: Sequence[ClaimProfile]) -> Story:
    """The Story of a group of claims; the id comes from the claim that founded it."""
    claims = sorted((profile.claim for profile in group), key=reading_order)
    time = agreed_time(claim.time for claim in claims)
    event_type = story_type(claims)
    return Story(id=make_id("story", group[0].claim.id), type=event_type,
                 label=story_label(claims, event_type, time), claim_ids=[claim.id for claim in claims], time=time)


def reading_order(claim: EventClaim) -> tuple:
    return (claim.doc_id, claim.evidence, claim.id)


def story_type(claims: Sequence[EventClaim]) -> str:
    """The most frequent type; on a tie the occasion itself (a meeting), else alphabetical."""
    counts = Counter(claim.type for claim in claims)
    rank = {name: i for i, name in enumerate(OCCASION_TYPES)}
    return min(counts, key=lambda t: (-counts[t], rank.get(t, len(rank)), t))


def story_label(claims: Sequence[EventClaim], event_type: str, time: str | None) -> str:
    """A one-line label: 'arms transfer: Kazakhstan → Azerbaijan, 2020 (disputed)'."""
    if event_type in SYMMETRIC_TYPES or len({claim.type for claim in claims}) > 1:
        names = _common_names(claims, ("agent", "recipient"), 2)
        parties = " – ".join(sorted(names))
    else:
        parties = " → ".join(_common_names(claims, ("agent",), 1) + _common_names(claims, ("recipient",), 1))
    via = _common_names(claims, ("via",), 1)
    place = _common_names(claims, ("location",), 1)
    words = [parties] if parties else []
    words += [f"via {via[0]}"] if via else []
    words += [f"in {place[0]}" if words else place[0]] if place else []
    label = event_type.replace("_", " ")
    label += f": {' '.join(words)}" if words else ""
    label += f", {time}" if time else ""
    polarities = {claim.polarity for claim in claims}
    if polarities == {"negative"}:
        label += DENIED
    elif len(polarities) > 1:
        label += DISPUTED
    return label


def plain_label(label: str) -> str:
    """The label without its '(denied)' or '(disputed)' mark, to quote inside a sentence."""
    return label.removesuffix(DENIED).removesuffix(DISPUTED)


def _common_names(claims: Sequence[EventClaim], roles: Sequence[str], limit: int) -> list[str]:
    counts: Counter[str] = Counter()
    for claim in claims:
        counts.update({claim.arguments[role] for role in roles if claim.arguments.get(role)})
    chosen: list[str] = []
    for name in sorted(counts, key=lambda n: (-counts[n], n)):
        if all(normalise_name(name) != normalise_name(other) for other in chosen):
            chosen.append(name)
    return chosen[:limit]


def _sorted_stories(stories: Iterable[Story]) -> list[Story]:
    return sorted(stories, key=lambda story: (story.label, story.id))
