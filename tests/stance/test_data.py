from __future__ import annotations

from pathlib import Path

import pytest

from claimtrace.stance.data import (
    StanceDataError,
    StancePair,
    fill_unrelated,
    read_emergent,
    read_fnc,
    topic_split,
    write_fnc_predictions,
)


def test_read_fnc_joins_bodies_and_keeps_labels(fnc_folder: Path, fnc_rows) -> None:
    pairs = read_fnc(fnc_folder / "train_stances.csv", fnc_folder / "train_bodies.csv")
    assert len(pairs) == len(fnc_rows)
    assert pairs[1].stance == "disagree" and "hoax" in pairs[1].body


def test_read_fnc_without_stance_column_leaves_stance_empty(tmp_path: Path, fnc_writer) -> None:
    stances, bodies = fnc_writer(tmp_path, with_stance=False)
    assert all(p.stance is None for p in read_fnc(stances, bodies))


@pytest.mark.parametrize(("rows", "message"), [
    ([("A headline", "99", "agree")], "Body ID '99'"),
    ([("A headline", "1", "maybe")], "stance 'maybe'"),
])
def test_read_fnc_names_the_bad_value(tmp_path: Path, fnc_writer, rows, message: str) -> None:
    stances, bodies = fnc_writer(tmp_path, rows=rows)
    with pytest.raises(StanceDataError, match=message):
        read_fnc(stances, bodies)


def test_read_fnc_missing_column_is_named(tmp_path: Path, fnc_writer) -> None:
    (tmp_path / "s.csv").write_text("Title,Body ID\nx,1\n", encoding="utf-8")
    _, bodies = fnc_writer(tmp_path)
    with pytest.raises(StanceDataError, match="missing column.*Headline"):
        read_fnc(tmp_path / "s.csv", bodies)


def test_read_emergent_maps_labels(tmp_path: Path) -> None:
    path = tmp_path / "emergent.csv"
    path.write_text(",claimHeadline,articleHeadline,articleHeadlineStance,articleId,claimId\n"
                    "0,Mayor resigns,Mayor quits after vote,for,a1,c1\n"
                    "1,Mayor resigns,Mayor denies he will quit,against,a2,c1\n"
                    "2,Mayor resigns,Mayor may resign report says,observing,a3,c1\n", encoding="utf-8")
    assert [p.stance for p in read_emergent(path)] == ["agree", "disagree", "discuss"]


def test_topic_split_shares_no_headline_or_body(hand_pairs: list[StancePair]) -> None:
    for seed in range(5):
        train, test = topic_split(hand_pairs, 0.3, seed)
        assert not {p.headline for p in train} & {p.headline for p in test}
        assert not {p.body_id for p in train} & {p.body_id for p in test}


def test_fill_unrelated_reaches_share_without_pairing_a_story(hand_pairs: list[StancePair]) -> None:
    related = [p for p in hand_pairs if p.stance != "unrelated"]
    filled = fill_unrelated(related, 0.5)
    added = filled[len(related):]
    assert added and all(p.stance == "unrelated" for p in added)
    assert all(not (p.headline.startswith("Navy") and p.body_id in "123") for p in added)


def test_write_fnc_predictions_round_trips(tmp_path: Path, fnc_folder: Path) -> None:
    pairs = read_fnc(fnc_folder / "train_stances.csv", fnc_folder / "train_bodies.csv")
    write_fnc_predictions(tmp_path / "pred.csv", pairs, ["discuss"] * len(pairs))
    again = read_fnc(tmp_path / "pred.csv", fnc_folder / "train_bodies.csv")
    assert [p.headline for p in again] == [p.headline for p in pairs]
    assert {p.stance for p in again} == {"discuss"}
