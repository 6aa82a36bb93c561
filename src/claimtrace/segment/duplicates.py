"""Exact and near-duplicate segments (a comment posted twice, an article republished with small edits).

Texts are compared after normalisation (Unicode NFKC, case folded, words only).
Exact duplicates are found by a hash of the normalised text; near duplicates by
MinHash over word 5-shingles and LSH, confirmed by the estimated Jaccard
similarity. Segments under `MIN_WORDS` words are compared exactly only.

A segment's `signature` holds everything needed to find it again in a later
run: one byte (b"S" short, b"L" long), the 16-byte hash of the normalised text,
then the MinHash values (datasketch scheme "affine32", seed 1, 128 permutations)
as little-endian unsigned 32-bit integers.

The index of what was seen is on disk, not in memory, so a long run's memory
does not grow with the corpus (issue 8): every stored segment is filed under its
`BandLayout.keys` (one for its text hash, one per LSH band of a long segment) in
the store, and a new segment's candidates are the stored segments filed under
any of its keys (:class:`StoredSegments`). Only the segments of this run not
stored yet are kept in memory, until :meth:`DuplicateIndex.stored` is told.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

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
VALUE_BYTES = 4
LSH_MARGIN = 0.1  # candidates are gathered below the threshold, so LSH misses few the estimate accepts
DIGEST_BYTES = 16
_SHORT, _LONG = b"S", b"L"
_VALUES_AT = 1 + DIGEST_BYTES
_WORD = re.compile(r"\w+")

DuplicateMark = tuple[str | None, float | None]  # (duplicate_of, similarity) of one segment


def normalised_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def _digest(words: list[str]) -> bytes:
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=DIGEST_BYTES).digest()


@cache
def _permutations() -> np.ndarray:
    """The permutation parameters for SEED, drawn once (drawing them is most of the cost of a MinHash)."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def _minhash(words: list[str]) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, permutations=_permutations())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(len(words) - SHINGLE_WORDS + 1, 1))}
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


def make_signature(text: str) -> bytes:
    """The signature of a segment text (see the module docstring for its layout)."""
    words = normalised_words(text)
    if len(words) < MIN_WORDS:
        return _SHORT + _digest(words)
    return _LONG + _digest(words) + _minhash(words).hashvalues.astype(VALUE_DTYPE).tobytes()


def _text_hash(signature: bytes) -> bytes:
    return signature[1:_VALUES_AT]


def _values(signature: bytes) -> np.ndarray | None:
    """The MinHash values of a long segment's signature; None for a short one (compared exactly only)."""
    if signature[:1] != _LONG:
        return None
    return np.frombuffer(signature, dtype=VALUE_DTYPE, offset=_VALUES_AT)


def _jaccard(values: np.ndarray, other: np.ndarray) -> float:
    """The Jaccard similarity the two MinHashes estimate (as datasketch's ``MinHash.jaccard``)."""
    return float(np.count_nonzero(values == other)) / NUM_PERM


@dataclass(frozen=True, slots=True)
class BandLayout:
    """How a long segment's 128 MinHash values are cut into LSH bands: `bands` bands of `rows` values.

    Two segments are candidates when they share a key: the hash of their texts, or
    one band. The layout is the one datasketch's MinHashLSH chooses for the LSH
    threshold (the least false positives plus false negatives); a store's keys are
    of one layout, named by `name`.
    """

    bands: int
    rows: int

    @classmethod
    @cache
    def for_threshold(cls, threshold: float) -> BandLayout:
        """The layout for a near-duplicate threshold (0.8: 14 bands of 9 values)."""
        lsh = MinHashLSH(threshold=max(threshold - LSH_MARGIN, 0.05), num_perm=NUM_PERM)
        return cls(lsh.b, lsh.r)

    @property
    def name(self) -> str:
        return f"{self.bands}x{self.rows}"

    def keys(self, signature: bytes) -> tuple[int, ...]:
        """The keys a segment with this signature is filed under: its text hash's, then each band's."""
        keys = [_key(b"text", _text_hash(signature))]
        if signature[:1] == _LONG:
            width = self.rows * VALUE_BYTES
            for band in range(self.bands):
                start = _VALUES_AT + band * width
                keys.append(_key(f"{self.name}:{band}".encode(), signature[start:start + width]))
        return tuple(keys)


def _key(tag: bytes, data: bytes) -> int:
    """A signed 64-bit integer (a store's BIGINT) for one band or text hash."""
    return int.from_bytes(hashlib.blake2b(data, digest_size=8, person=tag[:16]).digest(), "little", signed=True)


