"""The stance model: is the body about the claim (related), and if so does it agree, disagree or discuss.

Two gradient-boosted tree classifiers over :mod:`claimtrace.stance.features`:
one for related/unrelated, one for the stance of related pairs. The second also
reads a linear model's view of the evidence sentences' words (out-of-fold during
training, so it does not learn from its own fit): that is where refuting and
reporting wording beyond the cue lexicon is learnt. The odds of ``disagree``, the
rare class, are then raised by the factor that does best on out-of-fold
predictions of the training pairs. Short texts (headlines, one-liners) go to
:class:`~claimtrace.stance.short.ShortTextModel` when the training data held
enough of them (Emergent does; FNC-1 does not).
"""

from __future__ import annotations

import platform
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import Pipeline, make_pipeline

from claimtrace.errors import ClaimtraceError
from claimtrace.stance.data import RELATED, StancePair, story_of
from claimtrace.stance.features import PairFeaturizer
from claimtrace.stance.fnc import f1_of
from claimtrace.stance.short import ShortTextModel, is_short

MODEL_FILE = Path(__file__).with_name("models") / "stance-fnc1.joblib"
FORMAT = 2


class StanceModelError(ClaimtraceError):
    """A stance model file cannot be read, or training data is unusable."""


@dataclass(slots=True)
class TrainingOptions:
    """How the stance model is fitted; the defaults are the ones measured in benchmarks/stance_fnc.py."""

    class_weight_power: float = 1.0  # 0: no reweighting, 1: fully balanced classes
    wording_folds: int = 5
    max_iter: int = 300
    learning_rate: float = 0.08
    seed: int = 1
    tune_disagree: bool = True  # raise disagree's odds by the factor that does best on out-of-fold predictions
    min_short_texts: int = 300  # distinct short related texts needed to fit the short-text model


@dataclass(slots=True)
class StancePrediction:
    """The stance of one pair, how sure the model is, and the body sentence that shows it."""

    stance: str
    score: float  # probability of the predicted stance
    related: float  # probability that the body is about the claim at all
    evidence: str
    stances: dict[str, float] = field(default_factory=dict)  # agree / disagree / discuss, if related


@dataclass(slots=True)
class StanceModel:
    featurizer: PairFeaturizer
    relatedness: HistGradientBoostingClassifier
    wording: Pipeline
    stance: HistGradientBoostingClassifier
    info: dict[str, object] = field(default_factory=dict)
    short: ShortTextModel | None = None  # for short texts (headlines, one-liners), if trained on enough of them
    disagree_odds: float = 1.0  # disagree's probability is multiplied by this, then rows renormalised

    def predict(self, pairs: Sequence[StancePair]) -> list[StancePrediction]:
        """A stance for every pair (labels in the pairs are ignored)."""
        if not pairs:
            return []
        features, evidence, best = self.featurizer.transform(pairs)
        related = self.relatedness.predict_proba(features)[:, 1]
        stance_input = np.hstack([features, self.wording.predict_proba(evidence)])
        probabilities = self.stance.predict_proba(stance_input)
        labels = [str(label) for label in self.stance.classes_]
        if self.disagree_odds != 1.0 and "disagree" in labels:
            probabilities = _raise_odds(probabilities, labels.index("disagree"), self.disagree_odds)
        if self.short is not None:
            short_rows = [i for i, p in enumerate(pairs) if is_short(p.body)]
            if short_rows:
                columns = [self.short.classes.index(label) for label in labels]
                probabilities[short_rows] = self.short.predict_proba([pairs[i] for i in short_rows])[:, columns]
        out = []
        for p_related, row, sentence in zip(related, probabilities, best, strict=True):
            stances = {label: float(p) for label, p in zip(labels, row, strict=True)}
            if p_related < 0.5:
                out.append(StancePrediction("unrelated", float(1 - p_related), float(p_related), sentence, stances))
            else:
                k = int(np.argmax(row))
                out.append(StancePrediction(labels[k], float(row[k] * p_related), float(p_related), sentence, stances))
        return out

    def save(self, path: str | Path) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        joblib.dump({"format": FORMAT, "model": self}, path, compress=("xz", 6))


def train(pairs: Sequence[StancePair], options: TrainingOptions | None = None) -> StanceModel:
    """Fit a stance model on labelled pairs (FNC-1 labels; at least two related classes needed)."""
    options = options or TrainingOptions()
    labelled = [p for p in pairs if p.stance is not None]
    related_pairs = [p for p in labelled if p.stance in RELATED]
    if len({p.stance for p in related_pairs}) < 2:
        raise StanceModelError(f"cannot train a stance model on {len(labelled)} labelled pairs: "
                               "they need at least two of agree, disagree, discuss")
    featurizer = PairFeaturizer().fit(labelled)
    features, evidence, _ = featurizer.transform(labelled)
    is_related = np.array([p.stance in RELATED for p in labelled])
    relatedness = _booster(options)
    if is_related.all():  # e.g. Emergent: every pair is related; keep a trivial first stage
        relatedness.fit(np.vstack([features, np.full((1, features.shape[1]), -1.0)]), [1] * len(labelled) + [0])
    else:
        relatedness.fit(features, is_related.astype(int))
    labels = np.array([p.stance for p in related_pairs])
    texts = [e for e, r in zip(evidence, is_related, strict=True) if r]
    out_of_fold = _out_of_fold_wording(related_pairs, texts, labels, options)
    wording = _wording().fit(texts, labels)
    stance_input = np.hstack([features[is_related], out_of_fold])
    stance = _booster(options)
    stance.fit(stance_input, labels, sample_weight=_class_weights(labels, options.class_weight_power))
    odds = _tuned_disagree_odds(related_pairs, stance_input, labels, options) if options.tune_disagree else 1.0
    short_pairs = [p for p in related_pairs if is_short(p.body)]
    enough = len({p.body for p in short_pairs}) >= options.min_short_texts
    short = None
    if enough and {p.stance for p in short_pairs} == set(stance.classes_):
        short = ShortTextModel.fit(short_pairs, options.seed)
    info = {"sklearn": sklearn.__version__, "python": platform.python_version(),
            "pairs": len(labelled), "related_pairs": len(related_pairs), "short_pairs": len(short_pairs),
            "disagree_odds": odds}
    return StanceModel(featurizer, relatedness, wording, stance, info, short, odds)


