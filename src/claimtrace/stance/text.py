"""Tokens, crude stems, sentences and stance cues of headlines and bodies."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from claimtrace.errors import Messages, OntologyError

CUES_FILE = Path(__file__).with_name("cues.yaml")
CUE_KINDS = ("refute", "hedge", "support", "negation")
MAX_SENTENCES = 80  # later sentences rarely decide a stance and slow long bodies down

_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])|\n\s*")
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ers", "ed", "es", "er", "ly", "s", "e")
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) - {"not", "no", "never", "nor", "nothing", "none", "nobody", "neither"}


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; contractions kept whole ("didn't")."""
    return _TOKEN.findall(text.lower().replace("’", "'"))


@functools.lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """A crude suffix stripper: enough to match "denies" with "denied" and "strike" with "strikes"."""
    for suffix in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= 4:
            return token[: -len(suffix)]
    return token


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry content (no stop words, no one-letter tokens)."""
    return [stem(t) for t in tokens(text) if t not in STOP_WORDS and len(t) > 1]


def sentences(text: str) -> list[str]:
    """The text cut into sentences (at most MAX_SENTENCES), each stripped; never empty for a non-empty text."""
    parts = [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]
    return parts[:MAX_SENTENCES] or [text.strip()]


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cue words and phrases of each kind (refute, hedge, support, negation), from cues.yaml."""

    words: dict[str, frozenset[str]]
    phrases: dict[str, tuple[str, ...]]

    def counts(self, words: list[str]) -> np.ndarray:
        """How many cues of each kind (in CUE_KINDS order) the token list holds."""
        joined = " " + " ".join(words) + " "
        return np.array([sum(w in self.words[kind] for w in words)
                         + sum(joined.count(" " + phrase + " ") for phrase in self.phrases[kind])
                         for kind in CUE_KINDS], dtype=np.float32)


@functools.cache
def load_cues(path: Path = CUES_FILE) -> CueLexicon:
    """The cue lexicon, checked: every kind present, with lists of strings."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words, phrases = {}, {}
    for kind in CUE_KINDS:
        entry = data.get(kind)
        if not isinstance(entry, dict) or not isinstance(entry.get("words"), list):
            raise OntologyError(Messages.E010.format(file=path.name, entry=kind, detail="needs a 'words' list"))
        words[kind] = frozenset(str(w).lower() for w in entry["words"])
        phrases[kind] = tuple(" ".join(tokens(str(p))) for p in entry.get("phrases") or [])
    return CueLexicon(words, phrases)
