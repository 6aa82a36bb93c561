from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimtrace.cli import main


@pytest.mark.parametrize("command", ["train-stance", "check", "stance-fnc"])
def test_cli_stance_help_has_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output and f"claimtrace {command} " in result.output


def test_cli_stance_fnc_writes_one_stance_per_row_and_scores(tmp_path: Path, fnc_writer, fnc_rows) -> None:
    stances, bodies = fnc_writer(tmp_path / "in")
    out = tmp_path / "pred.csv"
    result = CliRunner().invoke(main, ["stance-fnc", str(stances), str(bodies), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["Headline"], r["Body ID"]) for r in rows] == [(h, b) for h, b, _ in fnc_rows]
    assert {r["Stance"] for r in rows} <= {"agree", "disagree", "discuss", "unrelated"}
    assert "FNC-1 score" in result.output


def test_cli_stance_fnc_bad_body_id_is_one_error_line(tmp_path: Path, fnc_writer) -> None:
    stances, bodies = fnc_writer(tmp_path, rows=[("A headline", "77", "agree")])
    result = CliRunner().invoke(main, ["stance-fnc", str(stances), str(bodies), "--out", str(tmp_path / "p.csv")])
    assert result.exit_code == 1 and "Body ID '77'" in result.output


def test_cli_train_stance_then_stance_fnc_with_that_model(tmp_path: Path, fnc_writer) -> None:
    folder = tmp_path / "fnc"
    fnc_writer(folder)
    model = tmp_path / "model.joblib"
    runner = CliRunner()
    trained = runner.invoke(main, ["train-stance", "--data", str(folder), "--out", str(model)])
    assert trained.exit_code == 0, trained.output
    assert model.exists()
    predicted = runner.invoke(main, ["stance-fnc", str(folder / "train_stances.csv"), str(folder / "train_bodies.csv"),
                                     "--out", str(tmp_path / "p.csv"), "--model", str(model)])
    assert predicted.exit_code == 0, predicted.output


def test_cli_check_without_store_says_how_to_make_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", "Some claim", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "claimtrace ingest" in result.output


def test_cli_check_lists_related_documents(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "denial.txt").write_text(
        "Ministry denies frigate sale\n\nReports that the frigate Aurora was sold to Chile are false, the defence "
        "ministry said on Tuesday. A spokesman denied any sale and called the story a hoax.\n", encoding="utf-8")
    db = tmp_path / "kb.db"
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(corpus), "--db", str(db), "--quiet"]).exit_code == 0
    result = runner.invoke(main, ["check", "Navy frigate Aurora sold to Chile", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Ministry" in result.output and "Aurora" in result.output
    assert any(stance in result.output for stance in ("agree", "disagree", "discuss"))
