"""Nominal attributions: a statement noun with its author and its content.

"Russia's warning that any convoy would be a target", "a statement by the army
that no shots were fired", "the Kremlin's ultimatum to 'withdraw or else'",
"Turkey's promise to deliver the drones". The noun needs an author of its own
(a possessive, a "by/from/of" phrase, or a name or nationality before it): an
authorless "the claim that X" is the author's framing, not a report. When a
cue verb reports the same content ("denied Russia's claim that X"), the verb's
attribution is kept (see the stage).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.attribution.candidates import Candidate, in_paragraph, token_span, trimmed_span
from claimtrace.analyse.attribution.clauses import has_that_mark
from claimtrace.analyse.attribution.quotes import Quote
from claimtrace.analyse.attribution.reported import complement_tokens
from claimtrace.analyse.nlp import token_strings
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.ontology.cues import CueLexicon, CueNoun

_AUTHOR_PREPS = ("by", "from", "of")
_NAMING_ENTS = ("PERSON", "ORG", "GPE", "NORP")
_BEFORE_QUOTE = re.compile(r"\s*(?:to|:|,|—|–|-)?\s*")


def nominal_attributions(text: str, parsed: ParsedSegment, quotes: list[Quote],
                         lexicon: CueLexicon) -> list[Candidate]:
    """One candidate per statement noun of ``parsed`` that has an author and a content."""
    found = []
    doc = parsed.doc
    parts = token_strings(doc, "POS")
    for i, lemma in enumerate(token_strings(doc, "LEMMA")):
        if parts[i] != "NOUN":
            continue
        noun = lexicon.noun(lemma)
        if noun is None:
            continue
        token = doc[i]
        author = _author(token)
        if author is None:
            continue
        content = _content(text, parsed, token, noun, quotes, lexicon)
        if content is None:
            continue
        found.append(Candidate(parsed, content, token_span(parsed, token, token), token.lemma_.lower(), "nominal",
                               source=author, source_head=author.root, polarity=noun.polarity))
    return found


def _author(noun: Token) -> SpacySpan | None:
    """The words naming who made the statement, when the noun phrase names anyone."""
    doc = noun.doc
    for child in noun.children:
        if child.dep_ == "poss":
            return doc[child.left_edge.i:child.i + 1]
        if child.dep_ == "prep" and child.lower_ in _AUTHOR_PREPS and child.i > noun.i:
            author = next((c for c in child.children if c.dep_ == "pobj"), None)
            if author is not None and (author.pos_ == "PROPN" or author.ent_type_ in _NAMING_ENTS
                                       or child.lower_ != "of"):
                return doc[author.left_edge.i:author.right_edge.i + 1]
    for child in noun.children:
        if child.dep_ in ("compound", "amod") and child.i < noun.i and child.ent_type_ in _NAMING_ENTS:
            first = child.left_edge.i
            while first > 0 and doc[first - 1].ent_iob_ == "I" and doc[first - 1].i < child.i:
                first -= 1
            return doc[first:child.i + 1]
    return None


def _content(text: str, parsed: ParsedSegment, token: Token, noun: CueNoun, quotes: list[Quote],
             lexicon: CueLexicon) -> tuple[int, int] | None:
    quoted = _quote_after(text, parsed, token, quotes)
    if quoted is not None:
        return quoted.start, quoted.end
    for child in token.children:
        if child.i < token.i:
            continue
        that_clause = noun.clause and child.dep_ in ("acl", "ccomp", "relcl") and has_that_mark(child)
        infinitive = noun.infinitive and child.dep_ == "acl" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if that_clause or infinitive:
            tokens = in_paragraph(complement_tokens(child, lexicon), token)
            if infinitive:
                tokens = [t for t in tokens if not (t.dep_ == "aux" and t.lower_ == "to" and t.head.i == child.i)]
            return trimmed_span(parsed, tokens)
    return None


def _quote_after(text: str, parsed: ParsedSegment, token: Token, quotes: list[Quote]) -> Quote | None:
    """A quote opening right after the noun ("the ultimatum to «withdraw or else»")."""
    end = parsed.offset + token.idx + len(token.text)
    index = bisect_left(quotes, end, key=lambda q: q.open_mark)
    if index == len(quotes) or not _BEFORE_QUOTE.fullmatch(text, end, quotes[index].open_mark):
        return None
    quote = quotes[index]
    return quote if len(text[quote.start:quote.end].split()) >= 2 else None
