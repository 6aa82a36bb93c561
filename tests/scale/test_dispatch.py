"""Distributed ingest on local Dask clusters (``--workers``): the same store as one process, and worker deaths."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from click.testing import CliRunner
from distributed import default_client

from claimtrace.cli import main
from claimtrace.ingest import ingest
from claimtrace.options import Options
from claimtrace.store import open_store
from tests.scale.conftest import REPORTS, SMALL_BATCH, store_rows


def test_two_workers_write_the_store_one_process_writes(scale_corpus: Path, single_process_store: Path,
                                                        tmp_path: Path) -> None:
    db = tmp_path / "distributed.db"
    result = CliRunner().invoke(main, ["ingest", str(scale_corpus), "--db", str(db), "--workers", "2", "--quiet"])
    assert result.exit_code == 3, result.output  # the empty file and the bad JSONL line
    assert store_rows(db) == store_rows(single_process_store)
    with open_store(db) as store:
        by_name = {row.name: row for row in store.documents()}
        republished = store.load_document(by_name["z-republished"].id)
        original = store.load_document(by_name["a-001"].id)
        counts = store.counts()
    # The comparison covers what only the writer can decide: a near-duplicate of a document in an
    # earlier batch (not analysed), a copy skipped by content, a feed read in line ranges.
    assert republished.segments[0].duplicate_of == original.segments[0].id
    assert republished.event_claims == [] and original.event_claims != []
    assert {"feed-0", "feed-4"} <= set(by_name)
    assert counts["documents"] == REPORTS + 9 + 5 + 1 and counts["rejected"] == 2


def test_a_worker_killed_mid_run_loses_nothing(scale_corpus: Path, single_process_store: Path,
                                               tmp_path: Path) -> None:
    killed: list[int] = []
    finished: list[str] = []

    def kill_a_worker_on_the_third_input(origin: str) -> None:
        finished.append(origin)
        if len(finished) == 3:
            pids = default_client().run(os.getpid)  # the run's own client: {worker address: pid}
            killed.append(min(pids.values()))
            os.kill(killed[0], signal.SIGKILL)

    db = tmp_path / "killed.db"
    with open_store(db) as store:
        report = ingest([scale_corpus], store, Options(progress=False, batch_size=SMALL_BATCH, workers=2),
                        on_progress=kill_a_worker_on_the_third_input)
    assert killed
    assert report.retried, "the killed worker held documents: they are analysed again, alone"
    assert len(finished) == len(set(finished)), "every input is finished once"
    assert len(report.stored) == len(set(report.stored))
    assert [r.reason.split(":")[0] for r in report.rejected] == ["empty input", "bad JSONL record"]
    assert store_rows(db, numbering=False) == store_rows(single_process_store, numbering=False)
