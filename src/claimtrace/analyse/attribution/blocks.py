"""Block quotations: passages of several paragraphs quoted from another text.

Unmarked blocks: blogs and comment threads quote whole passages as indented
blocks, and the indentation is gone once the page is text. A paragraph that
ends with a colon and whose last sentence has a named person, organisation or
outlet as a subject introduces a block: the lines that follow, up to the next
blank line, and further paragraphs as long as each holds an attributed direct
quote (a quoted article's own quotes).

Marked blocks: "Here is a quote from X:" (or "an excerpt from", "a passage
from" ...) followed by a paragraph opening with a quotation mark, the block
running to the paragraph that ends with a closing mark of its own (one that
closes nothing opened in that paragraph) — the quoted text's own quotes and
unmarked paragraphs in between belong to it.

A block is one attribution to its source; the attributions found inside it
stay as they are (nested, PARC style).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from claimtrace.analyse.attribution.candidates import Candidate, token_span, tokens_in
from claimtrace.analyse.attribution.quotes import DOUBLE_MARKS, Paragraph, Quote, paragraphs
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.model import Mention
from claimtrace.ontology.cues import CueLexicon

_SPEAKING_TYPES = ("person", "organization", "media", "government")
_MIN_WORDS = 8
_LIST_STARTS = ("-", "•", "*", "–", "—")
_MAX_BLOCK_PARAGRAPHS = 8
_TRAILING = " \t\u00a0.;,"


def block_quotations(text: str, parsed: ParsedSegment, mentions: list[Mention],
                     direct: list[Candidate]) -> list[Candidate]:
    """One candidate per unmarked block quotation of ``parsed``."""
    found = []
    start, end = parsed.segment.start, parsed.segment.end
    position = text.find(":", start, end)
    while position >= 0:
        line_end = text.find("\n", position)
        if line_end >= 0 and not text[position + 1:line_end].strip():
            candidate = _block_after(text, parsed, position, line_end, mentions, direct)
            if candidate is not None:
                found.append(candidate)
        position = text.find(":", position + 1, end)
    return found


def _block_after(text: str, parsed: ParsedSegment, colon: int, line_end: int, mentions: list[Mention],
                 direct: list[Candidate]) -> Candidate | None:
    segment_end = parsed.segment.end
    intro = tokens_in(parsed, text.rfind("\n", 0, colon) + 1, colon)
    subject = _named_subject(intro, parsed, mentions)
    if subject is None:
        return None
    first = line_end
    while first < segment_end and text[first].isspace():
        first += 1
    block_text = text[first:text.find("\n\n", first) if "\n\n" in text[first:segment_end] else segment_end]
    if len(block_text.split()) < _MIN_WORDS or block_text.lstrip().startswith(_LIST_STARTS):
        return None
    if block_text[:1] in "\"“«„'‘":  # a marked quote: the quote finder's
        return None
    end = _extend(text, first + len(block_text.rstrip()), segment_end, direct)
    verb = subject.head
    return Candidate(parsed, (first, end), token_span(parsed, verb, verb), verb.lemma_.lower(), "block",
                     source=parsed.doc[subject.left_edge.i:subject.right_edge.i + 1], source_head=subject)


def _named_subject(intro: list[Token], parsed: ParsedSegment, mentions: list[Mention]) -> Token | None:
    """The last subject of the introducing sentence that names a person, body or outlet."""
    if not intro:
        return None
    sentence = intro[-1].sent
    subjects = [t for t in sentence if t.dep_ == "nsubj" and t.i <= intro[-1].i]
    for subject in reversed(subjects):
        offset = parsed.offset + subject.idx
        for mention in mentions:
            if mention.start <= offset < mention.end and mention.entity_type in _SPEAKING_TYPES \
                    and mention.label not in ("GPE", "NORP", "LOC"):
                return subject
    return None


def _extend(text: str, end: int, limit: int, direct: list[Candidate]) -> int:
    """Carry the block over following paragraphs that each hold an attributed direct quote."""
    while True:
        start = end
        while start < limit and text[start].isspace():
            start += 1
        if start >= limit:
            return end
        stop = text.find("\n\n", start)
        stop = limit if stop < 0 or stop > limit else stop
        if not any(start <= c.content[0] < stop and start <= c.cue[0] < stop for c in direct):
            return end
        end = start + len(text[start:stop].rstrip())


def marked_blocks(text: str, parsed: ParsedSegment, quotes: list[Quote], lexicon: CueLexicon) -> list[Candidate]:
    """One candidate per quoted passage of several paragraphs introduced by "a quote from X"."""
    found = []
    lines = paragraphs(text, parsed.segment.start, parsed.segment.end)
    by_line: dict[int, list[Quote]] = {}
    for quote in quotes:
        by_line.setdefault(quote.paragraph, []).append(quote)
    index = 1
    while index < len(lines):
        opening = _opening_quote(text, lines[index], by_line.get(index, []))
        close = _closing_line(text, lines, index, by_line) if opening is not None else None
        intro = _quote_introduction(parsed, lines[index - 1], lexicon) if close is not None else None
        if opening is None or close is None or intro is None:
            index += 1
            continue
        cue, source = intro
        found.append(Candidate(parsed, (opening.start, close[1]), token_span(parsed, cue, cue), cue.lemma_.lower(),
                               "block", source=source, source_head=source.root))
        index = close[0] + 1
    return found


def _opening_quote(text: str, line: Paragraph, quotes: list[Quote]) -> Quote | None:
    lead = len(text[line.start:line.end]) - len(text[line.start:line.end].lstrip()) + line.start
    return next((q for q in quotes if q.open_mark == lead and q.depth == 0), None)


def _closing_line(text: str, lines: list[Paragraph], first: int,
                  by_line: dict[int, list[Quote]]) -> tuple[int, int] | None:
    """The later line that ends with a closing mark of its own, and where the quoted text ends."""
    for index in range(first + 1, min(len(lines), first + _MAX_BLOCK_PARAGRAPHS)):
        line = lines[index]
        end = line.end
        while end > line.start and text[end - 1] in _TRAILING:
            end -= 1
        mark = end - 1
        if mark <= line.start or text[mark] not in DOUBLE_MARKS:
            continue
        if any(mark in (q.open_mark, q.close_mark) for q in by_line.get(index, [])):
            continue
        while mark > line.start and text[mark - 1] in _TRAILING:
            mark -= 1
        return index, mark
    return None


def _quote_introduction(parsed: ParsedSegment, line: Paragraph, lexicon: CueLexicon) -> tuple[Token, Span] | None:
    """"a quote from [X]": the statement noun and the words naming where the passage comes from."""
    for token in tokens_in(parsed, line.start, line.end):
        if token.pos_ != "NOUN" or not lexicon.is_cue_noun(token.lemma_):
            continue
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                origin = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if origin is not None:
                    return token, parsed.doc[origin.left_edge.i:origin.i + 1]
    return None
