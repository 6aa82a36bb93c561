"""Trigger words of the event ontology in a parsed sentence: lemmas and multiword patterns."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan, Token

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
    word = token.lower_
    keys = {lemma_of(token), word}
    for suffix, replacement in (("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("s", ""), ("es", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            keys.add(word[: -len(suffix)] + replacement)
    return keys


def part_of_speech(token: Token) -> str | None:
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith(_VERB_TAGS):
        return "verb"
    if token.pos_ in ("NOUN", "PROPN") or token.tag_.startswith("NN"):
        return "noun"
    return None


def _lemma_triggers(sentence: SpacySpan, event_types: Iterable[EventType]) -> list[Trigger]:
    found = []
    for token in sentence:
        pos = part_of_speech(token)
        if pos is None:
            continue
        keys = word_keys(token)
        for event_type in event_types:
            for group in event_type.triggers:
                if group.pos == pos and keys & group.lemmas:
                    found.append(Trigger(token, token.i, token.i + 1, event_type, group))
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
    tokens = list(sentence)
    keys = [(lemma_of(t), t.lower_) for t in tokens]
    words = {word for key in keys for word in key}
    for event_type in event_types:
        for group in event_type.triggers:
            for pattern in group.patterns:
                if not set(pattern) <= words:
                    continue
                for start, end in _match_pattern(tokens, keys, pattern):
                    head = _pattern_head(sentence, start, end, group.pos)
                    found.append(Trigger(head, start, end, event_type, group))
    return found


def find_triggers(sentence: SpacySpan, event_types: Mapping[str, EventType]) -> list[Trigger]:
    """Every (word, event type, trigger group) in the sentence, patterns before single lemmas."""
    types = list(event_types.values())
    return _pattern_triggers(sentence, types) + _lemma_triggers(sentence, types)
