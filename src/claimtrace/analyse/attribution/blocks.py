"""Block quotations that lost their quotation marks: "X wrote:" followed by quoted paragraphs.

Blogs and comment threads quote whole passages as indented blocks, and the
indentation is gone once the page is text. A paragraph that ends with a colon
and whose last sentence has a named person, organisation or outlet as a
subject introduces a block: the lines that follow, up to the next blank line,
and further paragraphs as long as each holds an attributed direct quote (a
quoted article's own quotes). The block is one attribution to that source;
the attributions found inside it stay as they are (nested, PARC style).
"""

from __future__ import annotations

from spacy.tokens import Token

from claimtrace.analyse.attribution.candidates import Candidate, token_span, tokens_in
from claimtrace.analyse.pipeline import ParsedSegment
from claimtrace.model import Mention

_SPEAKING_TYPES = ("person", "organization", "media", "government")
_MIN_WORDS = 8
_LIST_STARTS = ("-", "•", "*", "–", "—")


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
