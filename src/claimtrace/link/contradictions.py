"""Contradictions and tensions between the claims of one story.

Claims are counted by voice (:mod:`claimtrace.link.voices`): one source
repeating itself, or a description of a named source in the same document, is
one voice. A *contradiction* is a pair of voices of opposite stance: one says
the event happened, the other that it did not; it is reported once, on the
first claim of each voice that states its stance. A *tension* is a weaker
disagreement, typed in its explanation: one voice both asserting and denying;
two voices of the same stance that differ in certainty (certain against
possible), date, amount or route; or that name different operators (agents)
where one event is meant. Each pair is reported once, with
``claim_a < claim_b`` and a one-sentence explanation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations

from claimtrace.link.claim_fit import normalise_name, times_compatible
from claimtrace.link.stories import plain_label
from claimtrace.link.voices import NamedDocument, source_identity, source_phrase, voices_of
from claimtrace.model import Contradiction, EventClaim, Story

__all__ = ["CONTRADICTION", "TENSION", "NamedDocument", "find_contradictions", "judge_pair", "source_identity",
           "source_phrase", "story_contradictions"]

CONTRADICTION = "contradiction"
TENSION = "tension"

# Certainties far enough apart to pull two reports of the same event apart.
DISTANT_CERTAINTIES = frozenset({frozenset({"certain", "possible"})})
# Arguments whose values must agree when two claims describe one event, with the word for them.
DETAIL_ROLES = {"amount": "amount", "via": "route", "agent": "operator"}


def find_contradictions(stories: Sequence[Story], claims_by_id: Mapping[str, EventClaim],
                        documents: Mapping[str, NamedDocument] | None = None) -> list[Contradiction]:
    """Every contradiction and tension inside each story, ordered by story, claim_a, claim_b.

    ``documents`` (document id -> anything with a ``name``) only makes the
    explanations name the document whose author speaks.
    """
    found: list[Contradiction] = []
    for story in sorted(stories, key=lambda s: s.id):
        claims = [_lookup(claims_by_id, claim_id, story) for claim_id in sorted(set(story.claim_ids))]
        found += story_contradictions(story, claims, documents)
    return found


def story_contradictions(story: Story, claims: Sequence[EventClaim],
                         documents: Mapping[str, NamedDocument] | None = None) -> list[Contradiction]:
    """The contradictions and tensions of one story's claims, ordered by claim_a, claim_b."""
    found: dict[tuple[str, str], Contradiction] = {}
    voices = voices_of(claims)
    for voice in voices:
        if voice.mixed:
            asserted, denied = voice.first("positive"), voice.first("negative")
            assert asserted is not None and denied is not None
            _keep(found, judge_pair(story, asserted, denied, documents, same_source=True))
    for first, second in combinations(voices, 2):
        _keep(found, judge_pair(story, first.representative, second.representative, documents, same_source=False))
    return sorted(found.values(), key=lambda c: (c.claim_a, c.claim_b))


def _keep(found: dict[tuple[str, str], Contradiction], judged: Contradiction | None) -> None:
    if judged is not None:
        found.setdefault((judged.claim_a, judged.claim_b), judged)


def judge_pair(story: Story, a: EventClaim, b: EventClaim, documents: Mapping[str, NamedDocument] | None = None,
               *, same_source: bool | None = None) -> Contradiction | None:
    """The contradiction or tension between two claims of a story, or None when they agree.

    ``same_source`` says whether one voice speaks both claims (default: the
    same source identity).
    """
    if b.id < a.id:
        a, b = b, a
    if same_source is None:
        same_source = source_identity(a) == source_identity(b)
    name_a, name_b = source_phrase(a, documents), source_phrase(b, documents)
    event = plain_label(story.label)
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
        key_a, key_b = a.argument_keys.get(role), b.argument_keys.get(role)
        if not (value_a and value_b):
            continue
        same = key_a == key_b if key_a and key_b else normalise_name(value_a) == normalise_name(value_b)
        if not same:
            differences.append(f"{word} ({name_a}: {value_a}, {name_b}: {value_b})")
    return differences


def _lookup(claims_by_id: Mapping[str, EventClaim], claim_id: str, story: Story) -> EventClaim:
    if claim_id not in claims_by_id:
        raise ValueError(f"story {story.id!r} ({story.label}) lists claim {claim_id!r}, which is not in "
                         "claims_by_id; pass every claim of the stories")
    return claims_by_id[claim_id]
