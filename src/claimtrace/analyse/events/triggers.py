"""Trigger words of the event ontology in a parsed sentence: lemmas and multiword patterns."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.nlp import token_strings
from claimtrace.ontology.events import EventType, TriggerGroup

MAX_PATTERN_GAP = 3  # words allowed between the parts of a pattern ("set buildings on fire")
_VERB_TAGS = ("VB", "MD")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word (or pattern) in a sentence that may state an event of ``event_type``."""

    token: Token  # the head word the arguments are read from
    start: int  # token span of the trigger words in the spaCy doc
    end: int
    event_type: EventType
    group: TriggerGroup


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def word_keys(token: Token) -> set[str]:
    """The lemma, the word and its plain stem: the lemmatizer misses some ("installed" -> "instal")."""
    return set(_word_keys(token.lower_, lemma_of(token)))


@functools.lru_cache(maxsize=1 << 14)
def _word_keys(word: str, lemma: str) -> frozenset[str]:
    keys = {lemma, word}
    for suffix, replacement in (("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", ""), ("es", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            keys.add(word[: -len(suffix)] + replacement)
    return frozenset(keys)


def part_of_speech(token: Token) -> str | None:
    return _part_of_speech(token.pos_, token.tag_)


def _part_of_speech(pos: str, tag: str) -> str | None:
    if pos in ("VERB", "AUX") or tag.startswith(_VERB_TAGS):
        return "verb"
    if pos in ("NOUN", "PROPN") or tag.startswith("NN"):
        return "noun"
    return None


@dataclass(frozen=True, slots=True)
class _LemmaIndex:
    """The trigger groups of the event types by (part of speech, lemma), numbered in ontology order.

    Built once per ontology: a token is looked up by its few keys instead of being
    tried against every group of every type.
    """

    groups: tuple[tuple[EventType, TriggerGroup], ...]
    by_key: Mapping[tuple[str, str], tuple[int, ...]]

    @classmethod
    def of(cls, event_types: Sequence[EventType]) -> _LemmaIndex:
        groups = tuple((event_type, group) for event_type in event_types for group in event_type.triggers)
        by_key: dict[tuple[str, str], list[int]] = {}
        for number, (_, group) in enumerate(groups):
            for lemma in group.lemmas:
                by_key.setdefault((group.pos, lemma), []).append(number)
        return cls(groups, {key: tuple(numbers) for key, numbers in by_key.items()})


_lemma_indexes: dict[tuple[int, ...], tuple[Sequence[EventType], _LemmaIndex]] = {}


def _lemma_index(event_types: Sequence[EventType]) -> _LemmaIndex:
    """The index of these event types, kept while they are the ones in use (the ontology is loaded once)."""
    identity = tuple(map(id, event_types))
    kept = _lemma_indexes.get(identity)
    if kept is None:
        _lemma_indexes.clear()
        kept = _lemma_indexes[identity] = (event_types, _LemmaIndex.of(event_types))
    return kept[1]


def _lemma_triggers(sentence: SpacySpan, event_types: Sequence[EventType]) -> list[Trigger]:
    """Every (token, event type, group) whose lemmas hold one of the token's keys, in ontology order."""
    index = _lemma_index(event_types)
    doc = sentence.doc  # the words are read as strings; a Token is made for a trigger only
    parts, tags = token_strings(doc, "POS"), token_strings(doc, "TAG")
    lowers, lemmas = token_strings(doc, "LOWER"), token_strings(doc, "LEMMA")
    found = []
    for i in range(sentence.start, sentence.end):
        pos = _part_of_speech(parts[i], tags[i])
        if pos is None:
            continue
        keys = _word_keys(lowers[i], lemmas[i].lower())
        numbers = {number for key in keys for number in index.by_key.get((pos, key), ())}
        if not numbers:
            continue
        token = doc[i]
        for number in sorted(numbers):
            event_type, group = index.groups[number]
            found.append(Trigger(token, i, i + 1, event_type, group))
    return found


def _match_pattern(tokens: list[Token], keys: list[tuple[str, str]],
                   pattern: tuple[str, ...]) -> Iterable[tuple[int, int]]:
    """Token spans where the pattern's lemmas occur in order, with small gaps between them."""
    for first, key in enumerate(keys):
        if pattern[0] not in key:
            continue
        position, matched = first, [first]
        for part in pattern[1:]:
            for ahead in range(position + 1, min(position + 2 + MAX_PATTERN_GAP, len(tokens))):
                if tokens[ahead].is_punct:
                    break
                if part in keys[ahead]:
                    matched.append(ahead)
                    position = ahead
                    break
            else:
                break
        if len(matched) == len(pattern):
            yield tokens[matched[0]].i, tokens[matched[-1]].i + 1


def _pattern_head(sentence: SpacySpan, start: int, end: int, pos: str) -> Token:
    tokens = [sentence.doc[i] for i in range(start, end)]
    wanted = [t for t in tokens if part_of_speech(t) == pos]
    if not wanted:
        return min(tokens, key=lambda t: len(list(t.ancestors)))
    return wanted[0] if pos == "verb" else wanted[-1]


def _pattern_triggers(sentence: SpacySpan, event_types: Iterable[EventType]) -> list[Trigger]:
    found = []
    lowers, lemmas = token_strings(sentence.doc, "LOWER"), token_strings(sentence.doc, "LEMMA")
    keys = [(lemmas[i].lower(), lowers[i]) for i in range(sentence.start, sentence.end)]
    words = {word for key in keys for word in key}
    tokens: list[Token] = []  # made only when a pattern's words are all in the sentence
    for event_type in event_types:
        for group in event_type.triggers:
            for pattern in group.patterns:
                if not set(pattern) <= words:
                    continue
                tokens = tokens or list(sentence)
                for start, end in _match_pattern(tokens, keys, pattern):
                    head = _pattern_head(sentence, start, end, group.pos)
                    found.append(Trigger(head, start, end, event_type, group))
    return found


def find_triggers(sentence: SpacySpan, event_types: Mapping[str, EventType]) -> list[Trigger]:
    """Every (word, event type, trigger group) in the sentence, patterns before single lemmas."""
    types = list(event_types.values())
    return _pattern_triggers(sentence, types) + _lemma_triggers(sentence, types)
