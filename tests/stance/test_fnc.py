from __future__ import annotations

import pytest

from claimtrace.stance.fnc import f1_of, fnc_score, report


@pytest.mark.parametrize(("gold", "predicted", "score", "best"), [
    (["agree", "unrelated"], ["agree", "unrelated"], 1.25, 1.25),
    (["agree", "unrelated"], ["discuss", "unrelated"], 0.5, 1.25),
    (["disagree", "unrelated"], ["unrelated", "agree"], 0.0, 1.25),
    (["discuss", "discuss", "unrelated"], ["discuss", "agree", "unrelated"], 1.5, 2.25),
])
def test_fnc_score_follows_the_official_weights(gold, predicted, score: float, best: float) -> None:
    result = fnc_score(gold, predicted)
    assert result.score == pytest.approx(score) and result.best == pytest.approx(best)


def test_fnc_score_null_is_all_unrelated() -> None:
    result = fnc_score(["agree", "unrelated", "unrelated"], ["agree"] * 3)
    assert result.null == pytest.approx(0.5)


def test_f1_of_counts_precision_and_recall() -> None:
    assert f1_of(["agree", "agree", "discuss"], ["agree", "discuss", "discuss"], "agree") == pytest.approx(2 / 3)
    assert f1_of(["agree"], ["discuss"], "disagree") == 0.0


def test_report_names_macro_f1() -> None:
    text = report(fnc_score(["agree", "unrelated"], ["agree", "unrelated"]))
    assert "100.00%" in text and "macro-F1 1.000" in text


def test_fnc_score_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError, match="2 gold stances but 1"):
        fnc_score(["agree", "discuss"], ["agree"])
