"""From an argument's head token to the entity it names, through the document's mentions.

The filler of "the Turkish military" is Turkey (the mention inside the phrase), of
"he" the last person named before it, of "me" inside a quotation the quoted source.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from claimtrace.model import Attribution, Mention

_TYPE_PREFERENCE = {"person": 0, "government": 1, "organization": 2, "media": 3, "place": 4, "other": 5}
_PLACE_PREFERENCE = {"place": 0, "government": 1, "organization": 2, "person": 3, "media": 4, "other": 5}
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct"})
_THIRD_PERSON = frozenset({"he", "him", "his", "she", "her"})
_NON_PERSON = frozenset({"it", "its"})
_COUNTRY_NOUNS = frozenset({"country", "state", "nation", "republic"})
_TITLES = frozenset({"president", "minister", "premier", "chairman", "leader", "chief", "head", "ambassador",
                     "king", "general", "commander", "secretary"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_ENT_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "NORP": "place", "LOC": "place",
              "FAC": "place"}


@dataclass(frozen=True, slots=True)
class Filler:
    """An argument's value: the canonical name, the entity key where known, and its head token."""

    name: str
    key: str | None
    entity_type: str | None
    token: Token


class MentionIndex:
    """The mentions of one document, searchable by character range."""

    def __init__(self, mentions: list[Mention], attributions: list[Attribution]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.attributions = attributions

    def within(self, start: int, end: int) -> list[Mention]:
        low, high = bisect_left(self.starts, start), bisect_right(self.starts, end)
        return [m for m in self.mentions[low:high] if m.end <= end]

    def covering(self, start: int, end: int) -> Mention | None:
        high = bisect_right(self.starts, start)
        for mention in reversed(self.mentions[max(0, high - 3):high]):
            if mention.start <= start and end <= mention.end:
                return mention
        return None

    def last_before(self, offset: int, limit: int, accept: Callable[[Mention], bool]) -> list[Mention]:
        """Accepted mentions that end before ``offset`` and within ``limit`` characters of it, latest first."""
        high = bisect_left(self.starts, offset)
        found = []
        for mention in reversed(self.mentions[:high]):
            if offset - mention.start > limit:
                break
            if mention.end <= offset and accept(mention):
                found.append(mention)
        return found

    def speaker_at(self, offset: int) -> Attribution | None:
        inside = [a for a in self.attributions if a.content[0] <= offset < a.content[1]]
        return min(inside, key=lambda a: a.content[1] - a.content[0]) if inside else None


def _phrase_tokens(token: Token) -> list[Token]:
    """The token's own phrase: its subtree without clauses, coordinated members and appositions."""
    found = [token]
    for child in token.children:
        if child.dep_ not in _CLAUSE_DEPS:
            found += _phrase_tokens(child)
    return found


def _depth(token: Token, root: Token) -> int:
    """Edges from the phrase's root down to the token; an apposition ("the minister, Mr. X") costs none."""
    depth, steps = 0, 0
    while token.i != root.i and token.head.i != token.i and steps < 20:
        depth += 0 if token.dep_ == "appos" else 1
        token, steps = token.head, steps + 1
    return depth


def _pronoun_subject_before(token: Token, after: int) -> Token | None:
    """The latest "he"/"she" subject between the character offset ``after`` and the token (same parse)."""
    for earlier in reversed(token.doc[:token.i]):
        if earlier.idx < after:
            return None
        if earlier.lower_ in ("he", "she") and earlier.dep_ in _SUBJECT_DEPS and earlier.head.i != token.head.i:
            return earlier
    return None


def _antecedent_person(token: Token, offset: int, index: MentionIndex, depth: int = 0) -> Mention | None:
    """The person a third-person pronoun or a bare title refers to: the latest one named as a subject
    in the preceding text, else the latest one named. A pronoun subject after that one continues
    whoever it refers to ("X settled in Oslo. He hired lawyers. Charges against him ...")."""
    people = index.last_before(offset + token.idx, 800, lambda m: m.entity_type == "person")
    named = _subject_mention(token, offset, people)
    since = named.end - offset if named is not None else token.idx - 800
    pronoun = _pronoun_subject_before(token, since) if depth < 4 else None
    if pronoun is not None:
        return _antecedent_person(pronoun, offset, index, depth + 1) or named
    return named or (people[0] if people else None)


def _subject_mention(token: Token, offset: int, people: list[Mention]) -> Mention | None:
    """The latest of ``people`` named as a subject (of another clause than the token's)."""
    doc = token.doc
    for mention in people:
        span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        while root.dep_ in ("appos", "compound") and root.head.i != root.i:
            root = root.head  # "the banker Tomas Varga": the phrase is the subject
        if root.dep_ in _SUBJECT_DEPS and root.i != token.i:
            return mention
    return None


def _antecedent(token: Token, offset: int, index: MentionIndex) -> Mention | None:
    """What a pronoun or a definite description ("the country", "the president") refers back to."""
    word = token.lower_
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if word in _THIRD_PERSON:
        return _antecedent_person(token, offset, index)
    if word in _NON_PERSON:
        found = index.last_before(offset + token.idx, 300,
                                  lambda m: m.entity_type in ("place", "government", "organization"))
        return found[0] if found else None
    if word in _COUNTRY_NOUNS and determiners & {"the", "this"}:
        found = index.last_before(offset + token.idx, 1500, lambda m: m.entity_key.startswith("country:"))
        return found[0] if found else None
    if token.lemma_.lower() in _TITLES and "the" in determiners and len(list(token.children)) <= 2:
        return _antecedent_person(token, offset, index)
    return None


def resolve_filler(token: Token, offset: int, index: MentionIndex, prefer_place: bool = False) -> Filler | None:
    """The entity a filler head token names, or None when its phrase names no entity."""
    start = offset + token.idx
    if token.lower_ in _FIRST_PERSON:
        speaker = index.speaker_at(start)
        if speaker is not None and speaker.source_type == "person":
            return Filler(speaker.source, speaker.source_key, "person", token)
        return None
    phrase = _phrase_tokens(token)
    own = index.covering(start, start + len(token.text))
    if own is not None and own.entity_type == "government":
        own = _owner_state(phrase, offset, index) or own
    if own is not None:
        return Filler(own.entity_name, own.entity_key, own.entity_type, token)
    preference = _PLACE_PREFERENCE if prefer_place else _TYPE_PREFERENCE
    best: tuple[tuple[int, int, int, int], Mention] | None = None
    for member in phrase:
        mention = index.covering(offset + member.idx, offset + member.idx + len(member.text))
        if mention is None:
            continue
        depth = _depth(member, token)
        named_person = mention.entity_type == "person" and depth <= 3 and not prefer_place
        rank = (0 if named_person else 1, depth, preference.get(mention.entity_type, 9), member.i)
        if prefer_place:
            rank = (1, preference.get(mention.entity_type, 9), depth, member.i)
        if best is None or rank < best[0]:
            best = (rank, mention)
    if best is not None:
        mention = best[1]
        return Filler(mention.entity_name, mention.entity_key, mention.entity_type, token)
    referent = _antecedent(token, offset, index)
    if referent is not None:
        return Filler(referent.entity_name, referent.entity_key, referent.entity_type, token)
    return _from_spacy_entity(token, phrase) or _from_proper_name(token)


def _owner_state(phrase: list[Token], offset: int, index: MentionIndex) -> Mention | None:
    """The country a government body's phrase names as its owner: "Ghana's Ministry of Defence",
    "the Ministry of Defence of Ghana". As a party of an event, the body acts for its state."""
    for member in phrase:
        owner = member.dep_ == "poss" or member.dep_ == "pobj" and member.head.lower_ == "of"
        mention = index.covering(offset + member.idx, offset + member.idx + len(member.text)) if owner else None
        if mention is not None and mention.entity_key.startswith("country:"):
            return mention
    return None


def _from_proper_name(token: Token) -> Filler | None:
    """A multiword proper name the recognizer missed ("Silk Way West Airlines"): its compound words."""
    if token.tag_ not in ("NNP", "NNPS"):
        return None
    words = [c for c in token.children if c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS") and c.i < token.i]
    if not words:
        return None
    start = min(t.i for w in words for t in w.subtree)
    return Filler(token.doc[start:token.i + 1].text, None, "organization", token)


def _from_spacy_entity(token: Token, phrase: list[Token]) -> Filler | None:
    """Without a mention, a spaCy entity inside the phrase (its text as the name)."""
    doc = token.doc
    for member in sorted(phrase, key=lambda t: t.i):
        if member.ent_type_ not in _ENT_LABELS:
            continue
        start, end = member.i, member.i + 1  # the entity around the member, read from the IOB tags
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        return Filler(doc[start:end].text, None, _ENT_TYPES[member.ent_type_], token)
    return None


def names_entity(token: Token, offset: int, index: MentionIndex) -> bool:
    """Whether the token is (part of) a mention or a spaCy entity: a modifier that can fill a role."""
    start = offset + token.idx
    if index.covering(start, start + len(token.text)) is not None:
        return True
    return token.ent_type_ in _ENT_LABELS
