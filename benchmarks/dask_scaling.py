"""Parallel efficiency of the distributed ingest (issue 8): one process, one Dask worker, two.

Usage (from the repository root; needs the ``scale`` extra):

    .venv/bin/python benchmarks/dask_scaling.py [--docs 1000] [--seed 0] [--corpus DIR] [--runs 0,1,2]
                                                [--embeddings on|off]

Generates ``--docs`` synthetic articles (benchmarks/synthetic_corpus.py) into a temporary
folder, or reads the folder ``--corpus``, then ingests it into a fresh SQLite store once per
entry of ``--runs``: 0 is the single-process ingest, N a local cluster of N worker processes
(``Options(workers=N)``, one thread each). For each run it prints

- total: the whole ``ingest()`` call (starting the cluster, reading, analysis, writing, linking);
- analysis: reading, analysis and writing only, from the first batch to the last document
  written (the single-process run loads its models before the clock starts, as workers do
  while the cluster starts);
- start: starting the cluster and loading the model on every worker;
- writer: the time this process spent admitting and writing, within the analysis phase;
- link: linking the corpus, which runs in this process after the analysis in every case;
- CPU: seconds of CPU this process used in the whole call (and in the analysis phase), and
  the workers from the end of their start to the end of the run: the same work on one worker
  or two should take the same CPU, so these show the cost of distributing apart from how the
  shared cores were divided;
- busy: the share of the analysis phase the workers spent running tasks (Dask's task stream):
  below 100 % they waited for work, from this process.

From the CPU seconds it also estimates the efficiency on two cores of our own:
one worker's CPU / (two workers' CPU + this process's CPU in the analysis), this process
then sharing the two cores with the workers.

and the parallel efficiency T1 / (2 x T2) of one worker against two, for the analysis phase
and end to end. The stores of all runs are checked to hold the same documents. The machine
is shared: the load average before and after each run is printed too. ``--embeddings off``
leaves out sentence similarity in every run: no evidence sentence is encoded (on the workers,
beside the analysis) and linking groups without it.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import get_task_stream

from claimtrace import ingest as ingest_module
from claimtrace.analyse.resources import load_resources
from claimtrace.options import Options
from claimtrace.read.language import language_detector
from claimtrace.scale import dispatch
from claimtrace.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic_corpus import write_corpus  # noqa: E402  (benchmarks/ is not a package on the path)


@dataclass(slots=True)
class Timings:
    total: float = 0.0
    analysis: float = 0.0
    start: float = 0.0
    writer: float = 0.0
    link: float = 0.0
    stored: int = 0
    load: tuple[float, float] = (0.0, 0.0)  # load average before and after
    client_cpu: float = 0.0
    analysis_cpu: float = 0.0  # this process, in the analysis phase
    worker_cpu: float = 0.0
    busy: float = 0.0


@contextmanager
def _timed(owner: Any, name: str, add: Callable[[float], None],
           clock: Callable[[], float] = time.perf_counter) -> Iterator[None]:
    """Wrap ``owner.name`` so that each call adds its duration on ``clock`` through ``add``."""
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        began = clock()
        try:
            return original(*args, **kwargs)
        finally:
            add(clock() - began)

    setattr(owner, name, timed)
    try:
        yield
    finally:
        setattr(owner, name, original)


def run(corpus: Path, workers: int, db: Path) -> Timings:
    timings = Timings(load=(os.getloadavg()[0], 0.0))

    def add(name: str) -> Callable[[float], None]:
        def adder(seconds: float) -> None:
            setattr(timings, name, getattr(timings, name) + seconds)
        return adder

    began, cpu = time.perf_counter(), time.process_time()
    with (_timed(ingest_module.Writer, "admit", add("writer")), _timed(ingest_module.Writer, "write", add("writer")),
          _timed(ingest_module, "link_corpus", add("link")), _timed(dispatch.ClusterRun, "run", add("analysis")),
          _timed(dispatch.ClusterRun, "run", add("analysis_cpu"), time.process_time),
          _clock_cluster_start(timings), open_store(db) as store):
        report = ingest_module.ingest([corpus], store, Options(progress=False, workers=workers))
    timings.total = time.perf_counter() - began
    timings.client_cpu = time.process_time() - cpu
    if workers == 0:
        timings.analysis = timings.total - timings.link
    timings.stored = len(report.stored)
    timings.load = (timings.load[0], os.getloadavg()[0])
    return timings


@contextmanager
def _clock_cluster_start(timings: Timings) -> Iterator[None]:
    """Time from asking for the cluster to having it (workers up, model loaded on each)."""
    original = dispatch.cluster_client

    @contextmanager
    def clocked(options: Options) -> Iterator[Any]:
        began = time.perf_counter()
        with original(options) as client:
            timings.start = time.perf_counter() - began
            before = client.run(_cpu_seconds)
            with get_task_stream(client) as stream:
                yield client
            after = client.run(_cpu_seconds)
            timings.worker_cpu = sum(seconds - before.get(worker, 0.0) for worker, seconds in after.items())
            computing = sum(period["stop"] - period["start"] for task in stream.data
                            for period in task["startstops"] if period["action"] == "compute")
            timings.busy = computing / (timings.analysis * len(after))

    dispatch.cluster_client = clocked
    try:
        yield
    finally:
        dispatch.cluster_client = original


def _cpu_seconds() -> float:
    return time.process_time()


def _documents(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as connection:
        return sorted(connection.execute("SELECT id, status FROM documents").fetchall())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", type=Path, help="ingest this folder instead of generating one")
    parser.add_argument("--runs", default="0,1,2", help="comma-separated worker counts; 0 is one process")
    parser.add_argument("--embeddings", choices=["on", "off"], default="on")
    args = parser.parse_args(argv)
    if args.embeddings == "off":
        os.environ["CLAIMTRACE_EMBEDDINGS"] = "off"
    runs = [int(n) for n in args.runs.split(",")]
    with tempfile.TemporaryDirectory(prefix="dask-scaling-") as work:
        corpus = args.corpus or Path(work) / "corpus"
        if args.corpus is None:
            write_corpus(corpus, args.docs, seed=args.seed)
        language_detector(), load_resources()  # what workers load as they start, loaded before any clock starts
        print(f"corpus {corpus}: {sum(1 for p in corpus.rglob('*') if p.is_file())} files; {os.cpu_count()} cores; "
              f"workers: one thread each, window {dispatch.WINDOW_PER_THREAD} batches per thread")
        print(f"{'run':>12} {'stored':>6} {'total s':>8} {'start s':>8} {'analysis s':>10} {'docs/s':>7} "
              f"{'writer s':>8} {'link s':>7} {'CPU here':>8} {'analysis':>8} {'workers':>7} {'busy':>5} {'load avg':>12}")
        results: dict[int, Timings] = {}
        contents = set()
        for workers in runs:
            db = Path(work) / f"run-{workers}.db"
            timings = results[workers] = run(corpus, workers, db)
            contents.add(tuple(_documents(db)))
            name = "one process" if workers == 0 else f"{workers} worker{'s' * (workers > 1)}"
            on_cluster = (f"{timings.analysis_cpu:>8.1f} {timings.worker_cpu:>7.1f} {timings.busy:>5.0%}" if workers
                          else f"{'-':>8} {'-':>7} {'-':>5}")
            print(f"{name:>12} {timings.stored:>6} {timings.total:>8.1f} {timings.start:>8.1f} "
                  f"{timings.analysis:>10.1f} {timings.stored / timings.analysis:>7.2f} {timings.writer:>8.1f} "
                  f"{timings.link:>7.1f} {timings.client_cpu:>8.1f} {on_cluster} "
                  f"{timings.load[0]:>5.1f} {timings.load[1]:>5.1f}", flush=True)
        print("stores hold the same documents" if len(contents) == 1 else "STORES DIFFER")
        if 1 in results and 2 in results:
            one, two = results[1], results[2]
            print(f"parallel efficiency T1 / (2 x T2): analysis {one.analysis / (2 * two.analysis):.2f}, "
                  f"end to end {one.total / (2 * two.total):.2f}; worker CPU, one / two: "
                  f"{one.worker_cpu / two.worker_cpu:.2f}; on two cores of our own (from CPU seconds): "
                  f"{one.worker_cpu / (two.worker_cpu + two.analysis_cpu):.2f}")
    return 0 if len(contents) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
