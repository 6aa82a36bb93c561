from __future__ import annotations

import pytest

from claimtrace.stance.data import StancePair
from claimtrace.stance.short import ShortTextModel, is_short, short_text_signals

CLAIM = "Navy frigate Aurora sold to Chile"
HEADLINES = {
    "agree": ["Chile buys the frigate Aurora", "Frigate Aurora now flies the Chilean flag",
              "Aurora sale to Chile done"],
    "disagree": ["Frigate Aurora sale to Chile is a hoax", "Navy denies selling Aurora", "No, the Aurora was not sold"],
    "discuss": ["Report: Aurora may go to Chile", "Was the frigate Aurora sold to Chile?", "Rumours of Aurora sale"],
}


def _pairs() -> list[StancePair]:
    return [StancePair(CLAIM, f"{stance}{i}", text, stance)
            for stance, texts in HEADLINES.items() for i, text in enumerate(texts)]


@pytest.mark.parametrize(("text", "short"), [("Frigate sold", True), (" ".join(["word"] * 60), False)])
def test_is_short_by_token_count(text: str, short: bool) -> None:
    assert is_short(text) is short


def test_short_text_signals_see_questions_and_reporting_openers() -> None:
    question = short_text_signals(StancePair(CLAIM, "1", "Was the Aurora sold?"))
    report = short_text_signals(StancePair(CLAIM, "2", "Report: Aurora sold"))
    plain = short_text_signals(StancePair(CLAIM, "3", "Aurora sold"))
    assert question.sum() != plain.sum() and report.sum() != plain.sum()
    assert question.shape == plain.shape


def test_short_text_model_fits_and_gives_probabilities_per_class() -> None:
    pairs = _pairs()
    model = ShortTextModel.fit(pairs)
    probabilities = model.predict_proba(pairs)
    assert sorted(model.classes) == ["agree", "disagree", "discuss"]
    assert probabilities.shape == (len(pairs), 3)
    assert probabilities.sum(axis=1) == pytest.approx([1.0] * len(pairs), abs=1e-5)
