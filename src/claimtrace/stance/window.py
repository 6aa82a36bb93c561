"""Cues near the claim: refuting, hedging, supporting and negating words a few tokens from the claim's words.

A body that denies a claim usually does it next to the claim's own words
("the ministry denied that the frigate was sold"); counting cues in a window
around those words separates that from a cue elsewhere in the same sentence.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from claimtrace.errors import Messages, OntologyError
from claimtrace.stance.text import CUE_KINDS, CUES_FILE, load_cues, tokens

WINDOW = 5  # tokens either side of a claim word
NEGATION_REACH = 3  # a negator this many tokens before a claim word negates it
WINDOW_FEATURES = len(CUE_KINDS) + 2  # cue counts, negated claim words, contrast cues


@dataclass(frozen=True, slots=True)
class Contrast:
    """The strongest "this is false" words and phrases (cues.yaml, entry ``contrast``)."""

    words: frozenset[str]
    phrases: tuple[str, ...]

    def count(self, words: list[str]) -> int:
        joined = " " + " ".join(words) + " "
        return sum(w in self.words for w in words) + sum(joined.count(" " + p + " ") for p in self.phrases)


@functools.cache
def load_contrast(path: Path = CUES_FILE) -> Contrast:
    entry = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("contrast")
    if not isinstance(entry, dict) or not isinstance(entry.get("words"), list):
        raise OntologyError(Messages.E010.format(file=path.name, entry="contrast", detail="needs a 'words' list"))
    return Contrast(frozenset(str(w).lower() for w in entry["words"]),
                    tuple(" ".join(tokens(str(p))) for p in entry.get("phrases") or []))


@functools.cache
def _kind_of_word() -> dict[str, tuple[int, ...]]:
    cues = load_cues()
    kinds: dict[str, list[int]] = {}
    for index, kind in enumerate(CUE_KINDS):
        for word in cues.words[kind]:
            kinds.setdefault(word, []).append(index)
    return {word: tuple(indices) for word, indices in kinds.items()}


@dataclass(frozen=True, slots=True)
class ClaimWindow:
    """The claim's content stems; measures cues around them in one sentence."""

    claim_stems: frozenset[str] | set[str]

    def features(self, words: list[str], word_stems: list[str]) -> np.ndarray:
        """Cue counts (CUE_KINDS order) within WINDOW tokens of a claim word, negated claim words, contrast cues."""
        out = np.zeros(WINDOW_FEATURES, dtype=np.float32)
        negators = load_cues().words["negation"]
        positions = [i for i, s in enumerate(word_stems) if s in self.claim_stems and words[i] not in negators]
        if positions:
            kinds = _kind_of_word()
            near = np.zeros(len(words), dtype=bool)
            for i in positions:
                near[max(0, i - WINDOW): i + WINDOW + 1] = True
            for n in np.flatnonzero(near):
                for k in kinds.get(words[n], ()):
                    out[k] += 1
            out[len(CUE_KINDS)] = sum(any(words[j] in negators for j in range(max(0, i - NEGATION_REACH), i))
                                      for i in positions)
        out[len(CUE_KINDS) + 1] = load_contrast().count(words)
        return out
