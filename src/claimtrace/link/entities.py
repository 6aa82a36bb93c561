"""Link the mentions of all documents into entities: one real thing, every way it is written.

Within a document the entity stage already gave each mention a canonical key.
Across documents the same person may be spelt differently ("Beybut Atamkulov",
"Beibut Atamkulov"), named by surname only ("Tokayev"), and an organisation may
be named in full in one document and by acronym in another. :func:`resolve_entities`
merges those keys; it never merges two people who share only a surname.

Keys are compared only with the candidates that share a block key with them
(:mod:`claimtrace.link.entity_blocks`), in a full resolution and in an
incremental one (:mod:`claimtrace.link.incremental_entities`) alike, so both
give the same entities. Every choice between equals is broken by value, never
by the order documents were read, for the same reason.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import cast

from rapidfuzz import fuzz

from claimtrace.link.entity_blocks import (
    ACRONYM_BLOCK,
    ORGANIZATION_BLOCK,
    PERSON_BLOCK,
    SURNAME_BLOCK,
    entity_blocks,
    fold_transliteration,
    is_single_person,
    organization_words,
    person_words,
    surname_variants,
)
from claimtrace.model import Entity, EntityType, Mention

__all__ = ["KeyStats", "cluster_keys", "fold_transliteration", "key_stats", "make_entity", "organization_words",
           "person_words", "resolve_entities", "same_person"]

PERSON_NAME_SCORE = 85.0  # whole-name similarity of two spellings of one person
SURNAME_SCORE = 85.0
LONE_SURNAME_SCORE = 90.0  # a surname alone against the surname of a full name
FIRST_NAME_SCORE = 75.0
ORGANIZATION_NAME_SCORE = 93.0  # "Ministry of Industry and Infrastructure/Infrastructural Development"


@dataclass(slots=True)
class KeyStats:
    """What the mentions carrying one entity key say: their names, types and texts, counted."""

    key: str
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    texts: Counter[str] = field(default_factory=Counter)

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (self.names[n], len(n), n))

    @property
    def type(self) -> str:
        return max(self.types, key=lambda t: (self.types[t], t))

    @property
    def mention_count(self) -> int:
        return sum(self.types.values())

    def add(self, mention: Mention, count: int = 1) -> None:
        self.names[mention.entity_name] += count
        self.types[mention.entity_type] += count
        self.texts[mention.text] += count

    def __bool__(self) -> bool:
        return self.mention_count > 0


def key_stats(mentions: Iterable[tuple[str, Mention]]) -> dict[str, KeyStats]:
    """The :class:`KeyStats` of every entity key of these (document id, mention) pairs."""
    stats: dict[str, KeyStats] = {}
    for _, mention in mentions:
        stats.setdefault(mention.entity_key, KeyStats(mention.entity_key)).add(mention)
    return stats


def resolve_entities(mentions: Iterable[tuple[str, Mention]]) -> list[Entity]:
    """One :class:`Entity` per real thing, from (document id, mention) pairs of many documents."""
    mentions = list(mentions)
    stats = key_stats(mentions)
    spans: dict[str, list[tuple[str, int, int, str]]] = defaultdict(list)
    for doc_id, mention in mentions:
        spans[mention.entity_key].append((doc_id, mention.start, mention.end, mention.text))
    entities = []
    for keys in cluster_keys(stats):
        entity = make_entity([stats[k] for k in keys])
        entity.mentions = sorted(m for k in keys for m in spans[k])
        entities.append(entity)
    return sorted(entities, key=lambda e: (-len(e.mentions), e.key))


class _Clusters:
    """Union-find over entity keys."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_b] = root_a

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for key in self.parent:
            out[self.find(key)].append(key)
        return [sorted(keys) for keys in out.values()]


def cluster_keys(stats: Mapping[str, KeyStats]) -> list[list[str]]:
    """The keys of ``stats`` grouped into entities (each group sorted).

    Only keys of ``stats`` are compared, so a caller resolving part of a corpus
    must pass every key that a merge rule could relate (see
    :func:`claimtrace.link.incremental_entities.link_new_entities`).
    """
    postings: dict[str, list[str]] = defaultdict(list)
    for key in sorted(stats):
        for block in entity_blocks(stats[key]):
            postings[block].append(key)
    clusters = _Clusters(stats)
    _merge_people(stats, postings, clusters)
    _merge_lone_surnames(stats, postings, clusters)
    _merge_acronyms(stats, postings, clusters)
    _merge_organizations(stats, postings, clusters)
    return clusters.groups()


