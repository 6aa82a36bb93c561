"""FNC-1 scoring: the official weighted score, its relative form, per-class and macro F1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimtrace.stance.data import RELATED, STANCES


@dataclass(slots=True)
class FncScore:
    score: float  # official FNC-1 score
    best: float  # the score of a perfect prediction
    null: float  # the score of predicting "unrelated" everywhere
    f1: dict[str, float]  # per class, in STANCES order
    accuracy: float

    @property
    def relative(self) -> float:
        return self.score / self.best if self.best else 0.0

    @property
    def macro_f1(self) -> float:
        return sum(self.f1.values()) / len(self.f1)


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> FncScore:
    """Score predicted stances against gold ones (0.25 for related/unrelated right, 0.75 more for the related class)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold stances but {len(predicted)} predictions")
    score = best = null = 0.0
    for g, p in zip(gold, predicted, strict=True):
        related = g in RELATED
        best += 1.0 if related else 0.25
        null += 0.0 if related else 0.25
        if related == (p in RELATED):
            score += 0.25
            if related and g == p:
                score += 0.75
    classes = [c for c in STANCES if c in set(gold) | set(predicted)] or list(STANCES)
    return FncScore(score, best, null, {c: f1_of(gold, predicted, c) for c in classes},
                    sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(len(gold), 1))


def f1_of(gold: Sequence[str], predicted: Sequence[str], label: str) -> float:
    """F1 of one class (0 when the class is neither predicted nor gold)."""
    true_pos = sum(g == label and p == label for g, p in zip(gold, predicted, strict=True))
    predicted_n, gold_n = sum(p == label for p in predicted), sum(g == label for g in gold)
    if true_pos == 0:
        return 0.0
    precision, recall = true_pos / predicted_n, true_pos / gold_n
    return 2 * precision * recall / (precision + recall)


def report(result: FncScore) -> str:
    """The score as the lines the benchmark and ``claimtrace stance-fnc`` print."""
    lines = [f"FNC-1 score: {result.score:.2f} of {result.best:.2f} = {100 * result.relative:.2f}% "
             f"(null {100 * result.null / result.best if result.best else 0:.2f}%)",
             "F1: " + "  ".join(f"{c} {v:.3f}" for c, v in result.f1.items())
             + f"  | macro-F1 {result.macro_f1:.3f}  accuracy {result.accuracy:.3f}"]
    return "\n".join(lines)