def load_model(path: str | Path | None = None) -> StanceModel:
    """The stance model saved at ``path`` (default: the one shipped with claimtrace)."""
    path = Path(path) if path else MODEL_FILE
    if not path.exists():
        raise StanceModelError(f"no stance model at {path}; train one with "
                               f"'claimtrace train-stance --data FNC1_DIR --out {path}'")
    try:
        data = joblib.load(path)
    except Exception as error:  # joblib raises whatever unpickling raises
        raise StanceModelError(f"cannot read stance model {path}: {error}; "
                               "retrain it with 'claimtrace train-stance'") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("model"), StanceModel):
        raise StanceModelError(f"{path} is not a claimtrace stance model (format {FORMAT}); "
                               "retrain it with 'claimtrace train-stance'")
    return data["model"]


def _booster(options: TrainingOptions) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(max_iter=options.max_iter, learning_rate=options.learning_rate,
                                          max_leaf_nodes=31, min_samples_leaf=20, l2_regularization=1.0,
                                          random_state=options.seed)


def _wording() -> Pipeline:
    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=1, max_features=30000, sublinear_tf=True, dtype=np.float32),
        LogisticRegression(C=2.0, class_weight="balanced", max_iter=2000))


def _out_of_fold_wording(pairs: Sequence[StancePair], texts: list[str], labels: np.ndarray,
                         options: TrainingOptions) -> np.ndarray:
    stories = story_of(pairs)
    groups = [stories["b:" + p.body_id] for p in pairs]
    classes = sorted(set(labels))
    out = np.zeros((len(texts), len(classes)), dtype=np.float32)
    folds = min(options.wording_folds, len(set(groups)))
    if folds < 2:  # one story only: nothing to hold out, the stance model learns from the features alone
        return out
    for fit_rows, held_rows in GroupKFold(n_splits=folds).split(texts, labels, groups):
        if len(set(labels[fit_rows])) < 2:
            continue  # a fold of one class teaches nothing; its rows keep zeros
        model = _wording().fit([texts[i] for i in fit_rows], labels[fit_rows])
        columns = [classes.index(c) for c in model.classes_]
        out[np.ix_(held_rows, columns)] = model.predict_proba([texts[i] for i in held_rows])
    return out


def _class_weights(labels: np.ndarray, power: float) -> np.ndarray:
    classes, counts = np.unique(labels, return_counts=True)
    weight = {c: (len(labels) / (len(classes) * n)) ** power for c, n in zip(classes, counts, strict=True)}
    return np.array([weight[label] for label in labels])


DISAGREE_ODDS = tuple(float(np.exp(b)) for b in np.arange(0.0, 2.51, 0.25))


def _tuned_disagree_odds(pairs: Sequence[StancePair], inputs: np.ndarray, labels: np.ndarray,
                         options: TrainingOptions) -> float:
    """The disagree odds factor whose out-of-fold predictions (grouped by story) have the best
    mean of accuracy and macro-F1 over agree / disagree / discuss: the FNC score and the rare class, balanced."""
    stories = story_of(pairs)
    groups = [stories["b:" + p.body_id] for p in pairs]
    classes = sorted(set(labels))
    folds = min(options.wording_folds, len(set(groups)))
    if "disagree" not in classes or folds < 2:
        return 1.0
    held_out = np.zeros((len(labels), len(classes)), dtype=np.float64)
    for fit_rows, held_rows in GroupKFold(n_splits=folds).split(inputs, labels, groups):
        if len(set(labels[fit_rows])) < len(classes):
            return 1.0  # a fold lacks a class: too little data to tune on
        booster = _booster(options).fit(inputs[fit_rows], labels[fit_rows],
                                        sample_weight=_class_weights(labels[fit_rows], options.class_weight_power))
        held_out[held_rows] = booster.predict_proba(inputs[held_rows])
    gold = list(labels)

    def quality(odds: float) -> float:
        guesses = np.array(classes)[np.argmax(_raise_odds(held_out, classes.index("disagree"), odds), axis=1)]
        macro = sum(f1_of(gold, list(guesses), c) for c in classes) / len(classes)
        return (macro + float(np.mean(guesses == labels))) / 2

    return max(DISAGREE_ODDS, key=quality)


def _raise_odds(probabilities: np.ndarray, column: int, odds: float) -> np.ndarray:
    scaled = probabilities.copy()
    scaled[:, column] *= odds
    return scaled / scaled.sum(axis=1, keepdims=True)
