"""Distributed ingest: reading and analysis on a Dask cluster, one writer in this process.

``ingest(paths, store, Options(workers=2))`` starts two local worker processes;
``Options(scheduler="tcp://host:8786")`` uses a running cluster, whose workers
must have claimtrace installed. Both run the batches of the single-process ingest
(:mod:`claimtrace.batch`), admitted in the same order, so the store comes out the
same. ``cluster`` starts or reaches the cluster; ``dispatch`` moves the batches
through it. Needs the ``scale`` extra (``dask[distributed]``).
"""

from claimtrace.scale.dispatch import ingest_on_cluster

__all__ = ["ingest_on_cluster"]
