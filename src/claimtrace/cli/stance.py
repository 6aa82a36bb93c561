"""Commands of the stance model: train it, check a claim against the corpus, score FNC-1 files."""

from __future__ import annotations

from pathlib import Path

import click

from claimtrace.cli.base import console, db_option, errors, existing_store, main
from claimtrace.show.summary import plural, print_summary


@main.command("train-stance")
@click.option("--data", "data_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="Folder with FNC-1 train_stances.csv and train_bodies.csv.")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="Model file to write.")
def train_stance(data_dir: str, out_path: str) -> None:
    """Train the stance model (agree / disagree / discuss / unrelated) on FNC-1-format data.

    \b
    Example:
      claimtrace train-stance --data ../shared/data/fnc1 --out stance.joblib
    """
    from claimtrace.show.progress import working
    from claimtrace.stance.data import read_fnc
    from claimtrace.stance.model import train

    pairs = read_fnc(Path(data_dir) / "train_stances.csv", Path(data_dir) / "train_bodies.csv")
    with working(f"training the stance model on {len(pairs)} pairs", errors):
        model = train(pairs)
    model.save(out_path)
    print_summary("train-stance", f"stance model trained on {len(pairs)} pairs -> {out_path}")


@main.command()
@click.argument("claim")
@db_option
@click.option("--model", "model_path", default=None, type=click.Path(dir_okay=False),
              help="Stance model file (default: the shipped one).")
@click.option("--all", "show_all", is_flag=True, help="Also list unrelated documents.")
def check(claim: str, db_path: str, model_path: str | None, show_all: bool) -> None:
    """Check CLAIM against the knowledge base: every document that agrees, disagrees or discusses it.

    \b
    Example:
      claimtrace check "Kazakhstan sold weapons to Azerbaijan in November 2020" --db kb.db
    """
    from collections import Counter

    from claimtrace.show.progress import working
    from claimtrace.stance.check import check_claim, print_matches
    from claimtrace.stance.model import load_model

    with existing_store(db_path) as store, working("reading the documents against the claim", errors):
        matches = check_claim(claim, store, load_model(model_path), show_all)
    print_matches(console, claim, matches)
    stances = Counter(match.stance for match in matches)
    print_summary("check", f"{plural(len(matches), 'segment')} of documents on the claim"
                           + "".join(f", {count} {stance}" for stance, count in sorted(stances.items())))


@main.command("stance-fnc")
@click.argument("stances_csv", type=click.Path(exists=True, dir_okay=False))
@click.argument("bodies_csv", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False), help="CSV of predictions to write.")
@click.option("--model", "model_path", default=None, type=click.Path(dir_okay=False),
              help="Stance model file (default: the shipped one).")
def stance_fnc(stances_csv: str, bodies_csv: str, out_path: str, model_path: str | None) -> None:
    """Predict the Stance of every row of FNC-1-format files; scores them when they carry a Stance.

    \b
    Example:
      claimtrace stance-fnc test_stances.csv test_bodies.csv --out predictions.csv
    """
    from claimtrace.show.progress import working
    from claimtrace.stance.data import read_fnc, write_fnc_predictions
    from claimtrace.stance.fnc import fnc_score, report
    from claimtrace.stance.model import load_model

    pairs = read_fnc(stances_csv, bodies_csv)
    with working(f"predicting {len(pairs)} stances", errors):
        stances = [p.stance for p in load_model(model_path).predict(pairs)]
    write_fnc_predictions(out_path, pairs, stances)
    if pairs and all(p.stance for p in pairs):
        console.print(report(fnc_score([p.stance or "" for p in pairs], stances)), highlight=False)
    print_summary("stance-fnc", f"{len(pairs)} stances -> {out_path}")
