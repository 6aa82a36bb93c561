"""Exact and near-duplicate segments (a comment posted twice, an article republished with small edits).

Texts are compared after normalisation (Unicode NFKC, case folded, words only).
Exact duplicates are found by a hash of the normalised text; near duplicates by
MinHash over word 5-shingles and LSH, confirmed by the estimated Jaccard
similarity. Segments under `MIN_WORDS` words are compared exactly only.

A segment's `signature` holds everything needed to find it again in a later
run (`DuplicateIndex.from_signatures`): one byte (b"S" short, b"L" long), the
16-byte hash of the normalised text, then the MinHash values (datasketch scheme
"affine32", seed 1, 128 permutations) as little-endian unsigned 32-bit integers.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from claimtrace.model import Segment
from claimtrace.options import Options

SHINGLE_WORDS = 5
MIN_WORDS = 8
NUM_PERM = 128
SEED = 1  # fixed, so signatures from different runs compare
SCHEME = "affine32"  # datasketch's permutation scheme, named so a library default change cannot mix schemes
VALUE_DTYPE = "<u4"  # affine32 hash values, little-endian
LSH_MARGIN = 0.1  # candidates are gathered below the threshold, so LSH misses none the estimate accepts
DIGEST_BYTES = 16
_SHORT, _LONG = b"S", b"L"
_WORD = re.compile(r"\w+")


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _digest(words: list[str]) -> bytes:
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=DIGEST_BYTES).digest()


@cache
def _permutations() -> np.ndarray:
    """The permutation parameters for SEED, drawn once (drawing them is most of the cost of a MinHash)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def _new_minhash(hashvalues: np.ndarray | None = None) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations(), hashvalues=hashvalues)


def _minhash(words: list[str]) -> MinHash:
    minhash = _new_minhash()
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 1))}
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def _sign(text: str) -> tuple[bytes, MinHash | None]:
    words = normalised_words(text)
    if len(words) < MIN_WORDS:
        return _SHORT + _digest(words), None
    minhash = _minhash(words)
    return _LONG + _digest(words) + minhash.hashvalues.astype(VALUE_DTYPE).tobytes(), minhash


def make_signature(text: str) -> bytes:
    """The signature of a segment text (see the module docstring for its layout)."""
    return _sign(text)[0]


def _minhash_of(signature: bytes) -> MinHash | None:
    if signature[:1] != _LONG:
        return None
    return _new_minhash(np.frombuffer(signature[1 + DIGEST_BYTES :], dtype=VALUE_DTYPE).astype(np.uint32))


class DuplicateIndex:
    """Segments seen so far; `add` links each new segment to an earlier one with the same or nearly the same text."""

    def __init__(self, threshold: float = Options().near_duplicate_threshold) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold {threshold!r} must be in (0, 1]; e.g. 0.8")
        self.threshold = threshold
        self._exact: dict[bytes, str] = {}
        self._minhashes: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}
        self._lsh = MinHashLSH(threshold=max(threshold - LSH_MARGIN, 0.05), num_perm=NUM_PERM)

    @classmethod
    def from_options(cls, options: Options) -> DuplicateIndex:
        return cls(options.near_duplicate_threshold)

    @classmethod
    def from_signatures(
        cls, signatures: Iterable[tuple[str, bytes]], threshold: float = Options().near_duplicate_threshold
    ) -> DuplicateIndex:
        """An index of the segments of earlier runs, from (segment id, signature) pairs in the order they were added."""
        index = cls(threshold)
        for segment_id, signature in signatures:
            index._remember(segment_id, signature, _minhash_of(signature))
        return index

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, segment_id: object) -> bool:
        return segment_id in self._order

    def add(self, segment: Segment, text: str) -> Segment:
        """Sign `segment` (whose text is `text`), link it to an earlier duplicate if any, remember it."""
        signature, minhash = _sign(text)
        segment.signature = signature
        segment.duplicate_of, segment.similarity = self._link(segment.id, signature, minhash)
        return segment

    def add_signed(self, segment_id: str, signature: bytes) -> tuple[str | None, float | None]:
        """What `add` finds for a segment signed elsewhere (`make_signature`): (duplicate_of, similarity).

        Signing is most of the cost and needs the text; linking needs every segment
        seen before, in order. So signing can happen wherever the text is, and only
        the signatures travel to the one index.
        """
        return self._link(segment_id, signature, _minhash_of(signature))

    def _link(self, segment_id: str, signature: bytes, minhash: MinHash | None) -> tuple[str | None, float | None]:
        found = self._earlier_duplicate(segment_id, signature, minhash)
        self._remember(segment_id, signature, minhash)
        return found

    def _earlier_duplicate(
        self, segment_id: str, signature: bytes, minhash: MinHash | None
    ) -> tuple[str | None, float | None]:
        exact = self._exact.get(signature[1 : 1 + DIGEST_BYTES])
        if exact is not None and exact != segment_id:
            return exact, 1.0
        if minhash is None:
            return None, None
        best: tuple[float, int, str] | None = None
        for candidate in self._lsh.query(minhash):
            if candidate == segment_id:
                continue  # the same segment read again is not its own duplicate
            similarity = float(minhash.jaccard(self._minhashes[candidate]))
            if similarity >= self.threshold:
                key = (-similarity, self._order[candidate], candidate)
                best = key if best is None or key < best else best
        if best is None:
            return None, None
        return best[2], -best[0]

    def _remember(self, segment_id: str, signature: bytes, minhash: MinHash | None) -> None:
        if segment_id in self._order:
            return
        self._order[segment_id] = len(self._order)
        self._exact.setdefault(signature[1 : 1 + DIGEST_BYTES], segment_id)
        if minhash is not None:
            self._minhashes[segment_id] = minhash
            self._lsh.insert(segment_id, minhash)
