"""The Dask cluster a distributed ingest runs on: worker processes started here, or a running scheduler.

Workers started here (``--workers N``) have one thread each: spaCy holds the GIL
for most of a parse, so threads would share one core; OMP/MKL/OpenBLAS get one
thread too. Dask's nanny would also make glibc hand freed memory back at 64 KB
(``MALLOC_TRIM_THRESHOLD_``), which costs a parse about a tenth more CPU, so these
workers keep glibc's default. Their scheduler fails a task with ``KilledWorker``
the first time a worker dies under it, and the ingest retries it alone (see
:mod:`claimtrace.scale.dispatch`). A running scheduler (``--scheduler``) keeps its
own ``distributed.scheduler.allowed-failures``: there a task that kills its worker
is tried that many times more before the ingest's own retry.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from claimtrace.analyse.resources import load_resources
from claimtrace.errors import ClusterError, Messages
from claimtrace.options import Options
from claimtrace.read.language import language_detector

CONNECT_TIMEOUT_S = 10
WORKERS_TIMEOUT_S = 60.0  # how long a run waits for a first worker, or for one again when all are gone
LOCAL_CLUSTER_CONFIG = {
    "distributed.scheduler.allowed-failures": 0,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
}


class WorkerResources(WorkerPlugin):
    """Loads the language detector, spaCy model, gazetteer and ontology when a worker starts (and after a
    restart), once per process, so that no batch waits for them."""

    name = "claimtrace-worker-resources"
    idempotent = True  # a second ingest on the same cluster finds them loaded

    def setup(self, worker: object) -> None:
        language_detector()
        load_resources()


@contextmanager
def cluster_client(options: Options) -> Iterator[Client]:
    """A client of the cluster the options ask for, with every worker loading the analysis resources.

    Raises ClusterError when the cluster cannot be started or reached (E071), or
    has no worker (E072). Closes what it started on exit.
    """
    with ExitStack() as stack:
        if options.scheduler:
            where = f"at {options.scheduler}"
            client = _connect(stack, options.scheduler, where)
        else:
            where = f"of {options.workers} local workers"
            cluster = _start(stack, options.workers, where)
            client = _connect(stack, cluster, where)
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except TimeoutError:
            raise ClusterError(Messages.E072.format(address=client.scheduler.address,
                                                    seconds=WORKERS_TIMEOUT_S)) from None
        try:
            client.register_plugin(WorkerResources())
        except Exception as error:  # raised on a worker: most likely claimtrace is not installed there
            raise ClusterError(Messages.E071.format(doing="load claimtrace on", where=where,
                                                    detail=f"{type(error).__name__}: {error}")) from error
        yield client


def _start(stack: ExitStack, workers: int, where: str) -> LocalCluster:
    try:
        with dask.config.set(LOCAL_CLUSTER_CONFIG):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
    except (OSError, RuntimeError, TimeoutError) as error:
        raise ClusterError(Messages.E071.format(doing="start", where=where, detail=error)) from error
    return stack.enter_context(cluster)


def _connect(stack: ExitStack, address: str | LocalCluster, where: str) -> Client:
    # Results come straight from the worker that holds them, not through the scheduler; where this
    # process cannot reach the workers, Dask's config "distributed.client.direct-to-workers: false" says so.
    direct = dask.config.get("distributed.client.direct-to-workers")
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, direct_to_workers=True if direct is None else direct)
    except (OSError, TimeoutError, ValueError) as error:
        raise ClusterError(Messages.E071.format(doing="reach", where=where, detail=error)) from error
    return stack.enter_context(client)
