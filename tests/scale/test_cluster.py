"""Distributed ingest on a running cluster (``--scheduler``), a document that kills its worker, and bad requests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client

from claimtrace.cli import main
from claimtrace.errors import ClusterError
from claimtrace.ingest import IngestReport, ingest
from claimtrace.options import Options
from claimtrace.store import open_store
from tests.scale.conftest import free_port, report_text, store_rows
from tests.scale.faults import DEADLY_NAME, MARKER, DeadlyInputs


def test_scheduler_option_ingests_on_that_cluster(scheduler_address: str, scale_corpus: Path,
                                                  single_process_store: Path, tmp_path: Path) -> None:
    db = tmp_path / "remote.db"
    result = CliRunner().invoke(main, ["ingest", str(scale_corpus), "--db", str(db), "--scheduler",
                                       scheduler_address, "--quiet"])
    assert result.exit_code == 3, result.output
    assert "stored" in result.output
    assert store_rows(db) == store_rows(single_process_store)


def test_inputs_that_kill_their_worker_every_time_are_rejected(scheduler_address: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(5):
        (corpus / f"a-{number}.txt").write_text(report_text(number), encoding="utf-8")
    deadly = corpus / "b-deadly.txt"  # in the second batch of three, with a-3 and a-4
    deadly.write_text(deadly_text(50), encoding="utf-8")
    unreadable = corpus / f"c-{DEADLY_NAME}.txt"  # the third batch, alone
    unreadable.write_text(report_text(51), encoding="utf-8")
    report, stored = ingest_with_deadly_inputs(scheduler_address, corpus, tmp_path / "kb.db")
    assert rejected(report) == {
        (str(unreadable), f"worker died: {unreadable}: the Dask worker reading"),
        (str(deadly), f"worker died: {deadly}: the Dask worker analysing"),
    }
    assert stored == {f"a-{number}" for number in range(5)}
    # The deadly document's batch-mates died with it once, and were stored when analysed alone.
    assert {str(corpus / "a-3.txt"), str(corpus / "a-4.txt"), str(deadly)} <= set(report.retried)


def test_a_batch_read_input_by_input_and_then_killed_in_analysis_keeps_its_innocent_document(
        scheduler_address: str, tmp_path: Path) -> None:
    # one batch: its reading dies (c), its inputs are read alone and the survivors analysed together,
    # which dies too (b): the lone readings' results went with those workers, so a-0 is read once more
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a-0.txt").write_text(report_text(0), encoding="utf-8")
    deadly = corpus / "b-deadly.txt"
    deadly.write_text(deadly_text(50), encoding="utf-8")
    unreadable = corpus / f"c-{DEADLY_NAME}.txt"
    unreadable.write_text(report_text(51), encoding="utf-8")
    report, stored = ingest_with_deadly_inputs(scheduler_address, corpus, tmp_path / "kb.db")
    assert rejected(report) == {
        (str(unreadable), f"worker died: {unreadable}: the Dask worker reading"),
        (str(deadly), f"worker died: {deadly}: the Dask worker analysing"),
    }
    assert stored == {"a-0"}


def deadly_text(number: int) -> str:
    """A report whose analysis kills the worker analysing it (DeadlyInputs)."""
    return report_text(number).replace("joint exercises", f"joint exercises ({MARKER})")


def ingest_with_deadly_inputs(scheduler_address: str, corpus: Path, db: Path) -> tuple[IngestReport, set[str]]:
    """Ingest the corpus in batches of three on the cluster, its workers dying on the deadly inputs;
    the report and the names of the documents stored."""
    with Client(scheduler_address) as client:
        client.register_plugin(DeadlyInputs())
        try:
            with open_store(db) as store:
                report = ingest([corpus], store, Options(progress=False, batch_size=3, scheduler=scheduler_address))
                return report, {row.name for row in store.documents()}
        finally:
            client.unregister_worker_plugin(DeadlyInputs.name)


def rejected(report: IngestReport) -> set[tuple[str, str]]:
    return {(r.origin, r.reason.split(" it died")[0]) for r in report.rejected}


@pytest.mark.parametrize(("options", "message"), [
    (Options(workers=2, scheduler="tcp://127.0.0.1:8786"), "give one of them"),
    (Options(workers=-1), "--workers -1: give 1 or more"),
])
def test_bad_cluster_options_are_refused_before_anything_runs(options: Options, message: str,
                                                              tmp_path: Path) -> None:
    with open_store(tmp_path / "kb.db") as store, pytest.raises(ClusterError, match=message):
        ingest([tmp_path], store, options)


def test_cli_says_when_the_scheduler_cannot_be_reached(tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{free_port()}"
    (tmp_path / "note.txt").write_text(report_text(1), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "note.txt"), "--db", str(tmp_path / "kb.db"),
                                       "--scheduler", address, "--quiet"])
    assert result.exit_code == 1
    assert f"cannot reach the Dask cluster at {address}" in result.output


def test_cli_refuses_zero_workers(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "kb.db"), "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output


def test_cli_names_the_extra_when_dask_is_missing(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text(report_text(2), encoding="utf-8")
    without_dask = ("import sys; sys.modules['distributed'] = None; from claimtrace.cli import main; "
                    "main(sys.argv[1:])")
    result = subprocess.run([sys.executable, "-c", without_dask, "ingest", str(tmp_path / "note.txt"), "--db",
                             str(tmp_path / "kb.db"), "--workers", "2", "--quiet"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert "pip install 'claimtrace[scale]'" in result.stderr
