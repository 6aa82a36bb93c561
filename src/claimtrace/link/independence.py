"""Source independence: which voices of a story only repeat another one.

Ten copies of one wire story are one source. Two voices are dependent when
they are the same outlet (a document's author and a source quoted by that
outlet's name elsewhere: "according to the Daily Herald" and the Daily Herald's
own article), when their documents share passages (near-duplicate segments
found by MinHash at ingest: syndication, copy-paste), when their claims state
the event in nearly the same words (a passage quoted or syndicated inside a
longer text), or when an outlet's text is attributed to another outlet it
quotes ("according to X" chains: a document whose claims come from outlet X,
and X's own voice). Dependent voices form one *independent source*, with the
reasons in words.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from claimtrace.link.claim_fit import normalise_name
from claimtrace.link.voices import Voice, is_author

SHINGLE = 4  # words per shingle when comparing evidence sentences
SAME_WORDS = 0.6  # share of the shorter sentence's shingles found in the other: one passage
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """Voices that count as one source, and why they were put together."""

    voices: tuple[Voice, ...]
    reasons: tuple[str, ...] = ()

    @property
    def identities(self) -> list[str]:
        return [voice.identity for voice in self.voices]


@dataclass(slots=True)
class Provenance:
    """What independence needs to know of the documents: outlets, shared passages, evidence texts."""

    outlets: Mapping[str, str | None] = field(default_factory=dict)  # document id -> outlet
    shared_passages: Collection[frozenset[str]] = ()  # pairs of document ids with a near-duplicate segment
    evidence: Mapping[str, str] = field(default_factory=dict)  # claim id -> evidence text


def independent_sources(voices: Sequence[Voice], provenance: Provenance | None = None) -> list[SourceGroup]:
    """The voices grouped into independent sources, in the order of their first voice."""
    provenance = provenance or Provenance()
    parent = list(range(len(voices)))
    reasons: dict[int, list[str]] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int, reason: str) -> None:
        ri, rj = root(i), root(j)
        if ri == rj:
            return
        keep, gone = min(ri, rj), max(ri, rj)
        parent[gone] = keep
        reasons[keep] = reasons.get(keep, []) + reasons.pop(gone, []) + [reason]

    outlet_of = [_outlet(voice, provenance) for voice in voices]
    for i in range(len(voices)):
        for j in range(i + 1, len(voices)):
            reason = _dependence(voices[i], voices[j], outlet_of[i], outlet_of[j], provenance)
            if reason is not None:
                join(i, j, reason)
    groups: dict[int, list[Voice]] = {}
    for i, voice in enumerate(voices):
        groups.setdefault(root(i), []).append(voice)
    return [SourceGroup(tuple(members), tuple(dict.fromkeys(reasons.get(key, []))))
            for key, members in sorted(groups.items())]


def _outlet(voice: Voice, provenance: Provenance) -> str | None:
    """The outlet a voice speaks for: a quoted outlet's name, or the outlet of the document whose author speaks."""
    claim = voice.claims[0]
    if is_author(claim):
        outlet = provenance.outlets.get(claim.doc_id)
        return normalise_name(outlet) if outlet else None
    return normalise_name(claim.source) if claim.source_type == "media" else None


def _dependence(a: Voice, b: Voice, outlet_a: str | None, outlet_b: str | None,
                provenance: Provenance) -> str | None:
    if outlet_a and outlet_a == outlet_b:
        return f"{_name(a)} and {_name(b)} are the same outlet"
    relayed = _relays(a, b) or _relays(b, a)
    if relayed is not None:
        return relayed
    docs_a = {claim.doc_id for claim in a.claims}
    docs_b = {claim.doc_id for claim in b.claims}
    if docs_a.isdisjoint(docs_b) and any(frozenset({x, y}) in provenance.shared_passages
                                         for x in docs_a for y in docs_b):
        return f"{_name(a)} and {_name(b)} share passages (one copies the other)"
    if docs_a.isdisjoint(docs_b) and _same_words(a.claims, b.claims, provenance.evidence):
        return f"{_name(a)} and {_name(b)} state it in the same words"
    return None


def _relays(author: Voice, quoted: Voice) -> str | None:
    """An author who states what a media outlet quoted in the same document says relays that outlet."""
    first = author.claims[0]
    if not is_author(first) or quoted.claims[0].source_type != "media" or author.stance != quoted.stance:
        return None
    if any(claim.doc_id == first.doc_id for claim in quoted.claims):
        return f"{_name(author)} relays {_name(quoted)}"
    return None


def _name(voice: Voice) -> str:
    claim = voice.claims[0]
    return f"the author of document {claim.doc_id[:8]}" if is_author(claim) else claim.source


@lru_cache(maxsize=8192)  # every pair of voices compares the same sentences again
def shingles(text: str, size: int = SHINGLE) -> frozenset[tuple[str, ...]]:
    words = [word.casefold() for word in _WORD.findall(text)]
    if len(words) < size:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def _same_words(first: Iterable, second: Iterable, evidence: Mapping[str, str]) -> bool:
    left = [shingles(evidence[claim.id]) for claim in first if claim.id in evidence]
    right = [shingles(evidence[claim.id]) for claim in second if claim.id in evidence]
    for x in left:
        for y in right:
            if x and y and len(x & y) / min(len(x), len(y)) >= SAME_WORDS:
                return True
    return False