class StoredSegments(Protocol):
    """Where the segments of earlier runs are filed (the store, whose writer files each segment it stores)."""

    def duplicate_candidates(self, keys: Collection[int], limit: int | None = None) -> list[tuple[str, bytes]]:
        """(segment id, signature) of the stored segments filed under any of `keys`, in the store's document
        order; the first `limit` of them when given."""
        ...


@dataclass(slots=True)
class _Seen:
    """A segment of this run that is not in the store yet."""

    order: int
    signature: bytes
    keys: tuple[int, ...]


class DuplicateIndex:
    """Segments seen so far; `add` links each new segment to an earlier one with the same or nearly the same text.

    Earlier means stored (earliest in the store's document order first), then
    added to this index (earliest first). Without `stored` the index holds only
    what was added to it.
    """

    def __init__(self, threshold: float = Options().near_duplicate_threshold,
                 stored: StoredSegments | None = None) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold {threshold!r} must be in (0, 1]; e.g. 0.8")
        self.threshold = threshold
        self.layout = BandLayout.for_threshold(threshold)
        self._stored = stored
        self._seen: dict[str, _Seen] = {}
        self._filed: dict[int, list[str]] = {}  # key -> the ids of the segments in _seen filed under it
        self._added = 0

    @classmethod
    def from_options(cls, options: Options, stored: StoredSegments | None = None) -> DuplicateIndex:
        return cls(options.near_duplicate_threshold, stored)

    def __len__(self) -> int:
        """How many segments are held in memory (added and not yet stored)."""
        return len(self._seen)

    def __contains__(self, segment_id: object) -> bool:
        return segment_id in self._seen

    def add(self, segment: Segment, text: str) -> Segment:
        """Sign `segment` (whose text is `text`), link it to an earlier duplicate if any, remember it."""
        segment.signature = make_signature(text)
        segment.duplicate_of, segment.similarity = self.add_signed(segment.id, segment.signature)
        return segment

    def add_signed(self, segment_id: str, signature: bytes) -> DuplicateMark:
        """What `add` finds for a segment signed elsewhere (`make_signature`): (duplicate_of, similarity).

        Signing is most of the cost and needs the text; linking needs every segment
        seen before, in order. So signing can happen wherever the text is, and only
        the signatures travel to the one index.
        """
        keys = self.layout.keys(signature)
        text_key = keys[:1]  # a text repeated many times (a signature line, a boilerplate comment) is found here
        found = _earliest_duplicate(segment_id, signature, self._candidates(text_key, limit=2), self.threshold)
        if found[0] is None and len(keys) > 1:
            found = _earliest_duplicate(segment_id, signature, self._candidates(keys), self.threshold)
        if segment_id not in self._seen:
            self._seen[segment_id] = _Seen(self._added, signature, keys)
            self._added += 1
            for key in keys:
                self._filed.setdefault(key, []).append(segment_id)
        return found

    def stored(self, segment_ids: Iterable[str]) -> None:
        """Forget these segments: they are in the store now, filed under their keys, where `add` finds them."""
        for segment_id in segment_ids:
            seen = self._seen.pop(segment_id, None)
            if seen is None:
                continue
            for key in seen.keys:
                filed = self._filed[key]
                filed.remove(segment_id)
                if not filed:
                    del self._filed[key]

    def _candidates(self, keys: Sequence[int], limit: int | None = None) -> list[tuple[str, bytes]]:
        """(segment id, signature) of every earlier segment sharing a key, earliest first (of the stored
        ones, the first `limit`: two are enough to find the earliest other segment of the same text)."""
        candidates = list(self._stored.duplicate_candidates(keys, limit)) if self._stored is not None else []
        held = {segment_id for key in keys for segment_id in self._filed.get(key, ())}
        candidates += [(segment_id, self._seen[segment_id].signature)
                       for segment_id in sorted(held, key=lambda held_id: self._seen[held_id].order)]
        return candidates


def _earliest_duplicate(segment_id: str, signature: bytes, candidates: list[tuple[str, bytes]],
                        threshold: float) -> DuplicateMark:
    """The earliest candidate with the same text, else the most similar one at or above the threshold
    (the earliest of equals); a segment is never its own duplicate (the same segment read again)."""
    text_hash = _text_hash(signature)
    others = [(candidate_id, other) for candidate_id, other in candidates if candidate_id != segment_id]
    for candidate_id, other in others:
        if _text_hash(other) == text_hash:
            return candidate_id, 1.0
    values = _values(signature)
    if values is None:
        return None, None
    best: tuple[float, str] | None = None
    for candidate_id, other in others:
        other_values = _values(other)
        if other_values is None:
            continue
        similarity = _jaccard(values, other_values)
        if similarity >= threshold and (best is None or similarity > best[0]):
            best = (similarity, candidate_id)
    if best is None:
        return None, None
    return best[1], best[0]
