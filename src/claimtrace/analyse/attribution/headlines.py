"""Headline attributions: a speaker, a colon and what they said ("Minister: we will not sell arms").

A line that opens with a short noun phrase naming a speaker — a person, an
official body, an outlet, a title ("Minister", "Police", "Officials") — then a
colon and a clause attributes the clause (or the quote after the colon) to
that speaker. A place before the colon is usually the topic of the line
("Chile: floods close the capital's airport"), so a country, a people or a
name of unknown kind speaks only when the clause is quoted or says "we",
"our", "I".
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from claimtrace.analyse.attribution.candidates import Candidate, token_span, tokens_in, trimmed_span
from claimtrace.analyse.attribution.quotes import Quote, paragraphs
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.model import Mention
from claimtrace.ontology.cues import CueLexicon

_SPEAKER_LINE = re.compile(r"[ \t]*(?P<speaker>[^\s:\"“«„'‘][^:\n]{0,58}?)[ \t]*:[ \t]+(?=\S)")
_MAX_SPEAKER_WORDS = 6
_MIN_CONTENT_WORDS = 3
_SPEAKING_ENTS = ("PERSON", "ORG")
_PLACE_ENTS = ("GPE", "NORP", "LOC")
_SPEAKING_MENTIONS = ("person", "organization", "government", "media")
_FIRST_PERSON = {"we", "our", "us", "i", "my", "me"}


def headline_attributions(text: str, parsed: ParsedSegment, quotes: list[Quote], mentions: list[Mention],
                          lexicon: CueLexicon) -> list[Candidate]:
    """One candidate per "Speaker: what they said" line of ``parsed``."""
    found = []
    for paragraph in paragraphs(text, parsed.segment.start, parsed.segment.end):
        match = _SPEAKER_LINE.match(text, paragraph.start, paragraph.end)
        if match is None:
            continue
        candidate = _candidate(text, parsed, match, paragraph.end, quotes, mentions, lexicon)
        if candidate is not None:
            found.append(candidate)
    return found


def _candidate(text: str, parsed: ParsedSegment, match: re.Match[str], line_end: int, quotes: list[Quote],
               mentions: list[Mention], lexicon: CueLexicon) -> Candidate | None:
    speaker = tokens_in(parsed, match.start("speaker"), match.end("speaker"))
    if not speaker or len(speaker) > _MAX_SPEAKER_WORDS or any(t.pos_ in ("VERB", "AUX") for t in speaker):
        return None
    head = next((t for t in reversed(speaker) if t.pos_ in ("NOUN", "PROPN")), None)
    if head is None or not speaker[0].text[:1].isupper():
        return None
    quote = next((q for q in quotes if q.open_mark == match.end() and q.depth == 0), None)
    content_tokens = tokens_in(parsed, match.end(), line_end)
    kind = _speaker_kind(parsed, head, mentions, lexicon)
    if kind is None or (kind != "speaker" and quote is None and not any(t.lower_ in _FIRST_PERSON
                                                                       for t in content_tokens)):
        return None
    content: tuple[int, int] | None
    if quote is not None:
        content = (quote.start, quote.end)
    else:
        if not any(t.pos_ in ("VERB", "AUX") for t in content_tokens):
            return None
        content = trimmed_span(parsed, content_tokens)
    if content is None or len(text[content[0]:content[1]].split()) < _MIN_CONTENT_WORDS:
        return None
    colon = text.rfind(":", match.start(), match.end())
    cue = next((t for t in tokens_in(parsed, colon, colon + 1)), speaker[-1])
    first = max([c.right_edge.i + 1 for c in head.children if c.dep_ == "poss" and c.i < head.i] + [speaker[0].i])
    words = parsed.doc[first:head.i + 1]  # "Ukraine's Zelenskiy" is Zelenskiy
    return Candidate(parsed, content, token_span(parsed, cue, cue), ":", "headline", source=words, source_head=head)


def _speaker_kind(parsed: ParsedSegment, head: Token, mentions: list[Mention], lexicon: CueLexicon) -> str | None:
    """"speaker" when the phrase names someone who speaks, "place" for a country or people,
    "name" for a name of unknown kind; None for anything else."""
    lemma = head.lemma_.lower()
    if lemma in lexicon.person_titles or lemma in lexicon.government_heads or lemma in lexicon.media_heads:
        return "speaker"
    if head.lower_ in lexicon.unnamed_heads and head.tag_ == "NNS":
        return "speaker"
    offset = parsed.offset + head.idx
    for mention in mentions:
        if mention.start <= offset < mention.end:
            if mention.label in _PLACE_ENTS or mention.entity_type == "place":
                return "place"
            if mention.entity_type in _SPEAKING_MENTIONS:
                return "speaker"
    if head.ent_type_ in _SPEAKING_ENTS:
        return "speaker"
    if head.ent_type_ in _PLACE_ENTS:
        return "place"
    if head.pos_ == "PROPN":  # "Ukraine's Zelenskiy" speaks; a bare unknown name may be a topic
        return "speaker" if any(c.dep_ == "poss" for c in head.children) else "name"
    return None
