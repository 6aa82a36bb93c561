"""Link the mentions of all documents into entities: one real thing, every way it is written.

Within a document the entity stage already gave each mention a canonical key.
Across documents the same person may be spelt differently ("Beybut Atamkulov",
"Beibut Atamkulov"), named by surname only ("Tokayev"), and an organisation may
be named in full in one document and by acronym in another. :func:`resolve_entities`
merges those keys; it never merges two people who share only a surname.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from claimtrace.knowledge.gazetteer import strip_accents
from claimtrace.model import Entity, EntityType, Mention

PERSON_NAME_SCORE = 85.0  # whole-name similarity of two spellings of one person
SURNAME_SCORE = 85.0
FIRST_NAME_SCORE = 75.0
ORGANIZATION_NAME_SCORE = 93.0  # "Ministry of Industry and Infrastructure/Infrastructural Development"
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$")
_SPELLINGS = (("organisation", "organization"), ("defence", "defense"), ("centre", "center"),
              ("programme", "program"))


@dataclass(slots=True)
class _KeyGroup:
    """Every mention carrying one entity key, before keys are merged."""

    key: str
    names: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    texts: Counter[str] = field(default_factory=Counter)
    mentions: list[tuple[str, int, int, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0]

    @property
    def type(self) -> str:
        return self.types.most_common(1)[0][0]


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

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for key in self.parent:
            out[self.find(key)].append(key)
        return out


def resolve_entities(mentions: Iterable[tuple[str, Mention]]) -> list[Entity]:
    """One :class:`Entity` per real thing, from (document name, mention) pairs of many documents."""
    groups = _group_by_key(mentions)
    clusters = _Clusters(groups)
    _merge_people(groups, clusters)
    _merge_organizations(groups, clusters)
    entities = [_entity([groups[k] for k in keys]) for keys in clusters.groups().values()]
    return sorted(entities, key=lambda e: (-len(e.mentions), e.key))


def _group_by_key(mentions: Iterable[tuple[str, Mention]]) -> dict[str, _KeyGroup]:
    groups: dict[str, _KeyGroup] = {}
    for doc_id, mention in mentions:
        group = groups.setdefault(mention.entity_key, _KeyGroup(mention.entity_key))
        group.names[mention.entity_name] += 1
        group.types[mention.entity_type] += 1
        group.texts[mention.text] += 1
        group.mentions.append((doc_id, mention.start, mention.end, mention.text))
    return groups


# ---------------------------------------------------------------- people

# Spellings that English transliterations of Russian, Turkic and Persian names swap freely.
_TRANSLITERATION = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("yev", "ev"), ("iy", "i"), ("ye", "e"),
                    ("y", "i"), ("ou", "u"), ("ck", "k"), ("q", "k"), ("w", "v"), ("ph", "f"))


def fold_transliteration(word: str) -> str:
    """One spelling for transliteration variants ("Zhaparov" and "Japarov" -> "japarov")."""
    for variant, common in _TRANSLITERATION:
        word = word.replace(variant, common)
    return word


def person_words(name: str) -> list[str]:
    """A person's name as comparable words: no accents, case, dots or transliteration variants."""
    return [fold_transliteration(w) for w in re.split(r"[\s.]+", strip_accents(name).casefold()) if w]


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


def _merge_people(groups: dict[str, _KeyGroup], clusters: _Clusters) -> None:
    people = [g for g in groups.values() if g.type == "person"]
    full = [g for g in people if len(person_words(g.name)) >= 2]
    for i, a in enumerate(full):
        for b in full[i + 1:]:
            if same_person(a.name, b.name):
                clusters.union(a.key, b.key)
    # A surname alone joins the one person of that surname, never one of several.
    for single in (g for g in people if len(person_words(g.name)) == 1):
        surname = person_words(single.name)[0]
        roots = {clusters.find(g.key) for g in full
                 if fuzz.ratio(person_words(g.name)[-1], surname) >= 90}
        if len(roots) == 1:
            clusters.union(roots.pop(), single.key)


# ---------------------------------------------------------------- organisations

def organization_words(name: str) -> str:
    """An organisation's name for comparison: one spelling, no accents, case, article or punctuation."""
    text = strip_accents(name).casefold()
    for british, american in _SPELLINGS:
        text = text.replace(british, american)
    text = re.sub(r"^the\s+", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _merge_organizations(groups: dict[str, _KeyGroup], clusters: _Clusters) -> None:
    bodies = [g for g in groups.values() if g.type in ("organization", "government", "media")]
    # An acronym defined in one document names the same body everywhere.
    defined: dict[str, str] = {}
    for group in bodies:
        if len(group.name.split()) < 2:
            continue
        for text in group.texts:
            if _ACRONYM.match(text):
                defined.setdefault(text, group.key)
    for group in bodies:
        texts = set(group.texts)
        if len(texts) == 1 and (acronym := texts.pop()) in defined and defined[acronym] != group.key:
            clusters.union(defined[acronym], group.key)
    # The same full name with another spelling or a small variation.
    named = [g for g in bodies if len(g.name.split()) >= 3]
    for i, a in enumerate(named):
        for b in named[i + 1:]:
            if a.type == b.type and fuzz.ratio(organization_words(a.name), organization_words(b.name)) \
                    >= ORGANIZATION_NAME_SCORE:
                clusters.union(a.key, b.key)


# ---------------------------------------------------------------- the entity

def _entity(members: list[_KeyGroup]) -> Entity:
    representative = max(members, key=lambda g: (len(g.name.split()) >= 2, len(g.mentions), g.key))
    names: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for group in members:
        names.update(group.names)
        types.update(group.types)
    entity_type: EntityType = types.most_common(1)[0][0]  # type: ignore[assignment]
    if entity_type == "person":
        name = max(names, key=lambda n: (len(person_words(n)) >= 2, names[n], len(n)))
    else:
        name = representative.name
    mentions = sorted(m for group in members for m in group.mentions)
    aliases = sorted(g.key for g in members if g.key != representative.key)
    return Entity(representative.key, name, entity_type, aliases, mentions)
