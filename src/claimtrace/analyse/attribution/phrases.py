"""Source phrases: "according to X, Y", "as reflected in X, Y", "Y, according to X".

The source is the object of the phrase's last word; the content is the rest of
the clause: what follows the source up to the end of the sentence (or a
semicolon) when the phrase opens the clause, what precedes the phrase when it
closes it. A trailing non-restrictive relative clause (", which ...") is the
author's comment and is left out.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.attribution.candidates import Candidate, in_paragraph, token_span, trimmed_span
from claimtrace.analyse.nlp import token_strings
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.ontology.cues import CueLexicon

_CLAUSE_BREAKS = {";"}
_RELATIVE = {"which", "who", "whom", "whose"}


def match_phrase(tokens: list[Token], lexicon: CueLexicon) -> tuple[Token, Token] | None:
    """The last source phrase in ``tokens``, as its first and last tokens."""
    words = [t.lower_ for t in tokens]
    best: tuple[int, int] | None = None
    for phrase in lexicon.phrases:
        size = len(phrase)
        for i in range(len(words) - size + 1):
            if tuple(words[i:i + size]) == phrase and (best is None or i > best[0]):
                best = (i, i + size - 1)
    return (tokens[best[0]], tokens[best[1]]) if best else None


def phrase_source(last: Token) -> SpacySpan | None:
    """The words after a source phrase that name the source ("according to [our sources]")."""
    doc = last.doc
    for child in last.children:
        if child.dep_ in ("pobj", "dobj", "pcomp") and child.i > last.i:
            return doc[last.i + 1:child.right_edge.i + 1]
    end = last.i + 1
    while end < len(doc) and not doc[end].is_punct and doc[end].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON",
                                                                      "PART", "ADP", "CCONJ"):
        end += 1
    return doc[last.i + 1:end] if end > last.i + 1 else None


def source_phrases(parsed: ParsedSegment, lexicon: CueLexicon) -> list[Candidate]:
    """Every "according to X" attribution of ``parsed``."""
    found = []
    doc = parsed.doc
    lowers, spaces = token_strings(doc, "LOWER"), doc.to_array("IS_SPACE").tolist()
    for sent in doc.sents:
        indices = [i for i in range(sent.start, sent.end) if not spaces[i]]
        words = [lowers[i] for i in indices]
        present = set(words)
        tokens: list[Token] = []  # made only for a sentence with a phrase's first word
        for phrase in lexicon.phrases:
            if phrase[0] not in present:
                continue
            tokens = tokens or [doc[i] for i in indices]
            size = len(phrase)
            for i in range(len(words) - size + 1):
                if tuple(words[i:i + size]) == phrase:
                    candidate = _candidate(parsed, tokens, tokens[i], tokens[i + size - 1])
                    if candidate is not None:
                        found.append(candidate)
    return found


def _candidate(parsed: ParsedSegment, sentence: list[Token], first: Token, last: Token) -> Candidate | None:
    source = phrase_source(last)
    if source is None:
        return None
    sentence = in_paragraph(sentence, first)
    after = [t for t in sentence if t.i >= source.end]
    if _has_words(after):
        content = trimmed_span(parsed, _until_break(after))
    else:
        content = trimmed_span(parsed, _clause_before(sentence, first))
    if content is None:
        return None
    return Candidate(parsed, content, token_span(parsed, first, last), "according to", "according_to",
                     source=source, source_head=source.root)


def _has_words(tokens: list[Token]) -> bool:
    return sum(1 for t in tokens if t.is_alpha) >= 2


def _until_break(tokens: list[Token]) -> list[Token]:
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        if token.text in _CLAUSE_BREAKS:
            break
        if token.text == "," and index + 1 < len(tokens) and tokens[index + 1].lower_ in _RELATIVE and kept:
            break
        kept.append(token)
    return kept


def _clause_before(sentence: list[Token], first: Token) -> list[Token]:
    before = [t for t in sentence if t.i < first.i]
    for index in range(len(before) - 1, -1, -1):
        if before[index].text in _CLAUSE_BREAKS:
            return before[index + 1:]
    return before
