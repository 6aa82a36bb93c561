"""Features of a headline/body pair: how much the body is about the claim, and how it speaks of it.

Relatedness comes from TF-IDF cosines and stem overlap with the whole body, its
lead and its best-matching sentences; stance from refuting, hedging, supporting
and negating cues counted in the sentences that match the claim's words (the
evidence), in the lead and in the headline itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from claimtrace.stance.data import StancePair
from claimtrace.stance.text import CUE_KINDS, content_stems, load_cues, sentences, stem, tokens
from claimtrace.stance.window import ClaimWindow, load_contrast

EVIDENCE_SENTENCES = 3
LEAD_SENTENCES = 3
NEAR_OVERLAP = 0.25  # a sentence holding this share of the headline's stems is "near" the claim

FEATURE_NAMES = (
    ["cos_body", "cos_best", "cos_top3", "cos_lead", "overlap_body", "overlap_lead", "overlap_best",
     "idf_overlap", "jaccard", "bigram_overlap", "near_share", "log_sentences", "best_position",
     "head_question", "head_quoted", "head_length", "polarity_mismatch"]
    + [f"head_{k}" for k in CUE_KINDS] + [f"body_{k}" for k in CUE_KINDS] + [f"evidence_{k}" for k in CUE_KINDS]
    + [f"best_{k}" for k in CUE_KINDS] + [f"near_{k}" for k in CUE_KINDS] + [f"lead_{k}" for k in CUE_KINDS]
    + [f"window_top_{k}" for k in CUE_KINDS] + ["negated_claim_top", "contrast_top"]
    + [f"window_best_{k}" for k in CUE_KINDS] + ["negated_claim_best", "contrast_best"]
    + [f"window_body_{k}" for k in CUE_KINDS] + ["negated_claim_body", "contrast_body"]
    + ["negation_mismatch", "head_contrast", "best_question"]
)


@dataclass(slots=True)
class BodyView:
    """A body cut into sentences, with their stems, cue counts and TF-IDF rows."""

    sentences: list[str]
    stems: list[set[str]]
    cues: np.ndarray  # sentences x CUE_KINDS
    matrix: sparse.csr_matrix  # sentences x vocabulary, rows unit length
    vector: sparse.csr_matrix  # 1 x vocabulary, the whole body
    all_stems: set[str]
    lead_stems: set[str]
    words: list[list[str]]  # each sentence's tokens
    word_stems: list[list[str]]  # and their stems, position for position


@dataclass(slots=True)
class HeadlineView:
    stems: list[str]
    vector: sparse.csr_matrix
    cues: np.ndarray
    question: bool
    quoted: bool
    contrast: float  # contrast cues in the headline itself


def _given(stems: list[str]) -> list[str]:
    return stems  # texts reach the vectorizer already cut into stems


class PairFeaturizer:
    """Turns pairs into feature rows; fitted once on the texts of the training pairs (TF-IDF vocabulary)."""

    def __init__(self, max_features: int = 40000) -> None:
        self.vectorizer = TfidfVectorizer(analyzer=_given, min_df=2, max_features=max_features,
                                          sublinear_tf=True, dtype=np.float32)
        self.idf: dict[str, float] = {}

    def fit(self, pairs: Sequence[StancePair]) -> PairFeaturizer:
        texts = sorted({p.headline for p in pairs}) + sorted({p.body for p in pairs})
        self.vectorizer.fit([content_stems(t) for t in texts])
        self.idf = {term: float(self.vectorizer.idf_[i]) for term, i in self.vectorizer.vocabulary_.items()}
        return self

    def transform(self, pairs: Sequence[StancePair]) -> tuple[np.ndarray, list[str], list[str]]:
        """Feature rows, the evidence text of each pair (its best-matching sentences) and its best sentence."""
        bodies: dict[str, BodyView] = {}
        heads: dict[str, HeadlineView] = {}
        rows, evidence, best = [], [], []
        for pair in pairs:
            body = bodies.get(pair.body)
            if body is None:
                body = bodies[pair.body] = self._body_view(pair.body)
            head = heads.get(pair.headline)
            if head is None:
                head = heads[pair.headline] = self._headline_view(pair.headline)
            row, order = self._pair_row(head, body)
            rows.append(row)
            evidence.append(" ".join(body.sentences[i] for i in sorted(order[:EVIDENCE_SENTENCES])))
            best.append(body.sentences[order[0]])
        matrix = np.vstack(rows) if rows else np.zeros((0, len(FEATURE_NAMES)), dtype=np.float32)
        return matrix, evidence, best

    def _body_view(self, text: str) -> BodyView:
        cut = sentences(text)
        words = [tokens(s) for s in cut]
        stem_lists = [content_stems(s) for s in cut]
        stems = [set(s) for s in stem_lists]
        cues = load_cues()
        counts = np.vstack([cues.counts(w) for w in words])
        all_stems = set().union(*stems)
        lead = set().union(*stems[:LEAD_SENTENCES])
        matrix = self.vectorizer.transform(stem_lists + [[s for lst in stem_lists for s in lst]]).tocsr()
        return BodyView(cut, stems, counts, matrix[:-1], matrix[-1], all_stems, lead, words,
                        [[stem(w) for w in sentence] for sentence in words])

    def _headline_view(self, text: str) -> HeadlineView:
        stripped = text.strip()
        stems = content_stems(text)
        return HeadlineView(stems, self.vectorizer.transform([stems]).tocsr(),
                            load_cues().counts(tokens(text)), stripped.endswith("?"),
                            any(q in stripped for q in ("'", '"', "“", "‘")),
                            float(load_contrast().count(tokens(text))))

    def _pair_row(self, head: HeadlineView, body: BodyView) -> tuple[np.ndarray, list[int]]:
        stems = set(head.stems) or {""}
        cosines = (body.matrix @ head.vector.T).toarray().ravel()
        overlaps = np.array([len(stems & s) / len(stems) for s in body.stems], dtype=np.float32)
        order = list(np.argsort(-(cosines + overlaps), kind="stable"))
        top = order[:EVIDENCE_SENTENCES]
        best = order[0]
        n = len(body.sentences)
        near = overlaps >= NEAR_OVERLAP
        idf_total = sum(self.idf.get(s, 1.0) for s in stems)
        bigrams = set(zip(head.stems, head.stems[1:]))
        body_bigrams = {b for s in body.stems for b in _pairs_of(s, bigrams)}
        best_cues = body.cues[best]
        relation = [
            float((body.vector @ head.vector.T).toarray()[0, 0]),
            float(cosines.max()),
            float(np.sort(cosines)[-EVIDENCE_SENTENCES:].mean()),
            float(cosines[:LEAD_SENTENCES].max()),
            len(stems & body.all_stems) / len(stems),
            len(stems & body.lead_stems) / len(stems),
            float(overlaps[best]),
            sum(self.idf.get(s, 1.0) for s in stems & body.all_stems) / max(idf_total, 1e-6),
            len(stems & body.all_stems) / len(stems | body.all_stems),
            len(body_bigrams) / max(len(bigrams), 1),
            float(near.mean()),
            float(np.log1p(n)),
            best / n,
            float(head.question),
            float(head.quoted),
            float(len(head.stems)),
            float((head.cues[3] > 0) != (best_cues[3] > 0)),
        ]
        near_cues = body.cues[near].sum(axis=0) / max(int(near.sum()), 1) if near.any() else np.zeros(len(CUE_KINDS))
        window = ClaimWindow(stems - {""})
        per_sentence = [window.features(body.words[i], body.word_stems[i]) for i in range(n)]
        in_top = np.sum([per_sentence[i] for i in top], axis=0)
        in_body = np.sum(per_sentence, axis=0)
        claim_negated = float(head.cues[3] > 0) != float(per_sentence[best][len(CUE_KINDS)] > 0)
        row = np.concatenate([relation, head.cues, body.cues.sum(axis=0) / n, body.cues[top].sum(axis=0),
                              best_cues, near_cues, body.cues[:LEAD_SENTENCES].sum(axis=0),
                              in_top, per_sentence[best], in_body,
                              [float(claim_negated), head.contrast,
                               float(body.sentences[best].rstrip().endswith("?"))]])
        return row.astype(np.float32), order


def _pairs_of(sentence_stems: set[str], bigrams: set[tuple[str, str]]) -> list[tuple[str, str]]:
    return [b for b in bigrams if b[0] in sentence_stems and b[1] in sentence_stems]
