from __future__ import annotations

import pytest

from claimtrace.stance.text import CUE_KINDS, content_stems, stem, tokens
from claimtrace.stance.window import ClaimWindow, load_contrast

NEGATED = len(CUE_KINDS)
CONTRAST = len(CUE_KINDS) + 1


def _features(claim: str, sentence: str):
    words = tokens(sentence)
    return ClaimWindow(set(content_stems(claim))).features(words, [stem(w) for w in words])


@pytest.mark.parametrize(("sentence", "kind"), [
    ("The ministry denied that the frigate was sold last week.", "refute"),
    ("The frigate was reportedly sold, local papers said.", "hedge"),
    ("Officials confirmed the frigate was sold.", "support"),
])
def test_window_counts_cues_next_to_the_claims_words(sentence: str, kind: str) -> None:
    assert _features("Frigate sold to Chile", sentence)[CUE_KINDS.index(kind)] >= 1


def test_window_ignores_cues_far_from_the_claims_words() -> None:
    sentence = "Rumours and denials filled the week at the port while, many hours later and far away, a frigate sailed."
    features = _features("Frigate sails", sentence)
    assert features[CUE_KINDS.index("hedge")] == 0


@pytest.mark.parametrize(("sentence", "negated"), [
    ("The frigate was not sold to anyone.", 1),
    ("The frigate was sold to a navy in the south.", 0),
])
def test_window_counts_negated_claim_words(sentence: str, negated: int) -> None:
    assert _features("Frigate sold", sentence)[NEGATED] == negated


@pytest.mark.parametrize(("text", "expected"), [
    ("The photo is a hoax and the story is not true", 2),
    ("The bridge reopened on Monday", 0),
])
def test_contrast_counts_words_and_phrases(text: str, expected: int) -> None:
    assert load_contrast().count(tokens(text)) == expected
    assert _features("bridge", text)[CONTRAST] == expected
