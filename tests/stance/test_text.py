from __future__ import annotations

import pytest

from claimtrace.stance.text import CUE_KINDS, content_stems, load_cues, sentences, stem, tokens


@pytest.mark.parametrize(("a", "b"), [("denies", "denied"), ("strikes", "strike"), ("reports", "reported")])
def test_stem_matches_word_forms(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_content_stems_drop_stop_words_but_keep_negation() -> None:
    stems = content_stems("The minister did not sign the deal")
    assert "not" in stems and "the" not in stems and len(stems) == 5


def test_sentences_split_on_end_marks_and_lines() -> None:
    text = 'The port was shelled. "It is a lie," he said. U.S. envoys left!\nNext paragraph'
    assert sentences(text) == ["The port was shelled.", '"It is a lie," he said.', "U.S. envoys left!",
                               "Next paragraph"]


@pytest.mark.parametrize(("text", "kind"), [
    ("officials denied the story", "refute"),
    ("it is not true that the plant closed", "refute"),
    ("the general reportedly resigned", "hedge"),
    ("according to local media the bridge fell", "hedge"),
    ("the ministry confirmed the order", "support"),
    ("they didn't sign", "negation"),
])
def test_cue_lexicon_counts_each_kind(text: str, kind: str) -> None:
    counts = load_cues().counts(tokens(text))
    assert counts[CUE_KINDS.index(kind)] >= 1
