"""Stance of a short text (an article headline, a one-line comment) towards a claim.

A short text has no sentences to search for evidence; what shows its stance is
its own wording: "Report: ..." or a question mark reports, "hoax" refutes, a
plain statement asserts. A linear model over its word 1-2-grams and those
signals (measured on Emergent: claim vs article headline) reads it better than
the body model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from claimtrace.stance.data import StancePair
from claimtrace.stance.text import content_stems, load_cues, tokens
from claimtrace.stance.window import load_contrast

SHORT_TOKENS = 40  # a text of at most this many tokens is short
_REPORTING_START = re.compile(r"^\W*(report|rumou?r|claim|exclusive|watch|video|photos?)s?\b", re.IGNORECASE)


def is_short(text: str) -> bool:
    return len(tokens(text)) <= SHORT_TOKENS


def short_text_signals(pair: StancePair) -> np.ndarray:
    """Cue counts and presence, question marks, reporting openers, quotes, length and overlap with the claim."""
    words = tokens(pair.body)
    counts = load_cues().counts(words)
    claim = set(content_stems(pair.headline))
    text = pair.body.strip()
    return np.concatenate([
        counts, counts > 0,
        [float("?" in text), float(text.endswith("?")), float(bool(_REPORTING_START.match(text))),
         float(":" in text), float(any(q in text for q in "'\"“‘")), len(words) / 20,
         len(claim & set(content_stems(text))) / max(len(claim), 1), float(load_contrast().count(words) > 0)],
    ]).astype(np.float32)


@dataclass(slots=True)
class ShortTextModel:
    """Agree / disagree / discuss of short related texts."""

    vectorizer: TfidfVectorizer
    classifier: LogisticRegression

    @classmethod
    def fit(cls, pairs: Sequence[StancePair], seed: int = 1) -> ShortTextModel:
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, dtype=np.float32)
        words = vectorizer.fit_transform([p.body for p in pairs])
        classifier = LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000, random_state=seed)
        classifier.fit(_with_signals(words, pairs), [p.stance for p in pairs])
        return cls(vectorizer, classifier)

    @property
    def classes(self) -> list[str]:
        return [str(c) for c in self.classifier.classes_]

    def predict_proba(self, pairs: Sequence[StancePair]) -> np.ndarray:
        return self.classifier.predict_proba(_with_signals(self.vectorizer.transform([p.body for p in pairs]), pairs))


def _with_signals(words: sparse.spmatrix, pairs: Sequence[StancePair]) -> sparse.csr_matrix:
    return sparse.hstack([words, np.vstack([short_text_signals(p) for p in pairs])]).tocsr()
