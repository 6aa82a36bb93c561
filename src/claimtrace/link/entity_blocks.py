"""Block keys of entity keys: which keys an entity merge rule ever compares.

Two keys are compared only when they share a block key, so resolving the whole
corpus and resolving a new document against the stored index compare the same
pairs. Block keys, by rule (the prefix names the rule):

- ``person|<initial>|<surname>``: a full name, filed under its first-name
  initial and its folded surname with at most one letter dropped, so
  "Atamkulov" meets "Atamkulova" and "Karimov" meets "Karimof";
- ``surname|<surname>`` (a full name) and ``lone|<surname>`` (a surname alone),
  the same surname variants, so a lone surname meets the full names it may belong to;
- ``acronym|<text>``: a body written as an acronym;
- ``body|<type>|<words>``: a body named in three words or more, by its content
  words and by them with any one word left out, so names that differ in one
  word ("Ministry of Emergency/Emergencies Situations") meet.
"""

from __future__ import annotations

import re
from typing import Protocol

from claimtrace.knowledge.gazetteer import strip_accents

PERSON_BLOCK = "person|"
SURNAME_BLOCK = "surname|"
LONE_SURNAME_BLOCK = "lone|"
ACRONYM_BLOCK = "acronym|"
ORGANIZATION_BLOCK = "body|"
# Which rule's blocks a key of each kind must meet: a lone surname meets full names and back.
COUNTERPART = {PERSON_BLOCK: PERSON_BLOCK, SURNAME_BLOCK: LONE_SURNAME_BLOCK, LONE_SURNAME_BLOCK: SURNAME_BLOCK,
               ACRONYM_BLOCK: ACRONYM_BLOCK, ORGANIZATION_BLOCK: ORGANIZATION_BLOCK}
# Rules whose decision depends on more than the two keys compared (how many people share a
# surname, which body defines an acronym).
CONTEXT_BLOCKS = (SURNAME_BLOCK, LONE_SURNAME_BLOCK, ACRONYM_BLOCK)

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$")
BODY_TYPES = ("organization", "government", "media")
_SPELLINGS = (("organisation", "organization"), ("defence", "defense"), ("centre", "center"),
              ("programme", "program"))
_FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "at", "to", "&"})
# Spellings that English transliterations of Russian, Turkic and Persian names swap freely.
_TRANSLITERATION = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("yev", "ev"), ("iy", "i"), ("ye", "e"),
                    ("y", "i"), ("ou", "u"), ("ck", "k"), ("q", "k"), ("w", "v"), ("ph", "f"))


class NamedKey(Protocol):
    """What blocking needs of an entity key: its name, type and the texts of its mentions."""

    @property
    def name(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def texts(self) -> dict[str, int]: ...


def fold_transliteration(word: str) -> str:
    """One spelling for transliteration variants ("Zhaparov" and "Japarov" -> "japarov")."""
    for variant, common in _TRANSLITERATION:
        word = word.replace(variant, common)
    return word


def person_words(name: str) -> list[str]:
    """A person's name as comparable words: no accents, case, dots or transliteration variants."""
    return [fold_transliteration(w) for w in re.split(r"[\s.]+", strip_accents(name).casefold()) if w]


def organization_words(name: str) -> str:
    """An organisation's name for comparison: one spelling, no accents, case, article or punctuation."""
    text = strip_accents(name).casefold()
    for british, american in _SPELLINGS:
        text = text.replace(british, american)
    text = re.sub(r"^the\s+", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def surname_variants(surname: str) -> set[str]:
    """The folded surname and every spelling of it with one letter dropped."""
    return {surname} | {surname[:i] + surname[i + 1:] for i in range(len(surname))}


def is_full_person(key: NamedKey) -> bool:
    return key.type == "person" and len(person_words(key.name)) >= 2


def is_single_person(key: NamedKey) -> bool:
    return key.type == "person" and len(person_words(key.name)) == 1


def is_body(key: NamedKey) -> bool:
    return key.type in BODY_TYPES


def entity_blocks(key: NamedKey) -> set[str]:
    """Every block key this entity key is filed under (none for places and other things)."""
    if is_full_person(key):
        words = person_words(key.name)
        variants = surname_variants(words[-1])
        return {f"{PERSON_BLOCK}{words[0][0]}|{v}" for v in variants} | {SURNAME_BLOCK + v for v in variants}
    if is_single_person(key):
        return {LONE_SURNAME_BLOCK + v for v in surname_variants(person_words(key.name)[0])}
    if not is_body(key):
        return set()
    blocks = {ACRONYM_BLOCK + text for text in key.texts if ACRONYM.match(text)}
    if len(key.name.split()) >= 3:
        words = [w for w in organization_words(key.name).split() if w not in _FUNCTION_WORDS]
        for variant in [words] + [words[:i] + words[i + 1:] for i in range(len(words))]:
            if variant:
                blocks.add(f"{ORGANIZATION_BLOCK}{key.type}|{' '.join(variant)}")
    return blocks


def block_kind(block: str) -> str:
    """The rule prefix of a block key ("person|", "acronym|", ...)."""
    return block[:block.index("|") + 1]
