from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.stance.data import STANCES, StancePair
from claimtrace.stance.model import StanceModelError, TrainingOptions, load_model, train


def test_train_on_hand_pairs_then_save_and_load_predict_alike(tmp_path: Path, hand_pairs: list[StancePair]) -> None:
    model = train(hand_pairs)
    model.save(tmp_path / "m.joblib")
    again = load_model(tmp_path / "m.joblib")
    first, second = model.predict(hand_pairs), again.predict(hand_pairs)
    assert [p.stance for p in first] == [p.stance for p in second]
    assert all(p.stance in STANCES and 0.0 <= p.score <= 1.0 for p in first)


def test_train_needs_two_related_classes() -> None:
    pairs = [StancePair("Bridge closed", "1", "The bridge is closed.", "agree")]
    with pytest.raises(StanceModelError, match="at least two of agree, disagree, discuss"):
        train(pairs)


@pytest.mark.parametrize("content", [b"not a model", None])
def test_load_model_names_the_file_and_the_fix(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "broken.joblib"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StanceModelError, match="train-stance"):
        load_model(path)


@pytest.mark.parametrize(("headline", "body_id", "expected"), [
    ("Navy frigate Aurora sold to Chile", "4", "unrelated"),
    ("Floods force farmers to move cattle", "1", "unrelated"),
])
def test_shipped_model_tells_unrelated_bodies(shipped_model, fnc_bodies, headline: str, body_id: str,
                                              expected: str) -> None:
    [prediction] = shipped_model.predict([StancePair(headline, body_id, fnc_bodies[body_id])])
    assert prediction.stance == expected


@pytest.mark.parametrize("body_id", ["1", "2", "3"])
def test_shipped_model_finds_related_bodies_with_evidence(shipped_model, fnc_bodies, body_id: str) -> None:
    [prediction] = shipped_model.predict([StancePair("Navy frigate Aurora sold to Chile", body_id,
                                                               fnc_bodies[body_id])])
    assert prediction.stance != "unrelated" and prediction.related > 0.5
    assert "Aurora" in prediction.evidence or "sale" in prediction.evidence


def test_shipped_model_rates_a_denial_more_disagreeing_than_a_confirmation(shipped_model, fnc_bodies) -> None:
    denial = ("The claim that the frigate Aurora was sold to Chile is fake. The defence ministry denied the report "
              "and called it a hoax: there was no sale of the frigate Aurora to Chile.")
    claim = "Navy frigate Aurora sold to Chile"
    denied, confirmed = shipped_model.predict([StancePair(claim, "x", denial), StancePair(claim, "1", fnc_bodies["1"])])
    assert denied.stances["disagree"] > 2 * confirmed.stances["disagree"]
    assert confirmed.stance == "agree"


def test_predict_of_no_pairs_is_empty(shipped_model) -> None:
    assert shipped_model.predict([]) == []


def test_train_fits_a_short_text_model_when_there_are_enough_short_texts(hand_pairs: list[StancePair]) -> None:
    short_pairs = [StancePair("Navy frigate Aurora sold to Chile", str(i), text, stance) for i, (text, stance) in
                   enumerate([("Chile buys the frigate Aurora", "agree"), ("Aurora sale to Chile done", "agree"),
                              ("Navy denies selling Aurora, a hoax", "disagree"), ("Aurora was not sold", "disagree"),
                              ("Report: Aurora may go to Chile", "discuss"), ("Was the Aurora sold?", "discuss")])]
    with_short = train(short_pairs, TrainingOptions(min_short_texts=3))
    without = train(short_pairs, TrainingOptions(min_short_texts=1000))
    assert with_short.short is not None and without.short is None
    assert all(p.stance in STANCES for p in with_short.predict(short_pairs))
