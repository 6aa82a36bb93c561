"""Direct quotes: a quote that stands as speech, with the cue next to it ("…," he said).

A quote counts as speech when it opens a paragraph or follows a cue, a colon,
a comma or a dash, and is a clause rather than a phrase of the author's
sentence (scare quotes and titles are left alone). Its cue is the first verb
after the quote ("…", says the Ministry) or else the last verb or source phrase
before it (The agency reported: "…"). Quotes running over several paragraphs
share the cue of any of their paragraphs; so do the parts of a quote split by
its cue ("A," he said. "B.").
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from claimtrace.analyse.attribution.candidates import Candidate, doc_text, token_span, tokens_in
from claimtrace.analyse.attribution.phrases import match_phrase, phrase_source
from claimtrace.analyse.attribution.quotes import Quote
from claimtrace.analyse.attribution.reported import cue_tokens, subject_of
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.ontology.cues import CueLexicon

_SPEECH_BEFORE = set(":,—–-.!?")
_MIN_WORDS = 3
_CUE_REACH = 40  # tokens before or after a quote in which its cue is looked for


def direct_quotes(text: str, parsed: ParsedSegment, quotes: list[Quote], lexicon: CueLexicon) -> list[Candidate]:
    """One candidate per quote (or paragraph of a quote) that a cue attributes."""
    speech = [q for q in quotes if _is_speech(text, q, parsed, lexicon)]
    found: dict[int, Candidate | None] = {}
    by_paragraph: dict[int, list[Quote]] = {}
    for quote in speech:
        by_paragraph.setdefault(quote.paragraph, []).append(quote)
    for index, quote in enumerate(speech):
        found[index] = _cue_after(text, quote, by_paragraph, parsed, lexicon) or _cue_before(
            text, quote, by_paragraph, parsed, lexicon)
    _share_along_paragraphs(speech, found)
    return [c for c in found.values() if c is not None]


def _is_speech(text: str, quote: Quote, parsed: ParsedSegment, lexicon: CueLexicon) -> bool:
    if len(text[quote.start:quote.end].split()) < _MIN_WORDS:
        return False
    if quote.continues:
        return True
    line_start = max(text.rfind("\n", 0, quote.open_mark) + 1, parsed.offset)
    before = text[line_start:quote.open_mark].rstrip()
    if not before or before[-1] in _SPEECH_BEFORE:
        return True
    previous = tokens_in(parsed, line_start, quote.open_mark, at_most=3, from_end=True)
    if not previous:
        return True
    last = previous[-1]
    if last.pos_ == "ADP":  # "what he said about «…»"
        last = last.head
    return last.lower_ == "that" or lexicon.is_cue(last.lemma_)


def _frame_end(text: str, quote: Quote, speech: dict[int, list[Quote]], parsed: ParsedSegment) -> int:
    """Where the words after a quote stop: the next quote of the paragraph or the paragraph end."""
    start = quote.close_mark + 1 if quote.close_mark is not None else quote.end
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    for other in speech.get(quote.paragraph, ()):
        if other.open_mark >= start and other.depth == 0:
            end = min(end, other.open_mark)
    return min(end, parsed.offset + len(doc_text(parsed.doc)))


def _cue_after(text: str, quote: Quote, speech: dict[int, list[Quote]], parsed: ParsedSegment,
               lexicon: CueLexicon) -> Candidate | None:
    if quote.close_mark is None:
        return None
    tokens = tokens_in(parsed, quote.close_mark + 1, _frame_end(text, quote, speech, parsed), at_most=_CUE_REACH)
    verb = _first_verb(tokens)
    if verb is None or not lexicon.is_cue(verb.lemma_):
        return None
    return _candidate(parsed, quote, verb, lexicon)


def _first_verb(tokens: list[Token]) -> Token | None:
    for token in tokens:
        if token.text in ".!?;" or token.text in '"':
            return None
        if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.dep_ not in ("aux", "auxpass")):
            return token
    return None


def _cue_before(text: str, quote: Quote, speech: dict[int, list[Quote]], parsed: ParsedSegment,
                lexicon: CueLexicon) -> Candidate | None:
    start = text.rfind("\n", 0, quote.open_mark) + 1
    for other in speech.get(quote.paragraph, ()):
        if other.close_mark is not None and other.close_mark < quote.open_mark:
            start = max(start, other.close_mark + 1)
    tokens = tokens_in(parsed, max(start, parsed.offset), quote.open_mark, at_most=_CUE_REACH, from_end=True)
    phrase = match_phrase(tokens, lexicon)
    if phrase is not None:
        first, last = phrase
        source = phrase_source(last)
        return Candidate(parsed, (quote.start, quote.end), token_span(parsed, first, last), "according to",
                         "according_to", source=source, source_head=source.root if source else None)
    for token in reversed(tokens):
        if token.pos_ == "VERB" or token.tag_.startswith("VB"):
            return _candidate(parsed, quote, token, lexicon) if lexicon.is_cue(token.lemma_) else None
    return None


def _candidate(parsed: ParsedSegment, quote: Quote, verb: Token, lexicon: CueLexicon) -> Candidate:
    subject = subject_of(verb, lexicon)
    return Candidate(
        parsed, (quote.start, _content_end(parsed, quote)), cue_tokens(parsed, verb, lexicon), verb.lemma_.lower(),
        "direct", source=subject, source_head=subject.root if subject is not None else None,
        polarity=lexicon.cue_polarity(verb.lemma_),
    )


def _content_end(parsed: ParsedSegment, quote: Quote) -> int:
    """The quote without a trailing comma that only joins it to its cue ("…," he said)."""
    text = doc_text(parsed.doc)
    end = quote.end
    while end > quote.start and text[end - 1 - parsed.offset] in " ,":
        end -= 1
    return end


def _share_along_paragraphs(speech: list[Quote], found: dict[int, Candidate | None]) -> None:
    """Quotes continued over paragraphs take the cue of the nearest part that has one."""
    chains: list[list[int]] = []
    for index, quote in enumerate(speech):
        if quote.continues and chains and _continued_by(speech[chains[-1][-1]], quote):
            chains[-1].append(index)
        else:
            chains.append([index])
    for chain in chains:
        for position, index in enumerate(chain):
            if found[index] is not None:
                continue
            donors = [found[i] for i in reversed(chain[:position])] + [found[i] for i in chain[position + 1:]]
            donor = next((d for d in donors if d is not None), None)
            if donor is not None:
                quote = speech[index]
                found[index] = replace(donor, content=(quote.start, _content_end(donor.parsed, quote)))


def _continued_by(earlier: Quote, later: Quote) -> bool:
    return earlier.close_mark is None and later.paragraph == earlier.paragraph + 1
