"""Batches through a Dask cluster: read and analysed on the workers, admitted and written here.

Each batch is three tasks. ``prepare_batch`` reads, segments and signs it on a
worker, which keeps the result; its brief (hashes and signatures, no text) comes
here, where the writer admits batches strictly in input order; ``analyse_batch``
then runs on the worker that holds the prepared batch, and the analysed documents
come back here, to be written in input order too, so the store is the one a
single process writes, row for row. At most ``WINDOW_PER_THREAD`` batches per
worker thread are between reading and writing, so memory does not grow with the
corpus.

A worker that dies fails the tasks it held (``KilledWorker``), and every task it
held is retried alone on the cluster, so that a second death names its cause:
- a batch whose reading failed so stops the admission (later batches wait for it):
  once nothing else runs, each of its inputs is read alone; one that kills its
  worker again is rejected (E073), the others are admitted and analysed as one batch;
- a batch whose analysis failed so has each of its documents analysed alone after
  the rest of the run (and written then); one that kills its worker again is
  rejected (E073), and no other document shares the blame: when the task that died
  was the batch's reading (its result lost with a worker), the batch is read again
  and the document's analysis retried.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from distributed import Client, Future, KilledWorker, wait

from claimtrace.batch import Admission, BatchBrief, PreparedBatch, analyse_batch, prepare_batch
from claimtrace.errors import ClusterError, Messages
from claimtrace.ingest import Writer
from claimtrace.model import Document, Rejection
from claimtrace.options import Options
from claimtrace.read.parts import InputBatch
from claimtrace.scale.cluster import WORKERS_TIMEOUT_S, cluster_client

WINDOW_PER_THREAD = 3  # batches between reading and writing, per worker thread: enough that none waits
READINGS_ALONE = 3  # lone analyses of a document whose batch's reading keeps dying with a worker, then it is given up
POLL_S = 2.0  # how often a wait looks whether any worker is left


def ingest_on_cluster(batches: Iterable[InputBatch | Rejection], writer: Writer, options: Options) -> None:
    """Read and analyse the batches on the cluster the options name; the writer admits and writes them here."""
    with cluster_client(options) as client:
        ClusterRun(client, writer, options).run(batches)


@dataclass(slots=True)
class _Batch:
    """A batch on the cluster and how far it got."""

    batch: InputBatch
    prepared: Future | None = None
    briefing: Future | None = None
    brief: BatchBrief | None = None
    admission: Admission | None = None


class ClusterRun:
    """One ingest run on a cluster, this process being its only writer."""

    def __init__(self, client: Client, writer: Writer, options: Options) -> None:
        self.client = client
        self.writer = writer
        self.options = options
        self._run_id = uuid.uuid4().hex[:8]
        self._to_admit: deque[_Batch] = deque()  # read or being read, in input order
        self._pending: dict[Future, _Batch] = {}  # briefs and analyses under way
        self._open = 0  # batches read or being read and not yet written
        self._to_write: dict[int, list[Document | Rejection]] = {}  # analysed, by batch number
        self._next_to_write = 0
        self._read_alone: list[_Batch] = []  # reading died with its worker: each input again, alone
        self._retry: list[_Batch] = []  # analysis died with its worker: each document again, alone

    def run(self, batches: Iterable[InputBatch | Rejection]) -> None:
        planned = iter(batches)
        while True:
            if not self._read_alone:  # a lone read waits until nothing else runs
                self._fill_window(planned)
            if self._pending:
                for future in self._wait(list(self._pending)):
                    self._finished(future, self._pending.pop(future))
            elif self._read_alone:
                self._read_inputs_alone(self._read_alone.pop(0))
            else:
                break
            self._admit_in_order()
        for batch in self._retry:
            self._analyse_alone(batch)

    def _fill_window(self, planned: Iterator[InputBatch | Rejection]) -> None:
        window = self._window()
        while self._open < window and (item := next(planned, None)) is not None:
            if isinstance(item, Rejection):
                self.writer.reject(item)
            else:
                self._to_admit.append(self._read(_Batch(item)))
                self._open += 1

    def _window(self) -> int:
        """How many batches may be between reading and writing: workers of a running cluster come and go."""
        return max(2, WINDOW_PER_THREAD * sum(self.client.nthreads().values()))

    def _read(self, batch: _Batch) -> _Batch:
        batch.prepared, batch.briefing = self._submit_read(batch.batch, f"{batch.batch.number}")
        self._pending[batch.briefing] = batch
        return batch

    def _submit_read(self, batch: InputBatch, name: str) -> tuple[Future, Future]:
        name = f"{self._run_id}-{name}"
        prepared = self.client.submit(prepare_batch, batch, self.options, key=f"claimtrace-prepare-{name}")
        return prepared, self.client.submit(PreparedBatch.brief, prepared, key=f"claimtrace-brief-{name}")

    def _finished(self, future: Future, batch: _Batch) -> None:
        if future is batch.briefing:
            batch.briefing = None
            if _worker_died(future):
                batch.prepared = None
                self._read_alone.append(batch)
            else:
                batch.brief = future.result()
            return
        if _worker_died(future):
            self._retry.append(batch)
            self._written(batch)
        else:
            batch.prepared = None
            self._written(batch, future.result())

    def _written(self, batch: _Batch, outcomes: list[Document | Rejection] | None = None) -> None:
        """Fill the batch's place in the order of writing; write every batch whose turn has come."""
        self._to_write[batch.batch.number] = outcomes or []
        while self._next_to_write in self._to_write:
            self.writer.write(self._to_write.pop(self._next_to_write))
            self._next_to_write += 1
            self._open -= 1

    def _admit_in_order(self) -> None:
        while self._to_admit and self._to_admit[0].brief is not None:
            batch = self._to_admit.popleft()
            assert batch.brief is not None
            batch.admission = self.writer.admit(batch.brief)
            if not batch.admission.marks:
                batch.prepared = None
                self._written(batch)
                continue
            future = self.client.submit(analyse_batch, batch.prepared, batch.admission, self.options, priority=1,
                                        key=f"claimtrace-analyse-{self._run_id}-{batch.batch.number}")
            self._pending[future] = batch

    def _read_inputs_alone(self, batch: _Batch) -> None:
        """Read each input of the batch as the only task on the cluster; the batch is the inputs that survive."""
        survivors, entries = [], []
        for number, part in enumerate(batch.batch.parts):
            self.writer.retried(part.origin)
            _, briefing = self._submit_read(InputBatch(batch.batch.number, (part,)),
                                            f"{batch.batch.number}-alone-{number}")
            self._wait([briefing])
            if _worker_died(briefing):
                self.writer.reject(Rejection(part.origin, Messages.E073.format(origin=part.origin, doing="reading")))
            else:
                survivors.append(part)
                entries.extend(briefing.result().entries)
        # read together again (a batch reads as its parts one after another): the lone readings' results
        # may be lost with a worker that a later input kills
        batch.batch = InputBatch(batch.batch.number, tuple(survivors))
        batch.prepared, _ = self._submit_read(batch.batch, f"{batch.batch.number}-survivors")
        batch.brief = BatchBrief(batch.batch.number, tuple(entries))

    def _analyse_alone(self, batch: _Batch) -> None:
        """Analyse each document of the batch as the only task on the cluster, so a death names its cause."""
        assert batch.admission is not None and batch.brief is not None
        readings = 0
        for index in batch.admission.marks:
            origin = batch.brief.entries[index].origin
            self.writer.retried(origin)
            for attempt in range(1, READINGS_ALONE + 1):
                if batch.prepared is None or batch.prepared.status != "finished":
                    # read again under a new key: a scheduler fails a task that was running on a worker
                    # that died, and every task that needs it, so that reading cannot be asked again
                    readings += 1
                    batch.prepared, _ = self._submit_read(batch.batch, f"{batch.batch.number}-again-{readings}")
                future = self.client.submit(analyse_batch, batch.prepared, batch.admission.only(index), self.options,
                                            key=f"claimtrace-alone-{self._run_id}-{batch.batch.number}-{index}-{attempt}")
                self._wait([future])
                if not _worker_died(future):
                    self.writer.write(future.result())
                    break
                if _died_in(future) == future.key or attempt == READINGS_ALONE:
                    self.writer.reject(Rejection(origin, Messages.E073.format(origin=origin, doing="analysing")))
                    break
                batch.prepared = None  # its reading died with a worker, another input's doing: read again
        batch.prepared = None

    def _wait(self, futures: list[Future]) -> set[Future]:
        """The futures that are done, once one is; ClusterError when the cluster has had no worker for too long."""
        without_workers: float | None = None
        while True:
            try:
                done, _ = wait(futures, timeout=POLL_S, return_when="FIRST_COMPLETED")
                return done
            except TimeoutError:
                if self.client.nthreads():
                    without_workers = None
                    continue
                without_workers = without_workers or time.monotonic()
                if time.monotonic() - without_workers > WORKERS_TIMEOUT_S:
                    raise ClusterError(Messages.E072.format(address=self.client.scheduler.address,
                                                            seconds=WORKERS_TIMEOUT_S)) from None


def _died_in(future: Future) -> object:
    """The key of the task whose worker died, failing this future: its own, or one it needed."""
    error = future.exception()
    assert isinstance(error, KilledWorker)
    return error.task


def _worker_died(future: Future) -> bool:
    """Whether the task failed because its worker died; any other failure is raised, as it would be in-process."""
    if future.status == "finished":
        return False
    error = future.exception()
    if isinstance(error, KilledWorker):
        return True
    raise error
