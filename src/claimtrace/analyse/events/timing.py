"""When an event happened: the time expression attached to its trigger, else the anchor's year.

The expression closest to the trigger in the parse wins (a date in the trigger's own
clause before one elsewhere in the sentence). An expression that places the event in
an unknown past ("over the last decade", "previously") gives no time; with no
expression at all, the event is dated to the year of the document (or comment), the
precision the text supports for news about current events.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from claimtrace.analyse.events.arguments import phrase_head
from claimtrace.analyse.nlp import doc_text
from claimtrace.analyse.timex import Anchor, Tense, TimeValue, is_vague_past, resolve_time
from claimtrace.analyse.events.voice import reporting_noun
from claimtrace.ontology.cues import load_cues
from claimtrace.ontology.hedges import load_hedges

_TIME_LABELS = ("DATE",)
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "would", "going"})
# Modifiers that make a noun an event still to come ("a planned protest", "the upcoming summit").
_PROSPECTIVE_MODIFIERS = frozenset({"planned", "upcoming", "proposed", "scheduled", "forthcoming", "future",
                                    "intended", "expected", "impending", "coming"})
# Adverbs that place an event in an unknown past, or after another event of unknown date ("eventually").
_VAGUE_ADVERBS = frozenset({"previously", "formerly", "once", "historically", "traditionally", "long", "eventually",
                            "subsequently"})
# Relative expressions spaCy does not always tag as DATE.
_EXTRA = re.compile(r"\b(?:(?:earlier|later) this (?:year|month)|this (?:year|summer|winter|spring|autumn|month)|"
                    r"last (?:year|month|week)|recently|in (?:early|mid|late)[ -]\w+)\b", re.IGNORECASE)


def _distance(a: Token, b: Token) -> int:
    """Number of dependency edges between two tokens of one sentence."""
    ancestors_a = {t.i: n for n, t in enumerate([a, *a.ancestors])}
    for n, t in enumerate([b, *b.ancestors]):
        if t.i in ancestors_a:
            return n + ancestors_a[t.i]
    return 99


def tense_of(trigger: Token) -> Tense | None:
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("will", "shall", "'ll") or a.lower_ == "going" for a in auxiliaries):
        return "future"
    if verb.tag_ in ("VBD", "VBN") or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    return None


def _time_entities(sentence: SpacySpan) -> list[SpacySpan]:
    """The sentence's DATE entities, read from the token tags (cheaper than ``Doc.ents``)."""
    doc, spans, start = sentence.doc, [], None
    for token in sentence:
        inside = token.ent_type_ in _TIME_LABELS and token.ent_iob_ in ("B", "I")
        if start is not None and (not inside or token.ent_iob_ == "B"):
            spans.append(doc[start:token.i])
            start = None
        if inside and start is None:
            start = token.i
    if start is not None:
        spans.append(doc[start:sentence.end])
    return spans


def _candidates(sentence: SpacySpan) -> list[SpacySpan]:
    spans = _time_entities(sentence)
    covered = {t.i for s in spans for t in s}
    doc = sentence.doc
    for match in _EXTRA.finditer(doc_text(doc)[sentence.start_char:sentence.end_char]):  # sentence.text, cheaper
        span = doc.char_span(sentence.start_char + match.start(), sentence.start_char + match.end(),
                             alignment_mode="expand")
        if span is not None and not any(t.i in covered for t in span):
            spans.append(span)
    return spans


def has_own_time(token: Token) -> bool:
    """Whether a time expression lies inside the token's phrase ("the October 2020 meeting")."""
    phrase = {t.i for t in token.subtree}
    return any(span.root.i in phrase for span in _candidates(token.sent))


def _with_preposition(span: SpacySpan) -> str:
    """The expression with a leading "from"/"between" that makes it a range."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in ("from", "between"):
        return f"{before.text} {span.text}"
    return span.text


def _across_line_break(span: SpacySpan, trigger: Token) -> bool:
    """Whether a line break separates the expression from the trigger: a dateline or a heading
    above the paragraph, which the parser may run into the first sentence."""
    text = doc_text(trigger.doc)  # doc.text joins every token again on each read
    start, end = sorted((span.start_char, trigger.idx))
    return "\n" in text[start:end]


def _governing_verb(token: Token) -> Token | None:
    """The verb a time expression modifies: its first verbal head ("the ministry on Friday denied")."""
    for head in token.ancestors:
        if head.pos_ in ("VERB", "AUX"):
            return head
    return None


def _prospective(trigger: Token) -> bool:
    """An event still to come when stated: "will suspend", "would suspend", "plans to", "a planned protest"."""
    if any(c.dep_ == "amod" and c.lower_ in _PROSPECTIVE_MODIFIERS for c in phrase_head(trigger).children):
        return True
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else (trigger.head if trigger.head.pos_ in ("VERB", "AUX")
                                                            else trigger)
    return any(c.dep_ == "aux" and (c.lower_ in _FUTURE_AUXILIARIES or c.tag_ == "TO") for c in verb.children)


def _reporting_frame(span: SpacySpan, trigger: Token) -> Token | None:
    """The reporting verb the expression dates when the trigger is (inside) what it reports.

    "The ministry on Friday denied reports that X had supplied tanks": Friday is the
    denial's day, not the supply's; so is Monday in "reports that X sold tanks surfaced on Monday". An event named as the direct object of a reporting
    verb that does not reject it ("announced a ban on Friday") shares its time.
    """
    verb = _governing_verb(span.root)
    if verb is None or verb.i == trigger.i or verb not in trigger.ancestors:
        return None
    noun = reporting_noun(trigger, load_hedges().reported_nouns)
    if noun is not None and verb in noun.ancestors:
        return verb  # "reports that X sold tanks surfaced on Monday"
    if not load_cues().is_cue(verb.lemma_):
        return None
    head = phrase_head(trigger)
    if head.dep_ == "dobj" and head.head.i == verb.i and load_cues().cue_polarity(verb.lemma_) == "positive":
        return None
    return verb


def event_time(trigger: Token, anchor: str | None) -> tuple[TimeValue | None, str | None]:
    """The event's time and the expression it was read from (None, None when unknown).

    An expression that dates the act of reporting the event is skipped, except for an event
    still to come, which the gold convention dates by its announcement ("announced on
    Monday that it would suspend exports"); that expression is read in the reporting verb's tense.
    """
    parsed_anchor = Anchor.parse(anchor) if anchor else None
    tense = tense_of(trigger)
    ranked = sorted(_candidates(trigger.sent), key=lambda span: (_distance(trigger, span.root),
                                                                 abs(span.root.i - trigger.i)))
    for span in ranked:
        if _across_line_break(span, trigger):
            continue
        frame = _reporting_frame(span, trigger)
        if frame is not None and not _prospective(trigger):
            continue
        if is_vague_past(span.text):
            return None, span.text
        value = resolve_time(_with_preposition(span), parsed_anchor, tense if frame is None else tense_of(frame))
        if value is not None:
            return value, span.text
    first = trigger.sent[0]  # a sentence adverb ("Previously, ...") dates every clause of the sentence
    if first.lower_ in _VAGUE_ADVERBS or any(c.lower_ in _VAGUE_ADVERBS for t in (trigger, trigger.head)
                                             for c in t.children if c.dep_ == "advmod"):
        return None, None
    if parsed_anchor is None:
        return None, None
    return TimeValue(str(parsed_anchor.day.year), precision="year", note="the document's year"), None
