"""Polarity: does the source present the content as true, or reject it?

A cue can reject by itself ("denied the report"); otherwise the content can
reject what it speaks of ("This information is a fake", "the claims are
baseless"). Such a denial predicate counts only when it is said of a claim (a
claim noun or a pronoun standing for one), so that a source asserting a
negative fact ("the evidence was fabricated by the police") stays positive.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimtrace.analyse.attribution.candidates import Candidate, tokens_in
from claimtrace.ontology.cues import CueLexicon

_MAX_GAP = 2
_ANAPHORS = {"this", "that", "it", "these", "those", "they", "all", "which", "everything", "such"}


def polarity_of(candidate: Candidate, lexicon: CueLexicon) -> str:
    if candidate.polarity == "negative":
        return "negative"
    if candidate.kind == "block":  # a quoted passage is presented as it stands; its own denials are nested
        return "positive"
    tokens = tokens_in(candidate.parsed, *candidate.content)
    return "negative" if rejects_a_claim(tokens, lexicon) else "positive"


def rejects_a_claim(tokens: list[Token], lexicon: CueLexicon) -> bool:
    """True when ``tokens`` hold a denial predicate said of a claim."""
    words = [t.lower_ for t in tokens]
    for phrase in lexicon.denials:
        for start in range(len(words)):
            if words[start] == phrase[0] and _matches(words, start, phrase):
                if _said_of_claim(tokens[start], lexicon):
                    return True
    return False


def _matches(words: list[str], start: int, phrase: tuple[str, ...]) -> bool:
    position = start
    for word in phrase[1:]:
        window = words[position + 1:position + 2 + _MAX_GAP]
        if word not in window:
            return False
        position += 1 + window.index(word)
    return True


def _said_of_claim(token: Token, lexicon: CueLexicon) -> bool:
    """The thing the predicate at ``token`` is about: its subject, or the noun it modifies."""
    node = token
    for _ in range(4):
        if node.dep_ == "amod" and node.head.pos_ in ("NOUN", "PROPN"):
            return _is_claim(node.head, lexicon)
        subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            return _is_claim(subjects[0], lexicon)
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _is_claim(noun: Token, lexicon: CueLexicon) -> bool:
    return noun.lemma_.lower() in lexicon.claim_nouns or noun.lower_ in _ANAPHORS