# ---------------------------------------------------------------- people

def same_person(a: str, b: str) -> bool:
    """True when two full names are spellings of one person ("Beybut"/"Beibut Atamkulov").

    Both must have a first name and a surname; the surnames and the first names must
    each be close: two people who share only a surname are never one.
    """
    words_a, words_b = person_words(a), person_words(b)
    if len(words_a) < 2 or len(words_b) < 2:
        return False
    if fuzz.ratio(words_a[-1], words_b[-1]) < SURNAME_SCORE:
        return False
    first_a, first_b = words_a[0], words_b[0]
    if first_a[0] != first_b[0] or fuzz.ratio(first_a, first_b) < FIRST_NAME_SCORE:
        return False
    return fuzz.ratio(" ".join(words_a), " ".join(words_b)) >= PERSON_NAME_SCORE


def _pairs(postings: Mapping[str, list[str]], kind: str) -> set[tuple[str, str]]:
    return {pair for block, keys in postings.items() if block.startswith(kind) for pair in combinations(keys, 2)}


def _merge_people(stats: Mapping[str, KeyStats], postings: Mapping[str, list[str]], clusters: _Clusters) -> None:
    for a, b in sorted(_pairs(postings, PERSON_BLOCK)):
        if same_person(stats[a].name, stats[b].name):
            clusters.union(a, b)


def _merge_lone_surnames(stats: Mapping[str, KeyStats], postings: Mapping[str, list[str]],
                         clusters: _Clusters) -> None:
    # A surname alone joins the one person of that surname, never one of several.
    for single in sorted(k for k, s in stats.items() if is_single_person(s)):
        surname = person_words(stats[single].name)[0]
        candidates = {k for v in surname_variants(surname) for k in postings.get(SURNAME_BLOCK + v, ())}
        roots = {clusters.find(k) for k in candidates
                 if fuzz.ratio(person_words(stats[k].name)[-1], surname) >= LONE_SURNAME_SCORE}
        if len(roots) == 1:
            clusters.union(roots.pop(), single)


# ---------------------------------------------------------------- organisations

def _merge_acronyms(stats: Mapping[str, KeyStats], postings: Mapping[str, list[str]], clusters: _Clusters) -> None:
    # An acronym defined in one document (a body named in full, also written so) names it everywhere;
    # when several bodies define it, the one that writes it most often.
    for block, keys in postings.items():
        if not block.startswith(ACRONYM_BLOCK):
            continue
        acronym = block[len(ACRONYM_BLOCK):]
        definers = [k for k in keys if len(stats[k].name.split()) >= 2]
        if not definers:
            continue
        definer = min(definers, key=lambda k: (-stats[k].texts[acronym], k))
        for key in keys:
            if key != definer and set(stats[key].texts) == {acronym}:
                clusters.union(definer, key)


def _merge_organizations(stats: Mapping[str, KeyStats], postings: Mapping[str, list[str]],
                         clusters: _Clusters) -> None:
    # The same full name with another spelling or a small variation.
    for a, b in sorted(_pairs(postings, ORGANIZATION_BLOCK)):
        if fuzz.ratio(organization_words(stats[a].name), organization_words(stats[b].name)) \
                >= ORGANIZATION_NAME_SCORE:
            clusters.union(a, b)


# ---------------------------------------------------------------- the entity

def make_entity(members: list[KeyStats]) -> Entity:
    """The entity of these merged keys (without its mentions): key and name of its fullest, commonest key."""
    representative = max(members, key=lambda g: (len(g.name.split()) >= 2, g.mention_count, g.key))
    names: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for group in members:
        names.update(group.names)
        types.update(group.types)
    # the counted types are mentions' EntityType values (read back from the store as plain strings)
    entity_type = cast(EntityType, max(types, key=lambda t: (types[t], t)))
    if entity_type == "person":
        name = max(names, key=lambda n: (len(person_words(n)) >= 2, names[n], len(n), n))
    else:
        name = representative.name
    aliases = sorted(g.key for g in members if g.key != representative.key)
    return Entity(representative.key, name, entity_type, aliases)
