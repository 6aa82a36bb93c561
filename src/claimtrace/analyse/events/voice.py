"""Whose voice states an event claim: the innermost attribution, a reported noun, the comment's writer, the author.

An event in the content of a reported noun ("the claim that X sold tanks rests on one
source", "rumours of arms deliveries") is stated by whoever made the claim, not by the
writer who mentions it. When no attribution names that claimant, or the noun sits inside
a positive attribution's content ("officials said the reports that ... were old"), the
claim's source is an unnamed one. A negative attribution over the noun ("the ministry
dismissed the allegation that ...") keeps its source: its denial is the claim.
"""

from __future__ import annotations

from spacy.tokens import Token

from claimtrace.analyse.attribution.sources import UNNAMED
from claimtrace.analyse.events.arguments import phrase_head
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.model import AUTHOR, Attribution, SourceType

# Prepositions whose object is a reported noun's content ("reports of", "rumours about").
_CONTENT_PREPOSITIONS = frozenset({"of", "about", "on", "regarding", "concerning", "over"})
# Relations by which a clause is a noun's content ("the claim that ...").
_CONTENT_CLAUSES = frozenset({"acl", "ccomp", "appos"})


def reporting_noun(trigger: Token, nouns: frozenset[str]) -> Token | None:
    """The reported noun whose content states the trigger's event, if any."""
    token = phrase_head(trigger)
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return None
        if token.dep_ == "conj":
            token = head  # "claims that X sold tanks and delivered them"
            continue
        if (token.dep_ in _CONTENT_CLAUSES or _misread_content_clause(token)) and head.pos_ == "NOUN":
            return head if head.lemma_.lower() in nouns else None
        if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _CONTENT_PREPOSITIONS:
            noun = phrase_head(head.head) if head.head.pos_ == "NOUN" else None
            return noun if noun is not None and noun.lemma_.lower() in nouns else None
        return None
    return None


def _misread_content_clause(clause: Token) -> bool:
    """A "that" clause the parser reads as relative though "that" fills no role in it ("reports that X sold Y")."""
    return clause.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _states_content(attribution: Attribution | None, noun: Token, offset: int) -> bool:
    """Whether the noun's content is left to an unnamed claimant: no attribution covers it, or a
    positive one holds the noun inside its content, as something it mentions."""
    if attribution is None:
        return True
    start, end = attribution.content
    inside = start <= offset + noun.idx < end and start <= offset + noun.head.idx < end
    return attribution.polarity == "positive" and inside


def voice_of(attribution: Attribution | None, parsed: ParsedSegment, trigger: Token,
             reported_nouns: frozenset[str]) -> tuple[str, SourceType, Attribution | None]:
    """Who states the claim and the attribution that says so (None for an unnamed claimant or the writer)."""
    noun = reporting_noun(trigger, reported_nouns)
    if noun is not None and _states_content(attribution, noun, parsed.offset):
        return UNNAMED, "unnamed", None
    if attribution is not None:
        return attribution.source, attribution.source_type, attribution
    segment = parsed.segment
    if segment.kind == "comment" and segment.author:
        return segment.author, "person", None  # a reader's comment is its writer's voice, not the article's
    return AUTHOR, "author", None
