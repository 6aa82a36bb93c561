"""Stance benchmark: FNC-1 on a split sharing no headline, body or story; Emergent on its own test split.

Usage: python benchmarks/stance_fnc.py [--fnc ../shared/data/fnc1] [--emergent ../shared/data/emergent]

FNC-1: whole stories (connected headline-body components of related pairs) are
held out; the test part is refilled with unrelated pairs among its own headlines
and bodies to the competition test set's share of unrelated pairs (72.2 %).
Emergent: claim = claimHeadline, text = articleHeadline, for/against/observing =
agree/disagree/discuss; a model trained on Emergent's train split, scored on its test split.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from claimtrace.stance.data import fill_unrelated, read_emergent, read_fnc, topic_split
from claimtrace.stance.fnc import fnc_score, report
from claimtrace.stance.model import TrainingOptions, train

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
COMPETITION_UNRELATED_SHARE = 0.722


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fnc", type=Path, default=SHARED / "fnc1")
    parser.add_argument("--emergent", type=Path, default=SHARED / "emergent")
    parser.add_argument("--test-fraction", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--weight-power", type=float, default=TrainingOptions().class_weight_power)
    parser.add_argument("--no-tune-disagree", action="store_true", help="keep disagree's odds as fitted")
    parser.add_argument("--skip-emergent", action="store_true")
    args = parser.parse_args()
    options = TrainingOptions(class_weight_power=args.weight_power, tune_disagree=not args.no_tune_disagree)

    pairs = read_fnc(args.fnc / "train_stances.csv", args.fnc / "train_bodies.csv")
    train_part, test_part = topic_split(pairs, args.test_fraction, args.seed)
    test_part = fill_unrelated(test_part, COMPETITION_UNRELATED_SHARE, args.seed)
    print(f"FNC-1 split: train {len(train_part)} pairs, test {len(test_part)} pairs "
          f"({len({p.headline for p in test_part})} headlines, {len({p.body_id for p in test_part})} bodies, "
          f"none shared) {dict(Counter(p.stance for p in test_part))}")
    started = time.perf_counter()
    model = train(train_part, options)
    trained = time.perf_counter()
    predicted = [p.stance for p in model.predict(test_part)]
    done = time.perf_counter()
    print(f"disagree odds x{model.disagree_odds:.2f}; train {trained - started:.1f} s, predict {done - trained:.1f} s "
          f"({1000 * (done - trained) / len(test_part):.2f} ms/pair)")
    print(report(fnc_score([p.stance or "" for p in test_part], predicted)))

    if not args.skip_emergent:
        emergent_train = read_emergent(args.emergent / "url-versions-2015-06-14-clean-train.csv")
        emergent_test = read_emergent(args.emergent / "url-versions-2015-06-14-clean-test.csv")
        emergent_model = train(emergent_train, options)
        guesses = [p.stance for p in emergent_model.predict(emergent_test)]
        result = fnc_score([p.stance or "" for p in emergent_test], guesses)
        print(f"Emergent test: accuracy {result.accuracy:.3f} (paper 0.733) on {len(emergent_test)} pairs; "
              + "  ".join(f"{c} F1 {v:.3f}" for c, v in result.f1.items()))


if __name__ == "__main__":
    main()
